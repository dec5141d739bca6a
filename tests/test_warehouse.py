"""Warehouse: migrations, idempotent loads, quarantine, atomic batches, the write lock, views."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.base import Posting, Quarantined, RawPayload, content_hash
from extract.errors import WarehouseBusy, WarehouseMissing, WarehouseOutdated
from extract.hn import Thread
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from transform.words import WordModel
from warehouse import load
from warehouse.db import connect, migrate, migrations

TAXONOMY = load_taxonomy()


def posting(source_id: str, html: str, period: str = "2024-03", source: str = "hn") -> Posting:
    return Posting(
        source=source,
        source_id=source_id,
        url=f"https://news.ycombinator.com/item?id={source_id}",
        period=period,
        posted_at=datetime(2024, 3, 1, 12, tzinfo=UTC),
        html=html,
        content_hash=content_hash([html]),
    )


def parsed(*postings: Posting) -> list:
    return [(p, extract_facts(p, TAXONOMY)) for p in postings]


def snapshot(con) -> dict[str, list]:
    tables = ["postings", "skill_hits", "quarantine", "raw_payloads"]
    return {t: con.execute(f"select * from core.{t} order by all").fetchall() for t in tables}


def load_all(db: Path, items: list, bad: list | None = None, run_id: str = "r1") -> load.LoadCounts:
    with connect(db) as con:
        load.record_taxonomy(con, TAXONOMY)
        return load.load_postings(con, items, bad or [], run_id)


BACKEND_AWS = "Acme | Backend Engineer | NYC<p>Python, AWS and Docker."
BACKEND_PLAIN = "Beta | Backend Developer | Remote<p>We write Go and PostgreSQL."
FRONTEND_K8S = "Gamma | iOS Engineer | SF<p>Swift. Our backend runs on Kubernetes."


def test_migrations_apply_once(db_path: Path) -> None:
    with connect(db_path) as con:
        versions = con.execute("select version from core.schema_migrations").fetchall()
        assert [v[0] for v in versions] == [m[0] for m in migrations()]
        assert migrate(con) == []  # nothing pending the second time
        views = {
            r[0]
            for r in con.execute(
                "select view_name from duckdb_views() where not internal"
            ).fetchall()
        }
    assert {"postings", "posting_skills", "category_share_monthly", "runs", "quarantine"} <= views


def test_reloading_the_same_batch_changes_nothing(db_path: Path) -> None:
    items = parsed(posting("1", BACKEND_AWS), posting("2", BACKEND_PLAIN))
    first = load_all(db_path, items)
    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    with connect(db_path) as con:
        before = snapshot(con)
    second = load_all(db_path, items, run_id="r1")
    assert (second.new, second.updated, second.unchanged) == (0, 0, 2)
    with connect(db_path) as con:
        assert snapshot(con) == before


def test_edited_posting_is_updated_and_its_hits_replaced(db_path: Path) -> None:
    load_all(db_path, parsed(posting("1", BACKEND_AWS)))
    counts = load_all(db_path, parsed(posting("1", "Acme | Backend Engineer | NYC<p>Now on GCP.")))
    assert (counts.new, counts.updated) == (0, 1)
    with connect(db_path) as con:
        skills = {r[0] for r in con.execute("select skill from core.skill_hits").fetchall()}
        first_loaded, updated = con.execute(
            "select first_loaded_at, updated_at from core.postings"
        ).fetchall()[0]
    assert "gcp" in skills and "aws" not in skills and "docker" not in skills
    assert updated >= first_loaded


def test_duplicate_keys_in_one_batch_keep_the_last(db_path: Path) -> None:
    counts = load_all(db_path, parsed(posting("1", BACKEND_PLAIN), posting("1", BACKEND_AWS)))
    assert counts.new == 1
    with connect(db_path) as con:
        [(html,)] = con.execute("select html from core.postings").fetchall()
    assert html == BACKEND_AWS


def test_quarantine_keeps_bad_records_once(db_path: Path) -> None:
    bad = [Quarantined("hn", "99", "http://x/y", "field 'comment_text': missing", "{}", "h1")]
    assert load_all(db_path, [], bad).quarantined == 1
    assert load_all(db_path, [], bad).quarantined == 0
    with connect(db_path, read_only=True) as con:
        rows = con.execute("select record_key, error from quarantine").fetchall()
    assert rows == [("99", "field 'comment_text': missing")]


def test_crash_mid_batch_leaves_the_warehouse_as_it_was(db_path: Path, monkeypatch) -> None:
    load_all(db_path, parsed(posting("1", BACKEND_AWS)))
    with connect(db_path) as con:
        before = snapshot(con)
    raw = RawPayload("hn", "2", "http://x/y", datetime(2024, 3, 1, tzinfo=UTC), {"id": 2})
    batch = load.Batch(
        raws=[raw],
        threads=[Thread("7", "2024-03", "Ask HN: Who is hiring? (March 2024)")],
        parsed=parsed(posting("1", BACKEND_PLAIN), posting("2", BACKEND_AWS)),
    )

    def crash(*args, **kwargs):  # the last step of the batch: hits and quarantine
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(load, "_quarantine_frame", crash)
    with pytest.raises(RuntimeError, match="simulated crash"), connect(db_path) as con:
        load.load_batch(con, batch, "r2", TAXONOMY)
    monkeypatch.undo()
    with connect(db_path) as con:
        assert snapshot(con) == before  # no raw row, no thread, no posting change
        assert con.execute("select count(*) from core.hn_threads").fetchall() == [(0,)]
    # The same batch loads whole once nothing crashes.
    with connect(db_path) as con:
        counts = load.load_batch(con, batch, "r2", TAXONOMY)
    assert (counts.new, counts.updated, counts.landed) == (1, 1, 1)


def test_second_writer_gets_warehouse_busy(db_path: Path) -> None:
    with connect(db_path):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import duckdb, sys, time
                con = duckdb.connect({str(db_path)!r})
                print("locked", flush=True)
                sys.stdin.readline()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(WarehouseBusy) as info, connect(db_path):
            pass
        message = str(info.value)
        assert str(db_path) in message and "busy" in message
        assert f"PID {holder.pid}" in message
        assert "JOBTRENDS_DB" in message
    finally:
        holder.communicate("\n", timeout=30)


def test_a_reader_refuses_a_warehouse_another_version_wrote_until_a_writer_upgrades_it(
    db_path: Path,
) -> None:
    load_all(db_path, parsed(posting("1", BACKEND_AWS)))
    with connect(db_path, read_only=True) as con:  # written by this version: fine
        assert con.execute("select count(*) from postings").fetchone() == (1,)
    with connect(db_path) as con:  # as if an older jobtrends had written its views last
        con.execute("update core.settings set value = 'old' where key = 'views_version'")
    with (
        pytest.raises(WarehouseOutdated, match="Run `jobtrends reextract` once"),
        connect(db_path, read_only=True),
    ):
        pass
    from warehouse import db

    db._MIGRATED.clear()  # a new process migrates on its first write
    with connect(db_path):  # any writer brings the views up to date
        pass
    with connect(db_path, read_only=True) as con:
        assert con.execute("select count(*) from postings").fetchone() == (1,)


def test_read_only_on_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with (
        pytest.raises(WarehouseMissing, match="jobtrends run"),
        connect(tmp_path / "nope.duckdb", read_only=True),
    ):
        pass


def test_category_share_monthly_counts_by_hand(db_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # March: 3 backend postings (2 demand cloud: AWS, GCP), 1 frontend (k8s, not counted).
    # April: 1 backend posting without cloud. Plus one abstention in March: the role rules
    # cannot decide "We are hiring", and a word model that knows no words cannot either.
    monkeypatch.setattr(
        "transform.roles.load_word_model", lambda: WordModel("none", 0, 0.65, 1, 0.0, {})
    )
    items = parsed(
        posting("1", BACKEND_AWS),
        posting("2", "Delta | Backend Engineer | Berlin<p>Java on GCP."),
        posting("3", BACKEND_PLAIN),
        posting("4", FRONTEND_K8S),
        posting("5", "We are hiring. Say hello."),
        posting("6", BACKEND_PLAIN, period="2024-04"),
    )
    load_all(db_path, items)
    with connect(db_path, read_only=True) as con:
        rows = con.execute(
            "select period, source, backend_postings, demanding, share, abstained, postings "
            "from category_share_monthly where category = 'cloud' and basis = 'new' "
            "order by period, source"
        ).fetchall()
        container = con.execute(
            "select demanding from category_share_monthly "
            "where category = 'container' and period = '2024-03' and source = 'all' "
            "and basis = 'new'"
        ).fetchall()[0]
    assert rows == [
        ("2024-03", "all", 3, 2, pytest.approx(2 / 3), 1, 5),
        ("2024-03", "hn", 3, 2, pytest.approx(2 / 3), 1, 5),
        ("2024-04", "all", 1, 0, 0.0, 0, 1),
        ("2024-04", "hn", 1, 0, 0.0, 0, 1),
    ]
    assert container == (1,)  # Docker in posting 1; the iOS role's Kubernetes is not counted


def test_wilson_interval_matches_known_values(db_path: Path) -> None:
    # 7 of 10 backend postings demand cloud: Wilson 95% interval is (0.3968, 0.8922).
    items = [posting(str(i), BACKEND_AWS) for i in range(7)]
    items += [posting(str(i), BACKEND_PLAIN) for i in range(7, 10)]
    load_all(db_path, parsed(*items))
    with connect(db_path, read_only=True) as con:
        low, high = con.execute(
            "select ci_low, ci_high from category_share_monthly "
            "where category = 'cloud' and source = 'all'"
        ).fetchall()[0]
    assert low == pytest.approx(0.3968, abs=1e-4)
    assert high == pytest.approx(0.8922, abs=1e-4)
