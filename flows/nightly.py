"""The `nightly` and `backfill` flows: compose sources, write run records, fail loudly.

When any source failed, a flow ends in a Prefect ``Failed`` state whose data is the whole
``RunReport`` (after every other source has run and been recorded), so Prefect marks the run
failed and the CLI exits non-zero while still printing what did load::

    state = nightly(return_state=True)
    report = state.result(raise_on_failure=False)
"""

from __future__ import annotations

from collections.abc import Callable

from prefect import flow, get_run_logger
from prefect.states import Failed

from extract.errors import ConfigError, FetchError, WarehouseError
from flows import hn as hn_flow
from flows.report import RunReport, SourceReport
from flows.runs import current_month, finish, new_run_id, record, shift_month
from flows.settings import Settings, load_settings
from transform.taxonomy import load_taxonomy
from warehouse.db import connect, scalar

# (settings, since, until, run_id) -> what the source did; never raises FetchError.
SourceRunner = Callable[[Settings, str, str, str], SourceReport]

# Every source a run can include, by name. Job-board sources join this table.
SOURCES: dict[str, SourceRunner] = {"hn": hn_flow.run_hn}


def parse_sources(names: str | list[str] | None, settings: Settings) -> list[str]:
    """Validated list of source names (default: the `JOBTRENDS_SOURCES` setting)."""
    if names is None:
        names = settings.sources
    if isinstance(names, str):
        names = [n for n in (x.strip() for x in names.split(",")) if n]
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise ConfigError(
            f"unknown source(s) {', '.join(unknown)}: choose from {', '.join(sorted(SOURCES))}"
        )
    if not names:
        raise ConfigError("no sources selected: pass --sources or set JOBTRENDS_SOURCES")
    return list(dict.fromkeys(names))


def _hn_is_empty(settings: Settings) -> bool:
    if not settings.db.exists():
        return True
    with connect(settings.db) as con:
        return not scalar(con, "select count(*) from core.postings where source = 'hn'")


def _run_sources(
    settings: Settings, report: RunReport, plan: list[tuple[str, str, str]]
) -> RunReport:
    """Run each (source, since, until) in turn; one failing never stops the others."""
    logger = get_run_logger()
    taxonomy_version = load_taxonomy().version
    for name, since, until in plan:
        placeholder = SourceReport(name)
        record(settings, report, placeholder, status="running", taxonomy_version=taxonomy_version)
        try:
            result = SOURCES[name](settings, since, until, report.run_id)
            result.started_at = placeholder.started_at
        except (FetchError, WarehouseError) as exc:
            result = placeholder
            result.errors.append(str(exc))
        except Exception as exc:
            placeholder.errors.append(f"crashed: {type(exc).__name__}: {exc}")
            finish(settings, report, placeholder, taxonomy_version)
            raise
        report.sources.append(result)
        finish(settings, report, result, taxonomy_version)
        for error in result.errors:
            logger.error("%s: %s", name, error)
    if not report.ok:
        return Failed(message=report.summary(), data=report)  # type: ignore[return-value]
    return report


@flow(name="nightly")
def nightly(sources: list[str] | None = None, month: str | None = None) -> RunReport:
    """One nightly run: the current and previous month's HN threads, then the other sources.

    ``month`` (YYYY-MM) stands in for the current month, to replay a night. On an empty
    warehouse, HN also backfills ``JOBTRENDS_INITIAL_BACKFILL_MONTHS`` months.
    """
    settings = load_settings()
    names = parse_sources(sources, settings)
    until = month or current_month()
    since = shift_month(until, -1)
    plan = []
    for name in names:
        if name == "hn" and settings.initial_backfill_months and _hn_is_empty(settings):
            since_hn = shift_month(until, -(max(settings.initial_backfill_months, 2) - 1))
            get_run_logger().info("hn: empty warehouse, backfilling from %s", since_hn)
            plan.append((name, since_hn, until))
        else:
            plan.append((name, since, until))
    return _run_sources(settings, RunReport(new_run_id(), "nightly"), plan)


@flow(name="backfill")
def backfill(source: str = "hn", since: str = "2011-04", until: str | None = None) -> RunReport:
    """Fetch and load the HN threads of ``since``..``until`` (default: the current month)."""
    settings = load_settings()
    if source != "hn":
        raise ConfigError(f"backfill supports only the hn source, not {source!r}")
    until = until or current_month()
    if since > until:
        raise ConfigError(f"--since {since} is after --until {until}")
    return _run_sources(settings, RunReport(new_run_id(), "backfill"), [("hn", since, until)])
