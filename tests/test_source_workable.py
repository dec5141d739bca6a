"""Workable: one call per account, the company name carried into each job, parsing. What every
source does alike (empty, gone, 503, no id, 304, wrong shape) is in test_board_sources.py."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import HttpConfig
from extract.workable import ACCOUNT_KEY, NAME, SOURCE, account_jobs, parse
from tests.boardfakes import FakeBoards, load_fixture, posting_dict

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
BOARD = "brightwave"
PATH = f"/workable/api/v1/widget/accounts/{BOARD}"
FETCHED = datetime(2026, 2, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def account() -> dict[str, Any]:
    return load_fixture(NAME, "account.json")


def fetch(fake: FakeBoards) -> BoardFetch:
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, [(BOARD, fake.url(NAME))]))
    return results[0]


def raw(job: dict[str, Any]) -> RawPayload:
    return RawPayload(
        NAME, f"{BOARD}/{job.get('shortcode')}", "https://example.invalid", FETCHED, job
    )


def minimal(**extra: Any) -> dict[str, Any]:
    job = {
        "shortcode": "5D4C3B2A10",
        "title": "Backend Engineer",
        "url": "https://apply.workable.com/j/5D4C3B2A10",
        "description": "<p>Build APIs in Go.</p>",
    }
    return {**job, **extra}


# --- parsing


def test_parses_the_fixture_as_the_golden_file() -> None:
    jobs = account_jobs(account(), "https://example.invalid")
    parsed = [posting_dict(parse(raw(job), BOARD)) for job in jobs]
    assert parsed == load_fixture(NAME, "account.golden.json")


def test_account_jobs_keep_each_job_as_served_plus_the_account_name() -> None:
    data = account()
    jobs = account_jobs(data, "https://example.invalid")
    assert jobs == [{**job, ACCOUNT_KEY: {"name": "Brightwave"}} for job in data["jobs"]]
    assert all(ACCOUNT_KEY not in job for job in data["jobs"])  # the response is not changed


def test_description_html_is_kept_as_served() -> None:
    html = "<p>R&amp;D on &lt;audio&gt; codecs &#8211; mostly C++</p>"
    assert parse(raw(minimal(description=html)), BOARD).html == html


def test_missing_optional_fields_are_none() -> None:
    posting = parse(raw(minimal()), BOARD)
    assert posting.company == BOARD and posting.board == BOARD  # no _account: the token
    assert posting.posted_at is None and posting.period == "2026-02"
    assert posting.locations == () and posting.remote is None
    assert posting.department is None and posting.employment_type is None
    assert posting.salary_min is None and posting.salary_text is None


def test_created_at_stands_in_for_a_missing_publication_date() -> None:
    posting = parse(raw(minimal(published_on="", created_at="2025-12-30")), BOARD)
    assert posting.posted_at == datetime(2025, 12, 30, tzinfo=UTC)
    assert posting.period == "2025-12"


def test_shortlink_stands_in_for_a_missing_url() -> None:
    job = minimal(url=None, shortlink="https://apply.workable.com/j/5D4C3B2A10")
    assert parse(raw(job), BOARD).url == "https://apply.workable.com/j/5D4C3B2A10"


@pytest.mark.parametrize(
    ("extra", "locations", "remote"),
    [
        (
            {"locations": [{"city": "Cork", "region": "", "country": "Ireland", "hidden": True}]},
            (),
            None,
        ),
        ({"city": "Cork", "state": "", "country": "Ireland"}, ("Cork, Ireland",), None),
        ({"country": "Anywhere", "telecommuting": False}, ("Anywhere",), False),
        ({"country": "Anywhere"}, ("Anywhere",), True),
        ({"telecommuting": True}, (), True),
    ],
)
def test_locations_and_remote(
    extra: dict[str, Any], locations: tuple[str, ...], remote: bool | None
) -> None:
    posting = parse(raw(minimal(**extra)), BOARD)
    assert posting.locations == locations and posting.remote is remote


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", None),
        ("title", 5),
        ("description", None),  # without details=true there is nothing to parse
        ("description", ["<p>x</p>"]),
        ("url", 3),
        ("published_on", ["2026-01-01"]),
        ("published_on", "01/02/2026"),
        ("telecommuting", "yes"),
        ("locations", "Cork"),
        ("locations", ["Cork"]),
        ("department", {"name": "Engineering"}),
        (ACCOUNT_KEY, "Brightwave"),
    ],
)
def test_wrong_or_missing_fields_raise_parse_error_naming_them(field: str, value: Any) -> None:
    with pytest.raises(ParseError, match=f"field '{field}'"):
        parse(raw(minimal(**{field: value})), BOARD)


def test_no_url_at_all_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="field 'shortlink'"):
        parse(raw(minimal(url=None)), BOARD)


# --- fetching


def test_fetch_lands_each_job_with_the_account_name(fake: FakeBoards) -> None:
    jobs = account()["jobs"]
    fake.boards[NAME][BOARD] = jobs
    result = fetch(fake)
    assert result.status == "ok" and result.error is None
    # The fake names the account after its slug, title-cased.
    assert [r.payload for r in result.records] == [
        {**job, ACCOUNT_KEY: {"name": "Brightwave"}} for job in jobs
    ]
    assert [r.source_id for r in result.records] == [f"{BOARD}/{j['shortcode']}" for j in jobs]
    assert [c.query for c in fake.calls(PATH)] == [{"details": "true"}]
    assert result.url == f"{fake.url(NAME)}/accounts/{BOARD}?details=true"
    postings = [parse(r, BOARD) for r in result.records]
    assert {p.company for p in postings} == {"Brightwave"}
    assert all(p.html for p in postings)
