"""Ad-hoc SQL: `jobtrends export` to Parquet and CSV, and the example queries, on a warehouse built
by the real loaders from HN postings and a job board's snapshots.

Parquet read back by DuckDB must equal the view it came from: same rows, columns and values.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from extract.base import Posting, Quarantined, content_hash
from extract.errors import ConfigError
from flows.cli import app
from tests.test_notebook import POSTINGS as HN_POSTINGS
from tests.test_notebook import hn_posting
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import examples, export
from warehouse.db import connect
from warehouse.load import Batch, Snapshot, load_batch, record_run

runner = CliRunner()
TAXONOMY = load_taxonomy()

# Job-board postings on greenhouse/acme: (id, month published, title, text). gh-3 is missed by
# the February and March snapshots and closes; gh-2 is missed once. gh-5 is gh-1 again, on Lever.
BOARD = {
    "gh-1": ("2024-01", "Backend Engineer", "Build our Go APIs on AWS with Kubernetes and Terraform."),
    "gh-2": ("2024-01", "Senior Backend Engineer", "Python services on Google Cloud, shipped in Docker containers."),
    "gh-3": ("2024-01", "Platform Engineer", "Run EKS clusters on AWS; Helm and ArgoCD."),
    "gh-4": ("2024-03", "Backend Developer", "Java and PostgreSQL on Azure; Docker everywhere."),
}  # fmt: skip
LISTED = {  # snapshot time -> ids the board lists then
    datetime(2024, 1, 20, tzinfo=UTC): ["gh-1", "gh-2", "gh-3"],
    datetime(2024, 2, 20, tzinfo=UTC): ["gh-1"],
    datetime(2024, 3, 20, tzinfo=UTC): ["gh-1", "gh-2", "gh-4"],
}


def _board_posting(source: str, job: str) -> Posting:
    period, title, text = BOARD[job]
    html = f"<h2>{title}</h2><p>{text}</p><h3>Requirements</h3><ul><li>{text}</li></ul>"
    return Posting(
        source=source,
        source_id=job,
        url=f"https://boards.example/acme/{job}",
        period=period,
        posted_at=datetime.fromisoformat(f"{period}-05T09:00:00").replace(tzinfo=UTC),
        html=html,
        content_hash=content_hash([html]),
        title=title,
        company="Acme Cloudworks",
        board="acme",
        locations=("Berlin", "Remote (EU)"),
        remote=True,
    )


def build_warehouse(path: Path) -> None:
    """HN postings over three months, three snapshots of one job board, a repost of one of its
    jobs on another source, a quarantined record and run records, loaded as the flows load them."""

    def facts(postings: list[Posting]) -> list:
        return [(p, extract_facts(p, TAXONOMY)) for p in postings]

    with connect(path) as con:
        hn = [hn_posting(i, period, html) for i, (period, html) in enumerate(HN_POSTINGS)]
        bad = [Quarantined("hn", "99", "https://hn.example/99", "field 'text': missing", "{}", "h")]
        load_batch(con, Batch(parsed=facts(hn), quarantined=bad), "run-hn", TAXONOMY)
        for n, (now, jobs) in enumerate(LISTED.items()):
            shot = Snapshot(
                "greenhouse", "acme", "https://boards.example/acme", now, "ok", len(jobs)
            )
            batch = Batch(
                parsed=facts([_board_posting("greenhouse", j) for j in jobs]), snapshots=[shot]
            )
            load_batch(con, batch, f"run-{n}", TAXONOMY, now=now)
            record_run(con, [_run_row(f"run-{n}", "greenhouse", now, len(jobs))])
        repost = _board_posting("lever", "gh-1")
        shot = Snapshot("lever", "acme", "https://lever.example/acme", _MARCH, "ok", 1)
        load_batch(con, Batch(parsed=facts([repost]), snapshots=[shot]), "run-2", now=_MARCH)
        _link_duplicates(con)


_MARCH = datetime(2024, 3, 20, tzinfo=UTC)


def _run_row(run_id: str, source: str, started: datetime, fetched: int) -> dict[str, object]:
    return {
        "run_id": run_id, "flow": "nightly", "source": source, "started_at": started,
        "ended_at": started + timedelta(minutes=3), "status": "ok", "fetched": fetched,
    }  # fmt: skip


def _link_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    # The links the de-duplication step writes (warehouse/dedup.py; switch to it once it lands):
    # the repost lever:gh-1 is greenhouse:gh-1 again, every other posting is its own canonical.
    # A link already written by the loaders is kept.
    con.execute(
        """
        insert into core.posting_links
            (source, source_id, company_key, canonical_key, source_canonical_key, similarity,
             linked_at)
        select source, source_id, lower(company),
            case when source = 'lever' then 'greenhouse:gh-1' else source || ':' || source_id end,
            source || ':' || source_id,
            case when source = 'lever' then 0.97 else 1.0 end,
            now()
        from core.postings
        on conflict (source, source_id) do nothing
        """
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("export") / "jobtrends.duckdb"
    build_warehouse(db)
    return db


@pytest.fixture
def con(warehouse: Path):
    with connect(warehouse, read_only=True) as con:
        yield con


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {r[0]: r[1] for r in con.execute(f"describe select * from {relation}").fetchall()}


def _as_exported(con: duckdb.DuckDBPyConnection, view: str) -> str:
    """The view's rows as the export writes them: intervals become seconds."""
    cols = [
        f'epoch("{name}") as "{name}"' if kind == "INTERVAL" else f'"{name}"'
        for name, kind in _columns(con, view).items()
    ]
    return f"select {', '.join(cols)} from {view}"


# ---------------------------------------------------------------- Parquet


def test_parquet_reads_back_equal_to_every_view(con, tmp_path: Path) -> None:
    written = export.export_views(con, tmp_path, "parquet")

    names = {v.name for v in written}
    assert {"postings", "posting_skills", "posting_lifetimes", "category_share_monthly", "runs",
            "board_snapshots", "quarantine"} <= names  # fmt: skip
    assert names == set(export.public_views(con))
    for view in written:
        files = f"read_parquet('{tmp_path / view.name}/**/*.parquet', hive_partitioning = true)"
        expected, got = _columns(con, f"({_as_exported(con, view.name)})"), _columns(con, files)
        assert got == expected, view.name  # same names and types (period comes back as text)
        # A view's floating-point sums may differ in the last bit from one run to the next
        # (DuckDB adds in parallel): compare doubles to 9 decimals.
        cols = ", ".join(
            f'round("{c}", 9)' if kind == "DOUBLE" else f'"{c}"' for c, kind in expected.items()
        )
        rows = con.execute(f"select {cols} from ({_as_exported(con, view.name)}) order by all")
        view_rows = rows.fetchall()
        assert view_rows, view.name  # the fixture fills every view
        assert con.execute(f"select {cols} from {files} order by all").fetchall() == view_rows
        assert view.rows == con.execute(f"select count(*) from {view.name}").fetchone()[0]


def test_parquet_is_one_file_per_month_where_there_are_months(con, tmp_path: Path) -> None:
    written = {v.name: v for v in export.export_views(con, tmp_path, "parquet")}

    postings = written["postings"]
    assert postings.partitioned and postings.rows == 17
    months = sorted(p.name for p in postings.path.iterdir())
    assert months == ["period=2024-01", "period=2024-02", "period=2024-03"]
    assert all(len(list((postings.path / m).glob("*.parquet"))) == 1 for m in months)
    runs = written["runs"]
    assert not runs.partitioned and runs.files == (tmp_path / "runs" / "runs.parquet",)
    assert not list(tmp_path.glob(".export-*"))  # the staging folder is gone


def test_parquet_keeps_json_and_lists_for_other_readers(con, tmp_path: Path) -> None:
    import pandas as pd

    export.export_views(con, tmp_path, "parquet", ["postings", "runs"])

    types = _columns(con, f"read_parquet('{tmp_path}/postings/**/*.parquet')")
    assert types["roles"] == "JSON" and types["locations"] == "VARCHAR[]"
    df = pd.read_parquet(tmp_path / "postings")  # pyarrow, hive partitions
    board = df[df["source"] == "greenhouse"].iloc[0]
    assert list(board["locations"]) == ["Berlin", "Remote (EU)"]
    assert json.loads(board["roles"])[0]["title"] == board["title"]
    runs = pd.read_parquet(tmp_path / "runs")
    assert set(runs["duration"]) == {180.0}  # an interval, as seconds


def test_an_empty_view_is_one_file_with_its_columns(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    with connect(db):
        pass
    with connect(db, read_only=True) as con:
        written = {v.name: v for v in export.export_views(con, tmp_path / "out", "parquet")}
        postings = written["postings"]
        assert postings.rows == 0 and not postings.partitioned
        files = f"read_parquet('{tmp_path}/out/postings/*.parquet')"
        assert _columns(con, files) == _columns(con, "postings")


# ---------------------------------------------------------------- CSV


def test_csv_has_a_header_and_every_row(con, tmp_path: Path) -> None:
    written = export.export_views(con, tmp_path, "csv")

    for view in written:
        assert view.files == (tmp_path / view.name / f"{view.name}.csv",)
        with view.files[0].open(newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == list(_columns(con, view.name)), view.name
        assert len(rows) - 1 == view.rows
    with (tmp_path / "postings" / "postings.csv").open(newline="") as f:
        board = next(r for r in csv.DictReader(f) if r["source"] == "greenhouse")
    assert json.loads(board["locations"]) == ["Berlin", "Remote (EU)"]  # a list, as JSON
    assert json.loads(board["roles"])[0]["title"] == board["title"]


# ---------------------------------------------------------------- safety


def test_an_existing_export_is_replaced_only_with_overwrite(con, tmp_path: Path) -> None:
    export.export_views(con, tmp_path, "csv", ["runs"])
    marker = tmp_path / "runs" / "mine.txt"
    marker.write_text("keep me")

    with pytest.raises(ConfigError, match="--overwrite"):
        export.export_views(con, tmp_path, "parquet", ["quarantine", "runs"])
    assert marker.exists() and not (tmp_path / "quarantine").exists()  # nothing written

    (tmp_path / "quarantine").mkdir()  # an empty folder is no export: fine to fill
    export.export_views(con, tmp_path, "parquet", ["quarantine", "runs"], overwrite=True)
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["runs.parquet"]
    assert (tmp_path / "quarantine" / "quarantine.parquet").exists()


def test_a_failed_export_leaves_no_partial_view(
    con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export.export_views(con, tmp_path, "parquet", ["runs"])
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    real = export._copy
    calls = []

    def fail_on_the_third_file(*args: object) -> int:
        calls.append(args)
        if len(calls) == 3:
            raise duckdb.IOException("IO Error: disk full")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "_copy", fail_on_the_third_file)
    views = ["board_snapshots", "postings", "runs", "quarantine"]
    with pytest.raises(duckdb.IOException, match="disk full"):
        export.export_views(con, tmp_path, "parquet", views, overwrite=True)

    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def _previous_export_and_other_files(con, out: Path) -> None:
    """A CSV export of three views, and files of the user's beside them in OUT."""
    export.export_views(con, out, "csv", ["board_snapshots", "postings", "runs"])
    (out / "notes.txt").write_text("mine")
    (out / "mine").mkdir()
    (out / "mine" / "data.csv").write_text("a,b\n1,2\n")


@pytest.mark.parametrize("phase", ["aside", "in"])
def test_a_failed_move_puts_the_previous_export_back(
    con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    # The move phase fails on its second view: while moving the old folders aside ("aside"),
    # or after the first new view is already in place ("in"). OUT must hold the earlier export,
    # byte for byte, and nothing of the new one.
    _previous_export_and_other_files(con, tmp_path)
    before = _tree(tmp_path)
    real = export._move
    failed = []

    def fail_on_the_second_view(src: Path, dst: Path) -> None:
        forward = src if phase == "aside" else dst  # the forward move touches OUT/postings
        if forward == tmp_path / "postings" and not failed:
            failed.append((src, dst))
            raise PermissionError(13, "Permission denied", str(src))
        real(src, dst)

    monkeypatch.setattr(export, "_move", fail_on_the_second_view)
    views = ["board_snapshots", "postings", "runs", "quarantine"]
    with pytest.raises(PermissionError):
        export.export_views(con, tmp_path, "parquet", views, overwrite=True)

    assert failed  # the injected failure was hit
    assert _tree(tmp_path) == before  # same files, same bytes; no staging folder left


def test_a_failed_undo_keeps_the_previous_export(
    con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Moving a new view in fails, and so does putting an old one back: the old one must not be
    # deleted with the staging folder, and the error says where it is.
    _previous_export_and_other_files(con, tmp_path)
    old_runs = (tmp_path / "runs" / "runs.csv").read_bytes()
    real = export._move

    def fail_into_runs(src: Path, dst: Path) -> None:
        if dst == tmp_path / "runs":
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(export, "_move", fail_into_runs)
    with pytest.raises(OSError, match=r"putting the earlier export back failed too") as err:
        export.export_views(con, tmp_path, "parquet", ["postings", "runs"], overwrite=True)

    kept = list(tmp_path.glob(".export-*/old/runs/runs.csv"))
    assert len(kept) == 1 and kept[0].read_bytes() == old_runs
    assert str(kept[0].parent.parent) in str(err.value)
    assert (tmp_path / "postings" / "postings.csv").exists()  # put back
    assert not (tmp_path / "runs").exists()


def test_an_overwrite_touches_only_the_views_it_exports(con, tmp_path: Path) -> None:
    _previous_export_and_other_files(con, tmp_path)
    export.export_views(con, tmp_path, "parquet", ["quarantine"])
    before = _tree(tmp_path)

    export.export_views(con, tmp_path, "parquet", ["postings", "runs"], overwrite=True)

    after = _tree(tmp_path)
    untouched = {k: v for k, v in before.items() if not k.startswith(("postings", "runs"))}
    assert {k: after[k] for k in untouched} == untouched  # notes, mine/, board_snapshots, ...
    assert {k for k in after if k.startswith("runs")} == {"runs", "runs/runs.parquet"}
    assert "postings/postings.csv" not in after and "postings/period=2024-01" in after
    assert not list(tmp_path.glob(".export-*"))


def test_unknown_views_and_formats_are_refused(con, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no view named nope in the warehouse; .* postings"):
        export.export_views(con, tmp_path, "parquet", ["postings", "nope"])
    with pytest.raises(ConfigError, match="parquet, csv"):
        export.export_views(con, tmp_path, "xlsx")  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- the command


def test_export_command_prints_what_it_wrote(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBTRENDS_DB", str(warehouse))
    args = ["export", "--out", str(tmp_path), "--views", "postings,runs"]

    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "postings" in result.output and "period=*" in result.output
    assert "runs.parquet" in result.output and "17" in result.output

    again = runner.invoke(app, [*args, "--format", "csv"])
    assert again.exit_code == 2 and "--overwrite" in again.output
    replaced = runner.invoke(app, [*args, "--format", "csv", "--overwrite"])
    assert replaced.exit_code == 0, replaced.output
    assert (tmp_path / "postings" / "postings.csv").exists()
    assert not (tmp_path / "postings" / "period=2024-01").exists()


# ---------------------------------------------------------------- example queries

EXAMPLE_COLUMNS = {
    "headline_cloud_container": [
        "period", "category", "backend_postings", "demanding", "share", "ci_low", "ci_high",
        "required_share", "company_share", "companies", "rolling_share", "rolling_ci_low",
        "rolling_ci_high", "low_sample",
    ],
    "evidence_for_a_point": [
        "period", "category", "month_demanding", "posting_key", "members", "company",
        "title", "skill", "level", "evidence", "url",
    ],
    "top_skills_last_quarter": [
        "first_period", "last_period", "category", "skill", "backend_postings", "demanding",
        "share", "ci_low", "ci_high", "required",
    ],
    "source_comparison": [
        "period", "source", "category", "backend_postings", "demanding", "share", "ci_low",
        "ci_high", "low_sample", "source_postings", "boards", "source_companies",
    ],
    "new_vs_active": [
        "period", "category", "new_backend_postings", "new_share", "new_ci_low", "new_ci_high",
        "active_backend_postings", "active_share", "active_ci_low", "active_ci_high",
    ],
    "closed_postings_by_month": [
        "period", "source", "closed", "boards", "median_days_listed", "max_days_listed",
    ],
    "duplicates": [
        "canonical_key", "canonical_source", "canonical_period", "company", "title",
        "duplicate_key", "duplicate_source", "duplicate_period", "duplicate_company",
        "duplicate_title", "same_source", "similarity", "duplicate_url",
    ],
}  # fmt: skip


def test_every_example_is_tested_and_says_what_it_answers() -> None:
    assert examples.example_names() == sorted(EXAMPLE_COLUMNS)
    for name in examples.example_names():
        assert len(examples.example_header(name)) > 80, name
        assert examples.example_summary(name).endswith(("?", ".")), name


@pytest.mark.parametrize("name", sorted(EXAMPLE_COLUMNS))
def test_example_answers_from_the_views(con, name: str) -> None:
    df = con.execute(examples.example_path(name).read_text()).df()
    assert list(df.columns) == EXAMPLE_COLUMNS[name]
    assert not df.empty, f"{name} found nothing in a warehouse that has the data for it"


def test_examples_answer_what_the_fixture_holds(con) -> None:
    def run(name: str):
        return con.execute(examples.example_path(name).read_text()).df()

    closed = run("closed_postings_by_month")
    assert closed[["period", "source", "closed"]].values.tolist() == [["2024-03", "greenhouse", 1]]
    dup = run("duplicates")
    assert dup[["canonical_key", "duplicate_key", "same_source"]].values.tolist() == [
        ["greenhouse:gh-1", "lever:gh-1", False]
    ]
    point = run("evidence_for_a_point")
    assert set(point["period"]) == {"2024-03"} and set(point["category"]) == {"cloud"}
    assert point["posting_key"].nunique() == point["month_demanding"].iloc[0]


def test_sql_example_and_list_examples(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBTRENDS_DB", str(warehouse))
    listed = runner.invoke(app, ["sql", "--list-examples"], terminal_width=200)
    assert listed.exit_code == 0, listed.output
    for name in examples.example_names():
        assert name in listed.output

    result = runner.invoke(app, ["sql", "--example", "headline_cloud_container", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split(",") == EXAMPLE_COLUMNS["headline_cloud_container"]

    missing = runner.invoke(app, ["sql", "--example", "nope"])
    assert missing.exit_code == 2 and "duplicates" in missing.output
    both = runner.invoke(app, ["sql", "select 1", "--example", "duplicates"])
    assert both.exit_code == 2
