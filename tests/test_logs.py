"""Logs: one line per event, JSON on request, quiet by default, no secrets or payloads."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.logs import MAX_CHARS, JsonLines, Redact, configure, redact
from tests.boardfakes import FakeBoards, greenhouse_job, serve_boards
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        (
            "GET https://bob:hunter2@example.com/jobs failed",
            "hunter2",
            "https://***:***@example.com",
        ),
        ("https://api.example.com/jobs?board=acme&api_key=s3cr3t&x=1", "s3cr3t", "board=acme"),
        ("retrying https://x.io/a?token=abc.def-ghi", "abc.def-ghi", "token=***"),
        (
            "headers: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload",
            "eyJhbGci",
            "Authorization",
        ),
        ("sent bearer abcdefghijklmnop to the server", "abcdefghijklmnop", "bearer ***"),
    ],
)
def test_redact_masks_credentials(text: str, hidden: str, kept: str) -> None:
    out = redact(text)
    assert hidden not in out
    assert kept in out


def test_redact_cuts_payloads() -> None:
    payload = json.dumps({"jobs": [{"content": "x" * 5000}]})
    out = redact(f"bad payload: {payload}")
    assert len(out) < MAX_CHARS + 80
    assert out.endswith("more characters not logged)")


def record(msg: str, *args: object, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("jobtrends", logging.INFO, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(rec, key, value)
    return rec


def test_json_lines_carry_the_event_its_fields_and_run_context() -> None:
    rec = record(
        "%s: loaded %d boards", "greenhouse", 3, source="greenhouse", new=40,
        flow_run_name="calm-otter", task_run_name="load-boards-1a2",
    )  # fmt: skip
    Redact().filter(rec)

    line = json.loads(JsonLines().format(rec))

    assert line["event"] == "greenhouse: loaded 3 boards"
    assert (line["level"], line["logger"]) == ("info", "jobtrends")
    assert (line["source"], line["new"]) == ("greenhouse", 40)
    assert (line["flow_run"], line["task_run"]) == ("calm-otter", "load-boards-1a2")
    assert line["ts"].endswith("+00:00")
    assert "args" not in line and "msg" not in line


def test_redact_filter_cleans_extra_fields_and_runs_once() -> None:
    rec = record("fetch %s", "https://u:p@h/x", url="https://h/x?secret=42", body="y" * 3000)
    f = Redact()
    f.filter(rec)
    f.filter(rec)  # a second handler: nothing changes
    assert rec.getMessage() == "fetch https://***:***@h/x"
    assert "42" not in rec.url  # type: ignore[attr-defined]
    assert len(rec.body) < MAX_CHARS + 80  # type: ignore[attr-defined]


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = {name: list(logging.getLogger(name).handlers) for name in ("", "prefect", "jobtrends")}
    level = logging.getLogger("jobtrends").level
    yield
    for name, handlers in saved.items():
        logging.getLogger(name).handlers[:] = handlers
    logging.getLogger("jobtrends").setLevel(level)
    del root


def test_configure_json_puts_one_json_object_per_line_on_stderr(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure("json", verbose=True)
    logging.getLogger("jobtrends").info(
        "fetched %s", "https://me:pw@example.com/x", extra={"source": "lever", "jobs": 7}
    )
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    [line] = [json.loads(x) for x in lines if "fetched" in x]
    assert line["event"] == "fetched https://***:***@example.com/x"
    assert (line["source"], line["jobs"]) == ("lever", 7)


def test_quiet_by_default(restore_logging: None, capsys: pytest.CaptureFixture[str]) -> None:
    configure("text", verbose=False)
    logging.getLogger("jobtrends").info("an info line nobody asked for")
    assert "nobody asked for" not in capsys.readouterr().err


@pytest.mark.e2e
def test_a_run_logs_json_events_with_their_fields(prefect_harness: None, tmp_path: Path) -> None:
    from prefect.settings import get_current_settings

    fake = FakeBoards()
    fake.boards["greenhouse"]["acme"] = [greenhouse_job(1, "Backend Engineer", "<p>Go on AWS.</p>")]
    sources = tmp_path / "sources.toml"
    sources.write_text("[greenhouse]\nboards = ['acme', 'gone']\n")
    with serve_boards(fake):
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_LOGGING")},
            **{f"JOBTRENDS_{k.upper()}": v for k, v in fake.settings().items()},
            "JOBTRENDS_DB": str(tmp_path / "w.duckdb"),
            "JOBTRENDS_SOURCES_FILE": str(sources),
            "JOBTRENDS_HTTP_CACHE": str(tmp_path / "cache"),
            "JOBTRENDS_METRICS_FILE": str(tmp_path / "m.prom"),
            "JOBTRENDS_RATE_LIMIT_PER_HOST": "0",
            "JOBTRENDS_LOG_FORMAT": "json",
            # the test session's Prefect API: no second temporary server to wait for
            "PREFECT_API_URL": str(get_current_settings().api.url),
        }
        cli = [sys.executable, "-m", "flows.cli", "run", "--sources", "greenhouse"]
        verbose = subprocess.run([*cli, "-v"], env=env, cwd=REPO, capture_output=True, text=True)
        quiet = subprocess.run(cli, env=env, cwd=REPO, capture_output=True, text=True)

    assert verbose.returncode == 1, verbose.stderr[-3000:]  # the board 'gone' is a 404
    events = [json.loads(x) for x in verbose.stderr.splitlines() if x.startswith("{")]
    assert events, verbose.stderr[-3000:]
    assert all({"ts", "level", "logger", "event"} <= e.keys() for e in events)
    [summary] = [e for e in events if e.get("source") == "greenhouse" and "status" in e]
    assert (summary["status"], summary["new"], summary["errors"]) == ("partial", 1, 1)
    assert summary["flow_run"]
    assert any(e["level"] == "error" and "board 'gone'" in e["event"] for e in events)
    assert not any("content" in e["event"] and "Go on AWS" in e["event"] for e in events)
    assert not [x for x in quiet.stderr.splitlines() if x.startswith("{")]
