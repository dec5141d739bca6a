"""End to end: the real `nightly` flow over HN and several job boards at once, one of them
down, on local servers and a temporary warehouse; then the next night."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.boardfakes import FakeBoards, ashby_job, greenhouse_job, remotive_job, serve_boards
from tests.fakes import Comment, FakeHN, Story, serve
from warehouse.db import connect

pytestmark = pytest.mark.e2e

BACKEND = "<p>Backend services in Go on AWS.</p><h3>Requirements</h3><ul><li>Kubernetes</li></ul>"
FRONTEND = "<p>React and TypeScript for our web app.</p>"


def ts(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[FakeHN, FakeBoards]]:
    story = Story(2000, "Ask HN: Who is hiring? (November 2026)", ts("2026-11-02T16:00:00"))
    hn = FakeHN(
        [story],
        [Comment(2001, 2000, 2000, "u", "Acme | Backend Engineer | Remote<p>AWS.", story.created_at_i + 60)],
    )  # fmt: skip
    boards = FakeBoards()
    with serve(hn), serve_boards(boards):
        yield hn, boards


@pytest.fixture
def env(
    servers: tuple[FakeHN, FakeBoards], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[Path, FakeBoards]:
    hn, boards = servers
    boards.boards = {s: {} for s in boards.boards}
    boards.down = set()
    boards.boards["greenhouse"]["acme"] = [
        greenhouse_job(1, "Senior Backend Engineer", BACKEND),
        greenhouse_job(2, "Frontend Engineer", FRONTEND),
    ]
    boards.boards["greenhouse"]["beta"] = [
        greenhouse_job(11, "Backend Developer", BACKEND, company="Beta")
    ]
    boards.boards["ashby"]["acme"] = [ashby_job("a-1", "Platform Engineer", BACKEND)]
    boards.boards["remotive"]["remotive"] = [
        remotive_job(7, "Backend Engineer (Python)", BACKEND),
        remotive_job(8, "Product Designer", "<p>Figma.</p>"),
    ]
    boards.down.add("smartrecruiters")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "[hn]\n[greenhouse]\nboards = ['acme', 'beta']\n[ashby]\nboards = ['acme']\n"
        "[smartrecruiters]\nboards = ['Acme1']\n[remotive]\n"
    )
    db = tmp_path / "jobtrends.duckdb"
    for name, value in {
        **{f"JOBTRENDS_{k.upper()}": v for k, v in boards.settings().items()},
        "JOBTRENDS_DB": str(db),
        "JOBTRENDS_SOURCES_FILE": str(sources),
        "JOBTRENDS_HTTP_CACHE": str(tmp_path / "http-cache"),
        "JOBTRENDS_HN_ALGOLIA_URL": hn.algolia_url,
        "JOBTRENDS_HN_FIREBASE_URL": hn.firebase_url,
        "JOBTRENDS_INITIAL_BACKFILL_MONTHS": "0",
        "JOBTRENDS_RATE_LIMIT_PER_HOST": "0",
        "JOBTRENDS_BACKOFF_BASE": "0.01",
        "JOBTRENDS_MAX_ATTEMPTS": "2",
        "JOBTRENDS_TASK_RETRIES": "1",
        "JOBTRENDS_TASK_RETRY_DELAY": "0",
        "JOBTRENDS_METRICS_FILE": str(tmp_path / "metrics" / "jobtrends.prom"),
    }.items():
        monkeypatch.setenv(name, value)
    return db, boards


def rows(db: Path, sql: str) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute(sql).fetchall()


def test_several_sources_at_once_one_down_then_the_next_night(
    prefect_harness: None, env: tuple[Path, FakeBoards]
) -> None:
    db, boards = env
    runner = CliRunner()

    first = runner.invoke(app, ["run", "--month", "2026-11"])

    # One source down fails the run (exit 1) after every other source loaded.
    assert first.exit_code == 1, first.output
    assert "smartrecruiters" in first.output and "HTTP 500" in first.output
    assert rows(db, "select source, count(*) from postings group by all order by 1") == [
        ("ashby", 1),
        ("greenhouse", 3),
        ("hn", 1),
        ("remotive", 2),
    ]
    runs = dict(rows(db, "select source, status from runs"))
    assert runs == {
        "hn": "ok", "greenhouse": "ok", "ashby": "ok", "smartrecruiters": "failed",
        "remotive": "ok",
    }  # fmt: skip
    [(errors,)] = rows(db, "select errors from runs where source = 'smartrecruiters'")
    assert "board 'Acme1'" in errors and "JOBTRENDS_SMARTRECRUITERS_URL" in errors
    snapshots = rows(db, "select source, board, status, jobs from board_snapshots order by 1, 2")
    assert snapshots == [
        ("ashby", "acme", "ok", 1),
        ("greenhouse", "acme", "ok", 2),
        ("greenhouse", "beta", "ok", 1),
        ("remotive", "remotive", "ok", 2),
        ("smartrecruiters", "Acme1", "failed", 0),
    ]
    # Board fields are kept, and the classifier saw the titles.
    [(company, board, locations, backend, salary)] = rows(
        db,
        "select company, board, locations, backend, salary_max from postings "
        "where source = 'ashby'",
    )
    assert (company, board, locations, backend, salary) == (
        "acme", "acme", ["Berlin"], True, 100000.0
    )  # fmt: skip
    assert rows(db, "select backend from postings where title = 'Frontend Engineer'") == [(False,)]
    metrics = (db.parent / "metrics" / "jobtrends.prom").read_text()
    assert 'jobtrends_source_success{source="smartrecruiters"} 0.0' in metrics
    assert 'jobtrends_source_success{source="greenhouse"} 1.0' in metrics

    # The next night: smartrecruiters is back, beta suddenly lists nothing, the rest is
    # unchanged (answered 304 from the HTTP cache), and Remotive is not asked again so soon.
    boards.down.clear()
    boards.boards["smartrecruiters"]["Acme1"] = []
    boards.boards["greenhouse"]["beta"] = []
    raw_before = rows(db, "select count(*) from core.raw_payloads")
    [(beta_seen,)] = rows(db, "select last_seen from postings where board = 'beta'")

    second = runner.invoke(app, ["run", "--month", "2026-11"])

    assert second.exit_code == 0, second.output
    assert "listed 1 jobs last time and none now" in second.output
    latest = rows(
        db,
        "select source, status, new, updated, unchanged, not_modified, warnings, notes from runs "
        "where started_at = (select max(started_at) from runs where source = 'greenhouse') "
        "or source = 'remotive' and notes like 'skipped%' order by source",
    )
    by = {r[0]: r[1:] for r in latest}
    assert by["greenhouse"][:5] == ("ok", 0, 0, 2, 1)  # acme unchanged via 304, beta empty
    assert "board 'beta' listed 1 jobs" in by["greenhouse"][5]
    assert by["remotive"][0] == "skipped" and "skipped: fetched" in by["remotive"][6]
    assert rows(db, "select count(*) from core.raw_payloads") == raw_before
    # An emptied board closes nothing: beta's posting was last seen when it was listed.
    assert rows(db, "select last_seen from postings where board = 'beta'") == [(beta_seen,)]
    assert rows(db, "select status from posting_lifetimes where board = 'beta'") == [("unknown",)]
    assert set(rows(db, "select status from posting_lifetimes where board = 'acme'")) == {("open",)}
    [(status, previous)] = rows(
        db,
        "select status, previous_jobs from board_snapshots where board = 'beta' "
        "order by fetched_at desc limit 1",
    )
    assert (status, previous) == ("suspect_empty", 1)
    metrics = (db.parent / "metrics" / "jobtrends.prom").read_text()
    assert 'jobtrends_board_count_dropped{board="beta",source="greenhouse"} 1.0' in metrics
    assert 'jobtrends_board_count_dropped{board="acme",source="greenhouse"} 0.0' in metrics
    assert 'jobtrends_http_not_modified{source="greenhouse"} 1.0' in metrics
    listing = runner.invoke(app, ["runs"])
    assert listing.exit_code == 0 and "smartrecruiters" in listing.stdout


def test_job_board_fetches_fan_out_to_dask_workers(
    prefect_harness: None,
    env: tuple[Path, FakeBoards],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    distributed = pytest.importorskip("distributed")
    from flows.nightly import nightly

    db, boards = env
    boards.down.clear()
    boards.boards["smartrecruiters"]["Acme1"] = []
    with (
        # Any free port for the dashboard: Dask's default, 8787, may be taken by another cluster.
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=3, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        monkeypatch.setenv("JOBTRENDS_DASK_ADDRESS", cluster.scheduler_address)
        # Should a worker ever hang, the run fails that source with a message, well before
        # pytest-timeout, and the assertion below shows it.
        monkeypatch.setenv("JOBTRENDS_FETCH_TIMEOUT", "240")
        with distributed.get_task_stream(client) as stream:
            state = nightly(sources=["greenhouse", "ashby", "smartrecruiters"], return_state=True)
        worker_pids = set(client.run(os.getpid).values())

    report = state.result(raise_on_failure=False)
    assert state.is_completed(), report.summary()
    ran = [t for t in stream.data if str(t["key"]).startswith("fetch_source-")]
    assert len(ran) == 3  # one fetch task per source, on the Dask worker (another process)
    assert os.getpid() not in worker_pids
    assert rows(db, "select source, count(*) from postings group by all order by 1") == [
        ("ashby", 1),
        ("greenhouse", 3),
    ]


def _greenhouse_fetch_first(monkeypatch: pytest.MonkeyPatch, trouble: Callable[[], None]) -> None:
    """Make the greenhouse fetch task run ``trouble`` (hang, die) before it fetches."""
    from prefect import task
    from prefect.cache_policies import NO_CACHE

    from flows import boards as boards_flow

    real_fetch = boards_flow.fetch_source

    @task(name="fetch-boards", cache_policy=NO_CACHE)
    def troubled_fetch(settings: Any, name: str, boards: Any, deadline: Any = None) -> Any:
        if name == "greenhouse":
            trouble()
        return real_fetch.fn(settings, name, boards, deadline)

    monkeypatch.setattr(boards_flow, "fetch_source", troubled_fetch)


def test_a_fetch_that_never_finishes_fails_its_source_and_the_others_still_load(
    prefect_harness: None, env: tuple[Path, FakeBoards], monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    db, boards = env
    boards.down.clear()
    stuck = threading.Event()
    _greenhouse_fetch_first(monkeypatch, lambda: stuck.wait(8))  # a worker that stops answering
    monkeypatch.setenv("JOBTRENDS_FETCH_TIMEOUT", "1.5")
    state = nightly(sources=["greenhouse", "ashby"], return_state=True)
    stuck.set()

    report = state.result(raise_on_failure=False)
    assert state.is_failed()
    assert [(s.source, s.status) for s in report.sources] == [
        ("greenhouse", "failed"),
        ("ashby", "ok"),
    ]
    [(errors,)] = rows(db, "select errors from runs where source = 'greenhouse'")
    assert "greenhouse: fetching did not finish within 1.5 s on its thread" in errors
    assert "JOBTRENDS_FETCH_TIMEOUT" in errors
    assert rows(db, "select source, count(*) from postings group by all") == [("ashby", 1)]


def test_a_fetch_task_that_fails_is_reported_as_its_error_not_as_a_timeout(
    prefect_harness: None, env: tuple[Path, FakeBoards], monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    db, boards = env
    boards.down.clear()

    def worker_lost() -> None:
        raise RuntimeError("worker lost")  # as a Dask KilledWorker would surface

    _greenhouse_fetch_first(monkeypatch, worker_lost)
    state = nightly(sources=["greenhouse", "ashby"], return_state=True)

    report = state.result(raise_on_failure=False)
    assert [(s.source, s.status) for s in report.sources] == [
        ("greenhouse", "failed"),
        ("ashby", "ok"),
    ]
    [(errors,)] = rows(db, "select errors from runs where source = 'greenhouse'")
    assert errors == "crashed: RuntimeError: worker lost"


def test_a_crashing_source_is_recorded_and_the_others_still_load(
    prefect_harness: None, env: tuple[Path, FakeBoards], monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import hn as hn_flow
    from flows.nightly import nightly

    db, boards = env
    boards.down.clear()

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug in the HN step")

    monkeypatch.setattr(hn_flow, "run_hn", boom)
    state = nightly(sources=["hn", "greenhouse"], month="2026-11", return_state=True)

    report = state.result(raise_on_failure=False)
    assert state.is_failed()
    assert [(s.source, s.status) for s in report.sources] == [
        ("hn", "failed"),
        ("greenhouse", "ok"),
    ]
    [(status, errors)] = rows(db, "select status, errors from runs where source = 'hn'")
    assert status == "failed" and errors == "crashed: RuntimeError: simulated bug in the HN step"
    assert rows(db, "select count(*) from postings where source = 'greenhouse'") == [(3,)]
