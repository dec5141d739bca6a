"""The Recruitee source against FakeBoards (``/recruitee/{company}/api/offers/`` on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import HttpConfig
from extract.recruitee import NAME, SOURCE, offers_url, parse, recruitee_time
from tests.boardfakes import FIXTURES, FakeBoards, load_fixture, posting_dict

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
FETCHED = datetime(2024, 6, 1, 12, tzinfo=UTC)
BOARD = "tidewater"


def offers() -> list[dict[str, Any]]:
    return copy.deepcopy(load_fixture(NAME, "offers.json")["offers"])


def offer(**changes: Any) -> dict[str, Any]:
    job = offers()[0]
    for key, value in changes.items():
        if value is ...:
            job.pop(key, None)
        else:
            job[key] = value
    return job


def raw(job: dict[str, Any], board: str = BOARD) -> RawPayload:
    return RawPayload(NAME, f"{board}/{job.get('id')}", "http://x/offers/", FETCHED, job)


def fetch(fake: FakeBoards, board: str = BOARD) -> BoardFetch:
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, [(board, fake.url(NAME))]))
    return results[0]


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def test_golden(fake: FakeBoards) -> None:
    fake.boards[NAME][BOARD] = offers()
    result = fetch(fake)
    assert result.error is None and not result.malformed
    got = [posting_dict(parse(r, result.board)) for r in result.records]
    golden = json.loads((FIXTURES / NAME / "offers.golden.json").read_text(encoding="utf-8"))
    assert got == golden
    assert [r.source_id for r in result.records] == [
        "tidewater/1480213",
        "tidewater/1480377",
        "tidewater/1480512",
    ]
    assert result.url == fake.url(NAME).replace("{company}", BOARD) + "/offers/"


def test_html_joins_description_and_requirements_under_a_heading() -> None:
    posting = parse(raw(offer()), BOARD)
    description, requirements = posting.html.split("<h3>Requirements</h3>")
    assert description.startswith("<p>Tidewater Labs builds routing software")
    assert "Experience with AWS and Terraform" in requirements
    # An empty requirements block adds no empty section.
    assert "Requirements" not in parse(raw(offer(requirements="")), BOARD).html
    # Requirements alone still make a posting.
    only = parse(raw(offer(description=None)), BOARD)
    assert only.html.startswith("<h3>Requirements</h3>")


def test_html_and_entities_are_kept_as_served() -> None:
    jobs = offers()
    posting = parse(raw(jobs[0]), BOARD)
    assert "Our R&amp;D team" in posting.html  # HTML as served: not unescaped a second time
    data = parse(raw(jobs[2]), BOARD)
    assert "&lt;script&gt; tag" in data.html
    assert data.title == "Data Engineer – Analytics & Reporting"  # titles are plain text


def test_times_in_recruitee_format_are_utc() -> None:
    assert recruitee_time("2024-03-01 09:15:00 UTC", "x") == datetime(2024, 3, 1, 9, 15, tzinfo=UTC)
    assert recruitee_time("2024-03-01T11:15:00+02:00", "x") == datetime(
        2024, 3, 1, 9, 15, tzinfo=UTC
    )
    assert recruitee_time(None, "x") is None
    with pytest.raises(ParseError, match="published_at"):
        recruitee_time("yesterday UTC", "published_at")
    # No published_at: created_at says when it went up.
    posting = parse(raw(offer(published_at=None)), BOARD)
    assert posting.posted_at == datetime(2024, 2, 27, 14, 2, 11, tzinfo=UTC)
    assert posting.period == "2024-02"


def test_salary_variants() -> None:
    full = parse(raw(offer()), BOARD)
    assert (full.salary_min, full.salary_max, full.salary_currency, full.salary_period) == (
        65000.0,
        85000.0,
        "EUR",
        "year",
    )
    strings = parse(
        raw(offer(salary={"min": "3200", "max": None, "currency": "eur", "period": "monthly"})),
        BOARD,
    )
    assert (strings.salary_min, strings.salary_max, strings.salary_currency) == (
        3200.0,
        None,
        "EUR",
    )
    assert strings.salary_period == "month"
    for empty in (None, {}, {"min": None, "max": None, "currency": None, "period": None}):
        posting = parse(raw(offer(salary=empty)), BOARD)
        assert posting.salary_min is posting.salary_max is posting.salary_currency is None


def test_locations_from_each_shape() -> None:
    assert parse(raw(offer()), BOARD).locations == (
        "Rotterdam, South Holland, Netherlands",
        "Utrecht, Netherlands",
    )
    older = parse(raw(offer(locations=...)), BOARD)
    assert older.locations == ("Rotterdam, South Holland, Netherlands",)
    bare = parse(raw(offer(locations=[], location="")), BOARD)
    assert bare.locations == ("Rotterdam, South Holland, Netherlands",)  # city, state, country
    named = parse(raw(offer(locations=[{"id": 1, "name": "Head office"}])), BOARD)
    assert named.locations == ("Head office",)


def test_missing_optional_fields() -> None:
    job = {
        "id": 7,
        "title": "Backend Engineer",
        "description": "<p>Go and PostgreSQL.</p>",
        "careers_url": "https://acme.recruitee.com/o/backend-engineer",
    }
    posting = parse(raw(job, "acme"), "acme")
    assert posting.title == "Backend Engineer"
    assert posting.company == "acme"  # no company_name: the board
    assert posting.posted_at is None and posting.updated_at is None
    assert posting.period == "2024-06"  # when it was fetched
    assert posting.locations == ()
    assert posting.remote is None
    assert posting.department is posting.employment_type is None
    assert posting.salary_min is posting.salary_currency is posting.salary_period is None
    # remote unknown, but the location says so
    assert parse(raw({**job, "location": "Remote, Europe"}, "acme"), "acme").remote is True


@pytest.mark.parametrize(
    ("flags", "remote"),
    [
        ({"remote": True, "hybrid": False, "on_site": False}, True),
        ({"remote": False, "hybrid": True, "on_site": False}, None),  # neither remote nor on-site
        ({"remote": False, "hybrid": False, "on_site": True}, False),
        ({"remote": False}, False),  # an older site: only the remote flag
        ({"hybrid": False, "on_site": False, "location": "Remote, Europe"}, True),
    ],
)
def test_remote_hybrid_and_on_site_flags(flags: dict[str, Any], remote: bool | None) -> None:
    job = {
        "id": 7,
        "title": "Backend Engineer",
        "description": "<p>Go.</p>",
        "careers_url": "https://acme.recruitee.com/o/backend-engineer",
        **flags,
    }
    assert parse(raw(job, "acme"), "acme").remote is remote


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": 12}, "title"),
        ({"description": None, "requirements": None}, "description"),
        ({"description": ["<p>x</p>"]}, "description"),
        ({"careers_url": None}, "careers_url"),
        ({"remote": "yes"}, "remote"),
        ({"published_at": "1st of March"}, "published_at"),
        ({"published_at": True}, "published_at"),
        ({"locations": ["Rotterdam"]}, "locations"),
        ({"salary": "65k"}, "salary"),
        ({"department": {"name": "Engineering"}}, "department"),
    ],
)
def test_wrong_types_name_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ParseError, match=field):
        parse(raw(offer(**change)), BOARD)


def test_board_token_is_quoted_into_the_template(fake: FakeBoards) -> None:
    assert (
        offers_url("https://{company}.recruitee.com/api", "acme corp")
        == "https://acme%20corp.recruitee.com/api/offers/"
    )
    # A careers site on its own domain: no template, used as it is.
    assert offers_url("https://careers.example.com/api", "acme") == (
        "https://careers.example.com/api/offers/"
    )
    fake.boards[NAME]["acme corp"] = [offer()]
    result = fetch(fake, "acme corp")
    assert result.error is None
    assert [r.source_id for r in result.records] == ["acme corp/1480213"]
    assert "/recruitee/acme%20corp/api/offers/" in result.url
