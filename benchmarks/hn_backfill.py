"""Backfill the real HN data in ../shared/data/real, served by a local Algolia/Firebase fake.

    .venv/bin/python benchmarks/hn_backfill.py [--rate 2.0] [--since 2013-08] [--until 2026-05]

Runs the real `jobtrends backfill hn` command (a subprocess, as a user would) against a
temporary warehouse, then runs it again (the baseline: a re-run must load nothing new), and
prints wall times, postings per month against what the server holds, and the headline shares.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fakes import serve  # noqa: E402
from tests.real_data import DEFAULT_REAL, build_fake  # noqa: E402
from warehouse.db import connect  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="2013-08")
    parser.add_argument("--until", default="2026-05")
    parser.add_argument("--rate", type=float, default=2.0, help="JOBTRENDS_RATE_LIMIT_PER_HOST")
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    args = parser.parse_args()
    if not args.real.is_dir():
        print(f"no real data at {args.real}; nothing to measure", file=sys.stderr)
        return 0

    fake, expected = build_fake(args.real)
    tmp = Path(tempfile.mkdtemp(prefix="jobtrends-bench-"))
    db = tmp / "jobtrends.duckdb"
    with serve(fake):
        env = {
            **os.environ,
            "JOBTRENDS_DB": str(db),
            "JOBTRENDS_HN_ALGOLIA_URL": fake.algolia_url,
            "JOBTRENDS_HN_FIREBASE_URL": fake.firebase_url,
            "JOBTRENDS_RATE_LIMIT_PER_HOST": str(args.rate),
            "JOBTRENDS_METRICS_FILE": str(tmp / "metrics" / "jobtrends.prom"),
            "PREFECT_HOME": str(tmp / "prefect"),
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
        env.pop("PREFECT_API_URL", None)
        cmd = [str(REPO / ".venv" / "bin" / "jobtrends"), "backfill", "hn",
               "--since", args.since, "--until", args.until]  # fmt: skip
        timings = []
        for label in ("first backfill", "re-run (baseline: nothing new)"):
            start = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            timings.append((label, time.perf_counter() - start, proc.returncode))
            if proc.returncode not in (0, 1):
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return proc.returncode
        requests = len(fake.log)

    with connect(db, read_only=True) as con:
        loaded = dict(con.execute("select period, count(*) from postings group by 1").fetchall())
        runs = con.execute(
            "select flow, source, status, fetched, new, unchanged, quarantined, requests, retries, "
            "epoch(duration) from runs order by started_at"
        ).fetchall()
        shares = con.execute(
            """
            select c.period, c.backend_postings, c.abstained,
                   c.share as cloud, k.share as container, c.ci_low, c.ci_high
            from category_share_monthly c
            join category_share_monthly k using (period, source)
            where c.source = 'all' and c.category = 'cloud' and k.category = 'container'
            order by c.period
            """
        ).fetchall()
        totals = con.execute(
            "select count(*), count(*) filter (where backend), count(*) filter (where backend is null) "
            "from postings"
        ).fetchall()[0]

    print(f"data: {args.real}")
    print(f"served: {len(fake.stories)} stories, {sum(expected.values())} top-level postings in "
          f"{len(expected)} months; rate limit {args.rate}/s per host")  # fmt: skip
    for label, seconds, code in timings:
        print(f"{label:32s} {seconds:7.1f} s  exit {code}")
    print(f"HTTP requests served: {requests}")
    print(
        "runs: flow, source, status, fetched, new, unchanged, quarantined, requests, retries, seconds"
    )
    for row in runs:
        print("  ", row)
    missing = {p: (n, loaded.get(p, 0)) for p, n in expected.items() if loaded.get(p, 0) != n}
    print(f"months loaded: {len(loaded)}; postings {totals[0]} (backend {totals[1]}, "
          f"abstained {totals[2]}); months not matching the server: {missing or 'none'}")  # fmt: skip
    print("period   backend abstained  cloud  container  cloud 95% CI")
    for period, n, abstained, cloud, container, low, high in shares:
        if n:
            print(
                f"{period}  {n:7d} {abstained:9d}  {cloud:5.3f}  {container:9.3f}  [{low:.3f}, {high:.3f}]"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
