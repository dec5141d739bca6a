"""Read-only query helpers shared by the CLI and the notebooks.

from warehouse.queries import open_readonly, category_shares
with open_readonly() as con:
    df = category_shares(con, categories=["cloud", "container"], source="all")
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.db import connect

DEFAULT_DB = Path("data/jobtrends.duckdb")


def default_db() -> Path:
    """The warehouse path from ``JOBTRENDS_DB`` (default ``data/jobtrends.duckdb``)."""
    return Path(os.environ.get("JOBTRENDS_DB", DEFAULT_DB))


@contextmanager
def open_readonly(path: Path | str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, closed on exit (writers are blocked only while it is open)."""
    with connect(path or default_db(), read_only=True) as con:
        yield con


BASES = ("new", "active")
PANELS = ("all", "fixed")


def _window(
    view: str, macro: str, since: str | None, until: str | None, panel: str
) -> tuple[str, list[object]]:
    """The FROM clause of a share query: the view, or its window macro for a fixed panel."""
    if panel not in PANELS:
        raise ValueError(f"panel must be one of {', '.join(PANELS)}, not {panel!r}")
    if panel == "fixed":
        return f"{macro}(?, ?, true)", [since, until]
    return view, []


def _share_query(
    con: duckdb.DuckDBPyConnection,
    view: str,
    macro: str,
    filters: dict[str, Sequence[str] | str | None],
    since: str | None,
    until: str | None,
    basis: str,
    panel: str,
    order: str,
) -> pd.DataFrame:
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    source, params = _window(view, macro, since, until, panel)
    clauses = ["basis = ?"]
    params.append(basis)
    for column, value in filters.items():
        if not value:
            continue
        if isinstance(value, str):
            clauses.append(f"{column} = ?")
            params.append(value)
        else:
            clauses.append(f"{column} in (select unnest(?))")
            params.append(list(value))
    if since:
        clauses.append("period >= ?")
        params.append(since)
    if until:
        clauses.append("period <= ?")
        params.append(until)
    return con.execute(
        f"select * from {source} where {' and '.join(clauses)} order by {order}", params
    ).df()


def category_shares(
    con: duckdb.DuckDBPyConnection,
    categories: Sequence[str] | None = None,
    source: str | None = "all",
    since: str | None = None,
    until: str | None = None,
    basis: str = "new",
    panel: str = "all",
) -> pd.DataFrame:
    """Rows of ``category_share_monthly`` for one basis (``new`` or ``active`` postings),
    filtered, ordered by period, source and category.

    ``panel="fixed"`` counts only companies listed in both the first and the last three months
    of ``since..until`` (the ``category_share_window`` macro).
    """
    return _share_query(
        con, "category_share_monthly", "category_share_window",
        {"category": categories, "source": source}, since, until, basis, panel,
        "period, source, category",
    )  # fmt: skip


def skill_shares(
    con: duckdb.DuckDBPyConnection,
    skills: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    source: str | None = "all",
    since: str | None = None,
    until: str | None = None,
    basis: str = "new",
    panel: str = "all",
) -> pd.DataFrame:
    """Rows of ``skill_share_monthly``, filtered like ``category_shares``."""
    return _share_query(
        con, "skill_share_monthly", "skill_share_window",
        {"skill": skills, "category": categories, "source": source}, since, until, basis, panel,
        "period, source, category, skill",
    )  # fmt: skip


def source_mix_notes(
    con: duckdb.DuckDBPyConnection, since: str | None = None, until: str | None = None
) -> list[str]:
    """Plain-language notes on changes in who is counted inside the window: sources that start
    or stop within it, and job boards first fetched or no longer answering within it.

    A pooled share that moves when a source joins may be a change in the sample, not in demand;
    ``panel="fixed"`` is the check.
    """
    first, last = con.execute(
        "select min(period), max(period) from source_mix_monthly "
        "where (? is null or period >= ?) and (? is null or period <= ?)",
        [since, since, until, until],
    ).fetchone() or (None, None)
    if first is None:
        return []
    notes = []
    spans = con.execute(
        "select source, min(period), max(period) from source_mix_monthly "
        "where basis = 'new' group by source order by source"
    ).fetchall()
    for source, start, end in spans:
        if end < first or start > last:
            continue
        if start > first:
            notes.append(
                f"{source} has postings only from {start} on: pooled shares before and after "
                f"{start} count different sources"
            )
        if end < last:
            notes.append(f"{source} has no postings after {end}")
    # Job boards are snapshots: a month before a source's first snapshot holds only the postings
    # still listed at that snapshot (those published then and closed since were never seen).
    first_snapshots = con.execute(
        "select source, strftime(timezone('UTC', min(fetched_at)), '%Y-%m') from core.board_snapshots "
        "group by source order by source"
    ).fetchall()
    for source, month in first_snapshots:
        if month > first and any(s == source and start < month for s, start, _ in spans):
            notes.append(
                f"{source} was first fetched in {month}: its postings in earlier months are only "
                "those still listed then, not all that were open"
            )
    boards = con.execute(
        """
        select source, board, strftime(timezone('UTC', min(fetched_at)), '%Y-%m') as first_month,
            strftime(timezone('UTC', max(fetched_at) filter (where status in ('ok', 'empty'))), '%Y-%m')
                as last_ok_month
        from core.board_snapshots
        group by source, board
        """
    ).df()
    if not boards.empty:
        added = boards[(boards.first_month > first) & (boards.first_month <= last)]
        stopped = boards[boards.last_ok_month.notna() & (boards.last_ok_month < last)
                         & (boards.last_ok_month >= first)]  # fmt: skip
        for what, rows in (("first fetched after", added), ("last answered before", stopped)):
            for source, group in rows.groupby("source"):
                names = ", ".join(sorted(group.board)[:5]) + (", ..." if len(group) > 5 else "")
                month = first if what.startswith("first") else last
                notes.append(
                    f"{len(group)} {source} board(s) {what} {month} ({names}): "
                    "their companies enter or leave the counts inside the window"
                )
    return notes


def postings_for(
    con: duckdb.DuckDBPyConnection, period: str, category: str, source: str = "all",
    limit: int = 50, basis: str = "new",
) -> pd.DataFrame:  # fmt: skip
    """The backend postings behind one point of the share chart (its ``demanding`` count), with
    the evidence of each skill of the category they demand. Duplicates count once: each row is
    the canonical posting of its group, with ``members`` saying how many postings it stands for.
    """
    return con.execute(
        """
        select p.posting_key, p.company, s.skill, s.level, s.evidence, p.url,
            u.members
        from staging.unit_months as u
        join posting_skills as s
            on s.source = u.rep_source and s.source_id = u.rep_source_id
        join postings as p on p.source = u.rep_source and p.source_id = u.rep_source_id
        where u.period = ? and u.source = ? and u.basis = ? and u.backend
          and s.category = ? and s.demanded
        order by u.unit_key, s.skill
        limit ?
        """,
        [period, source, basis, category, limit],
    ).df()


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    """Run one ad-hoc statement and return its rows."""
    return con.execute(sql).df()


def postings_per_period(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Postings per source and month, split by the backend classifier's answer."""
    return con.execute(
        """
        select
            source,
            period,
            count(*) as postings,
            count(*) filter (where backend) as backend,
            count(*) filter (where not backend) as not_backend,
            count(*) filter (where backend is null) as abstained,
            string_agg(distinct taxonomy_version, ', ') as taxonomy_versions
        from postings
        group by source, period
        order by period, source
        """
    ).df()


def postings_without(
    con: duckdb.DuckDBPyConnection, period: str, category: str, source: str = "all",
    limit: int = 50, basis: str = "new",
) -> pd.DataFrame:  # fmt: skip
    """Backend postings of one point that demand no skill of ``category``: the rest of its
    denominator, to read for misses."""
    return con.execute(
        """
        select p.posting_key, p.company, p.roles, left(p.text, 240) as opening,
            p.url, u.members
        from staging.unit_months as u
        join postings as p on p.source = u.rep_source and p.source_id = u.rep_source_id
        where u.period = ? and u.source = ? and u.basis = ? and u.backend
          and not exists (
              select 1 from posting_skills as s
              where s.source = u.rep_source and s.source_id = u.rep_source_id
                and s.category = ? and s.demanded
          )
        order by u.unit_key
        limit ?
        """,
        [period, source, basis, category, limit],
    ).df()


def posting(con: duckdb.DuckDBPyConnection, posting_key: str) -> dict[str, object] | None:
    """One posting (all columns of the ``postings`` view) by its key, e.g. ``hn:35424900``."""
    df = con.execute("select * from postings where posting_key = ?", [posting_key]).df()
    return None if df.empty else df.iloc[0].to_dict()


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The last ``limit`` runs, one row per run and source; ``why`` is the first error line."""
    return con.execute(
        """
        with latest as (
            select run_id from runs group by run_id order by min(started_at) desc limit ?
        )
        select
            strftime(r.started_at, '%Y-%m-%d %H:%M:%S') as started,
            left(r.run_id, 8) as run,
            r.flow,
            r.source,
            r.status,
            round(epoch(r.duration), 1) as seconds,
            r.fetched,
            r.new,
            r.updated,
            r.quarantined,
            r.requests,
            r.retries,
            left(split_part(coalesce(r.errors, ''), chr(10), 1), 160) as why
        from runs as r semi join latest using (run_id)
        order by r.started_at desc, r.source
        """,
        [limit],
    ).df()
