"""The HN part of a run: coarse Prefect tasks (discover, fetch a batch of threads, load a batch).

Fetch tasks retry (Prefect retries on top of the HTTP client's own); parsing and loading never do.
HTTP concurrency happens inside a task with one async client, so per-host rate limits hold.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extract import hn
from extract.base import Posting, Quarantined
from extract.errors import FetchError, HTTPStatusError, ParseError
from extract.http import Counters, PoliteClient
from flows.report import SourceReport, progress
from flows.settings import Settings
from transform.facts import PostingFacts, extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import load
from warehouse.db import connect


def _transient(task: object, task_run: object, state: object) -> bool:
    """Prefect retry condition: retry server trouble, not unreachable hosts or bad payloads."""
    exc = state.result(raise_on_failure=False)  # type: ignore[attr-defined]
    if isinstance(exc, HTTPStatusError):
        return exc.status >= 500 or exc.status == 429
    return not isinstance(exc, FetchError)


@dataclass
class Discovery:
    threads: list[hn.Thread]
    notes: list[str]
    counters: Counters = field(default_factory=Counters)


def _retrying(task_: Any, settings: Settings) -> Any:
    """The task with the retry policy of the settings (Prefect retries on top of HTTP retries)."""
    delay = settings.task_retry_delay
    return task_.with_options(
        retries=settings.task_retries,
        retry_delay_seconds=[delay * 2**i for i in range(settings.task_retries)] or 0,
    )


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


@task(name="hn-fetch-threads", retry_condition_fn=_transient, cache_policy=NO_CACHE)
def fetch(settings: Settings, threads: Sequence[hn.Thread]) -> FetchedBatch:
    """Every top-level comment of a batch of threads, fetched concurrently."""

    async def go() -> FetchedBatch:
        async with PoliteClient(settings.hn.http, source=hn.SOURCE) as client:
            results = await asyncio.gather(
                *(hn.fetch_thread(client, settings.hn, t) for t in threads)
            )
            return FetchedBatch(list(results), client.counters)

    return asyncio.run(go())


@task(name="hn-load-threads", cache_policy=NO_CACHE)
def load_batch(
    settings: Settings, batch: FetchedBatch, all_threads: Sequence[hn.Thread], run_id: str
) -> load.LoadCounts:
    """Land raw comments, parse them, extract facts and load them: one transaction per step."""
    logger = get_run_logger()
    taxonomy = load_taxonomy()
    threads = {t.id: t for t in all_threads}
    fetched = [r for r in batch.results if r.error is None]
    raws = [raw for r in fetched for raw in r.records]
    parsed: list[tuple[Posting, PostingFacts]] = []
    bad: list[Quarantined] = []
    for raw in raws:
        try:
            posting = hn.parse(raw, threads)
        except ParseError as exc:
            bad.append(_quarantined(raw, f"{hn.SOURCE}: {raw.url}: {exc}"))
            continue
        parsed.append((posting, extract_facts(posting, taxonomy)))
    with connect(settings.db) as con:
        load.record_taxonomy(con, taxonomy)
        load.upsert_threads(con, [r.thread for r in fetched])
        load.land_raw(con, raws, run_id)  # landed before the parsed rows are written
        counts = load.load_postings(con, parsed, bad, run_id)
    logger.info(
        "hn: loaded %d threads: %d new, %d updated, %d unchanged, %d quarantined",
        len(fetched),
        counts.new,
        counts.updated,
        counts.unchanged,
        counts.quarantined,
    )
    return counts


def _quarantined(raw: object, error: str) -> Quarantined:
    import json

    return Quarantined(
        source=raw.source,  # type: ignore[attr-defined]
        record_key=raw.source_id,  # type: ignore[attr-defined]
        url=raw.url,  # type: ignore[attr-defined]
        error=error,
        payload=json.dumps(raw.payload, ensure_ascii=False, sort_keys=True),  # type: ignore[attr-defined]
        hash=raw.hash,  # type: ignore[attr-defined]
    )


def run_hn(settings: Settings, since: str, until: str, run_id: str) -> SourceReport:
    """Discover, fetch and load the HN threads of ``since..until``. Never raises FetchError."""
    logger = get_run_logger()
    report = SourceReport(hn.SOURCE)
    try:
        discovery = _retrying(discover, settings)(settings, since, until)
    except FetchError as exc:
        report.errors.append(str(exc))
        return report
    report.add_counters(discovery.counters)
    report.notes.extend(discovery.notes)
    threads = discovery.threads
    found = {t.period for t in threads}
    missing = [p for p in hn.months_between(since, until) if p not in found]
    if missing:
        # Not an error: the newest month's thread may not be posted yet.
        report.notes.append(f"no thread found for {', '.join(missing)}")
    logger.info("hn: %d threads between %s and %s", len(threads), since, until)
    progress(f"hn: {len(threads)} threads to fetch")
    size = settings.fetch_batch
    for start in range(0, len(threads), size):
        chunk = threads[start : start + size]
        try:
            batch = _retrying(fetch, settings)(settings, chunk)
        except FetchError as exc:
            report.errors.append(str(exc))
            continue
        report.add_counters(batch.counters)
        for r in batch.results:
            report.notes.extend(r.notes)
            if r.error:
                report.errors.append(f"thread {r.thread.id} ({r.thread.period}): {r.error}")
            else:
                report.fetched += len(r.records)
                report.skipped_deleted += r.deleted
                report.periods.append(r.thread.period)
        if not any(r.error is None for r in batch.results):
            continue
        counts = load_batch(settings, batch, threads, run_id)
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
