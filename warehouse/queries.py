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


def category_shares(
    con: duckdb.DuckDBPyConnection,
    categories: Sequence[str] | None = None,
    source: str | None = "all",
    since: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """Rows of ``category_share_monthly``, filtered, ordered by period then category."""
    clauses, params = [], []
    if categories:
        clauses.append("category in (select unnest(?))")
        params.append(list(categories))
    if source:
        clauses.append("source = ?")
        params.append(source)
    if since:
        clauses.append("period >= ?")
        params.append(since)
    if until:
        clauses.append("period <= ?")
        params.append(until)
    where = f"where {' and '.join(clauses)}" if clauses else ""
    return con.execute(
        f"select * from category_share_monthly {where} order by period, source, category", params
    ).df()


def postings_for(
    con: duckdb.DuckDBPyConnection, period: str, category: str, source: str = "all",
    limit: int = 50,
) -> pd.DataFrame:  # fmt: skip
    """The backend postings behind one point of the share chart, with their evidence."""
    source_clause = "" if source == "all" else "and s.source = ?"
    params: list[object] = [period, category]
    if source != "all":
        params.append(source)
    params.append(limit)
    return con.execute(
        f"""
        select s.posting_key, p.company, s.skill, s.evidence, s.url
        from posting_skills as s join postings as p using (posting_key)
        where s.period = ? and s.category = ? and s.backend {source_clause}
        order by s.posting_key, s.skill
        limit ?
        """,
        params,
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
    limit: int = 50,
) -> pd.DataFrame:  # fmt: skip
    """Backend postings of one period that mention no skill of ``category``: the rest of the
    denominator, to read for misses."""
    source_clause = "" if source == "all" else "and p.source = ?"
    params: list[object] = [period, period, category]
    if source != "all":
        params.append(source)
    params.append(limit)
    return con.execute(
        f"""
        select p.posting_key, p.company, p.roles, left(p.text, 240) as opening, p.url
        from postings as p
        where p.period = ? and p.backend
          and p.posting_key not in (
              select posting_key from posting_skills where period = ? and category = ?
          )
          {source_clause}
        order by p.posting_key
        limit ?
        """,
        params,
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
