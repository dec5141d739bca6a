"""The HN part of a run: coarse Prefect tasks (discover, fetch a batch of threads, load a batch).

HTTP concurrency happens inside a task on one async client, so per-host rate limits hold.
Fetching is retried (by the HTTP client, then by re-running the fetch task for the threads that
failed with server trouble); parsing and loading never are.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from extract import hn
from extract.base import Posting, Quarantined, RawPayload
from extract.errors import FetchError, HTTPStatusError, ParseError, WarehouseError
from extract.http import Counters, PoliteClient
from flows.logs import logger
from flows.report import SourceReport, progress
from flows.settings import Settings
from transform.facts import PostingFacts, extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import load
from warehouse.db import connect


def _transient(task: object, task_run: object, state: Any) -> bool:
    """Prefect retry condition: retry server trouble only; never bad payloads, unreachable hosts
    (the HTTP client already retried those) or bugs."""
    exc = state.result(raise_on_failure=False)
    return isinstance(exc, HTTPStatusError) and (exc.status >= 500 or exc.status == 429)


def _retry_delays(settings: Settings) -> list[float]:
    return [settings.task_retry_delay * 2**i for i in range(settings.task_retries)]


@dataclass
class Discovery:
    threads: list[hn.Thread]
    notes: list[str]
    counters: Counters = field(default_factory=Counters)


@task(name="hn-discover-threads", retry_condition_fn=_transient, cache_policy=NO_CACHE)
def discover(settings: Settings, since: str, until: str) -> Discovery:
    async def go() -> Discovery:
        async with PoliteClient(settings.hn.http, source=hn.SOURCE) as client:
            threads, notes = await hn.discover_threads(client, settings.hn, since, until)
            return Discovery(threads, notes, client.counters)

    return asyncio.run(go())


@dataclass
class FetchedBatch:
    results: list[hn.ThreadFetch]
    counters: Counters


@task(name="hn-fetch-threads", cache_policy=NO_CACHE)
def fetch(settings: Settings, threads: Sequence[hn.Thread]) -> FetchedBatch:
    """Every top-level comment of a batch of threads, fetched concurrently."""
    results, counters = asyncio.run(hn.fetch_threads(settings.hn, threads))
    return FetchedBatch(results, counters)


def fetch_with_retries(settings: Settings, threads: Sequence[hn.Thread]) -> FetchedBatch:
    """Run the fetch task, then again (after a delay) for the threads that failed with server
    trouble, up to ``JOBTRENDS_TASK_RETRIES`` times: a retry refetches only what failed."""
    done: dict[str, hn.ThreadFetch] = {}
    counters = Counters()
    pending = list(threads)
    delays = _retry_delays(settings)
    for attempt in range(len(delays) + 1):
        batch = fetch(settings, pending)
        for name, value in batch.counters.as_dict().items():
            setattr(counters, name, getattr(counters, name) + value)
        for result in batch.results:
            done[result.thread.id] = result
        pending = [r.thread for r in batch.results if r.error and r.retryable]
        if not pending or attempt == len(delays):
            break
        logger().warning(
            "hn: %d thread(s) failed, fetching them again in %gs", len(pending), delays[attempt]
        )
        counters.retries += len(pending)
        time.sleep(delays[attempt])
    return FetchedBatch([done[t.id] for t in threads], counters)


def parse_batch(
    batch: FetchedBatch, threads: dict[str, hn.Thread]
) -> tuple[list[tuple[Posting, PostingFacts]], list[Quarantined]]:
    """Parse and extract every fetched comment; whatever fails is quarantined with its error."""
    taxonomy = load_taxonomy()
    parsed: list[tuple[Posting, PostingFacts]] = []
    bad: list[Quarantined] = []
    for result in batch.results:
        bad.extend(result.malformed)
        for raw in result.records:
            try:
                posting = hn.parse(raw, threads)
            except ParseError as exc:
                bad.append(_quarantined(raw, f"{hn.SOURCE}: {raw.url}: {exc}"))
                continue
            try:
                facts = extract_facts(posting, taxonomy)
            except Exception as exc:  # a bug in transform/ must not lose the record
                bad.append(_quarantined(raw, f"extraction failed: {type(exc).__name__}: {exc}"))
                continue
            parsed.append((posting, facts))
    return parsed, bad


@task(name="hn-load-threads", cache_policy=NO_CACHE)
def load_threads(
    settings: Settings, batch: FetchedBatch, all_threads: Sequence[hn.Thread], run_id: str
) -> load.LoadCounts:
    """Raw comments, threads, parsed postings and quarantine of a batch, in one transaction."""
    ok = [r for r in batch.results if r.error is None]
    fetched = FetchedBatch(ok, batch.counters)
    parsed, bad = parse_batch(fetched, {t.id: t for t in all_threads})
    records = [raw for r in ok for raw in r.records]
    with connect(settings.db, wait=settings.lock_timeout) as con:
        counts = load.load_batch(
            con,
            load.Batch(
                raws=records, threads=[r.thread for r in ok], parsed=parsed, quarantined=bad
            ),
            run_id,
            load_taxonomy(),
        )
    logger().info(
        "hn: loaded %d threads: %d new, %d updated, %d unchanged, %d quarantined",
        len(ok), counts.new, counts.updated, counts.unchanged, counts.quarantined,
        extra={
            "source": hn.SOURCE, "threads": len(ok), "new": counts.new,
            "updated": counts.updated, "unchanged": counts.unchanged,
            "quarantined": counts.quarantined,
        },
    )  # fmt: skip
    return counts


def _quarantined(raw: RawPayload, error: str) -> Quarantined:
    return Quarantined(
        source=raw.source,
        record_key=raw.source_id,
        url=raw.url,
        error=error,
        payload=json.dumps(raw.payload, ensure_ascii=False, sort_keys=True),
        hash=raw.hash,
    )


def run_hn(
    settings: Settings, since: str, until: str, run_id: str, periods: list[str] | None = None
) -> SourceReport:
    """Discover, fetch and load the HN threads of ``since..until`` (only ``periods`` when given).
    Never raises FetchError."""
    log = logger()
    report = SourceReport(hn.SOURCE)
    try:
        discovery = discover.with_options(
            retries=settings.task_retries, retry_delay_seconds=_retry_delays(settings) or 0
        )(settings, since, until)
    except FetchError as exc:
        report.errors.append(str(exc))
        return report
    report.add_counters(discovery.counters)
    report.notes.extend(discovery.notes)
    wanted = periods or hn.months_between(since, until)
    threads = [t for t in discovery.threads if t.period in wanted]
    found = {t.period for t in threads}
    missing = [p for p in wanted if p not in found]
    if missing:
        # Not an error: this month's thread may not be posted yet.
        report.notes.append(f"no thread found for {', '.join(missing)}")
    log.info("hn: %d threads between %s and %s", len(threads), since, until)
    progress(f"hn: {len(threads)} threads to fetch")
    size = settings.fetch_batch
    for start in range(0, len(threads), size):
        batch = fetch_with_retries(settings, threads[start : start + size])
        report.add_counters(batch.counters)
        for r in batch.results:
            report.notes.extend(r.notes)
            if r.error:
                report.errors.append(f"thread {r.thread.id} ({r.thread.period}): {r.error}")
            else:
                report.fetched += len(r.records) + len(r.malformed)
                report.skipped_deleted += r.deleted
                report.periods.append(r.thread.period)
        if all(r.error for r in batch.results):
            continue
        try:
            counts = load_threads(settings, batch, threads, run_id)
        except WarehouseError as exc:
            report.errors.append(str(exc))
            continue
        report.loaded_batches += 1
        report.new += counts.new
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        report.quarantined += counts.quarantined
        progress(
            f"hn: {min(start + size, len(threads))}/{len(threads)} threads, "
            f"{report.fetched} postings"
        )
    return report
