"""The Remote OK feed against FakeBoards (``/remoteok/api`` on 127.0.0.1): a JSON list whose
first element is a legal notice, not a job."""

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
from extract.remoteok import NAME, SOURCE, is_notice, parse
from tests.boardfakes import FIXTURES, FakeBoards, load_fixture, posting_dict
from tests.fakes import json_response

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
FETCHED = datetime(2024, 6, 10, 12, tzinfo=UTC)
PATH = "/remoteok/api"


def body() -> list[dict[str, Any]]:
    return copy.deepcopy(load_fixture(NAME, "api.json"))


def jobs() -> list[dict[str, Any]]:
    return body()[1:]


def job(**changes: Any) -> dict[str, Any]:
    out = jobs()[0]
    for key, value in changes.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def raw(record: dict[str, Any]) -> RawPayload:
    return RawPayload(NAME, str(record.get("id")), "http://x/api", FETCHED, record)


def fetch(fake: FakeBoards) -> BoardFetch:
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, [(NAME, fake.url(NAME))]))
    return results[0]


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def test_golden(fake: FakeBoards) -> None:
    fake.remoteok_notice = body()[0]
    fake.boards[NAME][NAME] = jobs()
    result = fetch(fake)
    assert result.error is None and not result.malformed  # the notice is not a malformed job
    got = [posting_dict(parse(r, result.board)) for r in result.records]
    golden = json.loads((FIXTURES / NAME / "api.golden.json").read_text(encoding="utf-8"))
    assert got == golden
    assert [r.source_id for r in result.records] == ["1092834", "1092901", "1093077"]
    assert result.url == fake.url(NAME)  # the base URL is the API itself


def test_notice_is_recognised_by_its_shape_not_its_place(fake: FakeBoards) -> None:
    notice, first, second, third = body()
    assert is_notice(notice)
    assert not is_notice(first)
    assert not is_notice({"legal": "Terms", "id": "5", "position": "Engineer"})  # a job
    assert not is_notice({"last_updated": 1717430400})  # no legal text: not the notice
    # Moved into the middle, it is still dropped; a job without id is still quarantined.
    no_id = {k: v for k, v in third.items() if k != "id"}
    fake.inject(PATH, json_response([first, notice, second, no_id]))
    result = fetch(fake)
    assert [r.source_id for r in result.records] == ["1092834", "1092901"]
    assert len(result.malformed) == 1
    assert result.malformed[0].record_key.startswith("remoteok#")
    assert "job has no id" in result.malformed[0].error


def test_salary_is_usd_a_year_and_zero_means_unknown() -> None:
    rust, python, devops = (parse(raw(j), NAME) for j in jobs())
    assert (rust.salary_min, rust.salary_max, rust.salary_currency, rust.salary_period) == (
        120000.0,
        160000.0,
        "USD",
        "year",
    )
    assert python.salary_min is python.salary_max is python.salary_currency is None
    assert python.salary_period is None
    assert (devops.salary_min, devops.salary_max, devops.salary_currency) == (90000.0, None, "USD")


def test_times_from_date_or_epoch() -> None:
    posting = parse(raw(job()), NAME)
    assert posting.posted_at == datetime(2024, 6, 3, 16, tzinfo=UTC)
    assert posting.period == "2024-06"
    from_epoch = parse(raw(job(date=...)), NAME)
    assert from_epoch.posted_at == posting.posted_at


def test_html_and_entities_are_kept_as_served() -> None:
    orchard = parse(raw(jobs()[1]), NAME)
    assert "Our Django &amp; Celery backend" in orchard.html
    assert "&lt;depends on experience&gt;" in orchard.html
    assert orchard.company == "Orchard & Oak"


def test_missing_optional_fields() -> None:
    minimal = {
        "id": "77",
        "position": "Backend Engineer",
        "description": "<p>Go and Kafka.</p>",
        "url": "https://remoteOK.com/remote-jobs/77",
    }
    posting = parse(raw(minimal), NAME)
    assert posting.title == "Backend Engineer"
    assert posting.company is None and posting.locations == ()
    assert posting.posted_at is None and posting.period == "2024-06"
    assert posting.salary_min is posting.salary_currency is None
    assert posting.remote is True
    assert parse(raw({**minimal, "location": ""}), NAME).locations == ()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"position": None}, "position"),
        ({"position": 3}, "position"),
        ({"description": None}, "description"),
        ({"url": None}, "url"),
        ({"url": False}, "url"),
        ({"date": "June 3rd"}, "date"),
        ({"date": ..., "epoch": "yesterday"}, "epoch"),
        ({"company": {"name": "Lanternfish"}}, "company"),
        ({"location": ["Worldwide"]}, "location"),
    ],
)
def test_wrong_types_name_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ParseError, match=field):
        parse(raw(job(**change)), NAME)
