"""Prometheus metrics of each run, for the node-exporter textfile collector and a Pushgateway.

After every run, ``write_metrics`` writes ``JOBTRENDS_METRICS_FILE`` atomically and, when
``JOBTRENDS_PUSHGATEWAY_URL`` is set, pushes the same registry there. Data-quality alerts are
metrics too: a source whose latest fetch count dropped by more than half against its previous
successful run, a job board whose latest snapshot lists less than half the jobs of the one
before (or none), and a source with no successful run in 48 hours.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, push_to_gateway, write_to_textfile

from flows.report import RunReport
from flows.settings import Settings
from warehouse.db import connect

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(hours=48)


def build_registry(
    settings: Settings, report: RunReport, now: datetime | None = None
) -> CollectorRegistry:
    """The metrics of ``report`` plus warehouse-wide facts from the `runs` records."""
    now = now or datetime.now(UTC)
    registry = CollectorRegistry()

    def gauge(name: str, doc: str, labels: tuple[str, ...] = ("source",)) -> Gauge:
        return Gauge(name, doc, labels, registry=registry)

    fetched = gauge("jobtrends_postings_fetched", "Postings fetched by the last run, per source.")
    new = gauge("jobtrends_postings_new", "Postings new to the warehouse in the last run.")
    quarantined = gauge("jobtrends_postings_quarantined", "Records quarantined by the last run.")
    closed = gauge("jobtrends_postings_closed", "Job-board postings the last run closed.")
    errors = gauge("jobtrends_fetch_errors", "Errors of the last run, per source.")
    retries = gauge("jobtrends_fetch_retries", "HTTP and task retries of the last run.")
    requests = gauge("jobtrends_http_requests", "HTTP requests of the last run.")
    not_modified = gauge("jobtrends_http_not_modified", "304 answers (unchanged) in the last run.")
    rate_limited = gauge("jobtrends_http_rate_limited", "429 answers in the last run.")
    received = gauge("jobtrends_http_bytes", "Bytes received in the last run.")
    success = gauge("jobtrends_source_success", "1 if the source succeeded in the last run.")
    duration = gauge("jobtrends_run_duration_seconds", "Duration of the last run.", ("flow",))
    for s in report.sources:
        fetched.labels(s.source).set(s.fetched)
        new.labels(s.source).set(s.new)
        quarantined.labels(s.source).set(s.quarantined)
        closed.labels(s.source).set(s.closed)
        errors.labels(s.source).set(len(s.errors))
        retries.labels(s.source).set(s.retries)
        requests.labels(s.source).set(s.requests)
        not_modified.labels(s.source).set(s.not_modified)
        rate_limited.labels(s.source).set(s.rate_limited)
        received.labels(s.source).set(s.bytes)
        if s.status != "skipped":  # a feed not asked this run neither succeeded nor failed
            success.labels(s.source).set(1 if s.status == "ok" else 0)
    starts = [s.started_at for s in report.sources]
    ends = [s.ended_at or now for s in report.sources]
    if starts:
        duration.labels(report.flow).set((max(ends) - min(starts)).total_seconds())

    last_success = gauge(
        "jobtrends_last_success_timestamp_seconds", "End of the last successful run, per source."
    )
    stale = gauge(
        "jobtrends_source_stale", "1 if the source has had no successful run in 48 hours."
    )
    dropped = gauge(
        "jobtrends_source_count_dropped",
        "1 if the last successful fetch count is less than half the one before it.",
    )
    board_dropped = gauge(
        "jobtrends_board_count_dropped",
        "1 if the board's latest snapshot lists less than half the jobs of the one before.",
        ("source", "board"),
    )
    size = Gauge(
        "jobtrends_warehouse_size_bytes", "Size of the DuckDB warehouse file.", registry=registry
    )
    if settings.db.exists():
        size.set(settings.db.stat().st_size)
        with connect(settings.db, wait=settings.lock_timeout) as con:
            rows = con.execute(
                """
                select source, list(fetched order by ended_at desc)[1:2], max(ended_at)
                from core.runs
                where status = 'ok' and ended_at is not null and source <> 'reextract'
                group by source
                """
            ).fetchall()
            boards = con.execute(
                """
                select source, board, list(jobs order by fetched_at desc)[1:2]
                from core.board_snapshots
                where status in ('ok', 'empty', 'suspect_empty')
                group by source, board
                """
            ).fetchall()
        for source, counts, ended in rows:
            last_success.labels(source).set(ended.timestamp())
            stale.labels(source).set(1 if now - ended > STALE_AFTER else 0)
            dropped.labels(source).set(
                1 if len(counts) == 2 and counts[1] > 0 and counts[0] < counts[1] / 2 else 0
            )
        for source, board, jobs in boards:
            board_dropped.labels(source, board).set(
                1 if len(jobs) == 2 and jobs[1] > 0 and jobs[0] < jobs[1] / 2 else 0
            )
        succeeded = {row[0] for row in rows}
    else:
        succeeded = set()
    for s in report.sources:  # a source that has never succeeded is stale too
        if s.source != "reextract" and s.source not in succeeded:
            stale.labels(s.source).set(1)
    return registry


def write_metrics(settings: Settings, report: RunReport) -> list[str]:
    """Write the textfile (and push to the Pushgateway if set). Returns problems, never raises."""
    problems = []
    registry = build_registry(settings, report)
    path = Path(settings.metrics_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_to_textfile(str(path), registry)
    except OSError as exc:
        problems.append(f"metrics: cannot write {path}: {exc}; check JOBTRENDS_METRICS_FILE")
    if settings.pushgateway_url:
        try:
            push_to_gateway(
                settings.pushgateway_url, job="jobtrends", registry=registry, timeout=10
            )
        except Exception as exc:
            problems.append(
                f"metrics: push to {settings.pushgateway_url} failed: {exc}; "
                "check JOBTRENDS_PUSHGATEWAY_URL"
            )
    for problem in problems:
        log.warning(problem)
    return problems
