"""The Ashby source against FakeBoards (the posting API's shape, on 127.0.0.1), its pure parse
(golden file in tests/fixtures/boards/ashby/), and every real Ashby job in ../shared/data/real."""

from __future__ import annotations

import asyncio
import copy
import gzip
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.ashby import NAME, SOURCE, parse
from extract.base import Posting, RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import HttpConfig
from tests.boardfakes import FIXTURES, FakeBoards, load_fixture, posting_dict
from tests.conftest import SHARED_REAL

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
FETCHED = datetime(2025, 11, 1, 12, tzinfo=UTC)
BOARD = "ferrobyte"
BOARD_PATH = f"/ashby/posting-api/job-board/{BOARD}"
REAL = SHARED_REAL / "ashby_posting_api_stapply_2025"


def board_jobs() -> list[dict[str, Any]]:
    return load_fixture(NAME, "board.json")["jobs"]


def job(**fields: Any) -> dict[str, Any]:
    """The first fixture job with ``fields`` changed (None: the API sent null)."""
    return {**copy.deepcopy(board_jobs()[0]), **fields}


def fetch(fake: FakeBoards, *boards: str) -> list[BoardFetch]:
    targets = [(b, fake.url(NAME)) for b in boards]
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, targets))
    return results


def fetch_default(fake: FakeBoards) -> BoardFetch:
    [result] = fetch(fake, BOARD)
    return result


def parse_one(payload: dict[str, Any], board: str = BOARD) -> Posting:
    raw = RawPayload(NAME, f"{board}/{payload.get('id')}", "https://x.test", FETCHED, payload)
    return parse(raw, board)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    fake = FakeBoards().install(httpserver)
    fake.boards[NAME][BOARD] = board_jobs()
    return fake


def test_golden(fake: FakeBoards) -> None:
    result = fetch_default(fake)
    postings = [posting_dict(parse(replace(r, fetched_at=FETCHED), BOARD)) for r in result.records]
    golden = json.loads((FIXTURES / NAME / "board.golden.json").read_text(encoding="utf-8"))
    assert postings == golden


def test_board_is_one_request_with_compensation(fake: FakeBoards) -> None:
    result = fetch_default(fake)
    assert (result.error, result.status) == (None, "ok")
    assert result.url == f"{fake.url(NAME)}/job-board/{BOARD}?includeCompensation=true"
    assert [r.source_id for r in result.records] == [f"{BOARD}/{j['id']}" for j in board_jobs()]
    assert all("compensation" in r.payload for r in result.records)
    [call] = fake.calls(BOARD_PATH)
    assert call.query == {"includeCompensation": "true"}


def test_large_board_arrives_whole_in_one_response(fake: FakeBoards) -> None:
    """The posting API does not page: every job in one answer, each landed once."""
    fake.boards[NAME][BOARD] = [job(id=f"job-{i:04d}") for i in range(600)]
    result = fetch_default(fake)
    assert sorted(r.source_id for r in result.records) == [
        f"{BOARD}/job-{i:04d}" for i in range(600)
    ]
    assert not result.malformed and len(fake.calls(BOARD_PATH)) == 1


# --- parse ----------------------------------------------------------------------------------


def test_fields_of_a_full_job() -> None:
    p = parse_one(board_jobs()[0])
    assert p.url == f"https://jobs.ashbyhq.com/{BOARD}/7c1e4b0a-2f6d-4e1b-9a53-0d8f2c6b91e4"
    assert (p.posted_at, p.period) == (
        datetime(2025, 9, 15, 8, 41, 7, 512000, tzinfo=UTC),
        "2025-09",
    )
    assert p.locations == ("Amsterdam", "Lisbon", "Remote - Europe")
    assert (p.remote, p.department, p.employment_type) == (True, "Engineering", "FullTime")
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        85000.0,
        110000.0,
        "EUR",
        "year",
    )
    assert p.salary_text == "€85K - €110K"  # the salary alone, not the equity and bonus


def test_hourly_salary_falls_back_to_the_tier_summary() -> None:
    p = parse_one(board_jobs()[1])
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        32.0,
        40.0,
        "EUR",
        "hour",
    )
    assert p.salary_text == "€32 – €40 per hour"  # no scrapeable summary for this one
    assert p.remote is None  # isRemote null and no workplaceType


def test_unlisted_job_without_compensation_is_still_parsed() -> None:
    p = parse_one(board_jobs()[2])
    assert (p.title, p.remote) == ("Staff Data Engineer", False)
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_text) == (None,) * 4


def test_description_html_is_kept_as_served() -> None:
    p = parse_one(board_jobs()[0])
    assert p.html == board_jobs()[0]["descriptionHtml"]
    assert "Elixir &amp; PostgreSQL" in p.html and "What you&#39;ll do" in p.html


@pytest.mark.parametrize("html", [None, "", "   "])
def test_plain_text_fallback_is_escaped(html: str | None) -> None:
    plain = "Use <b>Go</b> & Rust.\n\n  a < b > c  \nR&amp;D stays as written."
    p = parse_one(job(descriptionHtml=html, descriptionPlain=plain))
    assert p.html == (
        "<p>Use &lt;b&gt;Go&lt;/b&gt; &amp; Rust.</p><p>a &lt; b &gt; c</p>"
        "<p>R&amp;amp;D stays as written.</p>"
    )


def test_missing_optional_fields_are_none() -> None:
    bare = {
        "id": "0000",
        "title": "Engineer",
        "jobUrl": f"https://jobs.ashbyhq.com/{BOARD}/0000",
        "descriptionHtml": "<p>Go</p>",
    }
    p = parse_one(bare)
    assert (p.title, p.html, p.company, p.board) == ("Engineer", "<p>Go</p>", BOARD, BOARD)
    assert (p.posted_at, p.period, p.updated_at) == (None, "2025-11", None)
    assert (p.locations, p.remote, p.department, p.employment_type) == ((), None, None, None)
    assert (p.salary_min, p.salary_max, p.salary_period, p.salary_text) == (None,) * 4
    nulls = {
        **bare,
        "department": "",
        "team": "",
        "location": "",
        "secondaryLocations": [],
        "isRemote": None,
        "publishedAt": None,
        "compensation": None,
    }
    assert parse_one(nulls) == p
    # Without includeCompensation the key is absent; with it but nothing published, empty.
    empty = {"compensationTierSummary": None, "summaryComponents": [], "compensationTiers": []}
    assert parse_one({**bare, "compensation": empty}) == p


def test_department_falls_back_to_team() -> None:
    assert parse_one(job(department="", team="Core Platform")).department == "Core Platform"


@pytest.mark.parametrize(
    ("is_remote", "workplace", "expected"),
    [
        (True, "OnSite", False),  # workplaceType wins: it can say hybrid, isRemote cannot
        (False, "Remote", True),
        (True, "Hybrid", None),  # neither remote nor on-site, as in every source
        (None, "OnSite", False),
        (True, None, True),
        (False, "Unspecified", False),  # a type it does not know: isRemote says
        (None, None, None),
    ],
)
def test_remote_from_workplace_type_then_is_remote(
    is_remote: bool | None, workplace: str | None, expected: bool | None
) -> None:
    assert parse_one(job(isRemote=is_remote, workplaceType=workplace)).remote is expected


def test_salary_without_salary_component_keeps_the_text() -> None:
    comp = {
        "compensationTierSummary": "0.5% – 1% • Offers Bonus",
        "scrapeableCompensationSalarySummary": None,
        "compensationTiers": [],
        "summaryComponents": [
            {
                "compensationType": "EquityPercentage",
                "interval": "NONE",
                "currencyCode": None,
                "minValue": 0.5,
                "maxValue": 1,
            }
        ],
    }
    p = parse_one(job(compensation=comp))
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (None,) * 4
    assert p.salary_text == "0.5% – 1% • Offers Bonus"


def test_content_hash_follows_what_the_posting_says() -> None:
    base = parse_one(job())
    assert parse_one(job(applyUrl="https://x.test/apply")).content_hash == base.content_hash
    assert parse_one(job(descriptionHtml="<p>New</p>")).content_hash != base.content_hash
    assert parse_one(job(isRemote=False)).content_hash != base.content_hash


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": None}, "title"),
        ({"title": 12}, "title"),
        ({"jobUrl": None}, "jobUrl"),
        ({"descriptionHtml": None, "descriptionPlain": None}, "descriptionPlain"),
        ({"descriptionHtml": ["<p>x</p>"]}, "descriptionHtml"),
        ({"location": {"name": "Amsterdam"}}, "location"),
        ({"secondaryLocations": {"location": "Lisbon"}}, "secondaryLocations"),
        ({"isRemote": "yes"}, "isRemote"),
        ({"workplaceType": 1, "isRemote": None}, "workplaceType"),
        ({"publishedAt": "soon"}, "publishedAt"),
        ({"department": 3}, "department"),
        ({"employmentType": ["FullTime"]}, "employmentType"),
        ({"compensation": []}, "compensation"),
        (
            {"compensation": {"summaryComponents": {"compensationType": "Salary"}}},
            "summaryComponents",
        ),
    ],
)
def test_wrong_types_name_the_field(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ParseError, match=field):
        parse_one(job(**fields))


# --- the real thing -------------------------------------------------------------------------


def real_boards(pattern: str = "*") -> dict[str, list[dict[str, Any]]]:
    return {
        path.name.removesuffix(".json.gz"): json.loads(gzip.decompress(path.read_bytes()))["jobs"]
        for path in sorted(REAL.glob(f"{pattern}.json.gz"))
    }


@pytest.mark.real
def test_every_real_ashby_job_parses() -> None:
    """1,650 jobs from 30 real boards (October 2025): all parse, and values checked by eye
    against the raw JSON hold."""
    boards = real_boards()
    parsed = {
        f"{board}/{j['id']}": parse_one(j, board) for board, jobs in boards.items() for j in jobs
    }
    assert (len(boards), len(parsed)) == (30, 1650)
    assert all(
        p.html.strip() and p.title and p.url.startswith("https://jobs.ashbyhq.com/")
        for p in parsed.values()
    )
    assert {p.period for p in parsed.values()} <= {
        f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)
    }
    with_salary = [p for p in parsed.values() if p.salary_min is not None]
    assert len(with_salary) == 571
    assert {p.salary_period for p in with_salary} == {"year", "hour", "month"}

    nango = parsed["Nango/4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca"]
    assert nango.title == "Staff Backend Engineer (Remote, UK)"
    assert (nango.salary_min, nango.salary_max, nango.salary_currency, nango.salary_period) == (
        120000.0,
        200000.0,
        "USD",
        "year",
    )
    assert (nango.salary_text, nango.remote, nango.locations) == ("$120K - $200K", True, ("UK",))
    assert nango.posted_at == datetime(2025, 10, 10, 14, 51, 30, 917000, tzinfo=UTC)

    # Two pay tiers: summaryComponents spans both (the lower tier's min, the upper's max).
    ramp = parsed["ramp/b42cce4b-8fa9-4e8d-892d-3a29a7afb909"]
    assert ramp.title == "Staff Software Engineer | AI DevX"
    assert (ramp.salary_min, ramp.salary_max, ramp.department) == (
        246900.0,
        339500.0,
        "Engineering",
    )
    assert ramp.locations[0] == "New York, NY (HQ)" and len(ramp.locations) == 8

    # Hourly pay with no scrapeable summary: the tier summary is the text.
    cnc = parsed["Crusoe/34466ae7-a0cc-4db5-a3ca-416477005bd2"]
    assert (cnc.salary_min, cnc.salary_max, cnc.salary_period) == (23.0, 29.0, "hour")
    assert cnc.salary_text.startswith("$23.00 – $29.00 per hour")
    assert (cnc.remote, cnc.department) == (False, "Manufacturing (MFG)")


@pytest.mark.real
def test_a_real_board_over_http(fake: FakeBoards) -> None:
    fake.boards[NAME]["Nango"] = real_boards("Nango")["Nango"]
    [result] = fetch(fake, "Nango")
    assert (result.error, len(result.records), result.malformed) == (None, 14, [])
