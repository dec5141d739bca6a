"""Idempotent batch loads from DataFrames, one transaction per batch.

    with connect(path) as con:
        counts = load_batch(con, Batch(raws=..., parsed=..., quarantined=...), run_id, taxonomy)

A batch (raw payloads, HN threads, parsed postings with their facts, quarantined records) is
written in one transaction: a crash anywhere inside leaves the warehouse as it was. Re-loading
the same records changes nothing: raw payloads are keyed by content, postings are rewritten only
when their content or extractor version changed, and their skill hits with them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import duckdb
import pandas as pd

from extract.base import Posting, Quarantined, RawPayload
from transform.facts import PostingFacts
from transform.taxonomy import Taxonomy
from warehouse.db import scalar


@dataclass
class LoadCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    landed: int = 0  # raw payloads not seen before


@dataclass
class Batch:
    """Everything one load writes, atomically."""

    raws: Sequence[RawPayload] = ()
    threads: Sequence[object] = ()  # extract.hn.Thread
    parsed: Sequence[tuple[Posting, PostingFacts]] = ()
    quarantined: Sequence[Quarantined] = ()
    snapshots: Sequence[Snapshot] = ()  # job boards: what each board answered this run
    # True when the postings were just listed by their source (moves first_seen/last_seen);
    # False when they are rebuilt from the warehouse (re-extraction).
    sighting: bool = True


@dataclass(frozen=True)
class Snapshot:
    """One board's answer in one run (a row of ``core.board_snapshots``)."""

    source: str
    board: str
    url: str
    fetched_at: datetime
    status: str  # ok | empty | suspect_empty | failed | gone | skipped
    jobs: int = 0
    previous_jobs: int | None = None
    not_modified: bool = False
    error: str | None = None


def load_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Batch,
    run_id: str,
    taxonomy: Taxonomy | None = None,
    now: datetime | None = None,
) -> LoadCounts:
    """Write a batch in one transaction: taxonomy, threads, raw payloads, then postings."""
    now = now or datetime.now(UTC)  # one instant: postings seen and their board's snapshot
    with transaction(con):
        if taxonomy is not None:
            _record_taxonomy(con, taxonomy)
        _upsert_threads(con, batch.threads)
        landed = _land_raw(con, batch.raws, run_id)
        counts = _load_postings(con, batch.parsed, batch.quarantined, run_id, now, batch.sighting)
        _record_snapshots(con, batch.snapshots, run_id, now)
    counts.landed = landed
    return counts


def _record_snapshots(
    con: duckdb.DuckDBPyConnection,
    snapshots: Sequence[Snapshot],
    run_id: str,
    now: datetime | None,
) -> None:
    if not snapshots:
        return
    df = pd.DataFrame([asdict(s) for s in snapshots]).drop_duplicates(
        ["source", "board"], keep="last"
    )
    df["run_id"] = run_id
    df["loaded_at"] = now or datetime.now(UTC)
    df["previous_jobs"] = df["previous_jobs"].astype("Int64")
    df["fetched_at"] = pd.to_datetime(df["fetched_at"], utc=True)
    con.register("incoming_snapshots", df)
    con.execute(
        "insert into core.board_snapshots by name select * from incoming_snapshots "
        "on conflict (run_id, source, board) do update set url = excluded.url, "
        "fetched_at = excluded.fetched_at, loaded_at = excluded.loaded_at, "
        "status = excluded.status, jobs = excluded.jobs, previous_jobs = excluded.previous_jobs, "
        "not_modified = excluded.not_modified, error = excluded.error"
    )
    con.unregister("incoming_snapshots")


def record_snapshots(
    con: duckdb.DuckDBPyConnection, snapshots: Sequence[Snapshot], run_id: str
) -> None:
    """Record board snapshots that load no postings (failed, gone, skipped boards)."""
    with transaction(con):
        _record_snapshots(con, snapshots, run_id, None)


def record_settings(con: duckdb.DuckDBPyConnection, values: dict[str, object]) -> None:
    """Store the settings views depend on (``core.settings``), so ad-hoc SQL applies the same."""
    now = datetime.now(UTC)
    with transaction(con):
        for key, value in values.items():
            con.execute(
                "insert into core.settings values (?, ?, ?) on conflict (key) do update set "
                "value = excluded.value, updated_at = excluded.updated_at "
                "where core.settings.value <> excluded.value",
                [key, str(value), now],
            )


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a crash inside leaves the warehouse as it was."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _land_raw(con: duckdb.DuckDBPyConnection, raws: Sequence[RawPayload], run_id: str) -> int:
    if not raws:
        return 0
    df = pd.DataFrame(
        {
            "source": [r.source for r in raws],
            "source_id": [r.source_id for r in raws],
            "content_hash": [r.hash for r in raws],
            "url": [r.url for r in raws],
            "fetched_at": [r.fetched_at for r in raws],
            "run_id": run_id,
            "payload": [json.dumps(r.payload, ensure_ascii=False, sort_keys=True) for r in raws],
        }
    ).drop_duplicates(["source", "source_id", "content_hash"])
    before = _count(con, "core.raw_payloads")
    con.register("incoming_raw", df)
    con.execute(
        "insert into core.raw_payloads "
        "select source, source_id, content_hash, url, fetched_at, run_id, payload::json "
        "from incoming_raw on conflict do nothing"
    )
    con.unregister("incoming_raw")
    return _count(con, "core.raw_payloads") - before


def _upsert_threads(con: duckdb.DuckDBPyConnection, threads: Iterable[object]) -> None:
    rows = [asdict(t) for t in threads]  # type: ignore[call-overload]
    if not rows:
        return
    df = pd.DataFrame(rows).drop_duplicates("id", keep="last")
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True)
    con.register("incoming_threads", df)
    # Only rows that differ are written: a re-run changes nothing.
    con.execute(
        "insert into core.hn_threads "
        "select i.id, i.period, i.title, i.created_at from incoming_threads as i "
        "left join core.hn_threads as t on t.thread_id = i.id "
        "where t.thread_id is null or t.period <> i.period or t.title <> i.title "
        "   or t.created_at is distinct from coalesce(i.created_at, t.created_at) "
        "on conflict (thread_id) do update set period = excluded.period, title = excluded.title, "
        "created_at = coalesce(excluded.created_at, hn_threads.created_at)"
    )
    con.unregister("incoming_threads")


def record_taxonomy(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> None:
    """Remember a taxonomy version and its skills (the share views list its categories)."""
    with transaction(con):
        _record_taxonomy(con, taxonomy)


def _record_taxonomy(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> None:
    if scalar(
        con, "select count(*) from core.taxonomy_versions where version = ?", [taxonomy.version]
    ):
        return
    df = pd.DataFrame(
        [(taxonomy.version, s.name, s.category) for s in taxonomy.skills.values()],
        columns=["version", "skill", "category"],
    )
    con.execute(
        "insert into core.taxonomy_versions values (?, ?)", [taxonomy.version, datetime.now(UTC)]
    )
    con.register("incoming_taxonomy", df)
    con.execute("insert into core.taxonomy_skills select * from incoming_taxonomy")
    con.unregister("incoming_taxonomy")


def load_postings(
    con: duckdb.DuckDBPyConnection,
    parsed: Sequence[tuple[Posting, PostingFacts]],
    quarantined: Sequence[Quarantined],
    run_id: str,
    now: datetime | None = None,
) -> LoadCounts:
    """Upsert postings with their facts and quarantine failures, in one transaction."""
    return load_batch(con, Batch(parsed=parsed, quarantined=quarantined), run_id, now=now)


def _load_postings(
    con: duckdb.DuckDBPyConnection,
    parsed: Sequence[tuple[Posting, PostingFacts]],
    quarantined: Sequence[Quarantined],
    run_id: str,
    now: datetime | None,
    sighting: bool = True,
) -> LoadCounts:
    now = now or datetime.now(UTC)
    counts = LoadCounts()
    postings = _postings_frame(parsed, run_id, now, sighting)
    hits = _hits_frame(parsed)
    bad = _quarantine_frame(quarantined, run_id, now)
    if not postings.empty:
        con.register("incoming", postings)
        changed = con.execute(
            """
            select i.source, i.source_id, p.source_id is null as is_new
            from incoming as i
            left join core.postings as p using (source, source_id)
            where p.source_id is null
               or p.content_hash <> i.content_hash
               or p.taxonomy_version <> i.taxonomy_version
            """
        ).df()
        counts.new = int(changed["is_new"].sum())
        counts.updated = len(changed) - counts.new
        counts.unchanged = len(postings) - len(changed)
        if len(changed):
            con.register("changed", changed)
            con.execute(
                """
                insert into core.postings by name
                select i.* replace (i.roles::json as roles)
                from incoming as i semi join changed using (source, source_id)
                on conflict (source, source_id) do update set
                    url = excluded.url,
                    -- an undated board posting keeps the month it was first seen in
                    period = case when excluded.posted_at is null and excluded.board is not null
                        then postings.period else excluded.period end,
                    posted_at = excluded.posted_at, title = excluded.title,
                    company = excluded.company, author = excluded.author,
                    thread_id = excluded.thread_id, html = excluded.html,
                    text = excluded.text, content_hash = excluded.content_hash,
                    backend = excluded.backend, roles = excluded.roles,
                    taxonomy_version = excluded.taxonomy_version,
                    updated_at = excluded.updated_at, run_id = excluded.run_id,
                    board = excluded.board, locations = excluded.locations,
                    remote = excluded.remote, department = excluded.department,
                    employment_type = excluded.employment_type,
                    salary_min = excluded.salary_min, salary_max = excluded.salary_max,
                    salary_currency = excluded.salary_currency,
                    salary_period = excluded.salary_period, salary_text = excluded.salary_text,
                    source_updated_at = excluded.source_updated_at,
                    first_seen = coalesce(postings.first_seen, excluded.first_seen),
                    last_seen = case when excluded.board is null
                        then coalesce(postings.last_seen, excluded.last_seen)
                        else greatest(postings.last_seen, excluded.last_seen) end
                """
            )
            con.execute(
                "delete from core.skill_hits where (source, source_id) in "
                "(select (source, source_id) from changed)"
            )
            if not hits.empty:
                con.register("incoming_hits", hits)
                con.execute(
                    "insert into core.skill_hits by name select h.* from incoming_hits as h "
                    "semi join changed using (source, source_id)"
                )
                con.unregister("incoming_hits")
            con.unregister("changed")
        # Seen again unchanged: a job board still lists it, so its lifetime goes on. (An HN
        # comment lives in its thread's month; reloading it changes nothing.)
        con.execute(
            "update core.postings as p set last_seen = i.last_seen from incoming as i "
            "where p.source = i.source and p.source_id = i.source_id and i.board is not null "
            "and (p.last_seen is null or p.last_seen < i.last_seen)"
        )
        con.unregister("incoming")
    if not bad.empty:
        before = _count(con, "core.quarantine")
        con.register("incoming_bad", bad)
        con.execute(
            "insert into core.quarantine by name select * from incoming_bad on conflict do nothing"
        )
        con.unregister("incoming_bad")
        counts.quarantined = _count(con, "core.quarantine") - before
    return counts


def record_run(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, object]]) -> None:
    """Insert or update run records (one per run and source)."""
    if not rows:
        return
    df = pd.DataFrame(list(rows)).drop_duplicates(["run_id", "source"], keep="last")
    cols = ", ".join(df.columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in df.columns if c not in ("run_id", "source"))
    with transaction(con):
        con.register("incoming_runs", df)
        con.execute(
            f"insert into core.runs ({cols}) select {cols} from incoming_runs "
            f"on conflict (run_id, source) do update set {updates}"
        )
        con.unregister("incoming_runs")


def _postings_frame(
    parsed: Sequence[tuple[Posting, PostingFacts]], run_id: str, now: datetime, sighting: bool
) -> pd.DataFrame:
    rows = []
    for posting, facts in parsed:
        rows.append(
            {
                "source": posting.source,
                "source_id": posting.source_id,
                "url": posting.url,
                "period": posting.period,
                "posted_at": posting.posted_at,
                "title": posting.title,
                "company": facts.company,
                "author": posting.author,
                "thread_id": posting.thread_id,
                "html": posting.html,
                "text": facts.text,
                "content_hash": posting.content_hash,
                "backend": facts.backend,
                "roles": json.dumps([asdict(r) for r in facts.roles], ensure_ascii=False),
                "taxonomy_version": facts.taxonomy_version,
                "first_loaded_at": now,
                "updated_at": now,
                "run_id": run_id,
                "board": posting.board,
                "locations": list(posting.locations),
                "remote": posting.remote,
                "department": posting.department,
                "employment_type": posting.employment_type,
                "salary_min": posting.salary_min,
                "salary_max": posting.salary_max,
                "salary_currency": posting.salary_currency,
                "salary_period": posting.salary_period,
                "salary_text": posting.salary_text,
                "source_updated_at": posting.updated_at,
                "first_seen": now if sighting else None,
                "last_seen": now if sighting else None,
            }
        )
    df = pd.DataFrame(rows, columns=_POSTING_COLUMNS)
    if not df.empty:
        df["backend"] = df["backend"].astype("boolean")
        df["remote"] = df["remote"].astype("boolean")
        for column in ("posted_at", "source_updated_at", "first_seen", "last_seen"):
            df[column] = pd.to_datetime(df[column], utc=True)
        for column in ("salary_min", "salary_max"):
            df[column] = df[column].astype("float64")
    # A duplicate key inside one INSERT ... ON CONFLICT batch would be dropped silently: keep the last.
    return df.drop_duplicates(["source", "source_id"], keep="last")


_POSTING_COLUMNS = [
    "source", "source_id", "url", "period", "posted_at", "title", "company", "author",
    "thread_id", "html", "text", "content_hash", "backend", "roles", "taxonomy_version",
    "first_loaded_at", "updated_at", "run_id", "board", "locations", "remote", "department",
    "employment_type", "salary_min", "salary_max", "salary_currency", "salary_period",
    "salary_text", "source_updated_at", "first_seen", "last_seen",
]  # fmt: skip


def _hits_frame(parsed: Sequence[tuple[Posting, PostingFacts]]) -> pd.DataFrame:
    rows = [
        (
            facts.source,
            facts.source_id,
            h.skill,
            h.category,
            h.matched,
            h.evidence,
            h.start,
            h.end,
            h.implied_by,
            facts.taxonomy_version,
            h.level,
            h.rule,
        )
        for _, facts in parsed
        for h in facts.hits
    ]
    df = pd.DataFrame(
        rows,
        columns=[
            "source",
            "source_id",
            "skill",
            "category",
            "matched",
            "evidence",
            "start_offset",
            "end_offset",
            "implied_by",
            "taxonomy_version",
            "level",
            "rule",
        ],
    )
    return df.drop_duplicates(["source", "source_id", "skill"], keep="last")


def _quarantine_frame(bad: Sequence[Quarantined], run_id: str, now: datetime) -> pd.DataFrame:
    df = pd.DataFrame(
        [(q.source, q.record_key, q.hash, q.url, q.error, q.payload, run_id, now) for q in bad],
        columns=[
            "source",
            "record_key",
            "content_hash",
            "url",
            "error",
            "payload",
            "run_id",
            "quarantined_at",
        ],
    )
    return df.drop_duplicates(["source", "record_key", "content_hash"], keep="last")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(scalar(con, f"select count(*) from {table}") or 0)  # type: ignore[call-overload]
