"""De-duplication speed: linking every HN posting in ../shared/data/real (2013-2018, 2023 H1,
2026), loaded into a temporary warehouse by the real loaders, beside datasketch's own MinHash
(SHA-1 per shingle, one object per posting) on a sample, measured in the same run; and linking
one company's templated ads (synthetic), beside the linking this replaced.

    .venv/bin/python benchmarks/dedup.py [--limit N] [--copies 3] [--only real|templated]
                                         [--sizes 500,1000,2000,4000]

Prints the time of the warehouse step (``refresh_links``) on a fresh warehouse (every posting
hashed), on a re-run with nothing changed, and after 1% of the postings changed; then the pure
linking (signatures, LSH and union-find) over ``--copies`` copies of the postings (about 100k
with the default 3), each copy in its own months so that it links like the original.

The "templated company" scenario needs no data: one staffing agency's ads on a job board over
three years, one template with the title and city filled in and the dates, pay, reference
numbers and tracking links changed (six titles by ten cities: 60 distinct texts once numbers
and links are read alike), each listed for 3 to 45 days; ``--sizes`` postings of it. It times
the linking before (``baseline_link_postings``: every pair of one company's postings that share
an LSH bucket, across its whole history, the time rule checked afterwards) and now, in the same
run, and checks that both give the same links. A second line gives each ad a word of its own (a
recruiter's code), so that nearly every posting has its own signature: there the work grows
with the postings listed within about a month of each other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import string
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
REAL = REPO.parent / "shared" / "data" / "real"
BASELINE_SAMPLE = 2000  # postings datasketch's per-object MinHash is timed on

from extract.base import Posting, content_hash  # noqa: E402

_ITEM_ID = re.compile(r"item\?id=(\d+)")


def _read(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return (
            json.load(f)
            if path.name.endswith(".json.gz")
            else [json.loads(x) for x in f if x.strip()]
        )


def _posting(cid: str, period: str, html: str, when: datetime) -> Posting:
    return Posting(
        source="hn",
        source_id=cid,
        url=f"https://news.ycombinator.com/item?id={cid}",
        period=period,
        posted_at=when,
        html=html,
        content_hash=content_hash([html, period]),
        thread_id=f"thread-{period}",
    )


def hn_postings(limit: int | None) -> list[Posting]:
    """Every HN comment of the three real sets, once each (synthetic times where none)."""
    found: dict[str, Posting] = {}
    for path in sorted((REAL / "hn_gaganpreet_2013_2018").glob("*.json.gz")):
        start = datetime.fromisoformat(f"{path.name[:7]}-01T16:00:00+00:00")
        for i, rec in enumerate(_read(path)):
            m = _ITEM_ID.search(rec.get("url") or "")
            if m and rec.get("full_html"):
                when = start + timedelta(seconds=30 * i)
                found[m.group(1)] = _posting(m.group(1), path.name[:7], rec["full_html"], when)
    for path in sorted((REAL / "hn_m3at_2023h1").glob("*.jsonl.gz")):
        period = path.name[:7].replace("_", "-")
        start = datetime.fromisoformat(f"{period}-01T16:00:00+00:00")
        for i, rec in enumerate(_read(path)):
            when = start + timedelta(seconds=30 * i)
            found[str(rec["hn_id"])] = _posting(str(rec["hn_id"]), period, rec["hn_text"], when)
    for path in sorted((REAL / "hn_gantryops_2026").glob("*_raw.json.gz")):
        run = _read(path)
        title = run["sources"]["who_is_hiring_thread_title"]
        from extract.hn import thread_period

        period = thread_period(title) or run["date"][:7]
        for job in run["jobs"]:
            if job.get("source") == "who_is_hiring" and job.get("text"):
                when = datetime.fromtimestamp(job["time"], UTC)
                found[str(job["id"])] = _posting(str(job["id"]), period, job["text"], when)
    postings = sorted(found.values(), key=lambda p: (p.period, p.source_id))
    return postings[:limit] if limit else postings


def timed(work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--only", choices=["real", "templated"], default=None)
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    args = parser.parse_args()
    if args.only != "templated":
        if REAL.is_dir():
            real(args)
        else:
            print(f"no data at {REAL}; the real postings are not measured", file=sys.stderr)
    if args.only != "real":
        templated([int(n) for n in args.sizes.split(",")])
    return 0


def real(args: argparse.Namespace) -> None:

    from datasketch import MinHash

    from transform import dedup
    from transform.facts import extract_facts
    from transform.taxonomy import load_taxonomy
    from warehouse import load
    from warehouse.db import connect
    from warehouse.dedup import refresh_links

    postings = hn_postings(args.limit)
    n = len(postings)
    months = len({p.period for p in postings})
    print(
        f"{n} HN postings in {months} thread months; {dedup.VERSION}, threshold {dedup.THRESHOLD}"
    )

    taxonomy = load_taxonomy()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "jobtrends.duckdb"
        parsed, extract_s = timed(lambda: [(p, extract_facts(p, taxonomy)) for p in postings])
        with connect(db) as con:
            load.record_taxonomy(con, taxonomy)
            _, load_s = timed(lambda: load.load_postings(con, parsed, [], "bench"))
        print(f"setup (not linking): extraction {extract_s:.1f} s, load {load_s:.1f} s")

        print("warehouse step, refresh_links (read postings, hash what changed, link, write):")
        with connect(db) as con:
            cold, cold_s = timed(lambda: refresh_links(con))
            warm, warm_s = timed(lambda: refresh_links(con))
            con.execute(
                "update core.postings set content_hash = content_hash || '-edited' "
                "where hash(source_id) % 100 = 0"
            )
            edited, edited_s = timed(lambda: refresh_links(con))
            rows = con.execute(
                """
                select l.similarity, count(*) from core.posting_links as l
                where l.canonical_key <> l.source || ':' || l.source_id
                group by all order by 1
                """
            ).fetchall()
        for label, counts, seconds in (
            ("fresh warehouse", cold, cold_s),
            ("re-run, nothing changed", warm, warm_s),
            ("after 1% of postings changed", edited, edited_s),
        ):
            print(
                f"  {label:30s} {seconds:6.2f} s  hashed {counts.hashed:6d}  "
                f"duplicates {counts.duplicates:5d} in {counts.groups:5d} groups  "
                f"rows written {counts.changed:6d}"
            )
        bands = {f"{lo:.1f}": 0 for lo in (0.7, 0.8, 0.9, 1.0)}
        for similarity, count in rows:
            bands[f"{min(int(similarity * 10) / 10, 1.0):.1f}"] += count
        print(
            "  duplicates by similarity to their canonical posting: "
            + ", ".join(f">={k}: {v}" for k, v in bands.items())
        )

    # The pure step at scale: copies of the postings in months of their own.
    texts = [facts.text for _, facts in parsed]
    items = []
    for copy in range(args.copies):
        for p, facts in parsed:
            titles = [r.title for r in facts.roles]
            year = int(p.period[:4]) + 30 * copy
            period = f"{year}{p.period[4:]}"
            items.append(
                dedup.item(
                    "hn", f"{p.source_id}-{copy}", facts.company, titles, period, p.posted_at
                )
            )
    all_texts = texts * args.copies
    sigs, sig_s = timed(lambda: dedup.signatures(all_texts))
    links, link_s = timed(lambda: dedup.link_postings(items, sigs))
    folded = sum(1 for link in links if link.canonical_key != link.key)
    print(f"pure linking over {len(items)} postings ({args.copies} copies), one core:")
    print(
        f"  signatures (5-word shingles, 128 MinHash values): {sig_s:6.2f} s  {len(items) / sig_s:8.0f}/s"
    )
    print(
        f"  LSH candidates, rules, union-find, canonical:      {link_s:6.2f} s  ({folded} duplicates)"
    )

    sample = all_texts[:BASELINE_SAMPLE]

    def datasketch_minhash() -> None:
        for text in sample:
            words = dedup.words(text)
            k = min(dedup.SHINGLE, len(words))
            m = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED)
            m.update_batch(" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1))

    _, base_s = timed(datasketch_minhash)
    _, ours_s = timed(lambda: dedup.signatures(sample))
    print(
        f"baseline, on {len(sample)} postings: datasketch MinHash per posting (SHA-1 per shingle)"
    )
    print(f"  datasketch MinHash objects: {len(sample) / base_s:8.0f}/s")
    print(f"  dedup.signatures:           {len(sample) / ours_s:8.0f}/s")


# ---------------------------------------------------------------- one company's templated ads

TEMPLATE = (
    "Staffco is hiring a {title} in {city}. Pay: ${pay} per hour, paid weekly, shifts of {hours} "
    "hours. Posted {date}, reference {ref}. About us: Staffco places people with the best "
    "employers in the region and has done so for over twenty years. What you will do: work with "
    "a friendly team, follow the safety rules, keep your area clean and organised, and help your "
    "colleagues meet the daily targets. What we look for: a reliable attitude, the right to work "
    "here, and the ability to stand for long periods. Experience is a plus but not required: we "
    "train you. Benefits: health insurance after 30 days, paid time off, a referral bonus and a "
    "clear path to a permanent role. Apply today at https://staffco.example/jobs/{ref}?src={src}"
)
TITLES = [
    "Warehouse Associate",
    "Forklift Operator",
    "Picker Packer",
    "Delivery Driver",
    "Line Cook",
    "Customer Service Representative",
]
CITIES = "Dallas Houston Austin Phoenix Denver Atlanta Miami Tampa Reno Boise".split()


def templated_company(n: int, own_word: bool = False, seed: int = 0) -> tuple[list[Any], list[str]]:
    """``n`` ads of one staffing agency on a job board, 2023-2025: items and texts."""
    from transform import dedup

    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    items, texts = [], []
    for k in range(n):
        title, city = rng.choice(TITLES), rng.choice(CITIES)
        posted = start + timedelta(days=rng.uniform(0, 3 * 365))
        first_seen = posted + timedelta(days=rng.uniform(0, 2))
        last_seen = first_seen + timedelta(days=rng.uniform(3, 45))
        text = TEMPLATE.format(
            title=title,
            city=city,
            pay=rng.randint(15, 25),
            hours=rng.choice([8, 10, 12]),
            date=posted.date(),
            ref=100000 + k,
            src=rng.choice(["indeed", "linkedin", "board"]),
        )
        if own_word:
            text += " Recruiter: " + "".join(rng.choices(string.ascii_lowercase, k=6))
        texts.append(text)
        period = posted.strftime("%Y-%m")
        items.append(
            dedup.item(
                "greenhouse",
                f"staffco/{k}",
                "Staffco",
                [title],
                period,
                posted,
                first_seen,
                last_seen,
            )
        )
    return items, texts


def baseline_link_postings(items: Any, sigs: Any, threshold: float | None = None) -> list[Any]:
    """The linking before candidates were narrowed by time and equal signatures indexed once:
    every pair of one company's postings that share an LSH bucket, over its whole history, the
    rules checked afterwards, then joined strongest first. Kept here only to measure against."""
    from datasketch import MinHashLSH

    from transform import dedup

    threshold = dedup.THRESHOLD if threshold is None else threshold
    lsh = MinHashLSH(threshold=min(threshold, dedup.INDEX_THRESHOLD), num_perm=dedup.NUM_PERM)
    with lsh.insertion_session() as session:
        for i in dedup._linkable(items, sigs):
            session.insert(i, dedup.minhash(sigs[i]), check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket in table:
            members = table.get(bucket)
            if len(members) < 2:
                continue
            by_company: dict[str, list[int]] = {}
            for i in members:
                by_company.setdefault(items[i].company_key, []).append(i)
            for same in by_company.values():
                same.sort()
                pairs.update(
                    (same[x], same[y]) for x in range(len(same)) for y in range(x + 1, len(same))
                )
    found = []
    for i, j in pairs:
        if dedup.may_link(items[i], items[j]):
            s = dedup.similarity(sigs[i], sigs[j])
            if s >= threshold:
                found.append((s, i, j))
    found.sort(key=lambda p: (-p[0], *sorted((items[p[1]].key, items[p[2]].key))))

    def canonicals(linked: list[tuple[float, int, int]]) -> list[int]:
        parent = list(range(len(items)))
        months = [{it.hn_period} - {None} for it in items]

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for _, i, j in linked:
            ri, rj = find(i), find(j)
            if ri != rj and len(months[ri] | months[rj]) <= 1:
                parent[rj] = ri
                months[ri] |= months[rj]
        best: dict[int, int] = {}
        for i, it in enumerate(items):
            root = find(i)
            if root not in best or it.order < items[best[root]].order:
                best[root] = i
        return [best[find(i)] for i in range(len(items))]

    overall = canonicals(found)
    within = canonicals([p for p in found if items[p[1]].source == items[p[2]].source])
    return [
        dedup.Link(
            key=it.key,
            company_key=it.company_key,
            canonical_key=items[overall[i]].key,
            source_canonical_key=items[within[i]].key,
            similarity=1.0 if overall[i] == i else dedup.similarity(sigs[i], sigs[overall[i]]),
        )
        for i, it in enumerate(items)
    ]


def templated(sizes: list[int]) -> None:
    from transform import dedup

    print("templated company: one agency's ads over three years, linking before and now:")
    for own_word in (False, True):
        label = "each with a word of its own" if own_word else "one template, 60 texts"
        for n in sizes:
            items, texts = templated_company(n, own_word)
            sigs = dedup.signatures(texts)
            variants = len({s.tobytes() for s in sigs})
            links, now_s = timed(lambda: dedup.link_postings(items, sigs))  # noqa: B023
            before, before_s = timed(lambda: baseline_link_postings(items, sigs))  # noqa: B023
            if before != links:
                raise SystemExit(f"{label}, {n} postings: the links differ from the baseline's")
            groups = len({link.canonical_key for link in links})
            print(
                f"  {label:28s} {n:5d} postings ({variants:4d} signatures, {groups:4d} groups): "
                f"before {before_s:7.2f} s, now {now_s:6.2f} s  ({before_s / now_s:5.0f}x)"
            )


if __name__ == "__main__":
    raise SystemExit(main())
