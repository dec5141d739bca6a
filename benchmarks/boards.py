"""The real Ashby, Remotive and Arbeitnow responses in ../shared/data/real, served by the local
job-board fake, through `jobtrends run`: once clean, once again (the baseline: nothing new, 304s),
and once on a fresh warehouse with 20% of requests failing at random.

    .venv/bin/python benchmarks/boards.py [--rate 2.0] [--fail-rate 0.2]

Prints, per scenario and source: jobs served, postings loaded, duplicates (jobs served more than
once, and postings another source also has), quarantined records, requests, retries, 304s and
wall time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.boardfakes import FakeBoards, serve_boards  # noqa: E402
from warehouse.db import connect  # noqa: E402

DEFAULT_REAL = REPO.parent / "shared" / "data" / "real"
SOURCES = ("ashby", "remotive", "arbeitnow")


def read_gz(path: Path) -> Any:
    with gzip.open(path) as f:
        return json.load(f)


def real_boards(real: Path) -> tuple[dict[str, dict[str, list[Any]]], dict[str, int]]:
    """Boards as the fake serves them, and how many jobs each source serves in all."""
    ashby = {
        f.name.removesuffix(".json.gz"): read_gz(f)["jobs"]
        for f in sorted((real / "ashby_posting_api_stapply_2025").glob("*.json.gz"))
    }
    remotive: dict[int, Any] = {}
    for f in sorted((real / "remotive_api_2026").glob("*.json.gz")):
        for job in read_gz(f)["jobs"]:
            remotive[job["id"]] = job  # the two snapshots overlap: the feed lists a job once
    arbeitnow: dict[str, Any] = {}
    for f in sorted((real / "arbeitnow_api_2026").glob("*.json.gz")):
        for job in read_gz(f)["data"]:
            arbeitnow[job["slug"]] = job
    boards = {
        "ashby": ashby,
        "remotive": {"remotive": list(remotive.values())},
        "arbeitnow": {"arbeitnow": list(arbeitnow.values())},
    }
    served = {s: sum(len(v) for v in boards[s].values()) for s in SOURCES}
    return boards, served


def scenario(
    label: str, fake: FakeBoards, db: Path, tmp: Path, rate: float, served: dict[str, int]
) -> None:
    sources = tmp / "sources.toml"
    sources.write_text(
        f"[ashby]\nboards = {json.dumps(sorted(fake.boards['ashby']))}\n"
        "[remotive]\nmin_interval_hours = 0\n[arbeitnow]\n"
    )
    env = {
        **os.environ,
        **{f"JOBTRENDS_{k.upper()}": v for k, v in fake.settings().items()},
        "JOBTRENDS_DB": str(db),
        "JOBTRENDS_SOURCES_FILE": str(sources),
        "JOBTRENDS_HTTP_CACHE": str(db.parent / "http-cache"),
        "JOBTRENDS_RATE_LIMIT_PER_HOST": str(rate),
        "JOBTRENDS_BACKOFF_BASE": "0.2",
        "JOBTRENDS_TASK_RETRY_DELAY": "1",
        "JOBTRENDS_METRICS_FILE": str(db.parent / "metrics" / "jobtrends.prom"),
        "PREFECT_HOME": str(tmp / "prefect"),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    cmd = [str(REPO / ".venv" / "bin" / "jobtrends"), "run", "--sources", ",".join(SOURCES)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    with connect(db, read_only=True) as con:
        run = con.execute(
            "select source, status, fetched, new, updated, unchanged, quarantined, requests, "
            "retries, not_modified from runs "
            "where run_id = (select run_id from runs order by started_at desc limit 1)"
        ).fetchall()
        loaded = dict(con.execute("select source, count(*) from postings group by 1").fetchall())
        # Postings another source also lists: same company and title, case and spacing aside.
        cross = dict(
            con.execute(
                """
                with keyed as (
                    select source, lower(trim(company)) || '|' || lower(trim(title)) as k
                    from postings where company is not null and title is not null
                )
                select a.source, count(distinct a.k) from keyed as a
                join keyed as b on a.k = b.k and a.source <> b.source group by 1
                """
            ).fetchall()
        )
        quarantined = dict(
            con.execute("select source, count(*) from quarantine group by 1").fetchall()
        )
    print(f"\n## {label}: exit {proc.returncode}, wall {wall:.1f} s")
    print(
        "| source | status | served | fetched | loaded (total) | new | unchanged | "
        "quarantined (total) | also on another source | requests | retries | 304s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for source, status, fetched, new, _upd, unchanged, _q, requests, retries, n304 in sorted(run):
        print(
            f"| {source} | {status} | {served.get(source, 0)} | {fetched} | "
            f"{loaded.get(source, 0)} | {new} | {unchanged} | {quarantined.get(source, 0)} | "
            f"{cross.get(source, 0)} | {requests} | {retries} | {n304} |"
        )
    if fake.fail_rate:
        print(f"requests answered 503 at random: {fake.failed_randomly}")
    if proc.returncode:
        print(proc.stderr[-2000:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=2.0, help="JOBTRENDS_RATE_LIMIT_PER_HOST")
    parser.add_argument("--fail-rate", type=float, default=0.2)
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    args = parser.parse_args()
    if not args.real.is_dir():
        print(f"no real data at {args.real}; nothing to measure", file=sys.stderr)
        return 0
    boards, served = real_boards(args.real)
    print(f"served by the fake: {served} (rate limit {args.rate}/s per host)")
    tmp = Path(tempfile.mkdtemp(prefix="jobtrends-bench-boards-"))
    clean = FakeBoards()
    clean.boards.update(boards)
    with serve_boards(clean):
        db = tmp / "clean" / "jobtrends.duckdb"
        scenario("clean", clean, db, tmp, args.rate, served)
        scenario(
            "re-run (baseline: nothing new, boards answer 304)", clean, db, tmp, args.rate, served
        )
    flaky = FakeBoards(fail_rate=args.fail_rate, seed=3)
    flaky.boards.update(boards)
    with serve_boards(flaky):
        db = tmp / "flaky" / "jobtrends.duckdb"
        scenario(f"{args.fail_rate:.0%} of requests failing", flaky, db, tmp, args.rate, served)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
