"""The Arbeitnow feed against FakeBoards (``/arbeitnow/api/job-board-api?page=N`` on 127.0.0.1),
and every real Arbeitnow record in ../shared/data/real."""

from __future__ import annotations

import asyncio
import copy
import gzip
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.arbeitnow import MAX_PAGES, NAME, SOURCE, parse
from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import HttpConfig
from tests.boardfakes import ARBEITNOW_PER_PAGE, FIXTURES, FakeBoards, load_fixture, posting_dict
from tests.conftest import SHARED_REAL
from tests.fakes import json_response, server_error

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
FETCHED = datetime(2024, 6, 20, 12, tzinfo=UTC)
PATH = "/arbeitnow/api/job-board-api"


def jobs() -> list[dict[str, Any]]:
    return copy.deepcopy(load_fixture(NAME, "job-board-api.json")["data"])


def job(**changes: Any) -> dict[str, Any]:
    out = jobs()[0]
    for key, value in changes.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def numbered(n: int) -> list[dict[str, Any]]:
    """``n`` distinct jobs shaped like the fixture's first one."""
    return [
        job(slug=f"backend-entwickler-leipzig-{i}", title=f"Backend Entwickler {i}")
        for i in range(n)
    ]


def raw(record: dict[str, Any]) -> RawPayload:
    return RawPayload(NAME, str(record.get("slug")), "http://x/job-board-api", FETCHED, record)


def fetch(fake: FakeBoards) -> BoardFetch:
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, [(NAME, fake.url(NAME))]))
    return results[0]


def page_body(data: list[dict[str, Any]], page: int, next_page: bool) -> dict[str, Any]:
    base = "https://www.arbeitnow.com/api/job-board-api"
    return {
        "data": data,
        "links": {
            "first": f"{base}?page=1",
            "last": None,
            "prev": f"{base}?page={page - 1}" if page > 1 else None,
            "next": f"{base}?page={page + 1}" if next_page else None,
        },
        "meta": {"current_page": page, "path": base, "per_page": 100},
    }


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def test_golden(fake: FakeBoards) -> None:
    fake.boards[NAME][NAME] = jobs()
    result = fetch(fake)
    assert result.error is None and not result.malformed
    got = [posting_dict(parse(r, result.board)) for r in result.records]
    golden = json.loads((FIXTURES / NAME / "job-board-api.golden.json").read_text(encoding="utf-8"))
    assert got == golden
    assert [r.source_id for r in result.records] == [
        "backend-entwickler-python-mwd-leipzig-318842",
        "remote-senior-java-developer-munich-318901",
        "werkstudentin-devops-hamburg-318950",
    ]
    assert result.url == fake.url(NAME) + "/job-board-api"
    assert [c.query for c in fake.calls(PATH)] == [{"page": "1"}]


def test_pages_are_followed_while_next_is_set(fake: FakeBoards) -> None:
    total = 2 * ARBEITNOW_PER_PAGE + 37
    fake.boards[NAME][NAME] = numbered(total)
    result = fetch(fake)
    assert result.error is None
    ids = [r.source_id for r in result.records]
    assert len(ids) == total and len(set(ids)) == total  # every job exactly once
    assert ids == [f"backend-entwickler-leipzig-{i}" for i in range(total)]
    assert [c.query["page"] for c in fake.calls(PATH)] == ["1", "2", "3"]


def test_a_full_last_page_ends_with_next_null(fake: FakeBoards) -> None:
    fake.boards[NAME][NAME] = numbered(ARBEITNOW_PER_PAGE)
    result = fetch(fake)
    assert len(result.records) == ARBEITNOW_PER_PAGE
    assert [c.query["page"] for c in fake.calls(PATH)] == ["1"]


def test_a_job_repeated_across_pages_lands_once(fake: FakeBoards) -> None:
    # Jobs shift between pages while we read them; the overlap must not land twice.
    first, second, third = jobs()
    fake.inject(
        PATH,
        json_response(page_body([first, second], 1, next_page=True)),
        json_response(page_body([second, third], 2, next_page=False)),
    )
    result = fetch(fake)
    assert [r.source_id.split("-")[-1] for r in result.records] == ["318842", "318901", "318950"]


def test_page_without_links_is_the_last(fake: FakeBoards) -> None:
    fake.inject(PATH, json_response({"data": jobs()}))
    result = fetch(fake)
    assert result.error is None and len(result.records) == 3
    assert len(fake.calls(PATH)) == 1


def test_endless_next_stops_at_the_page_cap(fake: FakeBoards) -> None:
    pages = [json_response(page_body([], p, next_page=True)) for p in range(1, MAX_PAGES + 1)]
    fake.inject(PATH, *pages)
    result = fetch(fake)
    assert result.error is not None
    assert f"links.next still set after {MAX_PAGES} pages" in result.error
    assert f"page={MAX_PAGES}" in result.url
    assert not result.gone and not result.retryable and result.records == []
    assert len(fake.calls(PATH)) == MAX_PAGES


def test_remote_and_times() -> None:
    leipzig, munich, _ = (parse(raw(j), NAME) for j in jobs())
    assert leipzig.remote is False and munich.remote is True
    assert leipzig.posted_at == datetime(2024, 6, 12, 8, 30, tzinfo=UTC)
    assert munich.posted_at == datetime(2024, 6, 13, 14, 5, 20, tzinfo=UTC)
    assert leipzig.employment_type == "Full-time, berufserfahren"
    assert munich.employment_type is None  # job_types: []


def test_html_and_entities_are_kept_as_served() -> None:
    munich = parse(raw(jobs()[1]), NAME)
    assert "ski schools &amp; mountain guides" in munich.html
    assert "Spring Boot &lt;and&gt; Kafka" in munich.html
    leipzig = parse(raw(jobs()[0]), NAME)
    assert "Mehrjährige Erfahrung mit Python &amp; PostgreSQL" in leipzig.html


def test_missing_optional_fields() -> None:
    minimal = {
        "slug": "backend-engineer-berlin-1",
        "title": "Backend Engineer",
        "description": "<p>Go and Kubernetes.</p>",
        "url": "https://www.arbeitnow.com/jobs/companies/acme/backend-engineer-berlin-1",
    }
    posting = parse(raw(minimal), NAME)
    assert posting.title == "Backend Engineer"
    assert posting.company is None and posting.locations == ()
    assert posting.remote is None  # not said: unknown
    assert posting.posted_at is None and posting.period == "2024-06"
    assert posting.employment_type is None and posting.department is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": ["Backend"]}, "title"),
        ({"description": None}, "description"),
        ({"url": None}, "url"),
        ({"remote": "yes"}, "remote"),
        ({"remote": 1}, "remote"),
        ({"created_at": "last Tuesday"}, "created_at"),
        ({"job_types": "Full-time"}, "job_types"),
        ({"job_types": [{"name": "Full-time"}]}, "job_types"),
        ({"location": {"city": "Leipzig"}}, "location"),
    ],
)
def test_wrong_types_name_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ParseError, match=field):
        parse(raw(job(**change)), NAME)


def test_server_error_on_a_later_page_is_retried(fake: FakeBoards) -> None:
    fake.boards[NAME][NAME] = numbered(ARBEITNOW_PER_PAGE + 5)
    # Faults are queued per path, whatever the page: page 1 is served as the fake would serve
    # it, then page 2 fails once.
    page_one = json_response(page_body(numbered(ARBEITNOW_PER_PAGE), 1, next_page=True))
    fake.inject(PATH, page_one, server_error(503))
    result = fetch(fake)
    assert result.error is None and len(result.records) == ARBEITNOW_PER_PAGE + 5
    assert [(c.query["page"], c.status) for c in fake.calls(PATH)] == [
        ("1", 200),
        ("2", 503),
        ("2", 200),
    ]


# -- real responses (first pages only, without links/meta) -----------------------------------

REAL = SHARED_REAL / "arbeitnow_api_2026"


def real_jobs(name: str) -> list[dict[str, Any]]:
    with gzip.open(REAL / name, "rt", encoding="utf-8") as f:
        return json.load(f)["data"]


@pytest.mark.real
def test_every_real_record_parses(fake: FakeBoards) -> None:
    files = sorted(REAL.glob("job-board-api_*.json.gz"))
    assert len(files) == 4
    total = 0
    for path in files:
        fake.boards[NAME][NAME] = real_jobs(path.name)
        result = fetch(fake)
        assert result.error is None and not result.malformed
        for record in result.records:
            posting = parse(record, NAME)
            assert posting.title and posting.html
            assert posting.url.startswith("https://www.arbeitnow.com/jobs/")
            assert posting.posted_at is not None and posting.posted_at.year == 2026
            assert isinstance(posting.remote, bool) and len(posting.locations) == 1
            total += 1
    assert total == 4 * 100


@pytest.mark.real
def test_real_values_checked_by_eye() -> None:
    by_slug = {
        j["slug"]: parse(raw(j), NAME)
        for j in real_jobs("job-board-api_commit-80ca873_2026-02-15.json.gz")
    }
    lead = by_slug["remote-information-technology-team-lead-berlin-495324"]
    assert lead.title == "Information Technology Team Lead"
    assert lead.company == "Paymentology"
    assert lead.url == (
        "https://www.arbeitnow.com/jobs/companies/paymentology/"
        "remote-information-technology-team-lead-berlin-495324"
    )
    assert lead.posted_at == datetime(2026, 2, 15, 12, 42, 10, tzinfo=UTC)
    assert lead.period == "2026-02"
    assert lead.locations == ("Berlin",) and lead.remote is True
    assert lead.employment_type == "Full time"
    assert "<strong>Paymentology</strong>" in lead.html
    treats = by_slug["recruiting-partner-projektbasis-remote-wutoschingen-469876"]
    assert treats.company == "Global Treats GmbH"
    assert treats.locations == ("Wutöschingen",)
    assert treats.employment_type == "geschäftsleitung"
