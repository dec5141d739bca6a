"""Extraction speed and memory: `jobtrends extract` over the 2013-2018 HN postings, beside a
per-keyword regex baseline and flashtext on the same taxonomy, measured in the same run.

    .venv/bin/python benchmarks/extract.py [--limit N]

Prints postings per second (one core) and peak resident memory of the CLI at two input sizes,
so "memory flat in the number of postings" can be read off directly.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
REAL = REPO.parent / "shared" / "data" / "real" / "hn_gaganpreet_2013_2018"
REGEX_SAMPLE = 1000  # postings the per-keyword regex baseline is timed on


def load_postings(limit: int | None) -> list[dict[str, str]]:
    rows = []
    for path in sorted(REAL.glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for i, rec in enumerate(json.load(f)):
                if rec.get("full_html"):
                    rows.append({"id": f"{path.name[:7]}-{i}", "html": rec["full_html"]})
    return rows[:limit] if limit else rows


def run_cli(rows: list[dict[str, str]], workdir: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of `jobtrends extract` over ``rows``, in a fresh process."""
    source = workdir / f"in-{len(rows)}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    target = workdir / "out.jsonl"
    cmd = [str(REPO / ".venv" / "bin" / "jobtrends"), "extract", "--input", str(source),
           "--output", str(target)]  # fmt: skip
    # /usr/bin/time reports the child's own peak RSS (a forked child's rusage would also count
    # the parent's memory it was forked with).
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"jobtrends extract failed: {proc.stderr}")
    assert sum(1 for _ in target.open()) == len(rows)
    return seconds, int(proc.stderr.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not REAL.is_dir():
        print(f"no data at {REAL}; nothing to measure", file=sys.stderr)
        return 0

    from flashtext import KeywordProcessor

    from transform.match import find_skills
    from transform.taxonomy import load_taxonomy
    from transform.text import html_to_text

    rows = load_postings(args.limit)
    n = len(rows)
    taxonomy = load_taxonomy()
    print(f"{n} HN postings (2013-2018), taxonomy {taxonomy.version}, "
          f"{sum(len(s.aliases) for s in taxonomy.skills.values())} aliases")  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        quarter = rows[: max(1, n // 4)]
        small_s, small_mb = run_cli(quarter, Path(tmp))
        full_s, full_mb = run_cli(rows, Path(tmp))
    print("jobtrends extract (CLI, whole pipeline incl. start-up and JSON I/O):")
    print(
        f"  {len(quarter):6d} postings: {small_s:6.1f} s  {len(quarter) / small_s:7.0f}/s  peak RSS {small_mb:6.1f} MiB"
    )
    print(f"  {n:6d} postings: {full_s:6.1f} s  {n / full_s:7.0f}/s  peak RSS {full_mb:6.1f} MiB")

    # Matching alone, in this process, on the same clean texts.
    texts = [html_to_text(r["html"]) for r in rows]
    aliases = [
        (a.text, a.skill, a.case_sensitive) for s in taxonomy.skills.values() for a in s.aliases
    ]

    def best_of(runs: int, work) -> float:  # type: ignore[no-untyped-def]
        """The fastest of a few timed passes: the others measure the machine's noise."""
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return min(times)

    # Built before timing, like flashtext's trie below: the automaton and the rules' word lists.
    find_skills(texts[0], taxonomy)
    ours = best_of(3, lambda: [find_skills(t, taxonomy) for t in texts])

    regexes = [
        (re.compile(r"\b" + re.escape(text) + r"\b", 0 if cs else re.I), skill)
        for text, skill, cs in aliases
    ]
    sample = texts[:REGEX_SAMPLE]  # ~40/s: the whole set would take minutes to say the same
    per_keyword = best_of(1, lambda: [{k for rx, k in regexes if rx.search(t)} for t in sample])

    kp = KeywordProcessor(case_sensitive=False)
    for text, skill, _ in aliases:
        kp.add_keyword(text, skill)
    flash = best_of(3, lambda: [set(kp.extract_keywords(t)) for t in texts])

    print("matching only, on clean text (postings per second, one core, best of 3 passes):")
    print(f"  jobtrends (Aho-Corasick + boundaries + context rules): {n / ours:8.0f}/s")
    print(
        f"  per-keyword regex, {len(regexes)} patterns (on {len(sample)} postings):  {len(sample) / per_keyword:8.0f}/s"
    )
    print(f"  flashtext (trie, no rules):                           {n / flash:8.0f}/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  (this process, holding all {n} texts: peak RSS {peak:.0f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
