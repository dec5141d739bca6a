"""Recompute facts (text, roles, skills) from stored postings with the current extractor: no network.

Every fact records the extractor version that produced it (``taxonomy_version``: the taxonomy
file and the extraction code). ``reextract_stale`` brings every posting whose version differs up
to date; ``nightly`` calls it at the end of each run, and `jobtrends reextract` runs it alone.

``link_duplicates`` is the other step computed from stored postings alone: it links
near-duplicate postings to their canonical one (``warehouse/dedup.py``) after every load, and
after re-extraction (an HN posting's company is read again from its text).
"""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from extract.base import Posting, Quarantined
from extract.errors import WarehouseError
from flows.logs import configure, logger
from flows.metrics import write_metrics
from flows.report import RunReport, SourceReport, progress
from flows.runs import finish, new_run_id, record
from flows.settings import Settings, load_settings
from transform.facts import PostingFacts, extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import load
from warehouse.db import connect, scalar
from warehouse.dedup import LinkCounts, refresh_links

BATCH = 5000
SOURCE = "reextract"  # the run record's name for this step


def _stale_filter(everything: bool) -> str:
    return "true" if everything else "taxonomy_version <> ?"


@task(name="reextract-batch", cache_policy=NO_CACHE)
def reextract_batch(
    settings: Settings, keys: list[tuple[str, str]], run_id: str
) -> load.LoadCounts:
    """Re-extract one batch of postings and write the new facts in one transaction."""
    taxonomy = load_taxonomy()
    with connect(settings.db, wait=settings.lock_timeout) as con:
        con.register("wanted", _keys_frame(keys))
        rows = con.execute(
            f"select {', '.join(_COLUMNS)} from core.postings "
            "semi join wanted using (source, source_id)"
        ).fetchall()
        con.unregister("wanted")
        parsed: list[tuple[Posting, PostingFacts]] = []
        bad: list[Quarantined] = []
        for row in rows:
            posting = stored_posting(row)
            try:
                parsed.append((posting, extract_facts(posting, taxonomy)))
            except Exception as exc:  # keep the record and say why
                bad.append(
                    Quarantined(
                        posting.source,
                        posting.source_id,
                        posting.url,
                        f"extraction failed: {type(exc).__name__}: {exc}",
                        posting.html,
                        posting.content_hash,
                    )
                )
        # Re-extraction is not a sighting: first_seen and last_seen stay as they are.
        batch = load.Batch(parsed=parsed, quarantined=bad, sighting=False)
        return load.load_batch(con, batch, run_id, taxonomy)


# core.postings column -> Posting field, for postings rebuilt from the warehouse.
_COLUMNS = {
    "source": "source", "source_id": "source_id", "url": "url", "period": "period",
    "posted_at": "posted_at", "html": "html", "content_hash": "content_hash", "title": "title",
    "company": "company", "author": "author", "thread_id": "thread_id", "board": "board",
    "locations": "locations", "remote": "remote", "department": "department",
    "employment_type": "employment_type", "salary_min": "salary_min",
    "salary_max": "salary_max", "salary_currency": "salary_currency",
    "salary_period": "salary_period", "salary_text": "salary_text",
    "source_updated_at": "updated_at",
}  # fmt: skip


def stored_posting(row: tuple[object, ...]) -> Posting:
    """A Posting as it was stored (every field the source gave), for re-extraction."""
    fields = dict(zip(_COLUMNS.values(), row, strict=True))
    fields["locations"] = tuple(fields["locations"] or ())  # type: ignore[arg-type]
    if fields["source"] == "hn":
        # HN's company is read from the text by the extractor: let it read it again.
        fields["company"] = None
    return Posting(**fields)  # type: ignore[arg-type]


def _keys_frame(keys: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.DataFrame(keys, columns=["source", "source_id"])


def count_stale(settings: Settings) -> int:
    """How many stored postings carry facts from another extractor version."""
    if not settings.db.exists():
        return 0
    with connect(settings.db, wait=settings.lock_timeout) as con:
        return int(
            scalar(
                con,
                "select count(*) from core.postings where taxonomy_version <> ?",
                [load_taxonomy().version],
            )
            or 0
        )


def reextract_stale(settings: Settings, run_id: str, everything: bool = False) -> SourceReport:
    """Re-extract postings whose facts came from another extractor version (or all of them)."""
    report = SourceReport(SOURCE)
    version = load_taxonomy().version
    if not settings.db.exists():
        return report
    with connect(settings.db, wait=settings.lock_timeout) as con:
        params = [] if everything else [version]
        keys = con.execute(
            f"select source, source_id from core.postings where {_stale_filter(everything)} "
            "order by source, source_id",
            params,
        ).fetchall()
        total = scalar(con, "select count(*) from core.postings")
    report.notes.append(f"{len(keys)} of {total} postings re-extracted with {version}")
    for start in range(0, len(keys), BATCH):
        counts = reextract_batch(settings, [tuple(k) for k in keys[start : start + BATCH]], run_id)
        report.fetched += counts.new + counts.updated + counts.unchanged
        report.updated += counts.updated
        report.quarantined += counts.quarantined
        report.loaded_batches += 1
        progress(f"re-extracted {min(start + BATCH, len(keys))}/{len(keys)} postings")
    return report


@task(name="link-duplicates", cache_policy=NO_CACHE)
def link_duplicates(settings: Settings) -> LinkCounts | None:
    """Link every posting to its canonical one (``core.posting_links``) in one transaction.

    Reads the stored postings, re-hashes only those new or changed since the last time, and
    writes only the links that changed. None when there is no warehouse yet.
    """
    if not settings.db.exists():
        return None
    with connect(settings.db, wait=settings.lock_timeout) as con:
        counts = refresh_links(con)
    logger().info(
        "linked %d postings: %d duplicates folded into %d canonical postings; %d re-hashed, "
        "%d links changed",
        counts.postings, counts.duplicates, counts.groups, counts.hashed, counts.changed,
        extra={
            "step": "link-duplicates", "postings": counts.postings,
            "duplicates": counts.duplicates, "groups": counts.groups, "hashed": counts.hashed,
            "changed": counts.changed,
        },
    )  # fmt: skip
    return counts


LINK = "link-duplicates"  # the run record's name for this step, written only when it fails


def link_step(settings: Settings, report: RunReport, taxonomy_version: str) -> LinkCounts | None:
    """Run ``link_duplicates``. A failure does not undo the loads: the links keep their last
    state until the next run (the views read an unlinked posting as its own canonical), and the
    run says so: a failed ``link-duplicates`` record, so the run exits non-zero."""
    try:
        return link_duplicates(settings)
    except Exception as exc:
        logger().exception(
            "linking duplicate postings failed; the previous links stay in place",
            extra={"step": LINK},
        )
        failed = SourceReport(LINK)
        failed.errors.append(
            f"linking duplicate postings failed ({type(exc).__name__}: {exc}); the postings "
            "are loaded and the previous links stay until a run links them again"
        )
        report.sources.append(failed)
        try:
            finish(settings, report, failed, taxonomy_version)
        except WarehouseError as record_error:  # the summary and exit code still say it
            logger().error("cannot record the failed link step: %s", record_error)
        return None


@flow(name="reextract")
def reextract(everything: bool = False) -> RunReport:
    """Recompute skills and roles of stored postings with the current taxonomy; no network."""
    settings = load_settings()
    configure(settings.log_format)
    run = RunReport(new_run_id(), "reextract")
    version = load_taxonomy().version
    placeholder = SourceReport(SOURCE)
    record(settings, run, placeholder, status="running", taxonomy_version=version)
    result = reextract_stale(settings, run.run_id, everything)
    result.started_at = placeholder.started_at
    run.sources.append(result)
    finish(settings, run, result, version)
    link_step(settings, run, version)  # companies read again may link postings differently
    write_metrics(settings, run)
    return run
