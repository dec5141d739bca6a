"""End to end: the real `nightly` and `backfill` flows, a local HN server, a temporary warehouse.

The fixture threads are small enough to count by hand; the expected shares below are those counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.report import RunReport
from tests.fakes import Comment, FakeHN, Story, _comment_hit, json_response, serve, server_error
from transform.taxonomy import load_taxonomy
from warehouse.db import connect

pytestmark = pytest.mark.e2e


def ts(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())


DEC, JAN, FEB, MAR = 1000, 1001, 1002, 1003
STORIES = [
    Story(DEC, "Ask HN: Who is hiring? (December 2023)", ts("2023-12-01T16:00:00")),
    Story(JAN, "Ask HN: Who is hiring? (January 2024)", ts("2024-01-02T16:00:00")),
    Story(FEB, "Ask HN: Who is Hiring? (February 2024)", ts("2024-02-01T16:00:00")),
    Story(MAR, "Ask HN: Who Is Hiring? (March 2024)", ts("2024-03-01T16:00:00")),
    Story(1004, "Ask HN: Who wants to be hired? (March 2024)", ts("2024-03-01T16:00:00")),
    Story(1005, "Ask HN: Freelancer? Seeking freelancer? (March 2024)", ts("2024-03-01T16:00:00")),
]


def comment(cid: int, story: int, text: str | None, day: str, parent: int | None = None) -> Comment:
    return Comment(cid, parent or story, story, None if text is None else "user", text, ts(day))


COMMENTS = [
    comment(10, DEC, "Eta | Backend Engineer | Paris<p>AWS Lambda and Kubernetes.", "2023-12-02"),
    # January: 2 backend (one with cloud + container), 1 frontend, a reply, a deleted comment.
    comment(11, JAN, "Acme | Backend Engineer | NYC<p>Python, AWS, Docker.", "2024-01-02T17:00:00"),
    comment(
        12, JAN, "Beta | Frontend Engineer | SF<p>React. Our backend runs on AWS.", "2024-01-03"
    ),
    comment(13, JAN, "Gamma | Backend Developer | Remote<p>Go and PostgreSQL.", "2024-01-04"),
    comment(14, JAN, "Is this role open to Europe?", "2024-01-05", parent=11),
    comment(15, JAN, None, "2024-01-05"),
    # February: 2 backend, both cloud, one container. (Titles that name backend work, which the
    # word model never overrules: these figures must not move when it is retrained.)
    comment(
        21,
        FEB,
        "Delta | Senior Backend Engineer | Berlin<p>Java, Kubernetes on GCP.",
        "2024-02-02",
    ),
    comment(
        22, FEB, "Epsilon | Backend Platform Engineer | Remote<p>Terraform and Azure.", "2024-02-03"
    ),
    # March: 1 backend without cloud, plus a record that cannot be parsed (served below).
    comment(31, MAR, "Zeta | Backend Engineer | London<p>Rust and SQLite.", "2024-03-02"),
]


def march_page(fake: FakeHN) -> dict:
    """March's comments as Algolia serves them, plus one hit with a wrongly typed field."""
    good = _comment_hit(fake.comments[31], fake.stories[MAR])
    bad = dict(_comment_hit(fake.comments[31], fake.stories[MAR]))
    bad.update(objectID="32", created_at_i="yesterday", comment_text="Theta | Backend | Oslo")
    return {
        "hits": [good, bad], "nbHits": 2, "page": 0, "nbPages": 1, "hitsPerPage": 1000,
        "exhaustiveNbHits": True, "query": "", "params": "", "processingTimeMS": 1,
    }  # fmt: skip


@pytest.fixture(scope="module")
def hn_server() -> Iterator[FakeHN]:
    fake = FakeHN(STORIES, COMMENTS)
    fake.algolia_includes_deleted = True  # deleted comments linger in the index as null hits
    with serve(fake):
        yield fake


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, hn_server: FakeHN, tmp_path: Path) -> Path:
    db = tmp_path / "jobtrends.duckdb"
    monkeypatch.setenv("JOBTRENDS_DB", str(db))
    monkeypatch.setenv("JOBTRENDS_HN_ALGOLIA_URL", hn_server.algolia_url)
    monkeypatch.setenv("JOBTRENDS_HN_FIREBASE_URL", hn_server.firebase_url)
    monkeypatch.setenv("JOBTRENDS_INITIAL_BACKFILL_MONTHS", "3")
    monkeypatch.setenv("JOBTRENDS_RATE_LIMIT_PER_HOST", "0")
    monkeypatch.setenv("JOBTRENDS_BACKOFF_BASE", "0.01")
    monkeypatch.setenv("JOBTRENDS_TASK_RETRY_DELAY", "0")
    monkeypatch.setenv("JOBTRENDS_METRICS_FILE", str(tmp_path / "metrics" / "jobtrends.prom"))
    return db


def metrics(db: Path) -> dict[str, float]:
    """The metrics file as {'name{labels}': value}."""
    text = (db.parent / "metrics" / "jobtrends.prom").read_text()
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }


def serve_march(fake: FakeHN) -> None:
    fake.inject(
        fake.search_path, json_response(march_page(fake)), when={"tags": f"comment,story_{MAR}"}
    )


def run(flow, **kwargs) -> RunReport:
    state = flow(**kwargs, return_state=True)
    report = state.result(raise_on_failure=False)
    assert isinstance(report, RunReport), report
    return report


def snapshot(db: Path) -> dict[str, list]:
    with connect(db, read_only=True) as con:
        return {
            t: con.execute(f"select * from core.{t} order by all").fetchall()
            for t in ("postings", "skill_hits", "quarantine", "raw_payloads", "hn_threads")
        }


def shares(db: Path, category: str) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute(
            "select period, backend_postings, demanding, share from category_share_monthly "
            "where source = 'all' and category = ? and basis = 'new' order by period",
            [category],
        ).fetchall()


def test_nightly_backfill_and_rerun(prefect_harness: None, env: Path, hn_server: FakeHN) -> None:
    from flows.nightly import backfill, nightly

    # 1. First night on an empty warehouse: backfills Jan..Mar 2024 (3 months).
    serve_march(hn_server)
    report = run(nightly, month="2024-03")
    [hn] = report.sources  # nothing stale: no re-extraction step
    assert (hn.status, hn.fetched, hn.new, hn.quarantined, hn.skipped_deleted) == ("ok", 7, 6, 1, 1)
    assert sorted(hn.periods) == ["2024-01", "2024-02", "2024-03"]
    assert shares(env, "cloud") == [
        ("2024-01", 2, 1, 0.5),
        ("2024-02", 2, 2, 1.0),
        ("2024-03", 1, 0, 0.0),
    ]
    assert shares(env, "container") == [
        ("2024-01", 2, 1, 0.5),
        ("2024-02", 2, 1, 0.5),
        ("2024-03", 1, 0, 0.0),
    ]
    with connect(env, read_only=True) as con:
        keys = [r[0] for r in con.execute("select posting_key from postings order by 1").fetchall()]
        quarantined = con.execute("select record_key, error from quarantine").fetchall()
        evidence = con.execute(
            "select evidence from posting_skills where posting_key = 'hn:11' and skill = 'aws'"
        ).fetchall()
        run_rows = con.execute("select flow, source, status, new from runs").fetchall()
    assert keys == ["hn:11", "hn:12", "hn:13", "hn:21", "hn:22", "hn:31"]  # no reply, no deleted
    assert quarantined[0][0] == "32" and "created_at_i" in quarantined[0][1]
    assert evidence == [("Acme | Backend Engineer | NYC Python, AWS, Docker.",)]
    assert run_rows == [("nightly", "hn", "ok", 6)]
    m = metrics(env)
    assert m['jobtrends_postings_fetched{source="hn"}'] == 7
    assert m['jobtrends_postings_new{source="hn"}'] == 6
    assert m['jobtrends_postings_quarantined{source="hn"}'] == 1
    assert m['jobtrends_source_success{source="hn"}'] == 1
    assert m['jobtrends_source_stale{source="hn"}'] == 0
    assert m['jobtrends_source_count_dropped{source="hn"}'] == 0
    assert m['jobtrends_last_success_timestamp_seconds{source="hn"}'] > 1.7e9
    assert m["jobtrends_warehouse_size_bytes"] == env.stat().st_size
    listing = CliRunner().invoke(app, ["runs", "--format", "json"])
    assert listing.exit_code == 0, listing.output
    [row] = json.loads(listing.stdout)
    assert (row["flow"], row["source"], row["status"], row["new"], row["why"]) == (
        "nightly",
        "hn",
        "ok",
        6,
        "",
    )

    # 2. Backfill an older month: only December is new.
    report = run(backfill, source="hn", since="2023-12", until="2024-01")
    [hn] = report.sources
    assert (hn.status, hn.new, hn.unchanged) == ("ok", 1, 3)
    assert shares(env, "cloud")[0] == ("2023-12", 1, 1, 1.0)

    # 3. The same night again changes nothing (the warehouse is no longer empty: Feb + Mar only).
    before = snapshot(env)
    serve_march(hn_server)
    report = run(nightly, month="2024-03")
    [hn] = report.sources
    assert (hn.status, hn.new, hn.updated, hn.unchanged, hn.quarantined) == ("ok", 0, 0, 3, 0)
    assert snapshot(env) == before

    # 4. The CLI reads the same numbers (JSON rows named as the view's columns).
    result = CliRunner().invoke(
        app, ["share", "--category", "cloud", "--since", "2024-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [
        (r["period"], r["source"], r["backend_postings"], r["demanding"], r["share"]) for r in rows
    ] == [
        ("2024-01", "all", 2, 1, 0.5),
        ("2024-02", "all", 2, 2, 1.0),
        ("2024-03", "all", 1, 0, 0.0),
    ]  # the pooled rows: `--source` defaults to all
    assert {"ci_low", "ci_high", "abstained", "postings", "category"} <= set(rows[0])


def test_a_failing_source_is_reported_and_the_run_fails(
    prefect_harness: None, env: Path, hn_server: FakeHN
) -> None:
    from flows.nightly import nightly

    hn_server.algolia_down = hn_server.firebase_down = True
    try:
        state = nightly(month="2024-03", return_state=True)
    finally:
        hn_server.algolia_down = hn_server.firebase_down = False
    assert state.is_failed()
    report = state.result(raise_on_failure=False)
    [hn] = report.sources
    assert hn.status == "failed"
    assert "HTTP 500" in hn.errors[0] and "JOBTRENDS_HN_ALGOLIA_URL" in hn.errors[0]
    with connect(env, read_only=True) as con:
        assert con.execute("select count(*) from postings").fetchall() == [(0,)]
        [(status, errors)] = con.execute(
            "select status, errors from runs where source = 'hn'"
        ).fetchall()
    assert status == "failed" and "HTTP 500" in errors
    m = metrics(env)
    assert m['jobtrends_source_success{source="hn"}'] == 0
    assert m['jobtrends_fetch_errors{source="hn"}'] == 1
    assert m['jobtrends_source_stale{source="hn"}'] == 1  # never succeeded
    listing = CliRunner().invoke(app, ["runs"])
    assert listing.exit_code == 0
    assert "failed" in listing.stdout and "HTTP 500" in listing.stdout


def test_run_without_network_fails_fast_and_clearly(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `make run` does offline: per-source message (URL, setting), non-zero exit, no data."""
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "offline.duckdb"
    monkeypatch.setenv("JOBTRENDS_DB", str(db))
    monkeypatch.setenv("JOBTRENDS_HN_ALGOLIA_URL", f"http://127.0.0.1:{port}/api/v1")
    monkeypatch.setenv("JOBTRENDS_HN_FIREBASE_URL", f"http://127.0.0.1:{port}/v0")
    monkeypatch.setenv("JOBTRENDS_BACKOFF_BASE", "0.01")
    monkeypatch.setenv("JOBTRENDS_TASK_RETRY_DELAY", "0")
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    assert "hn: network unreachable" in message
    assert f"http://127.0.0.1:{port}/robots.txt" in message
    assert "JOBTRENDS_HN_ALGOLIA_URL" in message and "JOBTRENDS_HN_FIREBASE_URL" in message
    assert "1 source(s) failed: hn" in message
    with connect(db, read_only=True) as con:
        assert con.execute("select count(*) from core.raw_payloads").fetchall() == [(0,)]
        assert con.execute("select count(*) from postings").fetchall() == [(0,)]
        assert con.execute("select source, status from runs").fetchall() == [("hn", "failed")]


def test_a_failed_thread_is_fetched_again_alone(
    prefect_harness: None, env: Path, hn_server: FakeHN, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Server trouble on one thread: a second fetch task asks again for that thread only."""
    from extract.hn import Thread
    from flows.hn import fetch_with_retries
    from flows.settings import load_settings

    monkeypatch.setenv("JOBTRENDS_MAX_ATTEMPTS", "2")
    settings = load_settings()
    jan = Thread(str(JAN), "2024-01", "Ask HN: Who is hiring? (January 2024)")
    feb = Thread(str(FEB), "2024-02", "Ask HN: Who is Hiring? (February 2024)")
    before = len(hn_server.log)
    hn_server.firebase_down = True  # no fallback: the failure must be retried, not routed around
    for _ in range(2):  # both HTTP attempts of the first fetch task fail
        hn_server.inject(
            hn_server.search_path, server_error(503), when={"tags": f"comment,story_{FEB}"}
        )
    from prefect import flow

    @flow
    def fetch_both() -> object:
        return fetch_with_retries(settings, [jan, feb])

    try:
        batch = fetch_both()
    finally:
        hn_server.firebase_down = False
    assert [r.error for r in batch.results] == [None, None]
    assert [len(r.records) for r in batch.results] == [3, 2]
    searches = [r for r in hn_server.log[before:] if r.path == hn_server.search_path]
    assert sum(r.query.get("tags") == f"comment,story_{JAN}" for r in searches) == 1
    assert [r.status for r in searches if r.query.get("tags") == f"comment,story_{FEB}"] == [
        503,
        503,
        200,
    ]


def test_a_month_that_failed_is_fetched_again_the_next_night(
    prefect_harness: None, env: Path, hn_server: FakeHN, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    monkeypatch.setenv("JOBTRENDS_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("JOBTRENDS_TASK_RETRIES", "0")
    serve_march(hn_server)
    # February fails on Algolia (2 attempts), then on Firebase's story item (2 attempts).
    for _ in range(2):
        hn_server.inject(
            hn_server.search_path, server_error(500), when={"tags": f"comment,story_{FEB}"}
        )
    hn_server.inject(hn_server.item_path(FEB), server_error(500), server_error(500))
    state = nightly(month="2024-03", return_state=True)
    report = state.result(raise_on_failure=False)
    hn = report.sources[0]
    assert hn.status == "partial" and "2024-02" not in hn.periods
    assert "thread 1002 (2024-02)" in hn.errors[0]

    serve_march(hn_server)
    report = run(nightly, month="2024-03")
    hn = report.sources[0]
    assert hn.status == "ok"
    assert sorted(hn.periods) == ["2024-02", "2024-03"]  # Jan is loaded: not fetched again
    assert shares(env, "cloud")[1] == ("2024-02", 2, 2, 1.0)


def test_stale_facts_are_re_extracted(prefect_harness: None, env: Path, hn_server: FakeHN) -> None:
    from flows.nightly import nightly
    from flows.reextract import reextract

    def make_stale() -> None:
        with connect(env) as con:
            con.execute(
                "update core.postings set taxonomy_version = 'old' where source_id in ('11', '12')"
            )
            con.execute("delete from core.skill_hits where source_id = '11'")

    def check_current() -> None:
        with connect(env, read_only=True) as con:
            versions = con.execute("select distinct taxonomy_version from postings").fetchall()
            skills = con.execute(
                "select skill from posting_skills where posting_key = 'hn:11' order by 1"
            ).fetchall()
        assert versions == [(load_taxonomy().version,)]
        assert ("aws",) in skills and ("docker",) in skills

    serve_march(hn_server)
    run(nightly, month="2024-03")
    # A night re-extracts January's stale postings although it does not fetch January.
    make_stale()
    serve_march(hn_server)
    report = run(nightly, month="2024-03")
    hn, step = report.sources
    assert "2024-01" not in hn.periods
    assert (step.source, step.status, step.updated) == ("reextract", "ok", 2)
    check_current()
    # `jobtrends reextract` does the same alone.
    make_stale()
    report = run(reextract)
    [step] = report.sources
    assert (step.status, step.fetched, step.updated) == ("ok", 2, 2)
    check_current()


def test_two_nightly_runs_at_once_wait_for_each_other(
    prefect_harness: None, env: Path, hn_server: FakeHN
) -> None:
    """Two processes run the same night together: each waits for the warehouse lock in turn,
    both succeed, and the data is what one run alone gives."""
    import os
    import subprocess
    import sys

    from prefect.settings import get_current_settings

    serve_march(hn_server)
    serve_march(hn_server)
    child_env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
    jobtrends = Path(sys.executable).parent / "jobtrends"
    procs = [
        subprocess.Popen(
            [str(jobtrends), "run", "--month", "2024-03"],
            env=child_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=240)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with connect(env, read_only=True) as con:
        keys = con.execute("select posting_key from postings order by 1").fetchall()
        runs = con.execute("select flow, source, status from runs").fetchall()
    assert [k[0] for k in keys] == ["hn:11", "hn:12", "hn:13", "hn:21", "hn:22", "hn:31"]
    assert runs == [("nightly", "hn", "ok")] * 2
    assert shares(env, "cloud") == [
        ("2024-01", 2, 1, 0.5),
        ("2024-02", 2, 2, 1.0),
        ("2024-03", 1, 0, 0.0),
    ]
