"""The share views: Wilson intervals, new and active postings, duplicates counted once, company
weighting, required-only shares, rolling 3-month shares, the low-sample flag, the fixed panel
and the source-mix notes.

Postings go in through the real loaders; duplicate groups and company keys are written to
``core.posting_links`` by hand, as the linking step would (tests/test_dedup.py tests that step).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from extract.base import Posting, content_hash
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import load
from warehouse.db import connect
from warehouse.queries import category_shares, skill_shares, source_mix_notes

TAXONOMY = load_taxonomy()

CLOUD = "Backend Engineer<p>Requirements: Python and AWS."
CLOUD_MENTIONED = "Backend Engineer<p>We run Python services. Our stack includes AWS."
PLAIN = "Backend Engineer<p>Requirements: Go and PostgreSQL."
IOS = "iOS Engineer<p>Requirements: Swift and AWS."


def hn(i: int, html: str, period: str, company: str = "Acme") -> Posting:
    header = f"{company} | " + html.replace("<p>", " | Remote<p>", 1)
    return Posting(
        source="hn",
        source_id=str(i),
        url=f"https://news.ycombinator.com/item?id={i}",
        period=period,
        posted_at=datetime.fromisoformat(f"{period}-02T12:00:00+00:00"),
        html=header,
        content_hash=content_hash([header, period]),
        company=company,
    )


def board(i: int, html: str, period: str, company: str = "Acme") -> Posting:
    title, body = html.split("<p>", 1)
    return Posting(
        source="ashby",
        source_id=f"{company.lower()}/{i}",
        url=f"https://jobs.ashbyhq.com/{company.lower()}/{i}",
        period=period,
        posted_at=datetime.fromisoformat(f"{period}-03T12:00:00+00:00"),
        html=f"<p>{body}</p>",
        content_hash=content_hash([html, period]),
        title=title,
        company=company,
        board=company.lower(),
    )


def put(db: Path, postings: list[Posting], when: str = "2024-03-10") -> None:
    """Load postings as a run at ``when`` would (job-board postings are seen then)."""
    now = datetime.fromisoformat(f"{when}T03:00:00+00:00")
    with connect(db) as con:
        load.record_taxonomy(con, TAXONOMY)
        parsed = [(p, extract_facts(p, TAXONOMY)) for p in postings]
        load.load_postings(con, parsed, [], run_id=f"run-{when}", now=now)


def link(db: Path, groups: dict[str, list[str]], companies: dict[str, str] | None = None) -> None:
    """Write core.posting_links: each group's members point at its first key (the canonical)."""
    with connect(db) as con:
        keys = [r[0] for r in con.execute("select source || ':' || source_id from core.postings")
                .fetchall()]  # fmt: skip
        canonical = {m: members[0] for members in groups.values() for m in members}
        con.execute("delete from core.posting_links")
        for key in keys:
            source, source_id = key.split(":", 1)
            c = canonical.get(key, key)
            same_source = c if c.split(":", 1)[0] == source else key
            con.execute(
                "insert into core.posting_links values (?, ?, ?, ?, ?, 1.0, now())",
                [source, source_id, (companies or {}).get(key, "acme"), c, same_source],
            )


def shares(db: Path, **kw: object) -> dict[tuple[str, str], dict[str, object]]:
    with connect(db, read_only=True) as con:
        df = category_shares(con, **kw)  # type: ignore[arg-type]
    return {(r["period"], r["category"]): r for r in df.to_dict("records")}


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Wilson (1927) score interval, z = 1.96, to 4 decimals (as statsmodels'
        # proportion_confint(method="wilson") gives them); the bounds stay inside [0, 1]
        (0, 10, 0.0, 0.2775),
        (5, 10, 0.2366, 0.7634),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),
        (1, 1, 0.2065, 1.0),
    ],
)
def test_wilson_macros_match_known_values(
    db_path: Path, k: int, n: int, low: float, high: float
) -> None:
    with connect(db_path) as con:
        got = con.execute("select wilson_low(?, ?), wilson_high(?, ?)", [k, n, k, n]).fetchone()
        assert con.execute("select wilson_low(0, 0)").fetchone() == (None,)
    assert got == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))
    assert 0 <= got[0] <= got[1] <= 1


def test_low_sample_flag_is_set_under_30_backend_postings(db_path: Path) -> None:
    put(db_path, [hn(i, CLOUD, "2024-01") for i in range(29)])
    put(db_path, [hn(100 + i, CLOUD, "2024-02") for i in range(30)])
    rows = shares(db_path, categories=["cloud"])
    assert rows["2024-01", "cloud"]["backend_postings"] == 29
    assert rows["2024-01", "cloud"]["low_sample"]
    assert not rows["2024-02", "cloud"]["low_sample"]


def test_required_only_share_beside_any_mention(db_path: Path) -> None:
    put(
        db_path,
        [hn(1, CLOUD, "2024-03"), hn(2, CLOUD_MENTIONED, "2024-03"), hn(3, PLAIN, "2024-03")],
    )
    row = shares(db_path, categories=["cloud"])["2024-03", "cloud"]
    assert (row["backend_postings"], row["demanding"], row["required"]) == (3, 2, 1)
    assert row["share"] == pytest.approx(2 / 3)
    assert row["required_share"] == pytest.approx(1 / 3)
    assert row["required_ci_low"] <= row["required_share"] <= row["required_ci_high"]


def test_company_weighting_gives_each_company_one_vote(db_path: Path) -> None:
    # Acme posts 4 backend roles that all demand cloud; Beta and Gamma one each without.
    postings = [hn(i, CLOUD, "2024-03", "Acme") for i in range(4)]
    postings += [hn(10, PLAIN, "2024-03", "Beta"), hn(11, PLAIN, "2024-03", "Gamma")]
    put(db_path, postings)
    link(db_path, {}, {"hn:10": "beta", "hn:11": "gamma"})
    row = shares(db_path, categories=["cloud"])["2024-03", "cloud"]
    assert row["share"] == pytest.approx(4 / 6)
    assert row["companies"] == 3
    assert row["company_share"] == pytest.approx(1 / 3)
    assert row["company_ci_low"] <= row["company_share"] <= row["company_ci_high"]


def test_duplicates_count_once_per_source_and_across_sources(db_path: Path) -> None:
    # hn:1 and hn:2 are the same job posted twice in one thread; hn:3 is also on Ashby.
    put(db_path, [hn(1, CLOUD, "2024-03"), hn(2, CLOUD, "2024-03"), hn(3, PLAIN, "2024-03")])
    put(db_path, [board(3, PLAIN, "2024-03")])
    link(db_path, {"a": ["hn:1", "hn:2"], "b": ["hn:3", "ashby:acme/3"]})

    pooled = shares(db_path, categories=["cloud"])["2024-03", "cloud"]
    assert (pooled["backend_postings"], pooled["demanding"], pooled["duplicates"]) == (2, 1, 2)
    hn_only = shares(db_path, categories=["cloud"], source="hn")["2024-03", "cloud"]
    assert (hn_only["backend_postings"], hn_only["demanding"], hn_only["duplicates"]) == (2, 1, 1)
    ashby = shares(db_path, categories=["cloud"], source="ashby")["2024-03", "cloud"]
    assert (ashby["backend_postings"], ashby["duplicates"]) == (1, 0)
    assert pooled["postings"] == 2  # units, not rows
    with connect(db_path, read_only=True) as con:  # the postings behind the pooled point
        behind = con.execute(
            "select posting_key, members from share_postings "
            "where period = '2024-03' and source = 'all' and basis = 'new' and backend "
            "order by posting_key"
        ).fetchall()
    assert behind == [("hn:1", 2), ("hn:3", 2)]


def test_new_and_active_postings_by_month(db_path: Path) -> None:
    # A board posting published in January and still listed in March is new in January and
    # active in January, February and March; an HN posting lives in its thread's month only.
    put(db_path, [board(1, CLOUD, "2024-01"), hn(2, PLAIN, "2024-02")], when="2024-01-20")
    put(db_path, [board(1, CLOUD, "2024-01")], when="2024-03-05")

    new = shares(db_path, categories=["cloud"], basis="new")
    active = shares(db_path, categories=["cloud"], basis="active")
    assert {p: r["backend_postings"] for (p, _), r in new.items()} == {"2024-01": 1, "2024-02": 1}
    assert {p: r["backend_postings"] for (p, _), r in active.items()} == {
        "2024-01": 1, "2024-02": 2, "2024-03": 1,
    }  # fmt: skip
    assert active["2024-02", "cloud"]["demanding"] == 1
    with pytest.raises(ValueError, match="basis"):
        shares(db_path, basis="open")


def snap(db: Path, when: str, status: str, board: str = "acme") -> None:
    """A snapshot of an Ashby board, taken at the time ``put`` loads a run's postings."""
    with connect(db) as con:
        con.execute(
            "insert into core.board_snapshots (run_id, source, board, status, jobs, url, "
            "fetched_at, loaded_at) values (?, 'ashby', ?, ?, 0, 'u', ?, ?)",
            [f"run-{when}-{status}", board, status, f"{when}T03:00:00Z", f"{when}T03:00:00Z"],
        )


def test_active_months_follow_the_posting_lifecycle(db_path: Path) -> None:
    # Listed in January; the board failed in March (no verdict: still open then), then two good
    # snapshots in April and May miss it (closed: active until it was last listed).
    put(db_path, [board(1, CLOUD, "2024-01")], when="2024-01-20")
    snap(db_path, "2024-01-20", "ok")
    snap(db_path, "2024-03-05", "failed")

    def active_months() -> list[str]:
        rows = shares(db_path, categories=["cloud"], source="ashby", basis="active")
        return sorted(p for (p, _), r in rows.items() if r["backend_postings"])

    assert active_months() == ["2024-01", "2024-02", "2024-03"]
    snap(db_path, "2024-04-05", "ok")
    assert active_months() == ["2024-01", "2024-02", "2024-03", "2024-04"]  # missed once: open
    snap(db_path, "2024-05-05", "ok")
    assert active_months() == ["2024-01"]  # closed: it was last listed in January


def test_fixed_panel_without_an_end_uses_each_basis_own_last_months(db_path: Path) -> None:
    # Active board postings run to the latest snapshot (April); new ones stop in February.
    put(db_path, [board(1, CLOUD, "2024-01", "Acme"), board(2, PLAIN, "2024-02", "Acme")],
        when="2024-02-10")  # fmt: skip
    put(db_path, [board(1, CLOUD, "2024-01", "Acme")], when="2024-04-10")
    link(db_path, {})
    new = shares(db_path, categories=["cloud"], source="ashby", panel="fixed")
    active = shares(db_path, categories=["cloud"], source="ashby", panel="fixed", basis="active")
    assert sorted(p for p, _ in new) == ["2024-01", "2024-02"]
    assert sorted(p for p, _ in active) == ["2024-01", "2024-02", "2024-03", "2024-04"]


def test_rolling_share_pools_the_month_and_the_two_before(db_path: Path) -> None:
    put(db_path, [hn(1, CLOUD, "2024-01"), hn(2, PLAIN, "2024-02"), hn(3, PLAIN, "2024-03"),
                  hn(4, CLOUD, "2024-04")])  # fmt: skip
    rows = shares(db_path, categories=["cloud"])
    got = {p: (r["rolling_demanding"], r["rolling_backend_postings"]) for (p, _), r in rows.items()}
    assert got == {"2024-01": (1, 1), "2024-02": (1, 2), "2024-03": (1, 3), "2024-04": (1, 3)}
    assert (
        rows["2024-04", "cloud"]["rolling_ci_low"]
        < 1 / 3
        < rows["2024-04", "cloud"]["rolling_ci_high"]
    )


def test_fixed_panel_keeps_only_companies_seen_at_both_ends(db_path: Path) -> None:
    # Acme posts all year; Beta only at the start, Gamma only at the end (and demands cloud).
    postings = [hn(i, PLAIN, f"2024-{i:02d}", "Acme") for i in range(1, 13)]
    postings += [hn(101, PLAIN, "2024-01", "Beta"), hn(112, CLOUD, "2024-12", "Gamma")]
    put(db_path, postings)
    link(db_path, {}, {"hn:101": "beta", "hn:112": "gamma"})

    everyone = shares(db_path, categories=["cloud"], since="2024-01", until="2024-12")
    panel = shares(db_path, categories=["cloud"], since="2024-01", until="2024-12", panel="fixed")
    assert everyone["2024-01", "cloud"]["backend_postings"] == 2
    assert everyone["2024-12", "cloud"]["demanding"] == 1
    assert panel["2024-01", "cloud"]["backend_postings"] == 1
    assert panel["2024-12", "cloud"]["demanding"] == 0
    assert {r["companies"] for r in panel.values()} == {1}


def test_skill_share_monthly_counts_each_skill(db_path: Path) -> None:
    put(db_path, [hn(1, CLOUD, "2024-03"), hn(2, PLAIN, "2024-03"), hn(3, IOS, "2024-03")])
    with connect(db_path, read_only=True) as con:
        df = skill_shares(con, skills=["aws", "go"])
    got = {r["skill"]: (r["demanding"], r["backend_postings"], r["required"]) for r in
           df.to_dict("records")}  # fmt: skip
    assert got == {"aws": (1, 2, 1), "go": (1, 2, 1)}  # the iOS role is not backend


def test_source_mix_notes_name_sources_and_boards_that_change(db_path: Path) -> None:
    put(db_path, [hn(1, PLAIN, "2024-01"), hn(2, PLAIN, "2024-03")])
    # published in February, first fetched in March: February holds only the survivors
    put(db_path, [board(1, PLAIN, "2024-03"), board(2, PLAIN, "2024-02")], when="2024-03-10")
    with connect(db_path) as con:
        con.execute(
            "insert into core.board_snapshots (run_id, source, board, status, jobs, url, "
            "fetched_at, loaded_at) values ('r', 'ashby', 'acme', 'ok', 1, 'u', "
            "'2024-03-10'::timestamptz, '2024-03-10'::timestamptz)"
        )
    with connect(db_path, read_only=True) as con:
        notes = source_mix_notes(con, "2024-01", "2024-03")
        assert source_mix_notes(con, "2024-03", "2024-03") == []
    assert any(n.startswith("ashby has postings only from 2024-02") for n in notes)
    assert (
        "ashby was first fetched in 2024-03: its postings in earlier months are only"
        in " ".join(notes)
    )
    assert any("1 ashby board(s) first fetched after 2024-01 (acme)" in n for n in notes)
