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

Nor is it quadratic in one company's postings of one text (a staffing agency's template, the
same ad reposted for years): postings with equal signatures are indexed once, candidates are
only postings whose times lie within about ``BOARD_GAP`` of each other, and the groups are
built without listing every linked pair (``_cliques``, ``_group``) wherever the order of the
pairs cannot matter; the result is the same as joining every linked pair, strongest first.

    sigs = signatures(texts)                       # once per posting content; stored
    links = link_postings(items, sigs)             # every run, over all postings
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
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
# A domain ending ("acme.io"), also spaced off the name ("Acme .io": a name with a trailing
# space and then the ending). Dropped before links are, so that "Foowww.io" is "foowww" as
# "Foowww" is (not a link "www.io"), while a link loses only its ending before it goes.
_TLD = re.compile(
    r"(?<=[a-z0-9])\s*\.(com|io|ai|co|dev|app|net|org|so|sh|tech|xyz|us|de|eu|cloud)\b"
)
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
    text = _TLD.sub("", _BRACKETS.sub(" ", _BRACKETS.sub(" ", text)))
    text = _URL.sub(" ", text).replace("&", " and ")
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


@lru_cache(maxsize=1 << 12)
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


# Time spans in seconds narrow the candidates down before the time rule itself is checked: by a
# gap wider than the rule's (a day's margin for rounding), so that no pair it accepts is lost.
_NEAR = (BOARD_GAP + timedelta(days=1)).total_seconds()


def _seconds(it: Item) -> tuple[float, float]:
    """The times a posting stands for, as (from, to) in seconds: its thread month (HN), its
    listing window, or all time (an undated listing, or a thread month that does not parse)."""
    if it.hn_period is not None:
        try:
            start, end = _month(it.hn_period)
        except ValueError:
            return -np.inf, np.inf
        return start.timestamp(), end.timestamp()
    if it.start is None or it.end is None:
        return -np.inf, np.inf
    return _utc(it.start).timestamp(), _utc(it.end).timestamp()


def _utc(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)  # naive: as the rule reads it


def _near(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Position pairs (x, y), each once, of the spans ``lo[x]..hi[x]`` and ``lo[y]..hi[y]`` that
    lie at most ``_NEAR`` apart: every pair the time rule can accept is among them. Sorted by
    start, each span pairs with the ones starting after it and before its end plus the gap, so
    the work grows with the pairs found, not with the square of the spans."""
    order = np.argsort(lo, kind="stable")
    reach = np.searchsorted(lo[order], hi[order] + _NEAR, side="right")
    counts = np.maximum(reach - np.arange(1, len(order) + 1), 0)
    x = np.repeat(np.arange(len(order)), counts)
    y = x + 1 + np.arange(len(x)) - np.repeat(np.cumsum(counts) - counts, counts)
    return order[x], order[y]


class _Clique:
    """Postings of one company that pass the company, title and text rules pairwise: those of
    one text (signature) and one title set (``a``; ``b`` is None), or those of two such classes
    that agree (``a`` and ``b``, pairs across them). Which of its pairs link is up to the time
    rule alone."""

    __slots__ = ("a", "b", "similarity")

    def __init__(self, a: list[int], b: list[int] | None, similarity: float) -> None:
        self.a, self.b, self.similarity = a, b, similarity

    def members(self) -> list[int]:
        return self.a if self.b is None else self.a + self.b


def _cliques(items: Sequence[Item], sigs: np.ndarray, threshold: float) -> list[_Clique]:
    """Every pair that passes the company, title and text rules and shares an LSH band bucket,
    as cliques. Postings of one company with equal signatures are one *variant*: they pass the
    text rule with each other (similarity 1.0), and alike with any other posting, so the index
    holds each variant once. Two variants of one company are a candidate when they share a band
    bucket and their postings' times lie within about ``BOARD_GAP`` of each other. The work so
    grows with the distinct texts a company has around one time, not with its whole history."""
    variants: dict[tuple[str, bytes], int] = {}
    members: list[list[int]] = []
    for i in _linkable(items, sigs):
        v = variants.setdefault((items[i].company_key, sigs[i].tobytes()), len(members))  # type: ignore[arg-type]
        if v == len(members):
            members.append([])
        members[v].append(i)
    company = [items[m[0]].company_key for m in members]
    per_company: dict[str | None, int] = {}
    for c in company:
        per_company[c] = per_company.get(c, 0) + 1
    indexed = [v for v in range(len(members)) if per_company[company[v]] > 1]

    # the span of a variant: from its first posting's start to its last one's end
    lo = np.full(len(members), np.inf)
    hi = np.full(len(members), -np.inf)
    for v in indexed:
        for i in members[v]:
            a, b = _seconds(items[i])
            lo[v], hi[v] = min(lo[v], a), max(hi[v], b)
    found: list[np.ndarray] = [np.empty((0, 2), dtype=np.int64)]
    if indexed:
        lsh = MinHashLSH(threshold=min(threshold, INDEX_THRESHOLD), num_perm=NUM_PERM)
        with lsh.insertion_session() as session:
            for v in indexed:
                session.insert(v, minhash(sigs[members[v][0]]), check_duplication=False)
        # Each band's buckets hold the variants whose signatures agree on that band; reading
        # them directly finds the pairs without a query per variant. A pair is taken in the
        # first band it shares (``bucket``: each variant's bucket number in the bands so far,
        # a number of its own where it shares none), so it is listed once, not once per band.
        bucket = -1 - np.repeat(np.arange(len(members), dtype=np.int32)[:, None], lsh.b, axis=1)
        number = 0
        for band, table in enumerate(lsh.hashtables):
            for key in table:
                held = list(table.get(key))
                if len(held) < 2:
                    continue
                bucket[held, band] = number
                number += 1
                by_company: dict[str | None, list[int]] = {}
                for v in held:
                    by_company.setdefault(company[v], []).append(v)
                for same in by_company.values():
                    if len(same) < 2:
                        continue
                    group = np.array(same)
                    x, y = _near(lo[group], hi[group])
                    u, w = group[x], group[y]
                    if band:
                        fresh = ~(bucket[u, :band] == bucket[w, :band]).any(axis=1)
                        u, w = u[fresh], w[fresh]
                    found.append(np.stack([np.minimum(u, w), np.maximum(u, w)], axis=1))
    pairs = np.concatenate(found)

    # the text rule, on all candidates at once (``similarity``'s arithmetic)
    first = np.array([m[0] for m in members], dtype=np.int64)
    keep = []
    for at in range(0, len(pairs), 1 << 14):
        chunk = pairs[at : at + (1 << 14)]
        equal = np.count_nonzero(sigs[first[chunk[:, 0]]] == sigs[first[chunk[:, 1]]], axis=1)
        keep.append(equal.astype(np.float64) / NUM_PERM)
    similar = np.concatenate(keep) if keep else np.empty(0)
    pairs, similar = pairs[similar >= threshold], similar[similar >= threshold]
    if threshold <= 1.0:  # a variant's own postings: similarity 1.0
        own = np.array([v for v, m in enumerate(members) if len(m) > 1], dtype=np.int64)
        pairs = np.concatenate([np.stack([own, own], axis=1), pairs])
        similar = np.concatenate([np.ones(len(own)), similar])

    # the title rule: a variant's postings by title set (nearly always one: then on all pairs
    # at once, by the number of the set)
    classes: list[list[list[int]]] = []
    numbers: dict[frozenset[str], int] = {}
    for m in members:
        by_title: dict[frozenset[str], list[int]] = {}
        for i in m:
            by_title.setdefault(items[i].titles, []).append(i)
        classes.append(list(by_title.values()))
        for t in by_title:
            numbers.setdefault(t, len(numbers))
    titles = list(numbers)
    single = np.array(
        [numbers[items[c[0][0]].titles] if len(c) == 1 else -1 for c in classes], dtype=np.int64
    )
    a, b = single[pairs[:, 0]], single[pairs[:, 1]]
    simple = (a >= 0) & (b >= 0)
    combos, where = np.unique(a[simple] * len(titles) + b[simple], return_inverse=True)
    fits = np.array(
        [titles_agree(titles[c // len(titles)], titles[c % len(titles)]) for c in combos.tolist()],
        dtype=bool,
    )
    keep = ~simple
    keep[simple] = fits[where.reshape(-1)]
    cliques = []
    for (u, w), s, one in zip(
        pairs[keep].tolist(), similar[keep].tolist(), simple[keep].tolist(), strict=True
    ):
        if one:
            cliques.append(_Clique(classes[u][0], None if u == w else classes[w][0], s))
            continue
        for x, left in enumerate(classes[u]):
            for y, right in enumerate(classes[w]):
                if (u != w or x <= y) and titles_agree(
                    items[left[0]].titles, items[right[0]].titles
                ):
                    cliques.append(_Clique(left, None if u == w and x == y else right, s))
    return cliques


def _time_unions(
    items: Sequence[Item], part: Sequence[int], union: Callable[[int, int], object]
) -> None:
    """Join the postings of ``part`` (pairwise alike by every rule but time) into the groups
    the time rule makes of them, in O(n log n) rather than pair by pair: one thread month's HN
    postings are one group; an undated listing joins everything; dated listings chain when one
    starts at most ``BOARD_GAP`` after the ones before it end; a listing joins each thread
    month its window overlaps."""
    hn: dict[str, int] = {}
    dated: list[int] = []
    undated = None
    for i in part:
        it = items[i]
        if it.hn_period is not None:
            first = hn.setdefault(it.hn_period, i)
            if first != i:
                union(first, i)
        elif it.start is None or it.end is None:
            undated = i if undated is None else undated
        else:
            dated.append(i)
    if undated is not None:
        for i in part:
            if i != undated:
                union(undated, i)
        return
    dated.sort(key=lambda i: items[i].start)  # type: ignore[arg-type,return-value]
    head, reach = -1, None
    for i in dated:
        it = items[i]
        if reach is not None and it.start - reach <= BOARD_GAP:  # type: ignore[operator]
            union(head, i)
            reach = max(reach, it.end)  # type: ignore[type-var]
        else:
            head, reach = i, it.end
    if hn and dated:
        months = sorted((*_month(period), first) for period, first in hn.items())
        starts = [m[0] for m in months]
        ends = [m[1] for m in months]
        for i in dated:
            it = items[i]
            # the months that start before the listing ends and end after it starts
            for k in range(bisect_right(ends, it.start), bisect_right(starts, it.end)):
                union(i, months[k][2])


class _Groups:
    """Union-find over posting indexes that keeps each group's HN thread month (a group holds
    at most one); with ``months`` False, one that joins whatever it is asked to."""

    def __init__(self, items: Sequence[Item], months: bool = True) -> None:
        self.parent = list(range(len(items)))
        self.month = [it.hn_period for it in items] if months else [None] * len(items)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        mi, mj = self.month[ri], self.month[rj]
        if mi is not None and mj is not None and mi != mj:
            return False  # two HN months in one group: each month is its own census
        self.parent[rj] = ri
        self.month[ri] = mi if mi is not None else mj
        return True


def _group(items: Sequence[Item], cliques: Sequence[_Clique], same_source: bool) -> _Groups:
    """The groups that joining every linked pair, strongest first, makes (see ``_Groups``);
    of pairs within one source only when ``same_source``.

    Without the thread-month rule the order would not matter: the groups would be the connected
    components of the linked pairs, found here clique by clique (``_time_unions``) without
    listing the pairs. It matters only in a component holding HN postings of two or more
    months (tied together through job-board listings that overlap both): only there are the
    linked pairs listed, and joined strongest first."""
    free = _Groups(items, months=False)

    def parts(clique: _Clique) -> Iterable[list[int]]:
        if not same_source:
            return [clique.members()]
        by_source: dict[str, list[int]] = {}
        for i in clique.members():
            by_source.setdefault(items[i].source, []).append(i)
        return by_source.values()

    for clique in cliques:
        for part in parts(clique):
            root = free.find(part[0])
            if all(free.find(i) == root for i in part):
                continue  # one group already
            if len(part) == 2:
                if same_time(items[part[0]], items[part[1]]):
                    free.union(*part)
            else:
                _time_unions(items, part, free.union)

    components: dict[int, list[int]] = {}
    for i in sorted({i for clique in cliques for i in clique.members()}):
        components.setdefault(free.find(i), []).append(i)
    groups = _Groups(items)
    mixed: set[int] = set()
    for root, part in components.items():
        if len({items[i].hn_period for i in part} - {None}) > 1:
            mixed.add(root)
        else:
            for i in part:
                groups.union(root, i)  # at most one month: never refused
    if not mixed:
        return groups

    linked: list[tuple[float, int, int]] = []
    for clique in cliques:
        side = set(clique.a)
        for part in parts(clique):
            by_root: dict[int, list[int]] = {}
            for i in part:
                root = free.find(i)
                if root in mixed:
                    by_root.setdefault(root, []).append(i)
            for found in by_root.values():
                spans = np.array([_seconds(items[i]) for i in found]).reshape(-1, 2)
                for x, y in zip(*_near(spans[:, 0], spans[:, 1]), strict=True):
                    i, j = found[x], found[y]
                    if clique.b is not None and (i in side) == (j in side):
                        continue  # a pair within one side belongs to another clique
                    if same_time(items[i], items[j]):
                        linked.append((clique.similarity, i, j))
    linked.sort(key=lambda p: (-p[0], *sorted((items[p[1]].key, items[p[2]].key))))
    for _, i, j in linked:
        groups.union(i, j)
    return groups


def _canonicals(items: Sequence[Item], groups: _Groups) -> list[int]:
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
    cliques = _cliques(items, sigs, threshold)
    overall = _canonicals(items, _group(items, cliques, same_source=False))
    within = _canonicals(items, _group(items, cliques, same_source=True))
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
