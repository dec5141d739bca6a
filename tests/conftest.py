"""Hermetic test environment: no user settings, a private Prefect home, local servers only."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Prefect reads its settings from the environment: fix them before anything imports it.
_PREFECT_HOME = tempfile.mkdtemp(prefix="jobtrends-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.pop("PREFECT_API_URL", None)
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "90"
os.environ["PREFECT_LOGGING_TO_API_BATCH_INTERVAL"] = "0.3"
# (JOBTRENDS_REQUIRE_CHROMIUM is no setting: it tells tests/test_report.py that CI has Chromium.)
for _name in [n for n in os.environ if n.startswith("JOBTRENDS_")]:
    if _name != "JOBTRENDS_REQUIRE_CHROMIUM":
        del os.environ[_name]
# Runs write a metrics file and an HTTP cache: never into the checkout.
os.environ["JOBTRENDS_METRICS_FILE"] = os.path.join(_PREFECT_HOME, "metrics", "jobtrends.prom")
os.environ["JOBTRENDS_HTTP_CACHE"] = os.path.join(_PREFECT_HOME, "http-cache")
# ... nor touch a warehouse in the checkout: tests that need one set their own.
os.environ["JOBTRENDS_DB"] = os.path.join(_PREFECT_HOME, "no-warehouse-here", "jobtrends.duckdb")
# Runs fetch only HN unless a test says otherwise: no test reaches a real job board.
os.environ["JOBTRENDS_SOURCES_FILE"] = str(
    Path(__file__).resolve().parent / "fixtures" / "sources-hn-only.toml"
)

REPO = Path(__file__).resolve().parent.parent
SHARED_REAL = REPO.parent / "shared" / "data" / "real"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason=f"third-party data not present at {SHARED_REAL}")
    for item in items:
        if "real" in item.keywords and not SHARED_REAL.is_dir():
            item.add_marker(skip)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the whole session (12-19 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "jobtrends.duckdb"


@pytest.fixture
def heading_titles(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The titles the backend decision is given from now on (what the word model reads as a
    job board posting's heading), in order: the decision itself is unchanged."""
    import transform.roles as roles_module

    seen: list[str | None] = []
    decide = roles_module.backend_decision

    def spy(roles, text="", *, title):  # type: ignore[no-untyped-def]
        seen.append(title)
        return decide(roles, text, title=title)

    monkeypatch.setattr(roles_module, "backend_decision", spy)
    return seen
