"""Open the DuckDB warehouse: one writer at a time, migrations applied, views refreshed.

    with connect(path) as con:                 # read-write: migrates, then refreshes views
        ...
    with connect(path, read_only=True) as con: # readers: CLI queries, notebooks
        ...

DuckDB lets one process open a file read-write; a second gets ``WarehouseBusy`` with the holder's
PID instead of a crash. Writers should hold the connection only while they write.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract.errors import WarehouseBusy, WarehouseError, WarehouseMissing, WarehouseOutdated

HERE = Path(__file__).parent
MIGRATIONS = HERE / "migrations"
VIEWS = HERE / "views"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


@contextmanager
def connect(
    path: Path | str, *, read_only: bool = False, wait: float = 0.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the warehouse at ``path``, closed on exit.

    While another process holds the file, keep trying for up to ``wait`` seconds, then raise
    ``WarehouseBusy``. Read-write connections apply pending migrations first.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path}: run `jobtrends run` first, or set JOBTRENDS_DB to an existing file"
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise WarehouseError(f"cannot open warehouse {path}: {message}") from exc
            if time.monotonic() < deadline:
                time.sleep(0.5)
                continue
            pid = re.search(r"PID (\d+)", message)
            holder = f" (PID {pid.group(1)})" if pid else ""
            waited = f" after waiting {wait:g}s" if wait else ""
            raise WarehouseBusy(
                f"warehouse {path} is busy: another process{holder} has it open{waited}. "
                "Wait for that run or session to finish and try again, "
                "or set JOBTRENDS_DB to another file."
            ) from exc
    try:
        if not read_only:
            key = str(path.resolve())
            if key not in _MIGRATED:
                migrate(con)
                _MIGRATED.add(key)
        else:
            _check_current(con, path)
        yield con
    finally:
        con.close()


# Warehouses this process has already migrated: once per process is enough.
_MIGRATED: set[str] = set()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    """The single value a query returns (None for no rows).

    Uses ``fetchall``: DuckDB 2 refuses new work on a connection whose result was not fully read.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def migrations() -> list[tuple[int, str, Path]]:
    """(version, name, path) of every migration file, in order."""
    found = []
    for f in sorted(MIGRATIONS.glob("*.sql")):
        m = _MIGRATION_NAME.match(f.name)
        if not m:
            raise WarehouseError(f"migration file {f} must be named NNNN_description.sql")
        found.append((int(m.group(1)), f.stem, f))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations (each in its own transaction) and refresh the views."""
    con.execute("create schema if not exists core")
    con.execute(
        "create table if not exists core.schema_migrations ("
        "version integer primary key, name varchar not null, applied_at timestamptz not null)"
    )
    done = {row[0] for row in con.execute("select version from core.schema_migrations").fetchall()}
    applied = []
    for version, name, path in migrations():
        if version in done:
            continue
        con.begin()
        try:
            con.execute(path.read_text())
            con.execute(
                "insert into core.schema_migrations values (?, ?, ?)",
                [version, name, datetime.now(UTC)],
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        applied.append(name)
    refresh_views(con)
    return applied


def views_version() -> str:
    """A hash of the view files: stored by ``refresh_views``, checked by readers."""
    digest = hashlib.sha256()
    for f in sorted(VIEWS.glob("*.sql")):
        digest.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _check_current(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse to read a warehouse whose schema or views another version of jobtrends wrote:
    a reader cannot migrate it, and old views would answer with old columns."""
    try:
        applied = {
            r[0] for r in con.execute("select version from core.schema_migrations").fetchall()
        }
        stored = con.execute(
            "select value from core.settings where key = 'views_version'"
        ).fetchall()
    except duckdb.CatalogException:
        applied, stored = set(), []
    wanted = {version for version, _, _ in migrations()}
    if applied >= wanted and stored == [(views_version(),)]:
        return
    con.close()
    newer = " (a newer one: upgrade jobtrends)" if applied - wanted else ""
    raise WarehouseOutdated(
        f"warehouse {path} was last written by another version of jobtrends{newer}: its tables "
        "or views differ from this version's. Run `jobtrends reextract` once (no network; it "
        "brings the warehouse up to date), then try again."
    )


def refresh_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view from ``warehouse/views/*.sql`` in file order, atomically, and
    record their version for readers to check."""
    con.begin()
    try:
        for f in sorted(VIEWS.glob("*.sql")):
            con.execute(f.read_text())
        con.execute(
            "insert into core.settings values ('views_version', ?, now()) on conflict (key) do "
            "update set value = excluded.value, updated_at = excluded.updated_at",
            [views_version()],
        )
        con.commit()
    except Exception:
        con.rollback()
        raise
