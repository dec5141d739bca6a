"""Lever: paging with skip/limit, EU sites, parsing, against the local fake. What every source
does alike (empty, gone, 503, no id, 304, wrong shape) is in test_board_sources.py."""

from __future__ import annotations

import asyncio
import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import HttpConfig
from extract.lever import NAME, PAGE_SIZE, SOURCE, parse
from tests.boardfakes import FakeBoards, load_fixture, posting_dict
from tests.fakes import json_response

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
BOARD = "quillstone"
PATH = f"/lever/v0/postings/{BOARD}"
FETCHED = datetime(2026, 2, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def postings() -> list[dict[str, Any]]:
    return load_fixture(NAME, "postings.json")


def many(n: int) -> list[dict[str, Any]]:
    base = postings()[0]
    out = []
    for i in range(n):
        job = copy.deepcopy(base)
        job["id"] = f"00000000-0000-4000-8000-{i:012d}"
        job["text"] = f"Backend Engineer {i}"
        out.append(job)
    return out


def fetch(fake: FakeBoards, source: str = NAME) -> BoardFetch:
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, [(BOARD, fake.url(source))]))
    return results[0]


def raw(job: dict[str, Any]) -> RawPayload:
    return RawPayload(NAME, f"{BOARD}/{job.get('id')}", "https://example.invalid", FETCHED, job)


def minimal(**extra: Any) -> dict[str, Any]:
    job = {
        "id": "9b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
        "text": "Backend Engineer",
        "hostedUrl": f"https://jobs.lever.co/{BOARD}/9b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
        "description": "<div>Build APIs in Go.</div>",
    }
    return {**job, **extra}


# --- parsing


def test_parses_the_fixture_as_the_golden_file() -> None:
    parsed = [posting_dict(parse(raw(job), BOARD)) for job in postings()]
    assert parsed == load_fixture(NAME, "postings.golden.json")


def test_lists_become_headed_sections_and_entities_are_kept_once() -> None:
    job = minimal(
        description="<div>R&amp;D tooling</div>",
        lists=[
            {"text": "Tools & <stack>", "content": "<li>AWS &amp; GCP</li>"},
            {"text": "Empty list", "content": ""},
        ],
        additional="<div>Closing &lt;words&gt;</div>",
    )
    html = parse(raw(job), BOARD).html
    assert html == (
        "<div>R&amp;D tooling</div><h3>Tools &amp; &lt;stack&gt;</h3><ul><li>AWS &amp; GCP</li></ul>"
        "<div>Closing &lt;words&gt;</div>"
    )


def test_plain_description_is_escaped_when_there_is_no_html() -> None:
    job = minimal(descriptionPlain="Use <Kafka> & Go\n\nOn call: one week in six")
    del job["description"]
    assert parse(raw(job), BOARD).html == (
        "<p>Use &lt;Kafka&gt; &amp; Go</p><p>On call: one week in six</p>"
    )


def test_missing_optional_fields_are_none() -> None:
    posting = parse(raw(minimal()), BOARD)
    assert posting.posted_at is None and posting.updated_at is None
    assert posting.period == "2026-02"  # when it was fetched
    assert posting.company == BOARD and posting.board == BOARD
    assert posting.locations == ()
    assert posting.remote is None
    assert posting.department is None and posting.employment_type is None
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (None, None, None)
    assert posting.salary_period is None and posting.salary_text is None


def test_salary_description_without_a_range_is_kept_as_text() -> None:
    job = minimal(salaryDescription="<div>Competitive</div>", salaryDescriptionPlain="Competitive")
    posting = parse(raw(job), BOARD)
    assert posting.salary_text == "Competitive" and posting.salary_min is None


@pytest.mark.parametrize(
    ("workplace", "location", "remote"),
    [
        ("remote", "Berlin", True),
        ("hybrid", "Remote - US", None),  # neither remote nor on-site
        ("on-site", "Remote - US", False),
        ("unspecified", "Remote - US", True),
        ("unspecified", "Berlin", None),
        (None, "Anywhere", True),
    ],
)
def test_remote_comes_from_workplace_type_then_the_location(
    workplace: str | None, location: str, remote: bool | None
) -> None:
    job = minimal(workplaceType=workplace, categories={"location": location})
    assert parse(raw(job), BOARD).remote is remote


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", None),
        ("text", 42),
        ("text", "  "),
        ("hostedUrl", None),
        ("hostedUrl", ["https://jobs.lever.co/x"]),
        ("createdAt", "last tuesday"),
        ("updatedAt", True),
        ("categories", "Engineering"),
        ("lists", "Requirements"),
        ("lists", ["Requirements"]),
        ("salaryRange", 150000),
        ("workplaceType", 1),
        ("description", {"html": "<p>x</p>"}),
    ],
)
def test_wrong_or_missing_fields_raise_parse_error_naming_them(field: str, value: Any) -> None:
    job = minimal(**{field: value})
    with pytest.raises(ParseError, match=f"field '{field}'"):
        parse(raw(job), BOARD)


def test_a_posting_with_no_text_at_all_is_a_parse_error() -> None:
    job = minimal(description="", lists=[], additional="")
    with pytest.raises(ParseError, match="field 'description'"):
        parse(raw(job), BOARD)


# --- fetching


def test_fetch_lands_every_posting_as_served(fake: FakeBoards) -> None:
    fake.boards[NAME][BOARD] = postings()
    result = fetch(fake)
    assert result.status == "ok" and result.error is None
    assert [r.payload for r in result.records] == postings()
    assert [r.source_id for r in result.records] == [f"{BOARD}/{j['id']}" for j in postings()]
    assert result.url == f"{fake.url(NAME)}/postings/{BOARD}?mode=json"
    assert [c.query for c in fake.calls(PATH)] == [
        {"mode": "json", "skip": "0", "limit": str(PAGE_SIZE)}
    ]


@pytest.mark.parametrize(
    ("n", "skips"),
    [(0, [0]), (99, [0]), (100, [0, 100]), (250, [0, 100, 200])],
)
def test_pages_with_skip_and_limit_until_a_short_page(
    fake: FakeBoards, n: int, skips: list[int]
) -> None:
    jobs = many(n)
    fake.boards[NAME][BOARD] = jobs
    result = fetch(fake)
    assert result.error is None
    assert result.status == ("ok" if n else "empty")
    assert [r.payload["id"] for r in result.records] == [j["id"] for j in jobs]
    assert [int(c.query["skip"]) for c in fake.calls(PATH)] == skips
    assert {c.query["limit"] for c in fake.calls(PATH)} == {str(PAGE_SIZE)}


def test_a_server_ignoring_skip_does_not_loop_forever(fake: FakeBoards) -> None:
    page = many(PAGE_SIZE)
    fake.boards[NAME][BOARD] = page
    fake.inject(PATH, json_response(page), json_response(page))  # skip=100 answered as skip=0
    result = fetch(fake)
    assert result.error is None
    assert len(result.records) == PAGE_SIZE
    assert len(fake.calls(PATH)) == 2


def test_eu_sites_use_the_base_url_they_are_given(fake: FakeBoards) -> None:
    fake.eu_lever[BOARD] = postings()
    result = fetch(fake, source="lever_eu")
    assert result.status == "ok" and len(result.records) == len(postings())
    assert "/lever-eu/v0/postings/" in result.url
    assert fetch(fake).gone  # the global host does not know the EU site


def test_odd_ids_do_not_break_paging(fake: FakeBoards) -> None:
    jobs = many(3)
    jobs[1]["id"] = ["not", "an", "id"]
    jobs[2]["id"] = {"uuid": "x"}
    fake.boards[NAME][BOARD] = jobs
    result = fetch(fake)
    assert result.error is None and result.jobs == 3  # fetch_board decides what is an id
