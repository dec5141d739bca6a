"""Run metrics: the textfile, the data-quality alerts and the Pushgateway, without Prefect."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from flows.metrics import build_registry, write_metrics
from flows.report import RunReport, SourceReport
from flows.settings import load_settings
from warehouse import load
from warehouse.db import connect

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


def run_row(run: str, source: str, ended: datetime, fetched: int, status: str = "ok") -> dict:
    return {
        "run_id": run, "flow": "nightly", "source": source, "started_at": ended - timedelta(minutes=5),
        "ended_at": ended, "status": status, "fetched": fetched,
    }  # fmt: skip


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JOBTRENDS_DB", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("JOBTRENDS_METRICS_FILE", str(tmp_path / "m" / "jobtrends.prom"))
    settings = load_settings()
    with connect(settings.db) as con:
        load.record_run(
            con,
            [
                run_row("r1", "hn", NOW - timedelta(days=2), 100),
                run_row("r2", "hn", NOW - timedelta(hours=1), 40),  # dropped by more than half
                run_row("r1", "greenhouse", NOW - timedelta(days=3), 10),  # stale
                run_row("r2", "greenhouse", NOW - timedelta(hours=1), 0, status="failed"),
            ],
        )
    return settings


def report() -> RunReport:
    hn = SourceReport("hn", started_at=NOW - timedelta(minutes=10), ended_at=NOW, fetched=40, new=3)
    gh = SourceReport("greenhouse", started_at=NOW - timedelta(minutes=9), ended_at=NOW)
    gh.errors.append("greenhouse: HTTP 500 (https://example.test)")
    return RunReport("r2", "nightly", [hn, gh])


def values(registry) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out = {}
    for metric in registry.collect():
        for sample in metric.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            out[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return out


def test_alerts_and_run_figures(settings) -> None:  # type: ignore[no-untyped-def]
    m = values(build_registry(settings, report(), now=NOW))
    assert m['jobtrends_source_count_dropped{source="hn"}'] == 1
    assert m['jobtrends_source_stale{source="hn"}'] == 0
    assert m['jobtrends_source_stale{source="greenhouse"}'] == 1
    assert m['jobtrends_source_success{source="greenhouse"}'] == 0
    assert m['jobtrends_fetch_errors{source="greenhouse"}'] == 1
    assert m['jobtrends_postings_new{source="hn"}'] == 3
    assert m['jobtrends_run_duration_seconds{flow="nightly"}'] == 600
    assert (
        m['jobtrends_last_success_timestamp_seconds{source="hn"}']
        == (NOW - timedelta(hours=1)).timestamp()
    )


def test_textfile_and_pushgateway(settings, httpserver: HTTPServer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/metrics/job/jobtrends", method="PUT").respond_with_data("")
    monkeypatch.setenv("JOBTRENDS_PUSHGATEWAY_URL", httpserver.url_for("/").rstrip("/"))
    assert write_metrics(load_settings(), report()) == []
    text = Path(settings.metrics_file).read_text()
    assert 'jobtrends_postings_fetched{source="hn"} 40.0' in text
    [(request, _)] = httpserver.log
    assert b'jobtrends_source_stale{source="greenhouse"} 1.0' in request.data


def test_an_unreachable_pushgateway_is_reported_not_raised(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("JOBTRENDS_PUSHGATEWAY_URL", f"http://127.0.0.1:{port}")
    [problem] = write_metrics(load_settings(), report())
    assert f"http://127.0.0.1:{port}" in problem and "JOBTRENDS_PUSHGATEWAY_URL" in problem
    assert Path(settings.metrics_file).exists()  # the textfile is still written
