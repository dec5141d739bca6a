"""Near-duplicate postings: the same job reposted under a new id, or listed by two sources.

Pure: no database, no clock. ``warehouse/dedup.py`` feeds it the stored postings and keeps what
it returns in ``core.posting_links``. Two postings are duplicates when all four rules hold:

- **company**: their normalised companies (``company_key``) are equal, and both name one;
- **title**: their titles agree (``titles_agree``). An HN comment has no title: the roles its
  header names stand in for one ("Acme | Android Engineer | ..." and "Acme | iOS Engineer |
  ..." on one template are two jobs). Where either side has none, the text alone decides;
- **text**: the estimated Jaccard similarity of their descriptions' 5-word shingles (links
  dropped, numbers read as one word, see ``words``) is at least ``THRESHOLD`` (0.7);
- **time**: two HN postings only within one thread month (each monthly thread is a census of
  its month: a company posting the same job twice in one thread); an HN posting and a job-board
  posting only when the board's listing window overlaps the thread month; two job-board
  postings when their listing windows (first published or seen .. last seen) overlap or lie at
  most ``BOARD_GAP`` (31 days) apart.

Candidate pairs come from a MinHash LSH index (datasketch), so linking is not quadratic in the
number of postings. Pairs are grouped into connected components (union-find), strongest pair
first; a merge that would put HN postings of two thread months into one group is skipped, so
every HN month keeps its own census. A group's canonical posting is the earliest (first
published or seen), then the smallest key. ``source_canonical_key`` is the same grouping built
from the pairs within one source only.

    sigs = signatures(texts)                       # once per posting content; stored
    links = link_postings(items, sigs)             # every run, over all postings
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

# ---------------------------------------------------------------- the rule's parameters

SHINGLE = 5  # words per shingle
NUM_PERM = 128  # MinHash permutations: the Jaccard estimate's standard error is ~0.04 at 0.7
SEED = 1
SCHEME = "affine32"
# Estimated Jaccard of the description shingles at or above which two postings are the same job.
# Read off the real HN and job-board data (README, "De-duplication"): with the company, title and
# time rules applied, pairs from 0.7 up were reposts with a line or two edited (or one job
# listed once per city); between 0.6 and 0.7 about a third were different jobs on one template.
THRESHOLD = 0.7
# The LSH index is tuned to this lower similarity so that it misses almost no pair at THRESHOLD
# (25 bands of 5 rows: a pair at 0.7 shares a band with probability 0.99, at 0.6 0.87; tuned to
# 0.7 itself it would find a pair at 0.7 only 44% of the time). Its candidates are then checked.
INDEX_THRESHOLD = 0.5
BOARD_GAP = timedelta(days=31)  # job-board listing windows this far apart may still be one job
# Stored signatures made under another version are recomputed: bump it when anything above
# SHINGLE..SCHEME or ``words`` changes.
VERSION = f"words-1/k{SHINGLE}/p{NUM_PERM}/s{SEED}/{SCHEME}"


# ---------------------------------------------------------------- companies and titles

# Legal forms, dropped from the end of a company's name.
_LEGAL = frozenset(
    """
    inc incorporated llc llp lp ltd limited corp corporation co company plc gmbh mbh ag kg ug
    kgaa ohg gbr ev se sa sas sarl srl spa bv nv ab oy oyj as asa aps pty pte pvt sl sro sp zoo
    kk
    """.split()
)
_TLD = re.compile(r"(?<=[a-z0-9])\.(com|io|ai|co|dev|app|net|org|so|sh|tech|xyz|us|de|eu|cloud)\b")
_URL = re.compile(r"(https?://|www\.)\S+")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def _fold(text: str) -> str:
    """Lowercase text with accents dropped (Zürich -> zurich, ß -> ss)."""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=1 << 16)  # every run normalises every posting's company again
def company_key(name: str | None) -> str | None:
    """The normalised company: comparable across sources, or None when nothing is left.

    Lowercased and accent-folded; parenthesised notes ("(YC S19)", "(https://acme.com)",
    "(formerly X)"), links, a leading "the", trailing legal forms (Inc, LLC, GmbH & Co. KG, Ltd,
    ...) and a domain ending (acme.io) dropped; "&" read as "and"; then every space and
    punctuation mark squashed out, so "Acme, Inc.", "ACME Inc" and "acme.io" are all ``acme``
    and the board token "PrimeIntellect" meets "Prime Intellect".
    """
    if not name:
        return None
    text = _fold(name)
    # twice: a note may hold another, "(formerly Foo (Berlin))"
    text = _URL.sub(" ", _BRACKETS.sub(" ", _BRACKETS.sub(" ", text)))
    text = _TLD.sub("", text.replace("&", " and "))
    words = _WORD.findall(text)
    while len(words) > 1 and words[-1] in _LEGAL | {"and"}:
        words.pop()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    key = "".join(words)
    return key or None


_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "eng": "engineer",
    "engr": "engineer", "dev": "developer", "devs": "developer", "mgr": "manager",
    "swe": "software engineer", "sde": "software engineer", "fullstack": "full stack",
    "backend": "back end", "frontend": "front end",
}  # fmt: skip
_GENDER = re.compile(r"\b[mwfdx]\s*/\s*[mwfdx](\s*/\s*[mwfdx])?\b|\ball genders\b")
_TITLE_NOISE = re.compile(r"\b(full|part)[\s-]*time\b|\b(fully )?remote\b|\bhybrid\b|\bon-?site\b")
_FILLER = frozenset("a an the of for and with to in at our we are is hiring".split())


@lru_cache(maxsize=1 << 16)
def title_key(title: str | None) -> str | None:
    """A normalised job title, or None: lowercased; gender markers ("(m/w/d)"), work-mode words
    ("Remote", "Full-time"), long numbers (ids), filler words and punctuation dropped; common
    abbreviations spelt out (Sr -> senior, backend -> back end); plurals made singular
    ("Engineers" -> engineer); the words sorted, so word order does not matter."""
    if not title:
        return None
    text = _TITLE_NOISE.sub(" ", _GENDER.sub(" ", _fold(title)))
    found: set[str] = set()
    for word in _WORD.findall(text):
        for w in _ABBREVIATIONS.get(word, word).split():
            if w in _FILLER or (w.isdigit() and len(w) > 2):
                continue
            found.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return " ".join(sorted(found)) or None


def titles_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two postings' title sets (``title_key`` of the title, or of each role an HN
    header names) can belong to one job: True when either is empty (nothing to compare), else
    when at least half of all their titles are shared (so a repost that adds a role to a list
    of three still agrees, while "Android Engineer" and "iOS Engineer", or "Senior Engineer"
    and "Engineer", do not)."""
    if not a or not b:
        return True
    return len(a & b) * 2 >= len(a | b)


# ---------------------------------------------------------------- text shingles and MinHash

_NUMBER = re.compile(r"\b\d+\b")  # a whole token of digits: "2024", not "ec2"


def words(text: str) -> list[str]:
    """The words a posting's description is compared on: lowercased and accent-folded, links
    left out (a changed tracking parameter or apply link is no new job) and every number read
    as ``0`` (a changed date line, salary figure or "3+ years" neither)."""
    return _WORD.findall(_NUMBER.sub("0", _URL.sub(" ", _fold(text))))


# Odd 64-bit multipliers, one per position in a shingle: the shingle's hash is a position-weighted
# sum of its words' CRC-32s (wrapping), folded to 32 bits.
_POSITION = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)  # fmt: skip


def shingle_hashes(text: str, cache: dict[str, int] | None = None) -> np.ndarray:
    """32-bit hashes of the ``SHINGLE``-word shingles of ``text`` (a shorter text is one
    shingle; no words, none). Stable across processes and machines: signatures are stored."""
    tokens = words(text)
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    cache = {} if cache is None else cache
    try:
        found = [cache[t] for t in tokens]
    except KeyError:
        for t in tokens:
            if t not in cache:
                cache[t] = zlib.crc32(t.encode())
        found = [cache[t] for t in tokens]
    ids = np.array(found, dtype=np.uint64)
    k = min(SHINGLE, len(tokens))
    n = len(tokens) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h += ids[j : j + n] * _POSITION[j]
    return ((h >> np.uint64(32)) ^ (h & np.uint64(0xFFFFFFFF))).astype(np.uint32)


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
_A, _B = (np.asarray(p, dtype=np.uint32) for p in _TEMPLATE.permutations)
EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)  # the signature of no words


def _fmix32(h: np.ndarray) -> np.ndarray:
    # datasketch's "affine32" pre-mix (MurmurHash3's finalizer), on a whole array at once
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signatures(texts: Iterable[str], chunk: int = 64) -> np.ndarray:
    """MinHash signatures (one row of ``NUM_PERM`` uint32 per text) of the texts' shingles.

    The same values as datasketch's ``MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")``
    fed the shingle hashes (a test holds them equal), computed for ``chunk`` texts at a time in
    one numpy pass instead of one MinHash object per posting.
    """
    cache: dict[str, int] = {}
    rows: list[np.ndarray] = []
    batch: list[np.ndarray] = []

    def flush() -> None:
        sizes = np.array([len(h) for h in batch])
        out = np.tile(EMPTY, (len(batch), 1))
        filled = sizes > 0
        if filled.any():
            hv = _fmix32(np.concatenate([h for h in batch if len(h)]))
            # permutations x shingles: each text's shingles are one contiguous run per row
            phv = _A[:, None] * hv[None, :] + _B[:, None]
            starts = np.concatenate(([0], np.cumsum(sizes[filled])[:-1]))
            out[filled] = np.minimum.reduceat(phv, starts, axis=1).T
        rows.append(out)
        batch.clear()

    with np.errstate(over="ignore"):
        for text in texts:
            batch.append(shingle_hashes(text, cache))
            if len(batch) >= chunk:
                flush()
        if batch:
            flush()
    return np.concatenate(rows) if rows else np.empty((0, NUM_PERM), dtype=np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either text had no words)."""
    if (a == EMPTY).all() or (b == EMPTY).all():
        return 0.0
    return float(np.count_nonzero(a == b)) / NUM_PERM


def minhash(signature: np.ndarray) -> LeanMinHash:
    """A datasketch MinHash of a stored signature (for the LSH index)."""
    return LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME)


# ---------------------------------------------------------------- linking


@dataclass(frozen=True)
class Item:
    """What linking needs to know about one posting."""

    key: str  # 'source:source_id'
    source: str
    company_key: str | None
    titles: frozenset[str] = frozenset()  # title_key of the title, or of each HN header role
    hn_period: str | None = None  # the thread month of an HN posting; None for job boards
    start: datetime | None = None  # first known listed: min(posted_at, first_seen)
    end: datetime | None = None  # last known listed: max(posted_at, first_seen, last_seen)

    @property
    def order(self) -> tuple[datetime, str]:
        """Sort key of the canonical choice: earliest first, undated last, then the key."""
        return (self.start or _NEVER, self.key)


_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Link:
    """A posting's place in its group (a row of ``core.posting_links``)."""

    key: str
    company_key: str | None
    canonical_key: str
    source_canonical_key: str
    similarity: float  # estimated Jaccard to its canonical posting (1.0 for the canonical)


def item(
    source: str,
    source_id: str,
    company: str | None,
    titles: Iterable[str | None] = (),
    period: str | None = None,
    posted_at: datetime | None = None,
    first_seen: datetime | None = None,
    last_seen: datetime | None = None,
) -> Item:
    """An ``Item`` from a posting's stored fields: ``titles`` is its title, or for an HN comment
    (which has none) the roles its header names; ``period`` matters only for HN."""
    times = [t for t in (posted_at, first_seen) if t is not None]
    ends = [t for t in (posted_at, first_seen, last_seen) if t is not None]
    return Item(
        key=f"{source}:{source_id}",
        source=source,
        company_key=company_key(company),
        titles=frozenset(k for k in map(title_key, titles) if k),
        hn_period=period if source == "hn" else None,
        start=min(times) if times else None,
        end=max(ends) if ends else None,
    )


def _month(period: str) -> tuple[datetime, datetime]:
    year, month = (int(x) for x in period.split("-"))
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return start, end


def same_time(a: Item, b: Item) -> bool:
    """Whether two postings' times allow them to be one job (the time rule above)."""
    if a.hn_period is not None and b.hn_period is not None:
        return a.hn_period == b.hn_period
    if a.hn_period is not None or b.hn_period is not None:
        hn, board = (a, b) if a.hn_period is not None else (b, a)
        if board.start is None or board.end is None:
            return True  # an undated listing: the text alone decides
        month_start, month_end = _month(hn.hn_period)  # type: ignore[arg-type]
        return board.start < month_end and board.end >= month_start
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return True
    gap = max(a.start, b.start) - min(a.end, b.end)
    return gap <= BOARD_GAP


def may_link(a: Item, b: Item) -> bool:
    """The company, title and time rules (the text rule is the caller's)."""
    return (
        a.company_key is not None
        and a.company_key == b.company_key
        and titles_agree(a.titles, b.titles)
        and same_time(a, b)
    )


def _linkable(items: Sequence[Item], sigs: np.ndarray) -> list[int]:
    """Indexes of the postings that have a company, some words, and another posting they could
    link to by company and time: most have none (one HN comment per company and month), and
    leaving them out of the index keeps it small."""
    empty = (sigs == EMPTY).all(axis=1)
    hn_months: dict[tuple[str, str], int] = {}
    boards: dict[str, int] = {}
    companies: dict[str, int] = {}
    for i, it in enumerate(items):
        if it.company_key is None or empty[i]:
            continue
        companies[it.company_key] = companies.get(it.company_key, 0) + 1
        if it.hn_period is None:
            boards[it.company_key] = boards.get(it.company_key, 0) + 1
        else:
            month = (it.company_key, it.hn_period)
            hn_months[month] = hn_months.get(month, 0) + 1
    found = []
    for i, it in enumerate(items):
        if it.company_key is None or empty[i]:
            continue
        if it.hn_period is None:
            partners = companies[it.company_key] - 1
        else:
            partners = hn_months[(it.company_key, it.hn_period)] - 1 + boards.get(it.company_key, 0)
        if partners:
            found.append(i)
    return found


def candidate_pairs(
    items: Sequence[Item], sigs: np.ndarray, threshold: float = THRESHOLD
) -> set[tuple[int, int]]:
    """Index pairs (i < j) of postings of one company that share an LSH band bucket: those whose
    similarity is likely at least ``threshold`` (the index is tuned to ``INDEX_THRESHOLD`` or
    ``threshold``, the lower). Postings that cannot link (``_linkable``) are left out."""
    lsh = MinHashLSH(threshold=min(threshold, INDEX_THRESHOLD), num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i in _linkable(items, sigs):
            session.insert(i, minhash(sigs[i]), check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    # Each band's buckets hold the postings whose signatures agree on that band; reading them
    # directly finds every pair once per shared band, without a query per posting.
    for table in lsh.hashtables:
        for bucket in table:
            members = table.get(bucket)
            if len(members) < 2:
                continue
            by_company: dict[str, list[int]] = {}
            for i in members:
                by_company.setdefault(items[i].company_key, []).append(i)  # type: ignore[arg-type]
            for same in by_company.values():
                same.sort()
                pairs.update(
                    (same[x], same[y]) for x in range(len(same)) for y in range(x + 1, len(same))
                )
    return pairs


def duplicate_pairs(
    items: Sequence[Item], sigs: np.ndarray, threshold: float = THRESHOLD
) -> list[tuple[float, int, int]]:
    """(similarity, i, j) of every pair that passes all four rules, strongest first."""
    found = []
    for i, j in candidate_pairs(items, sigs, threshold):
        if not may_link(items[i], items[j]):
            continue
        s = similarity(sigs[i], sigs[j])
        if s >= threshold:
            found.append((s, i, j))
    found.sort(key=lambda p: (-p[0], *sorted((items[p[1]].key, items[p[2]].key))))
    return found


class _Groups:
    """Union-find over posting indexes that keeps each group's HN thread months."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.parent = list(range(len(items)))
        self.months = [{it.hn_period} - {None} for it in items]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if len(self.months[ri] | self.months[rj]) > 1:
            return False  # two HN months in one group: each month is its own census
        self.parent[rj] = ri
        self.months[ri] |= self.months[rj]
        return True


def _canonicals(items: Sequence[Item], pairs: Iterable[tuple[float, int, int]]) -> list[int]:
    groups = _Groups(items)
    for _, i, j in pairs:
        groups.union(i, j)
    best: dict[int, int] = {}
    for i, it in enumerate(items):
        root = groups.find(i)
        if root not in best or it.order < items[best[root]].order:
            best[root] = i
    return [best[groups.find(i)] for i in range(len(items))]


def link_postings(
    items: Sequence[Item], sigs: np.ndarray, threshold: float = THRESHOLD
) -> list[Link]:
    """Every posting's canonical posting, across all sources and within its own source.

    ``sigs[i]`` is the signature of ``items[i]``'s description. Deterministic: the same items
    and signatures give the same links, in any order.
    """
    if len(items) != len(sigs):
        raise ValueError(f"{len(items)} postings but {len(sigs)} signatures")
    pairs = duplicate_pairs(items, sigs, threshold)
    overall = _canonicals(items, pairs)
    within = _canonicals(items, (p for p in pairs if items[p[1]].source == items[p[2]].source))
    return [
        Link(
            key=it.key,
            company_key=it.company_key,
            canonical_key=items[overall[i]].key,
            source_canonical_key=items[within[i]].key,
            similarity=1.0 if overall[i] == i else similarity(sigs[i], sigs[overall[i]]),
        )
        for i, it in enumerate(items)
    ]
