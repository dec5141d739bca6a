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
holds files is replaced only with ``overwrite=True``, and all or nothing: every folder being
replaced is first moved aside into the staging folder, then every new one moved in; if a move
fails, the new ones are moved back out and the old ones back in. The old ones are deleted only
once every new one is in place. Files and folders in DIR that are not among the views exported
are never touched.
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
    keep_staging = False
    try:
        new, old = staging / "new", staging / "old"  # views written / folders they replace
        new.mkdir()
        old.mkdir()
        # One transaction: every view is read from the same state of the warehouse.
        con.begin()
        try:
            written = [(name, *_write_view(con, name, new / name, fmt)) for name in names]
        finally:
            con.rollback()
        try:
            _swap_in(out, new, old, names)
        except _RestoreError:
            keep_staging = True  # it holds earlier views that could not be put back
            raise
        done = []
        for name, rows, partitioned in written:
            target = out / name
            files = tuple(sorted(p for p in target.rglob("*") if p.is_file()))
            done.append(ExportedView(name, target, rows, files, partitioned))
        return done
    finally:
        if not keep_staging:
            shutil.rmtree(staging, ignore_errors=True)


class _RestoreError(OSError):
    """A failed move phase whose undo failed too: the staging folder is kept."""


def _swap_in(out: Path, new: Path, old: Path, names: Sequence[str]) -> None:
    """Move the folders ``new/<name>`` to ``out/<name>``, all or nothing.

    Every ``out/<name>`` already there is moved aside into ``old`` first, then every new folder is
    moved in. If a move fails, the new folders moved in go back to ``new`` and the old ones back
    to ``out``, in reverse order, and the error is raised again; if putting one back fails too,
    ``_RestoreError`` says where the rest is. Moves stay on one filesystem (``new`` and ``old``
    are inside ``out``), so each is a rename.
    """
    set_aside: list[str] = []
    moved_in: list[str] = []
    try:
        for name in names:
            target = out / name
            if target.exists() or target.is_symlink():
                _move(target, old / name)
                set_aside.append(name)
        for name in names:
            _move(new / name, out / name)
            moved_in.append(name)
    except BaseException as exc:
        undo = [(out / n, new / n) for n in reversed(moved_in)]
        undo += [(old / n, out / n) for n in reversed(set_aside)]
        failed = []
        for src, dst in undo:
            try:
                _move(src, dst)
            except OSError as err:
                failed.append(f"{src} -> {dst}: {err}")
        if failed:
            raise _RestoreError(
                f"{exc}; putting the earlier export back failed too ({'; '.join(failed)}): "
                f"the earlier views not back in {out} are kept in {old}"
            ) from exc
        raise


def _move(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` (one filesystem, so it is atomic)."""
    src.rename(dst)


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
