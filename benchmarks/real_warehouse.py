"""Build a warehouse from the real HN and job-board data in ../shared/data/real, served by local
fakes, then print the headline shares and render the report with a Chromium screenshot.

    .venv/bin/python benchmarks/real_warehouse.py [--out DIR] [--since 2013-08] [--until 2026-05]

Everything goes through the real CLI as a subprocess, the way a user's runs fetch it:
`jobtrends backfill hn` against the Algolia/Firebase fake (tests/real_data.py), `jobtrends run
--sources ashby,remotive,arbeitnow` against the job-board fake (tests/boardfakes.py), then
`jobtrends share` and `jobtrends report --out DIR/report`, screenshotted by headless Chromium
into DIR/report.png. DIR (a new temporary folder by default) keeps jobtrends.duckdb, the
report, the screenshot and share.csv. Prints wall times and where everything is.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.boards import SOURCES, real_boards  # noqa: E402
from tests.boardfakes import FakeBoards, serve_boards  # noqa: E402
from tests.fakes import serve  # noqa: E402
from tests.real_data import DEFAULT_REAL, build_fake  # noqa: E402
from warehouse.db import connect  # noqa: E402

JOBTRENDS = REPO / ".venv" / "bin" / "jobtrends"
CHROMIUM = Path("/usr/bin/chromium")
HEADLINE = ("cloud", "container")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson interval of k successes in n trials."""
    if not n:
        return math.nan, math.nan
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def shift(period: str, months: int) -> str:
    year, month = (int(x) for x in period.split("-"))
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class Steps:
    """Runs the CLI with one environment and records each step's wall time."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.timings: list[tuple[str, float, int]] = []

    def run(
        self, label: str, args: Sequence[str], env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        start = time.perf_counter()
        proc = subprocess.run(
            [str(JOBTRENDS), *args], env={**self.env, **(env or {})}, capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        self.timings.append((label, seconds, proc.returncode))
        print(f"[{seconds:7.1f} s, exit {proc.returncode}] jobtrends {' '.join(args)}", flush=True)
        if proc.returncode not in (0, 1):  # 1: a source failed; the rest still loaded
            print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
        return proc

    def timed(self, label: str, seconds: float, code: int = 0) -> None:
        self.timings.append((label, seconds, code))


def base_env(out: Path, scratch: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "JOBTRENDS_DB": str(out / "jobtrends.duckdb"),
        "JOBTRENDS_METRICS_FILE": str(scratch / "metrics" / "jobtrends.prom"),
        "JOBTRENDS_HTTP_CACHE": str(scratch / "http-cache"),
        "JOBTRENDS_RATE_LIMIT_PER_HOST": "0",
        "JOBTRENDS_INITIAL_BACKFILL_MONTHS": "0",
        "JOBTRENDS_BACKOFF_BASE": "0.2",
        "JOBTRENDS_TASK_RETRY_DELAY": "1",
        "PREFECT_HOME": str(scratch / "prefect"),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    }
    env.pop("PREFECT_API_URL", None)
    return env


def backfill_hn(steps: Steps, real: Path, since: str, until: str) -> None:
    start = time.perf_counter()
    fake, expected = build_fake(real)
    steps.timed("serve: load the HN data", time.perf_counter() - start)
    print(f"HN fake: {len(fake.stories)} stories, {sum(expected.values())} top-level postings "
          f"in {len(expected)} months")  # fmt: skip
    with serve(fake):
        steps.run(
            "backfill hn",
            ["backfill", "hn", "--since", since, "--until", until],
            {
                "JOBTRENDS_HN_ALGOLIA_URL": fake.algolia_url,
                "JOBTRENDS_HN_FIREBASE_URL": fake.firebase_url,
            },
        )
    print(f"HTTP requests served to the HN backfill: {len(fake.log)}")


def run_boards(steps: Steps, real: Path, scratch: Path) -> None:
    boards, served = real_boards(real)
    print(f"board fake: jobs served per source {served}")
    fake = FakeBoards()
    fake.boards.update(boards)
    sources = scratch / "sources.toml"
    with serve_boards(fake):
        sources.write_text(
            f"[ashby]\nboards = {json.dumps(sorted(fake.boards['ashby']))}\n"
            "[remotive]\nmin_interval_hours = 0\n[arbeitnow]\n"
        )
        steps.run(
            "run " + ",".join(SOURCES),
            ["run", "--sources", ",".join(SOURCES)],
            {
                **{f"JOBTRENDS_{k.upper()}": v for k, v in fake.settings().items()},
                "JOBTRENDS_SOURCES_FILE": str(sources),
            },
        )
    print(f"HTTP requests served to the board run: {len(fake.log)}")


def summarise(db: Path) -> str:
    """Print what was loaded and the headline numbers; return the latest month with data."""
    with connect(db, read_only=True) as con:
        loaded = con.execute(
            "select source, count(*), count(*) filter (where backend), "
            "count(*) filter (where backend is null), min(period), max(period) "
            "from postings group by 1 order by 1"
        ).fetchall()
        runs = con.execute(
            "select flow, source, status, fetched, new, quarantined, requests, retries, "
            "round(epoch(duration), 1) from runs order by started_at, source"
        ).fetchall()
        linked = con.execute("select count(*) from core.posting_links").fetchone()
        latest = con.execute(
            "select max(period) from category_share_monthly "
            "where source = 'all' and basis = 'new' and backend_postings > 0"
        ).fetchone()
        by_source = con.execute(
            """
            select source, category, sum(backend_postings), sum(demanding), sum(required),
                   min(period) filter (where backend_postings > 0),
                   max(period) filter (where backend_postings > 0)
            from category_share_monthly
            where basis = 'new' and category in ('cloud', 'container') and source <> 'hn'
            group by 1, 2 order by 1, 2
            """
        ).fetchall()
        by_year = con.execute(
            """
            select left(period, 4) as year, category, count(*) filter (where backend_postings > 0),
                   sum(backend_postings), sum(demanding), sum(required)
            from category_share_monthly
            where source = 'hn' and basis = 'new' and category in ('cloud', 'container')
            group by 1, 2 having sum(backend_postings) > 0 order by 1, 2
            """
        ).fetchall()
    print("\n## Loaded")
    print("source, postings, backend, abstained, first month, last month")
    for row in loaded:
        print("  ", row)
    links = linked[0] if linked else 0
    print(
        f"posting_links rows: {links}"
        + (" (de-duplication has not run: every posting is its own canonical)" if not links else "")
    )
    print("runs: flow, source, status, fetched, new, quarantined, requests, retries, seconds")
    for row in runs:
        print("  ", row)

    def line(label: str, n: int, k: int, req: int) -> str:
        lo, hi = wilson(k, n)
        rlo, rhi = wilson(req, n)
        return (f"{label:24s} n={n:6d}  any {k / n:6.1%} [{lo:.1%}-{hi:.1%}]  "
                f"required {req / n:6.1%} [{rlo:.1%}-{rhi:.1%}]")  # fmt: skip

    print("\n## Sources and pools (new postings, all their months pooled; 95% Wilson intervals)")
    for source, category, n, k, req, first, last in by_source:
        if n:
            print(line(f"{source} {category} {first}..{last}", int(n), int(k), int(req)))
    print("\n## HN by thread year (months with data; 95% Wilson intervals)")
    for year, category, months, n, k, req in by_year:
        print(line(f"hn {year} {category} ({months} mo)", int(n), int(k), int(req)))
    return str(latest[0]) if latest and latest[0] else ""


def screenshot(
    html: Path, png: Path, scratch: Path, height: int
) -> subprocess.CompletedProcess[str]:
    profile = scratch / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", f"--window-size=1400,{height}",
           f"--screenshot={png}", "--virtual-time-budget=10000", html.resolve().as_uri()]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        help="Folder for the warehouse and report (default: a new temporary one).",
    )
    parser.add_argument("--since", default="2013-08", help="First HN thread month.")
    parser.add_argument("--until", default="2026-05", help="Last HN thread month.")
    parser.add_argument(
        "--report-until", help="Passed to `jobtrends report --until` (default: its own)."
    )
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    parser.add_argument(
        "--shot-height",
        type=int,
        default=6000,
        help="Screenshot height in pixels: the whole page, white below it.",
    )
    parser.add_argument(
        "--skip-load",
        action="store_true",
        help="Reuse the warehouse in --out; only share, report and screenshot.",
    )
    args = parser.parse_args()
    if not args.real.is_dir():
        print(f"no real data at {args.real}; nothing to build", file=sys.stderr)
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="jobtrends-real-"))
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="jobtrends-real-scratch-"))
    db = out / "jobtrends.duckdb"
    steps = Steps(base_env(out, scratch))
    print(f"data: {args.real}\nwarehouse: {db}\nscratch (Prefect home, HTTP cache): {scratch}")

    if not args.skip_load:
        if db.exists():
            print(f"{db} exists: loading on top of it (the runs are idempotent)")
        backfill_hn(steps, args.real, args.since, args.until)
        run_boards(steps, args.real, scratch)

    latest = summarise(db)
    if latest:
        since = shift(latest, -11)
        print(
            f"\n## jobtrends share --category cloud,container --since {since}  (latest: {latest})"
        )
        proc = steps.run(
            "share (last 12 months)", ["share", "--category", "cloud,container", "--since", since]
        )
        print(proc.stdout, proc.stderr, sep="")  # stderr: the source-mix notes
        proc = steps.run("share --format csv", ["share", "--format", "csv"])
        (out / "share.csv").write_text(proc.stdout)
        print(f"every column, every category, pooled: {out / 'share.csv'}")

    # The report command may not exist yet in every checkout: try it, say so if it is missing.
    if steps.run("report --help", ["report", "--help"]).returncode != 0:
        print(
            "\n`jobtrends report` is not available in this checkout: report and screenshot skipped"
        )
    else:
        report_dir = out / "report"
        extra = ["--until", args.report_until] if args.report_until else []
        proc = steps.run("report", ["report", "--out", str(report_dir), *extra])
        print(proc.stdout, proc.stderr, sep="")
        html = report_dir / "index.html"
        if proc.returncode == 0 and html.exists():
            if CHROMIUM.exists():
                png = out / "report.png"
                start = time.perf_counter()
                shot = screenshot(html, png, scratch, args.shot_height)
                steps.timed("chromium screenshot", time.perf_counter() - start, shot.returncode)
                print(f"report: {html}\nscreenshot: {png} (exit {shot.returncode}, "
                      f"{png.stat().st_size if png.exists() else 0} bytes)")  # fmt: skip
            else:
                print(f"report: {html}; no {CHROMIUM}, screenshot skipped")

    print("\n## Wall times")
    for label, seconds, code in steps.timings:
        print(f"{label:36s} {seconds:8.1f} s  exit {code}")
    print(f"\nwarehouse: {db}")
    shutil.rmtree(scratch / "chromium-profile", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
