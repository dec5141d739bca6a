"""What every job-board source does alike when fetched, against FakeBoards on 127.0.0.1: an
empty board, an unknown board (gone), a 503 (retried), a job without an id (quarantined), an
unchanged board (304 from the HTTP cache) and an answer of the wrong shape (a payload error).

One table row per source says how the fake serves that source's board and what its listing
request looks like; each case runs for every row it applies to. What only one source does
(golden parses, field mapping, paging, details, feeds, page shapes) stays in
``tests/test_source_<source>.py``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.boards import BoardFetch, BoardSource, fetch_boards
from extract.http import Counters, HttpConfig
from extract.smartrecruiters import PAGE_SIZE
from extract.sources import BOARD_SOURCES
from tests.boardfakes import FakeBoards, jsonld_page, jsonld_posting, load_fixture
from tests.fakes import json_response, malformed, server_error

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
NOT_FOUND = "no-such-board"


@dataclass(frozen=True)
class Board:
    """One source's board as the fake serves it."""

    name: str  # the source
    board: str  # the token fetched: a company's board, a feed's own name, a page of the fake
    jobs: Callable[[], list[dict[str, Any]]]  # three jobs in the API's shape (the fixture's)
    listing: str  # the path the listing is asked at (a detail call is a path below it)
    query: str = ""  # what the BoardFetch's url adds to the listing path
    id_keys: tuple[str, ...] = ("id",)  # every field the job's id may come from
    marker: str = "title"  # a field that tells the jobs apart, kept when the id is taken away
    wrong_shapes: tuple[tuple[Any, str], ...] = ()  # (JSON body, what the error says)
    details: bool = False  # one more request per job (SmartRecruiters)
    feed_404: Any = None  # a feed's 404 body: a feed has no board to get wrong
    unknown_is_gone: bool = True  # False: an unknown board is just empty (SmartRecruiters)

    @property
    def source(self) -> BoardSource:
        return BOARD_SOURCES[self.name]

    @property
    def pages(self) -> bool:
        """A career page of its own instead of a board of an API (JSON-LD)."""
        return self.name == "jsonld"

    def serve(self, fake: FakeBoards, jobs: list[dict[str, Any]]) -> None:
        if self.pages:
            fake.pages[self.board] = jsonld_page(*jobs)
        else:
            fake.boards[self.name][self.board] = jobs

    def target(self, fake: FakeBoards, board: str | None = None) -> tuple[str, str]:
        """``(board, base URL)`` as ``fetch_boards`` takes it."""
        if self.pages:
            return fake.page_url(board or self.board), ""
        return board or self.board, fake.url(self.name)

    def listed(self, fake: FakeBoards) -> str:
        """The URL a good fetch of the board names."""
        assert fake.server is not None
        return fake.server.url_for(self.listing) + self.query

    def source_id(self, fake: FakeBoards, job: dict[str, Any]) -> str:
        job_id = job[self.id_keys[0]]
        return str(job_id) if self.source.feed else f"{self.target(fake)[0]}/{job_id}"

    def requests(self, jobs: int) -> int:
        """Requests one fetch of the board makes when ``jobs`` jobs have an id."""
        return 1 + (jobs if self.details else 0)


def fixture_jobs(source: str, name: str, key: str | None) -> Callable[[], list[dict[str, Any]]]:
    def jobs() -> list[dict[str, Any]]:
        data = load_fixture(source, name)
        return data[key] if key else data

    return jobs


def remoteok_jobs() -> list[dict[str, Any]]:
    return load_fixture("remoteok", "api.json")[1:]  # element 0 is the legal notice


def jsonld_jobs() -> list[dict[str, Any]]:
    return [
        jsonld_posting(identifier=f"cw-{i}", description=f"<p>Job {i}: Go and PostgreSQL.</p>")
        for i in range(3)
    ]


JOBS_LIST = "a JSON object with a 'jobs' list"

BOARDS = [
    Board(
        "greenhouse",
        "lanternfish",
        fixture_jobs("greenhouse", "board.json", "jobs"),
        "/greenhouse/v1/boards/lanternfish/jobs",
        query="?content=true",
        wrong_shapes=(({"status": 200, "jobs": None}, JOBS_LIST), ([{"id": 1}], JOBS_LIST)),
    ),
    Board(
        "lever",
        "quillstone",
        fixture_jobs("lever", "postings.json", None),
        "/lever/v0/postings/quillstone",
        query="?mode=json",
        marker="text",
        wrong_shapes=(({"ok": True, "postings": []}, "expected a JSON list"),),
    ),
    Board(
        "ashby",
        "ferrobyte",
        fixture_jobs("ashby", "board.json", "jobs"),
        "/ashby/posting-api/job-board/ferrobyte",
        query="?includeCompensation=true",
        wrong_shapes=(({"success": True, "results": []}, JOBS_LIST),),
    ),
    Board(
        "smartrecruiters",
        "HarborlightLogistics",
        fixture_jobs("smartrecruiters", "postings.json", None),
        "/smartrecruiters/v1/companies/HarborlightLogistics/postings",
        query=f"?limit={PAGE_SIZE}",
        marker="name",
        wrong_shapes=(
            ({"offset": 0, "limit": 100, "totalFound": 1}, "'content' list"),
            ({"offset": 0, "limit": 100, "content": []}, "totalFound"),
            ([], "'content' list"),
        ),
        details=True,
        unknown_is_gone=False,
    ),
    Board(
        "workable",
        "brightwave",
        fixture_jobs("workable", "account.json", "jobs"),
        "/workable/api/v1/widget/accounts/brightwave",
        query="?details=true",
        id_keys=("shortcode",),
        wrong_shapes=(({"name": "Brightwave", "jobs": None}, "'jobs' list"), ([], "'jobs' list")),
    ),
    Board(
        "recruitee",
        "tidewater",
        fixture_jobs("recruitee", "offers.json", "offers"),
        "/recruitee/tidewater/api/offers/",
        wrong_shapes=(({"offer": {}}, "'offers' list"),),
    ),
    Board(
        "remotive",
        "remotive",
        fixture_jobs("remotive", "remote-jobs.json", "jobs"),
        "/remotive/api/remote-jobs",
        wrong_shapes=(([{"id": 1}], "'jobs' list"),),
        feed_404={"error": "Not found"},
    ),
    Board(
        "remoteok",
        "remoteok",
        remoteok_jobs,
        "/remoteok/api",
        marker="position",
        wrong_shapes=(({"jobs": remoteok_jobs()}, "a JSON list"),),
        feed_404={"error": "Not found"},
    ),
    Board(
        "arbeitnow",
        "arbeitnow",
        fixture_jobs("arbeitnow", "job-board-api.json", "data"),
        "/arbeitnow/api/job-board-api",
        id_keys=("slug",),
        wrong_shapes=(
            ({"jobs": load_fixture("arbeitnow", "job-board-api.json")["data"]}, "'data' list"),
        ),
        feed_404={"message": "Not Found"},
    ),
    Board(
        "jsonld",
        "careers.html",
        jsonld_jobs,
        "/careers/careers.html",
        id_keys=("identifier", "url", "title"),  # without all three a posting has no id
        marker="description",
    ),
]
API_BOARDS = [b for b in BOARDS if not b.pages]  # a page without postings is no empty board


def test_every_board_source_has_a_row() -> None:
    assert [b.name for b in BOARDS] == list(BOARD_SOURCES)


def each(boards: list[Board]) -> Any:
    return pytest.mark.parametrize("spec", boards, ids=[b.name for b in boards])


def fetch(
    fake: FakeBoards, spec: Board, board: str | None = None, cache: Path | None = None
) -> tuple[BoardFetch, Counters]:
    targets = [spec.target(fake, board)]
    [result], counters = asyncio.run(fetch_boards(spec.source, CONFIG, targets, cache=cache))
    return result, counters


def asked(fake: FakeBoards) -> list[int]:
    """The status of every request the fetch made but robots.txt, in order: each test serves
    one board, so these are its listing and any detail calls."""
    return [c.status for c in fake.log if c.path != "/robots.txt"]


def assert_landed(fake: FakeBoards, spec: Board, result: BoardFetch, jobs: list[Any]) -> None:
    """Each job landed once, in order, under its source id, with the fields it was served with
    (a source may add its own: Workable's account, JSON-LD's page)."""
    assert [r.source_id for r in result.records] == [spec.source_id(fake, j) for j in jobs]
    for record, job in zip(result.records, jobs, strict=True):
        assert {k: record.payload.get(k) for k in job} == job


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    return FakeBoards().install(httpserver)


@each(API_BOARDS)
def test_empty_board(fake: FakeBoards, spec: Board) -> None:
    spec.serve(fake, [])
    result, _ = fetch(fake, spec)
    assert (result.error, result.status, result.url) == (None, "empty", spec.listed(fake))
    assert result.records == [] and result.malformed == [] and not result.gone
    assert asked(fake) == [200]


@each([b for b in BOARDS if b.unknown_is_gone])
def test_unknown_board_is_gone(fake: FakeBoards, spec: Board) -> None:
    spec.serve(fake, spec.jobs())
    board = NOT_FOUND
    if spec.feed_404 is not None:  # a feed's equivalent: the endpoint moving away
        fake.inject(spec.listing, json_response(spec.feed_404, 404))
        board = spec.board
    result, _ = fetch(fake, spec, board)
    assert result.error is not None and "HTTP 404" in result.error
    if not spec.pages:  # a page is named by its URL, not by a setting
        assert spec.source.setting in result.error
    assert (result.status, result.gone, result.retryable) == ("gone", True, False)
    assert result.records == [] and result.malformed == []
    assert asked(fake) == [404]  # not asked again


@each(BOARDS)
def test_server_error_is_retried(fake: FakeBoards, spec: Board) -> None:
    jobs = spec.jobs()
    spec.serve(fake, jobs)
    fake.inject(spec.listing, server_error(503))
    result, counters = fetch(fake, spec)
    assert (result.error, result.status, result.url) == (None, "ok", spec.listed(fake))
    assert_landed(fake, spec, result, jobs)
    assert [c.status for c in fake.calls(spec.listing)] == [503, 200]
    assert len(asked(fake)) == 1 + spec.requests(len(jobs))
    assert counters.retries == 1


@each(BOARDS)
@pytest.mark.parametrize("missing", ["absent", "null", "blank"])
def test_job_without_id_is_quarantined(fake: FakeBoards, spec: Board, missing: str) -> None:
    jobs = spec.jobs()
    for job in jobs[1:]:
        for key in spec.id_keys:
            if missing == "absent":
                job.pop(key, None)
            else:
                job[key] = None if missing == "null" else ""
    spec.serve(fake, jobs)
    result, _ = fetch(fake, spec)
    assert (result.error, result.status) == (None, "ok")
    assert_landed(fake, spec, result, jobs[:1])
    board = spec.target(fake)[0]
    assert [json.loads(m.payload)[spec.marker] for m in result.malformed] == [
        j[spec.marker] for j in jobs[1:]
    ]
    assert all(m.record_key.startswith(f"{board}#") for m in result.malformed)
    assert len({m.record_key for m in result.malformed}) == 2  # keyed by content
    assert all("job has no id" in m.error for m in result.malformed)
    assert len(asked(fake)) == spec.requests(1)  # no detail asked for without an id


@each(BOARDS)
def test_unchanged_board_is_not_modified(fake: FakeBoards, spec: Board, tmp_path: Path) -> None:
    jobs = spec.jobs()
    spec.serve(fake, jobs)
    cache = tmp_path / "http-cache.sqlite"
    first, _ = fetch(fake, spec, cache=cache)
    second, counters = fetch(fake, spec, cache=cache)
    assert (first.not_modified, second.not_modified) == (False, True)
    each_fetch = spec.requests(len(jobs))
    assert asked(fake) == [200] * each_fetch + [304] * each_fetch
    assert counters.not_modified == each_fetch
    assert_landed(fake, spec, second, jobs)
    assert [r.payload for r in second.records] == [r.payload for r in first.records]


@pytest.mark.parametrize(
    ("spec", "response", "message"),
    [
        pytest.param(b, json_response(body), message, id=f"{b.name}-{i}")
        for b in API_BOARDS
        for i, (body, message) in enumerate(b.wrong_shapes)
    ]
    + [
        pytest.param(
            b, malformed("<html>maintenance</html>"), "not valid JSON", id=f"{b.name}-html"
        )
        for b in API_BOARDS
    ],
)
def test_wrong_shape_is_a_payload_error(
    fake: FakeBoards, spec: Board, response: Any, message: str
) -> None:
    spec.serve(fake, spec.jobs())
    fake.inject(spec.listing, response)
    result, _ = fetch(fake, spec)
    assert result.error is not None and message in result.error
    assert spec.source.setting in result.error
    assert (result.status, result.gone, result.retryable) == ("failed", False, False)
    assert result.records == [] and result.malformed == []
