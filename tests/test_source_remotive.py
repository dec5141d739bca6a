"""The Remotive feed against FakeBoards (``/remotive/api/remote-jobs`` on 127.0.0.1), and every
real Remotive record in ../shared/data/real."""

from __future__ import annotations

import asyncio
import copy
import gzip
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError
from extract.http import HttpConfig
from extract.remotive import NAME, SOURCE, parse
from tests.boardfakes import FIXTURES, FakeBoards, load_fixture, posting_dict
from tests.conftest import SHARED_REAL

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
FETCHED = datetime(2024, 6, 1, 12, tzinfo=UTC)
PATH = "/remotive/api/remote-jobs"


def jobs() -> list[dict[str, Any]]:
    return copy.deepcopy(load_fixture(NAME, "remote-jobs.json")["jobs"])


def job(**changes: Any) -> dict[str, Any]:
    out = jobs()[0]
    for key, value in changes.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def raw(record: dict[str, Any]) -> RawPayload:
    return RawPayload(NAME, str(record.get("id")), "http://x/remote-jobs", FETCHED, record)


def fetch(fake: FakeBoards) -> BoardFetch:
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, [(NAME, fake.url(NAME))]))
    return results[0]


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


def test_golden(fake: FakeBoards) -> None:
    fake.boards[NAME][NAME] = jobs()
    result = fetch(fake)
    assert result.error is None and not result.malformed
    got = [posting_dict(parse(r, result.board)) for r in result.records]
    golden = json.loads((FIXTURES / NAME / "remote-jobs.golden.json").read_text(encoding="utf-8"))
    assert got == golden
    # A feed's source_id is the job id alone.
    assert [r.source_id for r in result.records] == ["1904512", "1904788", "1905003"]
    assert result.url == fake.url(NAME) + "/remote-jobs"


def test_every_job_is_remote_and_times_are_utc() -> None:
    posting = parse(raw(job()), NAME)
    assert posting.remote is True
    assert posting.posted_at == datetime(2024, 5, 14, 10, 22, 41, tzinfo=UTC)
    assert posting.period == "2024-05"
    # An explicit zone, should Remotive ever write one, is honoured.
    later = parse(raw(job(publication_date="2024-05-14T12:22:41+02:00")), NAME)
    assert later.posted_at == posting.posted_at


def test_html_and_entities_are_kept_as_served() -> None:
    harbor = parse(raw(jobs()[1]), NAME)
    assert "Harbor &amp; Hill runs booking systems" in harbor.html
    assert "&lt;40 h/week&gt;" in harbor.html
    assert harbor.company == "Harbor & Hill"  # plain text, as served


def test_missing_optional_fields() -> None:
    minimal = {
        "id": 1,
        "url": "https://remotive.com/remote-jobs/software-dev/backend-engineer-1",
        "title": "Backend Engineer",
        "description": "<p>Python and AWS.</p>",
    }
    posting = parse(raw(minimal), NAME)
    assert posting.title == "Backend Engineer"
    assert posting.company is None
    assert posting.posted_at is None and posting.period == "2024-06"
    assert posting.locations == ()
    assert posting.department is posting.employment_type is posting.salary_text is None
    assert posting.remote is True
    # Empty strings (Remotive's "no value") are no value either.
    blank = parse(
        raw({**minimal, "salary": "", "job_type": "", "candidate_required_location": ""}), NAME
    )
    assert blank.salary_text is blank.employment_type is None and blank.locations == ()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": 5}, "title"),
        ({"description": None}, "description"),
        ({"description": {"html": "<p>x</p>"}}, "description"),
        ({"url": None}, "url"),
        ({"publication_date": "14 May 2024"}, "publication_date"),
        ({"company_name": ["Quillfeather"]}, "company_name"),
        ({"salary": 90000}, "salary"),
        ({"category": 3}, "category"),
    ],
)
def test_wrong_types_name_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ParseError, match=field):
        parse(raw(job(**change)), NAME)


# -- real responses --------------------------------------------------------------------------

REAL = SHARED_REAL / "remotive_api_2026"


def real_jobs(name: str) -> list[dict[str, Any]]:
    with gzip.open(REAL / name, "rt", encoding="utf-8") as f:
        return json.load(f)["jobs"]


@pytest.mark.real
def test_every_real_record_parses(fake: FakeBoards) -> None:
    files = sorted(REAL.glob("remote-jobs_*.json.gz"))
    assert len(files) == 2
    total = 0
    for path in files:
        fake.boards[NAME][NAME] = real_jobs(path.name)
        result = fetch(fake)
        assert result.error is None and not result.malformed
        for record in result.records:
            posting = parse(record, NAME)
            assert (
                posting.title and posting.html and posting.url.startswith("https://remotive.com/")
            )
            assert posting.posted_at is not None and posting.posted_at.tzinfo is UTC
            assert posting.remote is True
            total += 1
    assert total == 31 + 42


@pytest.mark.real
def test_real_values_checked_by_eye() -> None:
    by_id = {
        j["id"]: parse(raw(j), NAME)
        for j in real_jobs("remote-jobs_commit-ea4b04d_2026-08-05.json.gz")
    }
    rails = by_id[2069746]
    assert rails.title == "Tech Lead Full-Stack Rails Engineer"
    assert rails.company == "Mitre Media"
    assert rails.url == (
        "https://remotive.com/remote-jobs/software-development/"
        "tech-lead-full-stack-rails-engineer-2069746"
    )
    assert rails.posted_at == datetime(2026, 7, 14, 20, 34, 15, tzinfo=UTC)
    assert rails.period == "2026-07"
    assert rails.locations == ("USA, Canada, USA timezones",)
    assert rails.salary_text == "$170k - $200k"
    assert (rails.department, rails.employment_type) == ("Software Development", "full_time")
    assert "About Mitre Media" in rails.html
    assert by_id[1680495].company == "Coalition Technologies"  # served with a trailing space
    sales = by_id[2091072]
    assert sales.employment_type is None and sales.salary_text is None  # both served as ""
