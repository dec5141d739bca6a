"""The CLI's read-only commands over a small warehouse, and its errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.test_docs import _commands
from tests.test_notebook import POSTINGS, build_warehouse

runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "jobtrends.duckdb"
    build_warehouse(db, POSTINGS)
    monkeypatch.setenv("JOBTRENDS_DB", str(db))
    return db


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_share_json_is_rows_named_as_the_view(warehouse: Path) -> None:
    result = runner.invoke(app, ["share", "--category", "cloud,container", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["category"] for r in rows} == {"cloud", "container"}
    assert {r["source"] for r in rows} == {"all"}
    assert list(rows[0]) == [
        "period", "source", "category", "basis", "backend_postings", "demanding", "share",
        "ci_low", "ci_high", "required", "required_share", "required_ci_low", "required_ci_high",
        "companies", "company_share", "company_ci_low", "company_ci_high", "low_sample",
        "rolling_backend_postings", "rolling_demanding", "rolling_share", "rolling_ci_low",
        "rolling_ci_high", "abstained", "postings", "duplicates",
    ]  # fmt: skip
    assert {r["basis"] for r in rows} == {"new"}
    for r in rows:
        assert r["share"] == pytest.approx(r["demanding"] / r["backend_postings"])
        assert r["ci_low"] <= r["share"] <= r["ci_high"]


def test_share_filters_and_csv(warehouse: Path) -> None:
    result = runner.invoke(
        app,
        [
            "share",
            "--category",
            "cloud",
            "--source",
            "hn",
            "--since",
            "2024-02",
            "--until",
            "2024-02",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["period"], r["source"], r["category"]) for r in rows] == [("2024-02", "hn", "cloud")]


def test_share_notes_the_running_month(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.cli

    class March2024(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return datetime(2024, 3, 15, tzinfo=UTC)

    monkeypatch.setattr(flows.cli, "datetime", March2024)
    result = runner.invoke(app, ["share", "--category", "cloud"])
    assert result.exit_code == 0, result.output
    assert "2024-03 is the running month: its counts are still growing" in result.stderr
    earlier = runner.invoke(app, ["share", "--category", "cloud", "--until", "2024-02"])
    assert "running month" not in earlier.stderr


def test_share_per_skill(warehouse: Path) -> None:
    result = runner.invoke(app, ["share", "--skill", "aws,kubernetes", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["skill"] for r in rows} == {"aws", "kubernetes"}
    assert all(r["demanding"] <= r["backend_postings"] for r in rows)
    table = runner.invoke(app, ["share", "--skill", "aws"])
    assert table.exit_code == 0, table.output
    assert "companies demanding" in table.stdout and "aws" in table.stdout


def test_share_table(warehouse: Path) -> None:
    result = runner.invoke(app, ["share", "--category", "cloud"])
    assert result.exit_code == 0, result.output
    assert "company-weighted" in result.stdout and "2024-03" in result.stdout
    # one share of the fixture's March: 2 of 3 backend postings, with its Wilson interval
    assert "0.67 [0.21-0.94]" in result.stdout


def test_sql_formats_and_file(warehouse: Path, tmp_path: Path) -> None:
    query = "select period, count(*) as n from postings group by 1 order by 1"
    result = runner.invoke(app, ["sql", query, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"period": "2024-01", "n": 4}, {"period": "2024-02", "n": 4}, {"period": "2024-03", "n": 4},
    ]  # fmt: skip
    sql_file = tmp_path / "q.sql"
    sql_file.write_text(query)
    result = runner.invoke(app, ["sql", "--file", str(sql_file), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["period,n", "2024-01,4", "2024-02,4", "2024-03,4"]


def test_sql_is_read_only(warehouse: Path) -> None:
    result = runner.invoke(app, ["sql", "delete from core.postings"])
    assert result.exit_code == 1
    assert "SQL error" in result.stderr and "read-only" in result.stderr.lower()


def test_sql_error_is_clear(warehouse: Path) -> None:
    result = runner.invoke(app, ["sql", "select nope from postings"])
    assert result.exit_code == 1
    assert "SQL error" in result.stderr and "nope" in result.stderr


def test_missing_warehouse_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBTRENDS_DB", str(tmp_path / "none.duckdb"))
    result = runner.invoke(app, ["share"])
    assert result.exit_code == 1
    assert "no warehouse at" in result.stderr and "jobtrends run" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--sources", "hn,bogus"], "unknown source(s) bogus"),
        (["backfill", "hn", "--since", "2024-13"], "--since must be a month"),
        (["backfill", "hn", "--since", "2024-05", "--until", "2024-01"], "is after --until"),
        (["share", "--since", "March"], "--since must be a month"),
        (["sql"], "give either a SQL statement or --file"),
    ],
)
def test_bad_input_gets_a_clear_error(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_invalid_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBTRENDS_TIMEOUT", "soon")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    assert "JOBTRENDS_TIMEOUT='soon'" in result.stderr


def test_extract_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": 1, "title": "Senior Backend Engineer",
         "text": "Requirements:\n- Go and AWS\nNice to have: Kubernetes\nNo Terraform experience needed."},
        {"id": "b", "html": "Acme | iOS Engineer | SF | ONSITE | $120k-$150k<p>Swift. We are an AWS partner.</p>"},
    ]  # fmt: skip
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "--input", str(source), "--output", str(target)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(x) for x in target.read_text().splitlines())
    assert first["id"] == 1 and first["backend"] is True
    assert first["roles"] == [{"title": "Senior Backend Engineer", "backend": True,
                               "seniority": "senior", "location": None, "remote": None,
                               "salary": None}]  # fmt: skip
    assert {s["name"]: s["level"] for s in first["skills"]} == {
        "go": "required", "aws": "required", "kubernetes": "preferred",
    }  # Terraform is negated  # fmt: skip
    assert first["categories"]["cloud"] and first["categories"]["container"]
    assert not first["categories"]["iac"]
    assert set(first["categories"]) >= {"cloud", "container", "cicd", "iac", "observability"}
    assert second["backend"] is False
    assert second["roles"] == [{"title": "iOS Engineer", "backend": False, "seniority": None,
                                "location": "SF", "remote": False,
                                "salary": {"min": 120000, "max": 150000, "currency": "USD",
                                           "period": "year"}}]  # fmt: skip
    assert second["categories"]["cloud"] is False  # an AWS partnership is not a demand
    assert second["skills"][0]["level"] == "company"


def test_extract_takes_the_company_whose_name_is_no_skill(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    text = "Sell the Docker platform to enterprises. We run on AWS."
    lines = [{"id": 1, "title": "Account Executive", "company": "Docker, Inc.", "text": text},
             {"id": 2, "title": "Account Executive", "text": text}]  # fmt: skip
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = runner.invoke(app, ["extract", "--input", str(source)])
    assert result.exit_code == 0, result.output
    ours, unnamed = (json.loads(x) for x in result.stdout.splitlines())
    assert {s["name"]: s["level"] for s in ours["skills"]} == {
        "docker": "company", "aws": "mentioned",
    }  # fmt: skip
    assert not ours["categories"]["container"] and ours["categories"]["cloud"]
    assert unnamed["categories"]["container"]  # nobody said Docker is the employer


def test_explain_treats_a_job_board_s_own_name_as_the_company(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, heading_titles: list[str | None]
) -> None:
    from extract.base import Posting, content_hash
    from transform.facts import extract_facts
    from transform.taxonomy import load_taxonomy
    from warehouse.db import connect
    from warehouse.load import load_postings, record_taxonomy

    html = "<p>Pitch the Docker value to customers.</p><h3>Requirements</h3><p>Kubernetes.</p>"
    posting = Posting("greenhouse", "docker/7", "https://boards.example/docker/7", "2026-11",
                      None, html, content_hash(html), title="Account Executive",
                      company="Docker, Inc.", board="docker")  # fmt: skip
    db = tmp_path / "jobtrends.duckdb"
    taxonomy = load_taxonomy()
    with connect(db) as con:
        record_taxonomy(con, taxonomy)
        load_postings(con, [(posting, extract_facts(posting, taxonomy))], [], run_id="test")
    monkeypatch.setenv("JOBTRENDS_DB", str(db))
    heading_titles.clear()
    result = runner.invoke(app, ["explain", "greenhouse:docker/7"], terminal_width=200)
    assert result.exit_code == 0, result.output
    # the word model reads the stored title as the heading, as it did when the facts were made
    assert heading_titles and set(heading_titles) == {"Account Executive"}
    assert "the employer's own name, outside the requirements" in result.stdout
    assert "container" in result.stdout  # Kubernetes, among the requirements, still counts


def test_extract_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('not json\n{"id": 2}\n{"id": 3, "text": "Backend Engineer. Python."}\n')
    result = runner.invoke(app, ["extract", "--input", str(source)])
    assert result.exit_code == 1
    assert f"{source}:1:" in result.stderr and f"{source}:2:" in result.stderr
    assert "'html' or 'text'" in result.stderr
    [record] = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["id"] == 3


def test_extract_starts_without_prefect_or_the_warehouse(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "Backend Engineer. AWS."}\n')
    code = (
        "import sys\n"
        "from flows.cli import main\n"
        f"sys.argv = ['jobtrends', 'extract', '--input', {str(source)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('prefect', 'duckdb', 'pandas') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_explain_shows_hits_and_rules(warehouse: Path) -> None:
    result = runner.invoke(app, ["explain", "hn:40000000"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Quarry Lane Software" in result.stdout
    assert "backend: backend (decided by the roles)" in result.stdout
    assert "aws" in result.stdout and "eks" in result.stdout
    assert "demands:" in result.stdout and "cloud" in result.stdout
    missing = runner.invoke(app, ["explain", "hn:1"])
    assert missing.exit_code == 1 and "no posting 'hn:1'" in missing.stderr
