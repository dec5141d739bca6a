"""Export the public views to Parquet or CSV files that any tool can read.

    with open_readonly() as con:
        for view in export_views(con, Path("export"), "parquet"):
            print(view.name, view.rows, len(view.files))

Every view of the warehouse's ``main`` schema is exported (found in the catalog, so a new view is
exported without a change here), each into its own folder ``DIR/<view>/``:

- Parquet, a view with a ``period`` column: one file per month, hive-partitioned
  (``DIR/postings/period=2024-03/data_0.parquet``); the folder reads back with
  ``read_parquet('DIR/postings/**/*.parquet', hive_partitioning = true)`` in DuckDB,
  ``pandas.read_parquet('DIR/postings')`` or any Arrow-based tool. Other views (and an empty
  one): ``DIR/<view>/<view>.parquet``. Lists stay lists and JSON columns stay JSON.
- CSV: ``DIR/<view>/<view>.csv`` with a header row; lists, structs and maps are written as JSON
  text.
- In both, an interval (``runs.duration``) is written as seconds (a number): most tools cannot
  read DuckDB's interval type.

Views are written into a hidden staging folder inside DIR and moved into place only when all of
them are written, so a failed export leaves no half-written view. A view folder that already
holds files is replaced only with ``overwrite=True``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from extract.errors import ConfigError

ExportFormat = Literal["parquet", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv")
PARTITION_COLUMN = "period"
_NESTED = re.compile(r"(\[\d*\]$)|^(STRUCT|MAP|UNION)\(")


@dataclass(frozen=True)
class ExportedView:
    """One view as written: its folder, its row count and its files (sorted)."""

    name: str
    path: Path
    rows: int
    files: tuple[Path, ...]
    partitioned: bool


def public_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The names of the warehouse's public views (schema ``main``), sorted."""
    rows = con.execute(
        """
        select view_name from duckdb_views()
        where database_name = current_database() and schema_name = 'main'
          and not internal and not temporary
        order by view_name
        """
    ).fetchall()
    return [r[0] for r in rows]


def export_views(
    con: duckdb.DuckDBPyConnection,
    out: Path | str,
    fmt: ExportFormat | str = "parquet",
    views: Sequence[str] | None = None,
    *,
    overwrite: bool = False,
) -> list[ExportedView]:
    """Write ``views`` (default: every public view) as ``fmt`` into ``out``, one folder each.

    Raises ``ConfigError`` for an unknown format or view, or when a view's folder already holds
    files and ``overwrite`` is false; nothing is written then.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    available = public_views(con)
    names = list(dict.fromkeys(views)) if views else available
    unknown = [v for v in names if v not in available]
    if unknown:
        raise ConfigError(
            f"no view named {', '.join(unknown)} in the warehouse; "
            f"the views are: {', '.join(available)}"
        )
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file: give --out a folder (it is created if missing)")
    taken = [v for v in names if _holds_files(out / v)]
    if taken and not overwrite:
        raise ConfigError(
            f"{out} already holds an export of {', '.join(taken)}: pass --overwrite to replace "
            "it, or give another --out folder"
        )
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        # One transaction: every view is read from the same state of the warehouse.
        con.begin()
        try:
            written = [(name, *_write_view(con, name, staging / name, fmt)) for name in names]
        finally:
            con.rollback()
        done = []
        for name, rows, partitioned in written:
            target = out / name
            if target.is_dir() or target.is_symlink() or target.exists():
                target.rename(staging / f".replaced-{name}")
            (staging / name).rename(target)
            files = tuple(sorted(p for p in target.rglob("*") if p.is_file()))
            done.append(ExportedView(name, target, rows, files, partitioned))
        return done
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _holds_files(path: Path) -> bool:
    if path.is_dir() and not path.is_symlink():
        return any(path.iterdir())
    return path.exists() or path.is_symlink()


def _write_view(
    con: duckdb.DuckDBPyConnection, name: str, folder: Path, fmt: str
) -> tuple[int, bool]:
    """Write one view into ``folder`` (created here); return (rows, partitioned)."""
    columns = con.execute(f"describe select * from {_quote(name)}").fetchall()
    select = ", ".join(_column(col, str(kind), fmt) for col, kind, *_ in columns)
    query = f"select {select} from {_quote(name)}"
    folder.mkdir()
    if fmt == "csv":
        return _copy(con, query, folder / f"{name}.csv", "format csv, header true"), False
    if PARTITION_COLUMN in {c[0] for c in columns}:
        rows = _copy(con, query, folder, f"format parquet, partition_by ({PARTITION_COLUMN})")
        if rows:
            return rows, True
        folder.rmdir()  # no month to partition by: one empty file keeps the columns
        folder.mkdir()
    return _copy(con, query, folder / f"{name}.parquet", "format parquet"), False


def _column(name: str, kind: str, fmt: str) -> str:
    quoted = _quote(name)
    if kind == "INTERVAL":
        return f"epoch({quoted}) as {quoted}"
    if fmt == "csv" and _NESTED.search(kind):
        return f"to_json({quoted}) as {quoted}"
    return quoted


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path, options: str) -> int:
    path = str(target).replace("'", "''")
    rows = con.execute(f"copy ({query}) to '{path}' ({options})").fetchall()
    return int(rows[0][0]) if rows else 0


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
