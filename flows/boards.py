"""The job-board part of a run: one coarse fetch task per source, then one load per source.

A source's boards are fetched concurrently inside one task on one polite client, so per-host
rate limits hold across its boards; different sources (different hosts) fetch in parallel, as
tasks submitted to the flow's task runner. Boards that failed with server trouble are fetched
again, alone, after a delay. Parsing and loading never retry: a job that does not parse goes to
quarantine with its error.

Each board's answer is recorded in ``core.board_snapshots``: ``ok``, ``empty`` (a board that
never had jobs), ``suspect_empty`` (it listed jobs last time and none now: reported, and its
postings are not treated as closed), ``failed``, ``gone`` (404/410) or ``skipped`` (a feed asked
to be called rarely and was called recently).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from extract.base import Posting, Quarantined, RawPayload
from extract.boards import BoardFetch, BoardSource, fetch_boards
from extract.errors import ParseError, WarehouseError
from extract.http import Counters
from extract.sources import BOARD_SOURCES
from flows.logs import logger
from flows.report import SourceReport, progress
from flows.settings import Settings
from transform.facts import PostingFacts, extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import load
from warehouse.db import connect, scalar

Target = tuple[str, str]  # (board, base URL)


def targets(settings: Settings, name: str) -> list[Target]:
    """Every (board, base URL) the sources file asks ``name`` to fetch."""
    source = BOARD_SOURCES[name]
    cfg = settings.sources_config.get(name)
    if source.feed:
        return [(name, settings.source_url(name))]
    if name == "jsonld":
        return [(url, "") for url in cfg.urls]
    out = [(b, settings.source_url(name)) for b in cfg.boards]
    if name == "lever":
        out += [(b, settings.lever_eu_url) for b in cfg.eu_boards]
    return out


def cache_file(settings: Settings, name: str) -> Path | None:
    """The HTTP cache of one source (one SQLite file each: sources fetch in parallel)."""
    return settings.http_cache / f"{name}.sqlite" if settings.http_cache else None


@dataclass
class SourceFetch:
    """Everything fetching one source produced, with its request counters."""

    source: str
    results: list[BoardFetch] = field(default_factory=list)
    counters: Counters = field(default_factory=Counters)
    retried: list[str] = field(default_factory=list)


def fetch_deadline(settings: Settings) -> float:
    """When a run's job-board fetches must be done (wall-clock seconds since the epoch: the
    tasks may run in other processes, on other machines)."""
    return time.time() + settings.fetch_timeout


@task(name="fetch-boards", cache_policy=NO_CACHE)
def fetch_source(
    settings: Settings, name: str, boards: list[Target], deadline: float | None = None
) -> SourceFetch:
    """Fetch every board of one source; boards that failed with server trouble are fetched
    again (only they) up to ``JOBTRENDS_TASK_RETRIES`` times, after a growing delay. Boards
    still fetching at ``deadline`` (default: JOBTRENDS_FETCH_TIMEOUT from now) fail; the
    others are returned."""
    source = BOARD_SOURCES[name]
    out = SourceFetch(name)
    done: dict[str, BoardFetch] = {}
    pending = list(boards)
    delays = [settings.task_retry_delay * 2**i for i in range(settings.task_retries)]
    deadline = deadline or fetch_deadline(settings)
    for attempt in range(len(delays) + 1):
        results, counters = asyncio.run(
            fetch_boards(
                source, settings.http, pending, cache=cache_file(settings, name),
                timeout=max(0.001, deadline - time.time()),
            )
        )  # fmt: skip
        _add(out.counters, counters)
        for result in results:
            done[result.board] = result
        failed = {r.board for r in results if r.error and r.retryable}
        pending = [t for t in pending if t[0] in failed]
        if not pending or attempt == len(delays):
            break
        if time.time() + delays[attempt] >= deadline:
            break  # no time left to ask again
        out.retried.extend(b for b, _ in pending)
        out.counters.retries += len(pending)
        time.sleep(delays[attempt])
    out.results = [done[b] for b, _ in boards]
    return out


def _add(total: Counters, more: Counters) -> None:
    for key, value in more.as_dict().items():
        setattr(total, key, getattr(total, key) + value)


def parse_fetched(
    source: BoardSource, results: list[BoardFetch]
) -> tuple[list[RawPayload], list[tuple[Posting, PostingFacts]], list[Quarantined]]:
    """Parse and extract every landed job; whatever fails is quarantined with its error."""
    taxonomy = load_taxonomy()
    raws: list[RawPayload] = []
    parsed: list[tuple[Posting, PostingFacts]] = []
    bad: list[Quarantined] = []
    for result in results:
        if result.error:
            continue
        raws.extend(result.records)
        bad.extend(result.malformed)
        for raw in result.records:
            try:
                posting = source.parse(raw, result.board)
            except ParseError as exc:
                bad.append(_quarantined(raw, f"{source.name}: board {result.board!r}: {exc}"))
                continue
            except Exception as exc:  # a bug in a source module must not lose the record
                bad.append(
                    _quarantined(
                        raw,
                        f"{source.name}: board {result.board!r}: the parser failed "
                        f"({type(exc).__name__}: {exc}); please report it",
                    )
                )
                continue
            try:
                facts = extract_facts(posting, taxonomy)
            except Exception as exc:  # a bug in transform/ must not lose the record
                bad.append(_quarantined(raw, f"extraction failed: {type(exc).__name__}: {exc}"))
                continue
            parsed.append((posting, facts))
    return raws, parsed, bad


def _quarantined(raw: RawPayload, error: str) -> Quarantined:
    return Quarantined(
        source=raw.source,
        record_key=raw.source_id,
        url=raw.url,
        error=error,
        payload=json.dumps(raw.payload, ensure_ascii=False, sort_keys=True, default=str),
        hash=raw.hash,
    )


def snapshots(
    results: list[BoardFetch], previous: dict[str, int], unparsed: set[str] = frozenset()
) -> list[load.Snapshot]:
    """One snapshot per board. A board that listed jobs in its previous answer and none now is
    ``suspect_empty``; one whose every job failed to parse (``unparsed``) is ``failed``: the
    API has probably changed, and its postings must not look closed."""
    out = []
    for r in results:
        status, error = r.status, r.error
        if status == "empty" and previous.get(r.board, 0) > 0:
            status = "suspect_empty"
        if status == "ok" and r.board in unparsed:
            status = "failed"
            error = (
                f"{r.source}: board {r.board!r} ({r.url}): none of its {r.jobs} jobs could be "
                "parsed (see the quarantine view); the API may have changed"
            )
        out.append(
            load.Snapshot(
                source=r.source,
                board=r.board,
                url=r.url,
                fetched_at=r.fetched_at,
                status=status,
                jobs=r.jobs,
                previous_jobs=previous.get(r.board),
                not_modified=r.not_modified,
                error=error,
            )
        )
    return out


def previous_jobs(settings: Settings, name: str) -> dict[str, int]:
    """Jobs each board of ``name`` listed in its previous answer (failed ones aside)."""
    if not settings.db.exists():
        return {}
    with connect(settings.db, wait=settings.lock_timeout) as con:
        rows = con.execute(
            "select board, arg_max(jobs, fetched_at) from core.board_snapshots "
            "where source = ? and status in ('ok', 'empty', 'suspect_empty') group by board",
            [name],
        ).fetchall()
    return {board: int(jobs) for board, jobs in rows}


def last_fetched(settings: Settings, name: str) -> datetime | None:
    """When ``name`` last answered (any board ok or empty), to space out rare feeds."""
    if not settings.db.exists():
        return None
    with connect(settings.db, wait=settings.lock_timeout) as con:
        rows = con.execute(
            "select max(fetched_at) from core.board_snapshots "
            "where source = ? and status in ('ok', 'empty', 'suspect_empty')",
            [name],
        ).fetchall()
    return rows[0][0] if rows and rows[0][0] is not None else None


def skip_reason(settings: Settings, name: str, now: datetime | None = None) -> str | None:
    """Why ``name`` is not fetched tonight (a feed called within its ``min_interval_hours``)."""
    hours = settings.sources_config.get(name).min_interval_hours
    if not hours:
        return None
    last = last_fetched(settings, name)
    now = now or datetime.now(UTC)
    if last is None or now - last >= timedelta(hours=hours):
        return None
    ago = (now - last).total_seconds() / 3600
    return (
        f"skipped: fetched {ago:.1f} h ago and asks for at most one call every {hours:g} h "
        f"(min_interval_hours in the sources file)"
    )


@dataclass
class Loaded:
    counts: load.LoadCounts
    snapshots: list[load.Snapshot]
    closed: int = 0  # postings these snapshots closed (see the posting_lifetimes view)


@task(name="load-boards", cache_policy=NO_CACHE)
def load_source(settings: Settings, fetched: SourceFetch, run_id: str) -> Loaded:
    """Raw jobs, parsed postings, quarantine and board snapshots of one source, in one
    transaction."""
    source = BOARD_SOURCES[fetched.source]
    raws, parsed, bad = parse_fetched(source, fetched.results)
    loaded_boards = {p.board for p, _ in parsed}
    unparsed = {r.board for r in fetched.results if r.jobs and r.board not in loaded_boards}
    shots = snapshots(fetched.results, previous_jobs(settings, source.name), unparsed)
    now = datetime.now(UTC)
    with connect(settings.db, wait=settings.lock_timeout) as con:
        load.record_settings(con, {"close_after_missed_snapshots": settings.close_after_misses})
        counts = load.load_batch(
            con,
            load.Batch(raws=raws, parsed=parsed, quarantined=bad, snapshots=shots),
            run_id,
            load_taxonomy(),
            now=now,
        )
        closed = int(
            scalar(
                con,
                "select count(*) from posting_lifetimes where source = ? and closed_at = ?",
                [source.name, now],
            )
            or 0
        )
    logger().info(
        "%s: loaded %d boards: %d new, %d updated, %d unchanged, %d quarantined",
        source.name, len(shots), counts.new, counts.updated, counts.unchanged, counts.quarantined,
        extra={
            "source": source.name, "boards": len(shots), "new": counts.new,
            "updated": counts.updated, "unchanged": counts.unchanged,
            "quarantined": counts.quarantined,
            "boards_failed": sum(1 for s in shots if s.status in ("failed", "gone")),
        },
    )  # fmt: skip
    return Loaded(counts, shots, closed)


def run_source(settings: Settings, name: str, run_id: str, fetched: SourceFetch) -> SourceReport:
    """Load what ``fetch_source`` fetched and report it. Never raises FetchError."""
    report = SourceReport(name)
    report.add_counters(fetched.counters)
    if fetched.retried:
        report.notes.append(f"fetched again after server trouble: {', '.join(fetched.retried)}")
    for r in fetched.results:
        if r.error:
            report.errors.append(f"board {r.board!r}: {r.error}")
        else:
            report.fetched += r.jobs
    try:
        loaded = load_source(settings, fetched, run_id)
    except WarehouseError as exc:
        report.errors.append(str(exc))
        return report
    if any(r.error is None for r in fetched.results):
        report.loaded_batches += 1
    counts = loaded.counts
    report.closed += loaded.closed
    report.new += counts.new
    report.updated += counts.updated
    report.unchanged += counts.unchanged
    report.quarantined += counts.quarantined
    for shot in loaded.snapshots:
        if shot.status == "suspect_empty":
            report.warnings.append(
                f"board {shot.board!r} listed {shot.previous_jobs} jobs last time and none now: "
                "its postings are kept open; check it with `jobtrends sources check`"
            )
        elif (
            shot.status == "failed"
            and shot.error
            and not any(r.board == shot.board and r.error for r in fetched.results)
        ):
            report.errors.append(shot.error)  # every job of the board failed to parse
    ok = sum(1 for r in fetched.results if r.error is None)
    progress(f"{name}: {ok}/{len(fetched.results)} boards, {report.fetched} postings")
    return report


@dataclass(frozen=True)
class BoardCheck:
    """One board's answer to `jobtrends sources check`."""

    source: str
    board: str
    status: str  # ok | empty | gone | failed | skipped
    jobs: int
    detail: str


def check_sources(settings: Settings, names: list[str]) -> list[BoardCheck]:
    """Ask every configured board of ``names`` once (politely, no cache, nothing stored), with
    the source's cheaper probe when it has one (SmartRecruiters: the list without details). A
    feed asked recently is not asked again (its ``min_interval_hours``)."""
    checks = []
    asked = []
    for name in names:
        reason = skip_reason(settings, name)
        if reason is None:
            asked.append(name)
        else:
            checks.append(BoardCheck(name, name, "skipped", 0, reason))

    async def one(name: str) -> list[BoardFetch]:
        source = BOARD_SOURCES[name]
        if getattr(source, "probe", None) is not None:
            source = replace(source, list_jobs=source.probe)  # type: ignore[attr-defined]
        results, _ = await fetch_boards(source, settings.http, targets(settings, name))
        return results

    async def every() -> list[list[BoardFetch]]:
        return list(await asyncio.gather(*(one(n) for n in asked)))

    for results in asyncio.run(every()):
        for r in results:
            if r.error:
                detail = r.error
            elif r.jobs:
                detail = f"{r.jobs} jobs" + (
                    f", {len(r.malformed)} malformed" if r.malformed else ""
                )
            else:
                detail = "answers, but lists no jobs"
            checks.append(BoardCheck(r.source, r.board, r.status, r.jobs, detail))
    return checks
