"""`jobtrends serve` for real: its own `prefect server start`, deployments on their schedules,
a triggered run that completes, and a clean shutdown on SIGTERM. Slow (the server starts cold)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e
JOBTRENDS = Path(sys.executable).parent / "jobtrends"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_schedules_runs_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "JOBTRENDS_DB": str(tmp_path / "jobtrends.duckdb"),
        "JOBTRENDS_METRICS_FILE": str(tmp_path / "jobtrends.prom"),
        "JOBTRENDS_SERVE_PORT": str(port),
        "JOBTRENDS_NIGHTLY_CRON": "15 2 * * *",
    }
    env.pop("PREFECT_API_URL", None)
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen(
        [str(JOBTRENDS), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_for(lambda: "being served" in (tmp_path / "serve.log").read_text(), 150, "serve")
        deployments = httpx.post(f"{api}/deployments/filter", json={}, timeout=10).json()
        by_name = {d["name"]: d for d in deployments}
        assert set(by_name) == {"nightly", "hn-monthly-catchup", "reextract"}
        crons = {n: [s["schedule"].get("cron") for s in d["schedules"]] for n, d in by_name.items()}
        assert crons == {
            "nightly": ["15 2 * * *"],
            "hn-monthly-catchup": ["0 4 3 * *"],
            "reextract": [],
        }
        # One run at a time per deployment; a second one waits its turn.
        assert all(d["global_concurrency_limit"]["limit"] == 1 for d in deployments)
        assert all(d["concurrency_options"]["collision_strategy"] == "ENQUEUE" for d in deployments)

        def trigger() -> httpx.Response | None:
            # A server still busy starting up may answer 503 for a moment: ask again then.
            response = httpx.post(
                f"{api}/deployments/{by_name['reextract']['id']}/create_flow_run",
                json={},
                timeout=10,
            )
            return None if response.status_code == 503 else response

        response = wait_for(trigger, 30, "the server to accept a run")
        assert response.status_code == 201, response.text
        run = response.json()

        def finished() -> str | None:
            state = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=10).json()["state"]["type"]
            return state if state in {"COMPLETED", "FAILED", "CRASHED"} else None

        assert wait_for(finished, 90, "the triggered run") == "COMPLETED"
    finally:
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        stopped_in = time.monotonic() - started
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
    assert stopped_in < 20
    with pytest.raises(httpx.ConnectError):  # the server it started is gone too
        httpx.get(f"{api}/health", timeout=2)
