"""SmartRecruiters: paged list, one detail per posting, parsing, detail faults, against the local
fake. What every source does alike (empty, 503, no id, 304, wrong shape) is in
test_board_sources.py."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import Counters, HttpConfig
from extract.smartrecruiters import NAME, PAGE_SIZE, SOURCE, parse
from tests.boardfakes import FakeBoards, load_fixture, posting_dict
from tests.fakes import json_response, server_error

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
BOARD = "HarborlightLogistics"
LIST = f"/smartrecruiters/v1/companies/{BOARD}/postings"
FETCHED = datetime(2026, 2, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def fake(httpserver: HTTPServer) -> Iterator[FakeBoards]:
    boards = FakeBoards().install(httpserver)
    yield boards
    boards.settle()  # a detail's failure cancels its siblings: let their requests arrive here


def details() -> list[dict[str, Any]]:
    return load_fixture(NAME, "postings.json")


def many(n: int) -> list[dict[str, Any]]:
    base = details()[0]
    out = []
    for i in range(n):
        job = copy.deepcopy(base)
        job["id"] = str(744000060000000 + i)
        job["name"] = f"Backend Engineer {i}"
        out.append(job)
    return out


def fetch(fake: FakeBoards, board: str = BOARD) -> tuple[BoardFetch, Counters]:
    results, counters = asyncio.run(fetch_boards(SOURCE, CONFIG, [(board, fake.url(NAME))]))
    return results[0], counters


def detail_path(job: dict[str, Any]) -> str:
    return f"{LIST}/{job['id']}"


def raw(job: dict[str, Any]) -> RawPayload:
    return RawPayload(NAME, f"{BOARD}/{job.get('id')}", "https://example.invalid", FETCHED, job)


def minimal(**extra: Any) -> dict[str, Any]:
    job = {
        "id": "744000061111111",
        "name": "Backend Engineer",
        "postingUrl": f"https://jobs.smartrecruiters.com/{BOARD}/744000061111111-backend-engineer",
        "jobAd": {"sections": {"jobDescription": {"text": "<p>Build APIs in Go.</p>"}}},
    }
    return {**job, **extra}


# --- parsing


def test_parses_the_fixture_as_the_golden_file() -> None:
    parsed = [posting_dict(parse(raw(job), BOARD)) for job in details()]
    assert parsed == load_fixture(NAME, "postings.golden.json")


def test_sections_are_joined_in_order_with_escaped_titles() -> None:
    sections = {
        "additionalInformation": {"title": "Perks", "text": "<p>Bike lease</p>"},
        "qualifications": {
            "title": "Skills & <Experience>",
            "text": "<ul><li>Go &amp; SQL</li></ul>",
        },
        "jobDescription": {"title": "Job Description", "text": "<p>APIs</p>"},
        "companyDescription": {"title": "Company Description", "text": ""},
    }
    html = parse(raw(minimal(jobAd={"sections": sections})), BOARD).html
    assert html == (
        "<h3>Job Description</h3><p>APIs</p>"
        "<h3>Skills &amp; &lt;Experience&gt;</h3><ul><li>Go &amp; SQL</li></ul>"
        "<h3>Perks</h3><p>Bike lease</p>"
    )


def test_missing_optional_fields_are_none() -> None:
    posting = parse(raw(minimal()), BOARD)
    assert posting.html == "<p>Build APIs in Go.</p>"  # a section without a title
    assert posting.posted_at is None and posting.period == "2026-02"
    assert posting.company == BOARD and posting.board == BOARD
    assert posting.locations == () and posting.remote is None
    assert posting.department is None and posting.employment_type is None
    assert posting.salary_min is None and posting.salary_text is None


@pytest.mark.parametrize(
    ("location", "locations", "remote"),
    [
        ({"city": "Lisbon", "region": "Lisbon", "country": "pt"}, ("Lisbon, PT",), None),
        ({"country": "us", "remote": True}, ("US",), True),
        ({"fullLocation": "Remote, Spain", "remote": False}, ("Remote, Spain",), False),
        ({"fullLocation": "Remote, Spain"}, ("Remote, Spain",), True),
        ({"city": "Hamburg", "remote": False, "hybrid": True}, ("Hamburg",), None),  # neither
        ({"city": "Hamburg", "remote": True, "hybrid": False}, ("Hamburg",), True),
        ({}, (), None),
    ],
)
def test_location_and_remote(
    location: dict[str, Any], locations: tuple[str, ...], remote: bool | None
) -> None:
    posting = parse(raw(minimal(location=location)), BOARD)
    assert posting.locations == locations and posting.remote is remote


def test_empty_department_falls_back_to_function() -> None:
    job = minimal(department={}, function={"id": "engineering", "label": "Engineering"})
    assert parse(raw(job), BOARD).department == "Engineering"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", None),
        ("name", 7),
        ("postingUrl", None),
        ("postingUrl", {"url": "x"}),
        ("jobAd", None),
        ("jobAd", "<p>text</p>"),
        ("releasedDate", "soon"),
        ("location", "Berlin"),
        ("company", "Harborlight"),
        ("department", "Engineering"),
        ("typeOfEmployment", ["Full-time"]),
    ],
)
def test_wrong_or_missing_fields_raise_parse_error_naming_them(field: str, value: Any) -> None:
    with pytest.raises(ParseError, match=f"field '{field}'"):
        parse(raw(minimal(**{field: value})), BOARD)


@pytest.mark.parametrize(
    ("job_ad", "field"),
    [
        ({"sections": {"qualifications": "<ul></ul>"}}, "jobAd.sections.qualifications"),
        (
            {"sections": {"jobDescription": {"title": "Job Description", "text": ""}}},
            "jobAd.sections",
        ),
        ({"sections": []}, "sections"),
        ({}, "jobAd.sections"),
    ],
)
def test_bad_job_ads_raise_parse_error(job_ad: dict[str, Any], field: str) -> None:
    with pytest.raises(ParseError, match=f"field '{field}'"):
        parse(raw(minimal(jobAd=job_ad)), BOARD)


def test_a_wrong_remote_flag_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="field 'remote'"):
        parse(raw(minimal(location={"city": "Oslo", "remote": "yes"})), BOARD)


# --- fetching


def test_fetch_lands_each_posting_detail(fake: FakeBoards) -> None:
    fake.boards[NAME][BOARD] = details()
    result, _ = fetch(fake)
    assert result.status == "ok" and result.error is None
    assert [r.payload for r in result.records] == details()  # the details, with jobAd
    assert [r.source_id for r in result.records] == [f"{BOARD}/{j['id']}" for j in details()]
    assert [c.query for c in fake.calls(LIST)] == [{"limit": str(PAGE_SIZE), "offset": "0"}]
    for job in details():
        assert len(fake.calls(detail_path(job))) == 1


def test_pages_with_offset_until_total_found(fake: FakeBoards) -> None:
    jobs = many(PAGE_SIZE + 30)
    fake.boards[NAME][BOARD] = jobs
    result, _ = fetch(fake)
    assert result.error is None
    assert [r.payload["id"] for r in result.records] == [j["id"] for j in jobs]
    assert [c.query["offset"] for c in fake.calls(LIST)] == ["0", str(PAGE_SIZE)]
    assert len(fake.calls(prefix=f"{LIST}/")) == len(jobs)  # one detail each


def test_probe_lists_every_summary_without_a_detail_call(fake: FakeBoards) -> None:
    jobs = many(PAGE_SIZE + 30)
    fake.boards[NAME][BOARD] = jobs
    assert SOURCE.probe is not None
    probing = replace(SOURCE, list_jobs=SOURCE.probe)  # as `jobtrends sources check` lists
    [result], _ = asyncio.run(fetch_boards(probing, CONFIG, [(BOARD, fake.url(NAME))]))
    assert result.status == "ok" and not result.malformed
    assert [r.source_id for r in result.records] == [f"{BOARD}/{j['id']}" for j in jobs]
    assert [c.query["offset"] for c in fake.calls(LIST)] == ["0", str(PAGE_SIZE)]
    assert fake.calls(prefix=f"{LIST}/") == []  # no detail asked for


def test_an_unknown_company_is_an_empty_board(fake: FakeBoards) -> None:
    """Not gone, as an unknown board of the other APIs is: SmartRecruiters lists no postings."""
    fake.boards[NAME][BOARD] = []
    result, _ = fetch(fake, board="NoSuchCompany")
    assert result.status == "empty" and result.error is None and not result.gone
    assert len(fake.calls(prefix="/smartrecruiters/")) == 1


def test_a_detail_closed_since_the_list_is_skipped(fake: FakeBoards) -> None:
    jobs = details()
    fake.boards[NAME][BOARD] = jobs
    fake.inject(detail_path(jobs[1]), json_response({"errors": [{"code": "NOT_FOUND"}]}, 404))
    result, _ = fetch(fake)
    assert result.status == "ok" and result.error is None
    assert [r.payload["id"] for r in result.records] == [jobs[0]["id"], jobs[2]["id"]]


def test_a_detail_that_keeps_failing_fails_the_board(fake: FakeBoards) -> None:
    jobs = details()
    fake.boards[NAME][BOARD] = jobs
    fake.inject(detail_path(jobs[1]), *(server_error(500) for _ in range(CONFIG.max_attempts)))
    result, _ = fetch(fake)
    assert result.status == "failed" and result.retryable and not result.gone
    assert result.error is not None and jobs[1]["id"] in result.error
    assert result.records == []


def test_a_detail_refused_with_403_fails_the_board(fake: FakeBoards) -> None:
    jobs = details()
    fake.boards[NAME][BOARD] = jobs
    fake.inject(detail_path(jobs[0]), json_response({"message": "Forbidden"}, 403))
    result, _ = fetch(fake)
    assert result.status == "failed" and not result.retryable
    assert result.error is not None and "403" in result.error


def test_a_503_on_a_detail_is_retried(fake: FakeBoards) -> None:
    jobs = details()
    fake.boards[NAME][BOARD] = jobs
    path = detail_path(jobs[2])
    fake.inject(path, server_error(503))
    result, counters = fetch(fake)
    assert result.status == "ok" and len(result.records) == len(jobs)
    assert [c.status for c in fake.calls(path)] == [503, 200]
    assert counters.retries == 1


def test_a_detail_that_is_not_an_object_fails_the_board(fake: FakeBoards) -> None:
    jobs = details()
    fake.boards[NAME][BOARD] = jobs
    fake.inject(detail_path(jobs[0]), json_response([jobs[0]]))
    result, _ = fetch(fake)
    assert result.status == "failed"
    assert result.error is not None and "expected a JSON object" in result.error


def test_each_detail_lands_with_the_url_that_served_it(httpserver: HTTPServer) -> None:
    fake = FakeBoards().install(httpserver)
    fake.boards["smartrecruiters"]["Acme1"] = load_fixture("smartrecruiters", "postings.json")

    [result], _ = asyncio.run(
        fetch_boards(
            SOURCE, HttpConfig(rate_limit_per_host=0), [("Acme1", fake.url("smartrecruiters"))]
        )
    )

    assert result.records
    for raw in result.records:
        assert raw.url.endswith(f"/companies/Acme1/postings/{raw.payload['id']}"), raw.url
