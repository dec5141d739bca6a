"""The `nightly` and `backfill` flows: compose sources, write run records, fail loudly.

When any source failed, a flow ends in a Prefect ``Failed`` state whose data is the whole
``RunReport`` (after every other source has run and been recorded), so Prefect marks the run
failed and the CLI exits non-zero while still printing what did load::

    state = nightly(return_state=True)
    report = state.result(raise_on_failure=False)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from prefect import flow
from prefect.futures import PrefectFuture
from prefect.states import Failed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from extract.errors import ConfigError, FetchError, WarehouseError
from extract.hn import months_between
from extract.sources import ALL_SOURCES, BOARD_SOURCES, HN
from flows import boards
from flows import hn as hn_flow
from flows.logs import configure, logger
from flows.metrics import write_metrics
from flows.reextract import SOURCE as REEXTRACT
from flows.reextract import count_stale, link_step, reextract_stale
from flows.report import RunReport, SourceReport
from flows.runs import current_month, finish, new_run_id, record, shift_month
from flows.settings import Settings, load_settings
from transform.taxonomy import load_taxonomy
from warehouse import load
from warehouse.db import connect


def parse_sources(names: str | list[str] | None, settings: Settings) -> list[str]:
    """Validated list of source names: those given, else every source the sources file
    enables. A job-board source named explicitly needs boards in the sources file."""
    if names is None:
        chosen = settings.sources_config.enabled()
        if not chosen:
            raise ConfigError(
                f"no source is enabled in {settings.sources_config.path}: enable one there "
                "or pass --sources"
            )
        return chosen
    if isinstance(names, str):
        names = [n for n in (x.strip() for x in names.split(",")) if n]
    unknown = [n for n in names if n not in ALL_SOURCES]
    if unknown:
        raise ConfigError(
            f"unknown source(s) {', '.join(unknown)}: choose from {', '.join(ALL_SOURCES)}"
        )
    if not names:
        raise ConfigError("no sources selected: pass --sources hn,greenhouse,...")
    for name in names:
        if name in BOARD_SOURCES and not boards.targets(settings, name):
            key = "urls" if name == "jsonld" else "boards"
            raise ConfigError(
                f"{name} has no {key} in {settings.sources_config.path}: add some under [{name}]"
            )
    return list(dict.fromkeys(names))


def _hn_plan(settings: Settings, until: str) -> tuple[str, list[str]]:
    """(since, periods) HN must fetch tonight: this month and the last, every month of the
    initial backfill window on an empty warehouse, and any month of that window that has no
    thread loaded yet (a month that failed before is tried again)."""
    recent = [shift_month(until, -1), until]
    if not settings.initial_backfill_months:
        return recent[0], recent
    window = months_between(
        shift_month(until, -(max(settings.initial_backfill_months, 2) - 1)), until
    )
    loaded: set[str] = set()
    if settings.db.exists():
        with connect(settings.db, wait=settings.lock_timeout) as con:
            loaded = {
                row[0]
                for row in con.execute(
                    "select distinct t.period from core.hn_threads as t "
                    "join core.postings as p on p.source = 'hn' and p.thread_id = t.thread_id"
                ).fetchall()
            }
    periods = sorted({*recent, *(p for p in window if p not in loaded)})
    return periods[0], periods


Step = Callable[[], SourceReport]  # runs one source; never raises FetchError


def _run_sources(settings: Settings, report: RunReport, plan: list[tuple[str, Step]]) -> RunReport:
    """Run each source's step in turn; one failing, even crashing, never stops the others."""
    log = logger()
    taxonomy_version = load_taxonomy().version
    for name, step in plan:
        placeholder = SourceReport(name)
        record(settings, report, placeholder, status="running", taxonomy_version=taxonomy_version)
        try:
            result = step()
            result.started_at = placeholder.started_at
        except (FetchError, WarehouseError) as exc:
            result = placeholder
            result.errors.append(str(exc))
        except Exception as exc:  # a bug: record it, keep its traceback, run the other sources
            log.exception("%s crashed", name, extra={"source": name, "run_id": report.run_id})
            result = placeholder
            result.errors.append(f"crashed: {type(exc).__name__}: {exc}")
        report.sources.append(result)
        finish(settings, report, result, taxonomy_version)
        log.info(
            "%s: %s; fetched %d, new %d, updated %d, quarantined %d, requests %d, retries %d",
            name, result.status, result.fetched, result.new, result.updated, result.quarantined,
            result.requests, result.retries,
            extra={
                "run_id": report.run_id, "source": name, "status": result.status,
                "fetched": result.fetched, "new": result.new, "updated": result.updated,
                "unchanged": result.unchanged, "quarantined": result.quarantined,
                "requests": result.requests, "retries": result.retries,
                "not_modified": result.not_modified, "errors": len(result.errors),
            },
        )  # fmt: skip
        for error in result.errors:
            log.error("%s: %s", name, error, extra={"source": name, "run_id": report.run_id})
        for warning in result.warnings:
            log.warning("%s: %s", name, warning, extra={"source": name, "run_id": report.run_id})
    # Facts made by an older taxonomy or extractor are recomputed, so every month is counted
    # the same way.
    try:
        stale = count_stale(settings)
    except WarehouseError as exc:
        log.error("cannot check for stale facts: %s", exc)
        stale = 0
    if stale:
        _reextract_step(settings, report, taxonomy_version)
    # Whatever loaded tonight is linked to its duplicates (reposts, other sources) before anyone
    # counts it.
    link_step(settings, report, taxonomy_version)
    for problem in write_metrics(settings, report):
        log.warning(problem)
    if not report.ok:
        return Failed(message=report.summary(), data=report)  # type: ignore[return-value]
    return report


def _board_steps(
    settings: Settings, names: list[str], run_id: str, runner: TaskRunner[Any]
) -> list[tuple[str, Step]]:
    """Start fetching every job-board source now, in parallel (one task each, on ``runner``);
    each step then waits for its source and loads it."""
    steps: list[tuple[str, Step]] = []
    # Every source fetches in parallel from now, so each has until the same deadline.
    deadline = boards.fetch_deadline(settings)
    for name in names:
        reason = boards.skip_reason(settings, name)
        if reason is not None:
            logger().info("%s: %s", name, reason, extra={"source": name, "skipped": True})
            steps.append((name, partial(_skipped, settings, name, run_id, reason)))
            continue
        parameters = {
            "settings": settings,
            "name": name,
            "boards": boards.targets(settings, name),
            "deadline": deadline,
        }
        future = runner.submit(boards.fetch_source, parameters)
        steps.append((name, partial(_load_when_fetched, settings, name, run_id, future, deadline)))
    return steps


_FETCH_GRACE = 60.0  # seconds a fetch task has past the deadline to hand over what it fetched


def _load_when_fetched(
    settings: Settings,
    name: str,
    run_id: str,
    future: PrefectFuture[boards.SourceFetch],
    deadline: float,
) -> SourceReport:
    # The task stops its own HTTP work at the deadline and returns the boards it has; it gets a
    # little longer to do so. A worker that stops answering must not hang the night: after that
    # this source fails and the others go on. A task that finished with an error raises it from
    # result().
    grace = min(_FETCH_GRACE, settings.fetch_timeout / 10)
    future.wait(timeout=max(0.0, deadline + grace - time.time()))
    if not future.wrapped_future.done():
        where = f"Dask ({settings.dask_address})" if settings.dask_address else "its thread"
        raise FetchError(
            f"fetching did not finish within {settings.fetch_timeout:g} s on {where}; "
            "check that the workers are alive and can reach the boards, or raise "
            "JOBTRENDS_FETCH_TIMEOUT",
            source=name,
            url="",
        )
    return boards.run_source(settings, name, run_id, future.result())


def _skipped(settings: Settings, name: str, run_id: str, reason: str) -> SourceReport:
    """A source not fetched tonight on purpose: recorded as ``skipped``, not as a success."""
    report = SourceReport(name, skipped=True)
    report.notes.append(reason)
    with connect(settings.db, wait=settings.lock_timeout) as con:
        load.record_snapshots(
            con,
            [
                load.Snapshot(
                    name, name, settings.source_url(name), datetime.now(UTC), "skipped",
                    error=reason,
                )
            ],
            run_id,
        )  # fmt: skip
    return report


def _reextract_step(settings: Settings, report: RunReport, taxonomy_version: str) -> None:
    placeholder = SourceReport(REEXTRACT)
    record(settings, report, placeholder, status="running", taxonomy_version=taxonomy_version)
    try:
        result = reextract_stale(settings, report.run_id)
        result.started_at = placeholder.started_at
    except WarehouseError as exc:
        result = placeholder
        result.errors.append(str(exc))
    report.sources.append(result)
    finish(settings, report, result, taxonomy_version)


def board_task_runner(settings: Settings) -> TaskRunner[Any]:
    """Where job-board fetch tasks run: Prefect's thread pool in the run's process, or Dask
    workers (prefect-dask) when ``JOBTRENDS_DASK_ADDRESS`` is set (``local``: a temporary local
    cluster). Chosen inside the flow, so a served or deployed run uses it too."""
    address = settings.dask_address.strip()
    if not address:
        return ThreadPoolTaskRunner()
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise ConfigError(
            "JOBTRENDS_DASK_ADDRESS is set but prefect-dask is not installed: install the "
            "`dask` extra (`uv sync --extra dask` or `pip install 'jobtrends[dask]'`), or unset it"
        ) from None
    return DaskTaskRunner() if address == "local" else DaskTaskRunner(address=address)


@flow(name="nightly")
def nightly(sources: list[str] | None = None, month: str | None = None) -> RunReport:
    """One nightly run: the current and previous month's HN threads, and every job board.

    ``month`` (YYYY-MM) stands in for the current month, to replay a night. On an empty
    warehouse, HN also backfills ``JOBTRENDS_INITIAL_BACKFILL_MONTHS`` months.
    """
    settings = load_settings()
    configure(settings.log_format)
    names = parse_sources(sources, settings)
    until = month or current_month()
    run_id = new_run_id()
    with board_task_runner(settings) as runner:
        # Job boards fetch in the background while HN runs; each loads in turn after it.
        plan = _board_steps(settings, [n for n in names if n in BOARD_SOURCES], run_id, runner)
        if HN in names:
            since, periods = _hn_plan(settings, until)
            if len(periods) > 2:
                logger().info("hn: also fetching months not loaded yet: %s", periods)
            plan.insert(0, (HN, partial(hn_flow.run_hn, settings, since, until, run_id, periods)))
        return _run_sources(settings, RunReport(run_id, "nightly"), plan)


@flow(name="backfill")
def backfill(source: str = "hn", since: str | None = None, until: str | None = None) -> RunReport:
    """Fetch and load the HN threads of ``since``..``until`` (defaults: last month..this month)."""
    settings = load_settings()
    configure(settings.log_format)
    if source != "hn":
        raise ConfigError(f"backfill supports only the hn source, not {source!r}")
    until = until or current_month()
    since = since or shift_month(until, -1)
    if since > until:
        raise ConfigError(f"--since {since} is after --until {until}")
    run_id = new_run_id()
    step = partial(hn_flow.run_hn, settings, since, until, run_id, None)
    return _run_sources(settings, RunReport(run_id, "backfill"), [(HN, step)])
