"""Job boards through the shared fetch loop: politeness and faults on a real local server,
conditional requests, random failures, board snapshots and the sources file."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract import ashby, greenhouse, remotive
from extract.boards import BoardFetch, BoardSource, Listing, fetch_boards
from extract.errors import ConfigError
from extract.http import Counters, HttpConfig
from extract.sources import (
    ALL_SOURCES,
    BOARD_SOURCES,
    default_sources_path,
    load_sources_file,
    parse_sources,
)
from flows import boards as board_flow
from flows.settings import load_settings
from tests.boardfakes import FakeBoards, ashby_job, greenhouse_job, remotive_job
from tests.fakes import (
    LocalHTTPServer,
    RawServer,
    VirtualTime,
    json_response,
    malformed,
    rate_limited,
    server_error,
)

HTML = "<p>We run Python on AWS.</p><h3>Requirements</h3><ul><li>Docker</li></ul>"


def fast(**overrides: Any) -> HttpConfig:
    base: dict[str, Any] = dict(
        rate_limit_per_host=0, backoff_base=0.001, backoff_max=0.01, max_attempts=3, timeout=5.0
    )
    return HttpConfig(**{**base, **overrides})


def fetch(
    source: BoardSource, config: HttpConfig, targets: list[tuple[str, str]], **kw: Any
) -> tuple[list[BoardFetch], Counters]:
    return asyncio.run(fetch_boards(source, config, targets, **kw))


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def gh_board(fake: FakeBoards, token: str, n: int, start: int = 1) -> list[dict[str, Any]]:
    jobs = [greenhouse_job(i, f"Backend Engineer {i}", HTML) for i in range(start, start + n)]
    fake.boards["greenhouse"][token] = jobs
    return jobs


# ---------------------------------------------------------------- the fetch loop


def test_each_board_fails_alone_and_says_why(fake: FakeBoards) -> None:
    gh_board(fake, "acme", 3)
    gh_board(fake, "beta", 2, start=10)
    fake.inject("/greenhouse/v1/boards/broken/jobs", *[server_error(503)] * 3)
    fake.inject("/greenhouse/v1/boards/garbage/jobs", malformed("<html>maintenance</html>"))
    url = fake.url("greenhouse")

    results, counters = fetch(
        greenhouse.SOURCE,
        fast(),
        [("acme", url), ("missing", url), ("broken", url), ("garbage", url), ("beta", url)],
    )

    by = {r.board: r for r in results}
    assert [r.board for r in results] == ["acme", "missing", "broken", "garbage", "beta"]
    assert (by["acme"].status, by["acme"].jobs) == ("ok", 3)
    assert (by["beta"].status, by["beta"].jobs) == ("ok", 2)
    assert by["missing"].status == "gone" and not by["missing"].retryable
    assert "HTTP 404" in str(by["missing"].error) and "/boards/missing/jobs" in str(
        by["missing"].error
    )
    assert by["broken"].status == "failed" and by["broken"].retryable
    assert "JOBTRENDS_GREENHOUSE_URL" in str(by["broken"].error)
    assert by["garbage"].status == "failed" and not by["garbage"].retryable
    assert "not valid JSON" in str(by["garbage"].error)
    assert counters.retries == 2  # the two retries of "broken"
    assert [r.source_id for r in by["acme"].records] == ["acme/1", "acme/2", "acme/3"]


def test_a_job_without_id_is_quarantined_and_a_repeated_one_lands_once(fake: FakeBoards) -> None:
    jobs = gh_board(fake, "acme", 2)
    no_id = dict(jobs[0], id=None)
    fake.boards["greenhouse"]["acme"] = [*jobs, no_id, jobs[1], "not an object"]

    [result], _ = fetch(greenhouse.SOURCE, fast(), [("acme", fake.url("greenhouse"))])

    assert [r.source_id for r in result.records] == ["acme/1", "acme/2"]
    assert [q.record_key[:5] for q in result.malformed] == ["acme#", "acme#"]
    assert all("job has no id" in q.error and "acme" in q.error for q in result.malformed)
    assert result.jobs == 4
    # Keyed by content, not position: listed again elsewhere on the board, the same key.
    fake.boards["greenhouse"]["acme"] = ["not an object", no_id, *jobs]
    [again], _ = fetch(greenhouse.SOURCE, fast(), [("acme", fake.url("greenhouse"))])
    assert {q.record_key for q in again.malformed} == {q.record_key for q in result.malformed}


def test_two_different_jobs_under_one_id_are_both_kept(fake: FakeBoards) -> None:
    first = greenhouse_job(5, "Backend Engineer", HTML)
    second = greenhouse_job(5, "Data Engineer", "<p>Spark.</p>")
    fake.boards["greenhouse"]["acme"] = [first, second]

    [result], _ = fetch(greenhouse.SOURCE, fast(), [("acme", fake.url("greenhouse"))])

    assert [r.payload["title"] for r in result.records] == ["Backend Engineer"]
    [kept] = result.malformed
    assert "listed twice with different content" in kept.error and "Data Engineer" in kept.payload


def test_a_source_module_crashing_on_garbage_fails_only_that_board(fake: FakeBoards) -> None:
    async def boom(client: Any, base_url: str, board: str) -> Listing:
        if board == "bad":
            raise KeyError("jobs")
        return await greenhouse.list_jobs(client, base_url, board)

    gh_board(fake, "acme", 1)
    source = BoardSource("greenhouse", "", boom, greenhouse.job_id, greenhouse.parse)
    url = fake.url("greenhouse")

    results, _ = fetch(source, fast(), [("bad", url), ("acme", url)])

    assert "unexpected answer" in str(results[0].error) and "KeyError" in str(results[0].error)
    assert results[1].status == "ok"


def test_wrong_shape_is_a_payload_error_naming_the_setting(fake: FakeBoards) -> None:
    fake.inject("/greenhouse/v1/boards/acme/jobs", json_response({"job": []}))

    [result], _ = fetch(greenhouse.SOURCE, fast(), [("acme", fake.url("greenhouse"))])

    assert "expected a JSON object with a 'jobs' list" in str(result.error)
    assert "JOBTRENDS_GREENHOUSE_URL" in str(result.error)


# ---------------------------------------------------------------- politeness


def test_every_request_identifies_us_and_robots_is_read_once_per_host(
    fake: FakeBoards, httpserver: HTTPServer
) -> None:
    gh_board(fake, "acme", 1)
    gh_board(fake, "beta", 1)
    config = fast(user_agent="jobtrends/9 (+https://example.org/contact)")
    url = fake.url("greenhouse")

    fetch(greenhouse.SOURCE, config, [("acme", url), ("beta", url)])

    agents = {req.headers.get("User-Agent") for req, _ in httpserver.log}
    assert agents == {"jobtrends/9 (+https://example.org/contact)"}
    assert len(fake.calls("/robots.txt")) == 1


def test_robots_disallow_fails_the_board_without_fetching_it(fake: FakeBoards) -> None:
    fake.robots_txt = "User-agent: *\nDisallow: /greenhouse/v1/boards/secret/\n"
    gh_board(fake, "secret", 1)
    gh_board(fake, "acme", 1)
    url = fake.url("greenhouse")

    results, _ = fetch(greenhouse.SOURCE, fast(), [("secret", url), ("acme", url)])

    assert "robots.txt disallows" in str(results[0].error)
    assert not fake.calls("/greenhouse/v1/boards/secret/jobs")
    assert results[1].status == "ok"


def test_crawl_delay_spaces_the_boards_of_one_host(fake: FakeBoards) -> None:
    fake.robots_txt = "User-agent: *\nCrawl-delay: 3\n"
    for token in ("a", "b", "c"):
        gh_board(fake, token, 1)
    url = fake.url("greenhouse")
    vt = VirtualTime()

    async def go() -> None:
        from extract.boards import fetch_board
        from extract.http import PoliteClient

        async with PoliteClient(
            fast(max_concurrency_per_host=1), source="greenhouse", sleep=vt.sleep, clock=vt.clock
        ) as client:
            for token in ("a", "b", "c"):
                result = await fetch_board(greenhouse.SOURCE, client, url, token)
                assert result.status == "ok"

    asyncio.run(go())
    assert sum(1 for w in vt.waits if w > 2.5) >= 2  # three board requests, 3 s apart


def test_retry_after_on_429_is_honoured(fake: FakeBoards) -> None:
    gh_board(fake, "acme", 2)
    fake.inject("/greenhouse/v1/boards/acme/jobs", rate_limited(retry_after=5))
    vt = VirtualTime()

    async def go() -> BoardFetch:
        from extract.boards import fetch_board
        from extract.http import PoliteClient

        async with PoliteClient(
            fast(), source="greenhouse", sleep=vt.sleep, clock=vt.clock
        ) as client:
            result = await fetch_board(greenhouse.SOURCE, client, fake.url("greenhouse"), "acme")
            assert client.counters.rate_limited == 1
            return result

    result = asyncio.run(go())
    assert result.status == "ok" and result.jobs == 2
    assert 5 in vt.waits


def test_503_then_success_is_retried(fake: FakeBoards) -> None:
    fake.boards["ashby"]["acme"] = [ashby_job("u-1", "Backend Engineer", HTML)]
    fake.inject("/ashby/posting-api/job-board/acme", server_error(503))

    [result], counters = fetch(ashby.SOURCE, fast(), [("acme", fake.url("ashby"))])

    assert result.status == "ok" and counters.retries == 1


def test_dropped_connections_are_retried() -> None:
    body = b'{"jobs": [], "apiVersion": "1"}'
    server = RawServer(drop=2, body=body)
    try:
        [result], counters = fetch(
            ashby.SOURCE, fast(obey_robots=False), [("acme", server.url("/posting-api"))]
        )
    finally:
        server.close()
    assert result.status == "empty", result.error
    assert counters.retries == 2


@pytest.fixture
def slow_server() -> Iterator[tuple[HTTPServer, threading.Event]]:
    release = threading.Event()
    srv = LocalHTTPServer(host="127.0.0.1", port=0, threaded=True)

    def slow(request: Request) -> Response:
        release.wait(5)
        return json_response({"jobs": [], "meta": {"total": 0}})

    srv.expect_request("/v1/boards/slow/jobs").respond_with_handler(slow)
    srv.start()
    yield srv, release
    release.set()
    srv.stop()


def test_a_slow_board_times_out_and_is_retryable(
    slow_server: tuple[HTTPServer, threading.Event],
) -> None:
    srv, _ = slow_server
    [result], counters = fetch(
        greenhouse.SOURCE,
        fast(timeout=0.2, max_attempts=2, obey_robots=False),
        [("slow", srv.url_for("/v1"))],
    )
    assert "timed out" in str(result.error) and result.retryable
    assert counters.retries == 1


def test_a_board_still_fetching_at_the_run_s_deadline_fails_and_the_others_are_kept(
    slow_server: tuple[HTTPServer, threading.Event], fake: FakeBoards
) -> None:
    srv, _ = slow_server
    gh_board(fake, "acme", 2)
    quick, slow = fetch(
        greenhouse.SOURCE,
        fast(timeout=5.0, obey_robots=False),
        [("acme", fake.url("greenhouse")), ("slow", srv.url_for("/v1"))],
        timeout=0.5,
    )[0]
    assert quick.status == "ok" and quick.jobs == 2
    assert slow.status == "failed" and not slow.retryable
    assert "still fetching when the run's time for job boards ran out" in str(slow.error)
    assert "JOBTRENDS_FETCH_TIMEOUT" in str(slow.error)


def test_a_fetch_task_hands_over_the_boards_done_by_the_run_s_deadline(
    slow_server: tuple[HTTPServer, threading.Event], fake: FakeBoards, tmp_path: Path
) -> None:
    srv, _ = slow_server
    gh_board(fake, "acme", 2)
    settings = load_settings(
        **fake.settings(), db=tmp_path / "w.duckdb", rate_limit_per_host=0, obey_robots=False,
        task_retries=0, http_cache=None,
    )  # fmt: skip
    targets = [("acme", settings.greenhouse_url), ("slow", srv.url_for("/v1"))]
    fetched = board_flow.fetch_source.fn(settings, "greenhouse", targets, time.time() + 0.5)
    assert [(r.board, r.status) for r in fetched.results] == [("acme", "ok"), ("slow", "failed")]


def test_an_oversized_board_is_refused(fake: FakeBoards) -> None:
    gh_board(fake, "huge", 50)

    [result], _ = fetch(
        greenhouse.SOURCE, fast(max_response_bytes=4096), [("huge", fake.url("greenhouse"))]
    )

    assert "byte cap" in str(result.error) and "JOBTRENDS_MAX_RESPONSE_BYTES" in str(result.error)


# ---------------------------------------------------------------- conditional requests


def test_an_unchanged_board_answers_304_from_the_cache(fake: FakeBoards, tmp_path: Path) -> None:
    gh_board(fake, "acme", 3)
    url = fake.url("greenhouse")
    cache = tmp_path / "greenhouse.sqlite"

    [first], c1 = fetch(greenhouse.SOURCE, fast(), [("acme", url)], cache=cache)
    [second], c2 = fetch(greenhouse.SOURCE, fast(), [("acme", url)], cache=cache)
    gh_board(fake, "acme", 4)  # the board changes: a full answer again
    [third], _ = fetch(greenhouse.SOURCE, fast(), [("acme", url)], cache=cache)

    assert (first.not_modified, c1.not_modified) == (False, 0)
    assert (second.not_modified, c2.not_modified) == (True, 1)
    assert [r.hash for r in second.records] == [r.hash for r in first.records]
    assert (third.not_modified, third.jobs) == (False, 4)
    statuses = [c.status for c in fake.calls("/greenhouse/v1/boards/acme/jobs")]
    assert statuses == [200, 304, 200]


# ---------------------------------------------------------------- random failures


def test_with_20_percent_of_requests_failing_every_job_arrives_exactly_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    fake = FakeBoards(fail_rate=0.2, seed=11).install(httpserver)
    expected = set()
    for b in range(30):
        jobs = gh_board(fake, f"board{b}", 5, start=b * 100)
        expected |= {f"board{b}/{j['id']}" for j in jobs}
    fake.boards["remotive"]["remotive"] = [remotive_job(i, f"Dev {i}", HTML) for i in range(30)]
    settings = load_settings(
        **fake.settings(),
        db=tmp_path / "w.duckdb",
        rate_limit_per_host=0,
        backoff_base=0.001,
        max_attempts=3,
        task_retries=3,
        task_retry_delay=0,
        http_cache=tmp_path / "cache",
    )
    targets = [(f"board{b}", settings.greenhouse_url) for b in range(30)]

    fetched = board_flow.fetch_source.fn(settings, "greenhouse", targets)
    feed = board_flow.fetch_source.fn(settings, "remotive", [("remotive", settings.remotive_url)])
    board_flow.load_source.fn(settings, fetched, "run-1")
    board_flow.load_source.fn(settings, feed, "run-1")

    assert fake.failed_randomly >= 4  # about one request in five failed
    assert all(r.error is None for r in fetched.results), [r.error for r in fetched.results]
    assert fetched.counters.retries > 0
    from warehouse.db import connect

    with connect(settings.db) as con:
        loaded = [r[0] for r in con.execute("select source_id from core.postings").fetchall()]
        raw = con.execute("select count(*), count(distinct source_id) from core.raw_payloads")
        [(raw_rows, raw_ids)] = raw.fetchall()
    greenhouse_ids = [i for i in loaded if "/" in i]
    assert sorted(greenhouse_ids) == sorted(expected)  # every job, exactly once
    assert len(loaded) == len(expected) + 30 == raw_rows == raw_ids


# ---------------------------------------------------------------- snapshots


def test_snapshots_flag_a_board_that_suddenly_empties() -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    results = [
        BoardFetch("greenhouse", "was_full", fetched_at=now),
        BoardFetch("greenhouse", "always_empty", fetched_at=now),
        BoardFetch("greenhouse", "down", fetched_at=now, error="boom", retryable=True),
        BoardFetch("greenhouse", "gone", fetched_at=now, error="HTTP 404", gone=True),
    ]
    shots = board_flow.snapshots(results, {"was_full": 40, "down": 3})
    assert [(s.board, s.status, s.previous_jobs) for s in shots] == [
        ("was_full", "suspect_empty", 40),
        ("always_empty", "empty", None),
        ("down", "failed", 3),
        ("gone", "gone", None),
    ]


def test_a_rare_feed_is_skipped_within_its_interval(tmp_path: Path) -> None:
    from warehouse import load
    from warehouse.db import connect

    sources = tmp_path / "sources.toml"
    sources.write_text("[remotive]\nmin_interval_hours = 6\n")
    settings = load_settings(db=tmp_path / "w.duckdb", sources_file=sources)
    now = datetime.now(UTC)
    assert board_flow.skip_reason(settings, "remotive") is None  # never fetched
    with connect(settings.db) as con:
        load.record_snapshots(
            con,
            [load.Snapshot("remotive", "remotive", "u", now - timedelta(hours=2), "ok", 3)],
            "run-1",
        )
    reason = board_flow.skip_reason(settings, "remotive", now=now)
    assert reason is not None and "2.0 h ago" in reason and "6 h" in reason
    assert board_flow.skip_reason(settings, "remotive", now=now + timedelta(hours=5)) is None


# ---------------------------------------------------------------- the sources file


def test_the_shipped_sources_file_watches_at_least_150_companies() -> None:
    config = load_sources_file(default_sources_path())
    boards = [
        (name, b)
        for name, cfg in config.sources.items()
        if name in BOARD_SOURCES and not BOARD_SOURCES[name].feed
        for b in (*cfg.boards, *cfg.eu_boards)
    ]
    assert len(boards) >= 150
    assert len(boards) == len(set(boards))
    assert {n for n, _ in boards} >= {
        "greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee"
    }  # fmt: skip
    assert set(config.enabled()) >= {"hn", "remotive", "remoteok", "arbeitnow"}


def test_every_source_has_a_documented_setting_and_a_module_docstring() -> None:
    import importlib

    from flows.settings import Settings
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text()
    for name, source in BOARD_SOURCES.items():
        module = importlib.import_module(f"extract.{name}")
        assert module.__doc__ and len(module.__doc__) > 200, name
        assert source.doc, name
        assert f"| `{name}` |" in readme, f"{name} missing from the README's source table"
        if name == "jsonld":
            continue  # its "boards" are page URLs
        assert f"{name}_url" in Settings.model_fields, name
        assert f"`{source.setting}`" in readme, source.setting
        assert load_settings().source_url(name) == source.default_url, name
    assert ALL_SOURCES[0] == "hn"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"greenhose": {"boards": ["a"]}}, "unknown source table(s) [greenhose]"),
        ({"greenhouse": {"board": ["a"]}}, "[greenhouse] board: Extra inputs"),
        ({"greenhouse": {"boards": "a"}}, "[greenhouse] boards"),
        ({"greenhouse": {"boards": ["a", " "]}}, "contains an empty entry"),
        ({"remotive": {"boards": ["a"]}}, "takes no boards"),
        ({"ashby": {"eu_boards": ["a"]}}, "eu_boards is only for [lever]"),
        ({"jsonld": {"urls": ["example.com/jobs"]}}, "not http(s) URLs"),
        ({"hn": True}, "[hn] must be a table"),
    ],
)
def test_sources_file_errors_name_the_file_and_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_sources(data, "my-sources.toml")
    assert "my-sources.toml" in str(info.value)
    assert message in str(info.value)


def test_sources_file_defaults_and_duplicates() -> None:
    config = parse_sources(
        {"hn": {}, "greenhouse": {"boards": ["a", "b", "a"]}, "lever": {"enabled": False}}
    )
    assert config.enabled() == ["hn", "greenhouse"]
    assert config.get("greenhouse").boards == ("a", "b")
    assert config.get("workable").enabled is False  # no table: not fetched
    assert parse_sources({"remotive": {}}).get("remotive").min_interval_hours == 6


def test_a_missing_or_broken_sources_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist: fix JOBTRENDS_SOURCES_FILE"):
        load_sources_file(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[greenhouse\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_sources_file(bad)


def test_targets_include_lever_eu_boards_and_feeds(tmp_path: Path) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(
        '[lever]\nboards = ["a"]\neu_boards = ["b"]\n[remoteok]\n'
        '[jsonld]\nurls = ["https://example.com/careers/1"]\n'
    )
    settings = load_settings(sources_file=sources)
    assert board_flow.targets(settings, "lever") == [
        ("a", "https://api.lever.co/v0"),
        ("b", "https://api.eu.lever.co/v0"),
    ]
    assert board_flow.targets(settings, "remoteok") == [("remoteok", "https://remoteok.com/api")]
    assert board_flow.targets(settings, "jsonld") == [("https://example.com/careers/1", "")]


def test_payload_error_is_raised_for_non_list_feeds(fake: FakeBoards) -> None:
    fake.inject("/remotive/api/remote-jobs", json_response({"jobs": {"1": {}}}))
    [result], _ = fetch(remotive.SOURCE, fast(), [("remotive", fake.url("remotive"))])
    assert "'jobs' list" in str(result.error)


# ---------------------------------------------------------------- `jobtrends sources`


def test_sources_check_reports_ok_empty_and_gone_boards(
    fake: FakeBoards, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from flows.cli import app

    gh_board(fake, "acme", 2)
    fake.boards["greenhouse"]["quiet"] = []
    fake.boards["remotive"]["remotive"] = [remotive_job(1, "Backend Engineer", HTML)]
    sources = tmp_path / "sources.toml"
    sources.write_text("[greenhouse]\nboards = ['acme', 'quiet', 'renamed']\n[remotive]\n")
    monkeypatch.setenv("JOBTRENDS_SOURCES_FILE", str(sources))
    monkeypatch.setenv("JOBTRENDS_DB", str(tmp_path / "jobtrends.duckdb"))
    monkeypatch.setenv("JOBTRENDS_RATE_LIMIT_PER_HOST", "0")
    for key, value in fake.settings().items():
        monkeypatch.setenv(f"JOBTRENDS_{key.upper()}", value)
    runner = CliRunner()

    checked = runner.invoke(app, ["sources", "check", "--format", "json"])

    assert checked.exit_code == 1, checked.output
    rows = json.loads(checked.stdout)
    assert [(r["source"], r["board"], r["status"], r["jobs"]) for r in rows] == [
        ("greenhouse", "acme", "ok", 2),
        ("greenhouse", "quiet", "empty", 0),
        ("greenhouse", "renamed", "gone", 0),
        ("remotive", "remotive", "ok", 1),
    ]
    assert "HTTP 404" in rows[2]["detail"]
    assert "4 boards: 2 ok, 1 empty, 1 gone, 0 failed" in checked.stderr
    assert not (tmp_path / "jobtrends.duckdb").exists()  # nothing stored

    only_remotive = runner.invoke(app, ["sources", "check", "--sources", "remotive"])
    assert only_remotive.exit_code == 0, only_remotive.output

    listed = runner.invoke(app, ["sources", "list"])
    assert listed.exit_code == 0
    assert "greenhouse" in listed.stdout and "JOBTRENDS_GREENHOUSE_URL" in listed.stdout


# ---------------------------------------------------------------- the warehouse


def _load_boards(settings: Any, fake: FakeBoards, run_id: str) -> Any:
    targets = board_flow.targets(settings, "ashby")
    fetched = board_flow.fetch_source.fn(settings, "ashby", targets)
    return board_flow.load_source.fn(settings, fetched, run_id)


def test_reextraction_keeps_board_fields_and_sightings(fake: FakeBoards, tmp_path: Path) -> None:
    from flows.reextract import reextract_batch
    from warehouse.db import connect

    fake.boards["ashby"]["acme"] = [ashby_job("u-1", "Backend Engineer", HTML)]
    sources = tmp_path / "s.toml"
    sources.write_text("[ashby]\nboards = ['acme']\n")
    settings = load_settings(
        **fake.settings(), db=tmp_path / "w.duckdb", sources_file=sources, rate_limit_per_host=0,
        http_cache=tmp_path / "cache",
    )  # fmt: skip
    _load_boards(settings, fake, "run-1")
    columns = (
        "period, board, locations, remote, department, employment_type, salary_min, "
        "salary_max, salary_currency, salary_period, salary_text, source_updated_at, "
        "first_seen, last_seen"
    )
    with connect(settings.db) as con:
        before = con.execute(f"select {columns} from core.postings").fetchall()
        con.execute("update core.postings set taxonomy_version = 'older'")

    counts = reextract_batch.fn(settings, [("ashby", "acme/u-1")], "run-2")

    assert counts.updated == 1
    with connect(settings.db) as con:
        assert con.execute(f"select {columns} from core.postings").fetchall() == before
    assert before[0][1:4] == ("acme", ["Berlin"], False)


def test_posting_lifetimes_close_only_after_two_good_snapshots(
    fake: FakeBoards, tmp_path: Path
) -> None:
    from warehouse.db import connect

    a, b = ashby_job("u-1", "Backend Engineer", HTML), ashby_job("u-2", "SRE", HTML)
    sources = tmp_path / "s.toml"
    sources.write_text("[ashby]\nboards = ['acme']\n")
    settings = load_settings(
        **fake.settings(), db=tmp_path / "w.duckdb", sources_file=sources, rate_limit_per_host=0,
        max_attempts=1, task_retries=0, http_cache=None,
    )  # fmt: skip

    closed_by: dict[str, int] = {}

    def night(jobs: list[dict[str, Any]] | None, run: str) -> dict[str, tuple[str, int]]:
        if jobs is None:
            fake.down.add("ashby")
        else:
            fake.down.discard("ashby")
            fake.boards["ashby"]["acme"] = jobs
        closed_by[run] = _load_boards(settings, fake, run).closed
        with connect(settings.db) as con:
            rows = con.execute(
                "select source_id, status, missed_snapshots from posting_lifetimes"
            ).fetchall()
        return {sid: (status, missed) for sid, status, missed in rows}

    assert night([a, b], "n1") == {"acme/u-1": ("open", 0), "acme/u-2": ("open", 0)}
    assert night([a], "n2")["acme/u-2"] == ("missing", 1)
    assert night(None, "n3")["acme/u-2"] == ("unknown", 1)  # the board failed: no verdict
    assert night([], "n4") == {  # suddenly empty: closes nothing, counts as no snapshot
        "acme/u-1": ("unknown", 0),
        "acme/u-2": ("unknown", 1),
    }
    assert night([a], "n5") == {"acme/u-1": ("open", 0), "acme/u-2": ("closed", 2)}
    assert closed_by["n5"] == 1 and sum(closed_by.values()) == 1
    assert night([a, b], "n6")["acme/u-2"] == ("open", 0)  # listed again: reopened
    with connect(settings.db) as con:
        [(closed_at,)] = con.execute(
            "select closed_at from posting_lifetimes where source_id = 'acme/u-1'"
        ).fetchall()
    assert closed_at is None


def test_close_after_misses_is_a_setting_the_view_applies(fake: FakeBoards, tmp_path: Path) -> None:
    from warehouse.db import connect

    a, b = ashby_job("u-1", "Backend Engineer", HTML), ashby_job("u-2", "SRE", HTML)
    sources = tmp_path / "s.toml"
    sources.write_text("[ashby]\nboards = ['acme']\n")
    settings = load_settings(
        **fake.settings(), db=tmp_path / "w.duckdb", sources_file=sources, rate_limit_per_host=0,
        max_attempts=1, task_retries=0, http_cache=None, close_after_misses=3,
    )  # fmt: skip

    def night(jobs: list[dict[str, Any]], run: str) -> tuple[str, int]:
        fake.boards["ashby"]["acme"] = jobs
        _load_boards(settings, fake, run)
        with connect(settings.db) as con:
            [row] = con.execute(
                "select status, missed_snapshots from posting_lifetimes "
                "where source_id = 'acme/u-2'"
            ).fetchall()
            assert con.execute(
                "select value from core.settings where key = 'close_after_missed_snapshots'"
            ).fetchall() == [("3",)]
        return row

    assert night([a, b], "n1") == ("open", 0)
    assert night([a], "n2") == ("missing", 1)
    assert night([a], "n3") == ("missing", 2)  # two misses close nothing when N is 3
    assert night([a], "n4") == ("closed", 3)


def test_an_unreachable_host_is_tried_once_per_run_not_once_per_board() -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on: connections are refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/greenhouse/v1"
    boards = [(f"b{i}", url) for i in range(20)]

    results, counters = fetch(greenhouse.SOURCE, fast(max_attempts=3), boards)

    assert all(r.error and r.retryable for r in results)
    assert counters.requests == 3  # the first board's robots.txt, tried 3 times; no others
    assert sum("not tried" in str(r.error) for r in results) == 19
    assert "JOBTRENDS_GREENHOUSE_URL" in str(results[-1].error)
