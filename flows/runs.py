"""Run bookkeeping shared by the flows: run ids, the `runs` records, month arithmetic."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flows.report import RunReport, SourceReport
from flows.settings import Settings
from warehouse import load
from warehouse.db import connect


def new_run_id() -> str:
    """The Prefect flow run id when running under Prefect, else a fresh UUID."""
    try:
        from prefect.runtime import flow_run

        run_id = flow_run.id
    except Exception:  # pragma: no cover - outside a flow run
        run_id = None
    return str(run_id or uuid.uuid4())


def current_month(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{now.year:04d}-{now.month:02d}"


def shift_month(period: str, months: int) -> str:
    year, month = (int(x) for x in period.split("-"))
    index = year * 12 + (month - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def record(settings: Settings, report: RunReport, source: SourceReport, status: str | None = None,
           taxonomy_version: str | None = None) -> None:  # fmt: skip
    """Write (or update) the run record of one source."""
    row = {
        "run_id": report.run_id,
        "flow": report.flow,
        "source": source.source,
        "started_at": source.started_at,
        "ended_at": source.ended_at,
        "status": status or source.status,
        "fetched": source.fetched,
        "new": source.new,
        "updated": source.updated,
        "unchanged": source.unchanged,
        "quarantined": source.quarantined,
        "closed": source.closed,
        "skipped_deleted": source.skipped_deleted,
        "requests": source.requests,
        "retries": source.retries,
        "not_modified": source.not_modified,
        "rate_limited": source.rate_limited,
        "bytes": source.bytes,
        "errors": "\n".join(source.errors) or None,
        "warnings": "\n".join(source.warnings) or None,
        "notes": "\n".join(source.notes) or None,
        "taxonomy_version": taxonomy_version,
    }
    with connect(settings.db, wait=settings.lock_timeout) as con:
        load.record_run(con, [row])


def finish(
    settings: Settings, report: RunReport, source: SourceReport, taxonomy_version: str
) -> None:
    source.ended_at = datetime.now(UTC)
    record(settings, report, source, taxonomy_version=taxonomy_version)
