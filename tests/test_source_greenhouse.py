"""The Greenhouse source against FakeBoards (the job board API's shape, on 127.0.0.1), and its
pure parse (golden file in tests/fixtures/boards/greenhouse/)."""

from __future__ import annotations

import asyncio
import copy
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import Posting, RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.greenhouse import NAME, SOURCE, parse
from extract.http import HttpConfig
from tests.boardfakes import FIXTURES, FakeBoards, load_fixture, posting_dict

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
FETCHED = datetime(2024, 7, 1, 12, tzinfo=UTC)
BOARD = "lanternfish"
JOBS_PATH = f"/greenhouse/v1/boards/{BOARD}/jobs"


def board_jobs() -> list[dict[str, Any]]:
    return load_fixture(NAME, "board.json")["jobs"]


def job(**fields: Any) -> dict[str, Any]:
    """The first fixture job with ``fields`` changed (None deletes a field)."""
    out = copy.deepcopy(board_jobs()[0])
    for key, value in fields.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def fetch(fake: FakeBoards, *boards: str) -> list[BoardFetch]:
    targets = [(b, fake.url(NAME)) for b in boards]
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, targets))
    return results


def parse_one(payload: dict[str, Any]) -> Posting:
    raw = RawPayload(NAME, f"{BOARD}/{payload.get('id')}", "https://x.test", FETCHED, payload)
    return parse(raw, BOARD)


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    fake = FakeBoards().install(httpserver)
    fake.boards[NAME][BOARD] = board_jobs()
    return fake


def test_golden(fake: FakeBoards) -> None:
    [result] = fetch(fake, BOARD)
    postings = [posting_dict(parse(replace(r, fetched_at=FETCHED), BOARD)) for r in result.records]
    golden = json.loads((FIXTURES / NAME / "board.golden.json").read_text(encoding="utf-8"))
    assert postings == golden


def fetch_default(fake: FakeBoards) -> BoardFetch:
    [result] = fetch(fake, BOARD)
    return result


def test_board_is_one_request_with_content(fake: FakeBoards) -> None:
    result = fetch_default(fake)
    assert (result.error, result.status, result.not_modified) == (None, "ok", False)
    assert result.url == f"{fake.url(NAME)}/boards/{BOARD}/jobs?content=true"
    assert [r.source_id for r in result.records] == [
        f"{BOARD}/4012345006",
        f"{BOARD}/3987123006",
        f"{BOARD}/4023456006",
    ]
    [call] = fake.calls(JOBS_PATH)
    assert call.query == {"content": "true"}


def test_large_board_arrives_whole_in_one_response(fake: FakeBoards) -> None:
    """Greenhouse does not page: every job of a board in one answer, each landed once."""
    fake.boards[NAME][BOARD] = [job(id=5_000_000 + i, title=f"Engineer {i}") for i in range(750)]
    result = fetch_default(fake)
    ids = [r.payload["id"] for r in result.records]
    assert sorted(ids) == list(range(5_000_000, 5_000_750)) and not result.malformed
    assert len(fake.calls(JOBS_PATH)) == 1


# --- parse ----------------------------------------------------------------------------------


def test_content_is_unescaped_exactly_once() -> None:
    first, _, third = (parse_one(j) for j in board_jobs())
    assert first.html.startswith('<div class="content-intro"><p>Lanternfish builds route planning')
    # The unescaped HTML keeps its own entities: they are text, not markup.
    assert "Kotlin&nbsp;and PostgreSQL" in first.html and "Kubernetes &amp; Terraform" in first.html
    assert "What you&#39;ll do" in first.html
    assert "<code>&lt;script&gt;</code> stays text" in third.html
    assert third.title == "Site Reliability Engineer (R&D)"


def test_fields_of_a_full_job() -> None:
    p = parse_one(board_jobs()[0])
    assert (p.source, p.source_id, p.board, p.company) == (
        NAME,
        f"{BOARD}/4012345006",
        BOARD,
        "Lanternfish",
    )
    assert p.url == "https://job-boards.greenhouse.io/lanternfish/jobs/4012345006"
    assert p.posted_at == datetime(2024, 4, 18, 13, 12, 40, tzinfo=UTC)  # -04:00 in the API
    assert p.updated_at == datetime(2024, 5, 2, 17, 5, 23, tzinfo=UTC)
    assert p.period == "2024-04"
    assert p.locations == ("Berlin, Germany", "Berlin", "Remote - EU")
    assert (p.remote, p.department) == (True, "Platform Engineering")  # remote from an office


def test_older_job_without_first_published_counts_when_fetched() -> None:
    p = parse_one(board_jobs()[1])
    assert (p.posted_at, p.period) == (None, "2024-07")
    assert p.updated_at == datetime(2024, 1, 30, 15, 44, 2, tzinfo=UTC)
    assert (p.remote, p.locations) == (None, ("New York, NY", "New York"))


def test_missing_optional_fields_are_none() -> None:
    bare = {
        "id": 1,
        "title": "Engineer",
        "content": "&lt;p&gt;Go&lt;/p&gt;",
        "absolute_url": "https://job-boards.greenhouse.io/lanternfish/jobs/1",
    }
    p = parse_one(bare)
    assert (p.title, p.html, p.company) == ("Engineer", "<p>Go</p>", BOARD)
    assert (p.posted_at, p.updated_at, p.period) == (None, None, "2024-07")
    assert (p.locations, p.remote, p.department, p.employment_type) == ((), None, None, None)
    assert (p.salary_min, p.salary_max, p.salary_text) == (None, None, None)
    nulls = {**bare, "location": None, "departments": None, "offices": None, "metadata": None}
    assert parse_one(nulls) == p
    assert parse_one({**bare, "location": {"name": None}, "company_name": " "}) == p


def test_edit_changes_the_content_hash_and_a_touch_does_not() -> None:
    base = parse_one(job())
    assert parse_one(job(updated_at="2024-06-01T00:00:00Z")).content_hash == base.content_hash
    assert parse_one(job(content="&lt;p&gt;New text&lt;/p&gt;")).content_hash != base.content_hash
    assert parse_one(job(title="Staff Engineer")).content_hash != base.content_hash


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": 5}, "title"),
        ({"title": "  "}, "title"),
        ({"content": None}, "content"),
        ({"content": ["<p>x</p>"]}, "content"),
        ({"absolute_url": None}, "absolute_url"),
        ({"absolute_url": 17}, "absolute_url"),
        ({"location": "Berlin"}, "location"),
        ({"location": {"name": 3}}, "name"),
        ({"departments": "Engineering"}, "departments"),
        ({"departments": ["Engineering"]}, "departments"),
        ({"offices": [7]}, "offices"),
        ({"company_name": 7}, "company_name"),
        ({"updated_at": "last Tuesday"}, "updated_at"),
        ({"first_published": True}, "first_published"),
    ],
)
def test_wrong_types_name_the_field(fields: dict[str, Any], field: str) -> None:
    payload = {**job(), **fields}  # None: the API sent null
    with pytest.raises(ParseError, match=field):
        parse_one(payload)
