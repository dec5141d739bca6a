"""`jobtrends serve`: keep jobtrends running on a schedule, with nothing else to set up.

Without ``PREFECT_API_URL`` it starts a local Prefect server bound to 127.0.0.1 (its database in
``PREFECT_HOME``), then serves the deployments from this process:

- ``nightly/nightly``: the nightly run, on ``JOBTRENDS_NIGHTLY_CRON`` (default 03:00 UTC);
- ``backfill/hn-monthly-catchup``: the previous and current month's HN threads again, on
  ``JOBTRENDS_CATCHUP_CRON`` (threads keep growing for days after they open);
- ``reextract/reextract``: recompute facts from stored postings, run on demand.

Each deployment runs one flow run at a time; runs of different deployments interleave safely
because each batch holds the warehouse only while it writes. Ctrl-C or SIGTERM stops the
serving runner first, then the server it started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from types import FrameType

import httpx

from extract.errors import ConfigError


def _free_port(preferred: int) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])


def start_server(port: int, timeout: float = 120.0) -> tuple[subprocess.Popen[bytes], str]:
    """A `prefect server start` on 127.0.0.1; returns the process and its API URL once healthy."""
    port = _free_port(port)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # our SIGTERM handling decides when it stops
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ConfigError(f"`prefect server start` exited with code {proc.returncode}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return proc, api
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(proc)
    raise ConfigError(f"the local Prefect server did not answer on {api} within {timeout:g}s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def serve(nightly_cron: str, catchup_cron: str, port: int) -> None:
    """Serve the deployments until Ctrl-C or SIGTERM (see the module docstring)."""
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        server, api = start_server(port)
        os.environ["PREFECT_API_URL"] = api  # before Prefect is imported below
        print(f"jobtrends: Prefect server on {api.removesuffix('/api')}", flush=True)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt  # lets Prefect's runner shut down cleanly

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        from flows.logs import configure

        configure(os.environ.get("JOBTRENDS_LOG_FORMAT", "text").strip().lower())
        from prefect import serve as prefect_serve
        from prefect.client.schemas.objects import ConcurrencyLimitConfig

        from flows.nightly import backfill, nightly
        from flows.reextract import reextract

        one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy="ENQUEUE")
        prefect_serve(
            nightly.to_deployment(
                name="nightly", cron=nightly_cron, concurrency_limit=one_at_a_time,
                description="The nightly run: recent HN threads and the other enabled sources.",
            ),
            backfill.to_deployment(
                name="hn-monthly-catchup", cron=catchup_cron, concurrency_limit=one_at_a_time,
                description="The previous and current month's HN threads, fetched again whole.",
            ),
            reextract.to_deployment(
                name="reextract", concurrency_limit=one_at_a_time,
                description="Recompute skills and roles of stored postings; run on demand.",
            ),
            print_starting_message=True,
        )  # fmt: skip
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server is not None:
            stop_server(server)
