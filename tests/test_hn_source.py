"""The Hacker News source against FakeHN (Algolia + Firebase shaped, on 127.0.0.1), and its
pure helpers: thread titles, month ranges, parsing."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.errors import FetchError, HTTPStatusError, ParseError, SourceUnreachable
from extract.hn import (
    ALGOLIA_SETTING,
    HNConfig,
    Thread,
    ThreadFetch,
    discover_threads,
    fetch_thread,
    fetch_threads,
    month_start,
    months_between,
    parse,
    thread_period,
)
from extract.http import Counters, HttpConfig, PoliteClient
from tests.fakes import (
    Comment,
    FakeHN,
    Story,
    VirtualTime,
    build_thread,
    json_response,
    malformed,
    rate_limited,
    server_error,
)

FAST = HttpConfig(
    max_attempts=3,
    backoff_base=0.01,
    backoff_max=0.05,
    rate_limit_per_host=0,
    max_concurrency_per_host=8,
    timeout=5.0,
)


def ts(year: int, month: int, day: int = 1, hour: int = 15) -> int:
    return int(datetime(year, month, day, hour, tzinfo=UTC).timestamp())


def as_thread(story: Story) -> Thread:
    period = thread_period(story.title)
    assert period is not None
    return Thread(str(story.id), period, story.title)


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


@dataclass
class Run:
    result: Any = None
    waits: list[float] = field(default_factory=list)
    counters: Counters = field(default_factory=Counters)


def discover(cfg: HNConfig, since: str, until: str) -> tuple[list[Thread], list[str]]:
    async def main() -> tuple[list[Thread], list[str]]:
        async with PoliteClient(cfg.http, source="hn") as client:
            return await discover_threads(client, cfg, since, until)

    return asyncio.run(main())


def fetch_one(cfg: HNConfig, thread: Thread) -> Run:
    """fetch_thread with a client whose waits are recorded instead of slept."""
    run = Run()

    vt = VirtualTime(run.waits)

    async def main() -> None:
        async with PoliteClient(cfg.http, source="hn", sleep=vt.sleep, clock=vt.clock) as client:
            run.counters = client.counters
            run.result = await fetch_thread(client, cfg, thread)

    asyncio.run(main())
    return run


def fetch_all(cfg: HNConfig, *threads: Thread) -> list[ThreadFetch]:
    return asyncio.run(fetch_threads(cfg, threads))[0]


def ids(fetch: ThreadFetch) -> list[str]:
    return [r.source_id for r in fetch.records]


def live_top_level(comments: list[Comment], story_id: int) -> set[str]:
    return {
        str(c.id)
        for c in comments
        if c.parent_id == story_id and not c.deleted and not c.dead and c.author is not None
    }


# ---------------------------------------------------------------- discovery

MARCH_2024 = Story(39562000, "Ask HN: Who is hiring? (March 2024)", ts(2024, 3, 1))
# Posted on the last day of the month before, as a few were.
FEB_2024 = Story(39218000, "Ask HN: Who is hiring? (February 2024)", ts(2024, 1, 31, 23))
JUNE_2015 = Story(9639000, "Ask HN: Who Is Hiring? (June 2015)", ts(2015, 6, 1))
MAY_2013 = Story(5637000, "Ask HN: Who is Hiring? (May 2013)", ts(2013, 5, 1))
NOT_THREADS = [
    Story(39562001, "Ask HN: Who wants to be hired? (March 2024)", ts(2024, 3, 1)),
    Story(39562002, "Ask HN: Freelancer? Seeking freelancer? (March 2024)", ts(2024, 3, 1)),
    Story(9639001, "Ask HN: Who wants to be hired? (June 2015)", ts(2015, 6, 1)),
    Story(4000000, "Ask HN: Who is hiring right now?", ts(2012, 5, 20)),
    # The right title by someone else is not a monthly thread.
    Story(39600000, "Ask HN: Who is hiring? (April 2024)", ts(2024, 4, 1), author="notwhoishiring"),
]
ALL_STORIES = [MARCH_2024, FEB_2024, JUNE_2015, MAY_2013, *NOT_THREADS]


def test_discovery_finds_monthly_threads_whatever_the_title_casing(server: HTTPServer) -> None:
    fake = FakeHN(ALL_STORIES).install(server)

    threads, notes = discover(fake.hn_config(FAST), "2013-01", "2024-12")

    assert [(t.period, t.id, t.title) for t in threads] == [
        ("2024-03", "39562000", "Ask HN: Who is hiring? (March 2024)"),
        ("2024-02", "39218000", "Ask HN: Who is hiring? (February 2024)"),
        ("2015-06", "9639000", "Ask HN: Who Is Hiring? (June 2015)"),
        ("2013-05", "5637000", "Ask HN: Who is Hiring? (May 2013)"),
    ]
    assert threads[0].created_at == datetime(2024, 3, 1, 15, tzinfo=UTC)
    assert notes == []
    (search,) = fake.searches()
    assert search.query["tags"] == "story,(author_whoishiring,author__whoishiring)"


@pytest.mark.parametrize(
    ("since", "until", "periods"),
    [
        ("2015-01", "2015-12", ["2015-06"]),
        ("2024-02", "2024-02", ["2024-02"]),
        ("2024-03", "2030-01", ["2024-03"]),
        ("2013-06", "2015-05", []),
    ],
)
def test_discovery_keeps_only_since_until(
    server: HTTPServer, since: str, until: str, periods: list[str]
) -> None:
    fake = FakeHN(ALL_STORIES).install(server)

    threads, _ = discover(fake.hn_config(FAST), since, until)

    assert [t.period for t in threads] == periods
    # Algolia is asked only for stories from a week before `since` on.
    lower = int((month_start(since) - timedelta(days=7)).timestamp())
    assert fake.searches()[0].query["numericFilters"] == f"created_at_i>={lower}"


@pytest.mark.parametrize("algolia_down", [False, True], ids=["algolia", "firebase"])
def test_discovery_finds_threads_posted_by_the_underscore_account(
    server: HTTPServer, algolia_down: bool
) -> None:
    # Two real monthly threads (April and May 2015) were submitted by "_whoishiring", not
    # "whoishiring"; the recorded real query asks for tags=story,(author__whoishiring,
    # author_whoishiring). Discovery must find them on both paths or those months are lost.
    stories = [
        JUNE_2015,
        Story(9471000, "Ask HN: Who is hiring? (May 2015)", ts(2015, 5, 1), "_whoishiring"),
        Story(9303000, "Ask HN: Who is hiring? (April 2015)", ts(2015, 4, 1), "_whoishiring"),
        Story(9100000, "Ask HN: Who is hiring? (March 2015)", ts(2015, 3, 2)),
    ]
    fake = FakeHN(stories).install(server)
    fake.algolia_down = algolia_down

    threads, _ = discover(fake.hn_config(FAST), "2015-01", "2015-12")

    assert [t.period for t in threads] == ["2015-06", "2015-05", "2015-04", "2015-03"]


def monthly_history(first: tuple[int, int], months: int) -> list[Story]:
    """The whoishiring account's three stories a month, ids rising with time like HN's."""
    stories = []
    year, month = first
    next_id = 20_000_000
    for _ in range(months):
        name = datetime(year, month, 1).strftime("%B %Y")
        when = ts(year, month)
        for title in (
            f"Ask HN: Who is hiring? ({name})",
            f"Ask HN: Who wants to be hired? ({name})",
            f"Ask HN: Freelancer? Seeking freelancer? ({name})",
        ):
            stories.append(Story(next_id, title, when))
            next_id += 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return stories


def test_discovery_falls_back_to_firebase_when_algolia_fails(server: HTTPServer) -> None:
    fake = FakeHN(monthly_history((2021, 4), 36)).install(server)  # 2021-04 .. 2024-03
    fake.algolia_down = True

    threads, notes = discover(fake.hn_config(FAST), "2024-01", "2024-12")

    assert [t.period for t in threads] == ["2024-03", "2024-02", "2024-01"]
    assert any("Algolia discovery failed" in n and "HTTP 500" in n for n in notes)
    assert fake.calls(fake.user_path("whoishiring"))
    # `submitted` is newest first: reading stops once items predate `since`, not at 108 items.
    item_calls = [r for r in fake.calls() if "/firebase/item/" in r.path]
    assert 0 < len(item_calls) <= 24


def test_discovery_raises_the_algolia_error_when_firebase_fails_too(server: HTTPServer) -> None:
    fake = FakeHN(ALL_STORIES).install(server)
    fake.algolia_down = True
    fake.firebase_down = True

    with pytest.raises(HTTPStatusError) as info:
        discover(fake.hn_config(FAST), "2024-01", "2024-12")

    assert info.value.status == 500
    assert ALGOLIA_SETTING in str(info.value)
    assert fake.algolia_url in str(info.value)


# ---------------------------------------------------------------- comments via Algolia


def test_thread_over_1000_comments_comes_in_whole_and_once(server: HTTPServer) -> None:
    story = MARCH_2024
    # 2500 postings, three per second, and a reply under every fourth: 3125 hits for the thread,
    # so Algolia's 1000-hit cap forces time slices whose edges fall inside shared seconds.
    big = build_thread(story, 2500, first_id=40_000_000, replies_every=4, same_second=3)
    other = build_thread(JUNE_2015, 40, first_id=9_700_000)
    fake = FakeHN([story, JUNE_2015], big.comments + other.comments).install(server)
    thread = as_thread(story)

    (result,) = fetch_all(fake.hn_config(FAST), thread)

    assert result.error is None
    assert result.via == "algolia"
    assert len(ids(result)) == len(set(ids(result))) == 2500
    assert set(ids(result)) == {str(c.id) for c in big.top_level}
    assert not set(ids(result)) & {str(c.id) for c in big.replies}
    assert result.deleted == 0
    searches = fake.searches(f"comment,story_{story.id}")
    assert len(searches) > 1
    assert "numericFilters" not in searches[0].query
    assert all(s.query["numericFilters"].startswith("created_at_i<=") for s in searches[1:])
    postings = [parse(r, {thread.id: thread}) for r in result.records]
    assert {p.period for p in postings} == {"2024-03"}
    assert {p.thread_id for p in postings} == {thread.id}


@pytest.mark.parametrize(("n", "searches"), [(1000, 1), (1001, 2)])
def test_slicing_starts_only_past_1000_hits(server: HTTPServer, n: int, searches: int) -> None:
    spec = build_thread(MARCH_2024, n, first_id=40_000_000)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert len(set(ids(result))) == len(ids(result)) == n
    assert len(fake.searches()) == searches


def test_more_than_1000_comments_in_one_second_cannot_be_sliced(server: HTTPServer) -> None:
    spec = build_thread(MARCH_2024, 1001, first_id=40_000_000, same_second=2000)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)
    fake.firebase_down = True

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert result.error is not None
    assert "cannot slice thread 39562000 further" in result.error
    assert result.records == []


def small_thread(story: Story, first_id: int) -> list[Comment]:
    """6 live postings, 2 deleted and 1 dead top-level comment, a live and a deleted reply."""
    t = story.created_at_i
    s = story.id
    comments = [
        Comment(first_id + i, s, s, f"hirer{i}", f"<p>Company {i} | SRE | Remote</p>", t + 60 * i)
        for i in range(6)
    ]
    comments += [
        Comment(first_id + 10, s, s, None, None, t + 700),
        Comment(first_id + 11, s, s, None, None, t + 710),
        Comment(first_id + 12, s, s, "spammer", "<p>buy now</p>", t + 720, dead=True),
        Comment(first_id + 13, first_id, s, "curious", "<p>Is it remote?</p>", t + 800),
        Comment(first_id + 14, first_id + 1, s, None, None, t + 810),
    ]
    return comments


def test_replies_and_deleted_are_left_out_of_algolia_results(server: HTTPServer) -> None:
    comments = small_thread(MARCH_2024, 100)
    fake = FakeHN([MARCH_2024], comments).install(server)

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert sorted(ids(result)) == [str(100 + i) for i in range(6)]
    assert result.deleted == 0  # the real index holds no deleted or dead comments


def test_deleted_hits_on_algolia_are_skipped_and_counted(server: HTTPServer) -> None:
    comments = small_thread(MARCH_2024, 100)
    fake = FakeHN([MARCH_2024], comments).install(server)
    fake.algolia_includes_deleted = True  # stale entries: author and comment_text null

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert sorted(ids(result)) == [str(100 + i) for i in range(6)]
    assert result.deleted == 2  # the two deleted postings; the deleted reply is a reply
    assert result.via == "algolia"


def test_firebase_fallback_for_comments_skips_and_counts_deleted_and_dead(
    server: HTTPServer,
) -> None:
    comments = small_thread(MARCH_2024, 100)
    fake = FakeHN([MARCH_2024], comments).install(server)
    fake.algolia_down = True
    thread = as_thread(MARCH_2024)

    (result,) = fetch_all(fake.hn_config(FAST), thread)

    assert result.error is None
    assert result.via == "firebase"
    assert sorted(ids(result)) == [str(100 + i) for i in range(6)]
    assert result.deleted == 3  # two deleted, one dead
    assert any("Algolia failed for thread 39562000" in n for n in result.notes)
    assert all(r.url == fake.firebase_url + f"/item/{r.source_id}.json" for r in result.records)
    postings = [parse(r, {thread.id: thread}) for r in result.records]
    assert {p.author for p in postings} == {f"hirer{i}" for i in range(6)}
    assert {p.period for p in postings} == {"2024-03"}


def test_429_with_retry_after_on_comments_still_gives_the_whole_thread(
    server: HTTPServer,
) -> None:
    spec = build_thread(MARCH_2024, 1500, first_id=40_000_000, replies_every=10)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)
    fake.inject(fake.search_path, rate_limited(retry_after=1))

    run = fetch_one(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert run.result.error is None
    assert run.result.via == "algolia"
    assert set(ids(run.result)) == {str(c.id) for c in spec.top_level}
    assert run.waits == [1.0]
    assert run.counters.rate_limited == 1
    assert run.counters.retries == 1
    assert fake.pending_faults() == 0
    assert [r.status for r in fake.searches()][:2] == [429, 200]


def test_503_then_success_on_comments_still_gives_the_whole_thread(server: HTTPServer) -> None:
    spec = build_thread(MARCH_2024, 1200, first_id=40_000_000)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)
    # Fail the second slice, not the first request.
    fake.inject(
        fake.search_path,
        server_error(503),
        when=lambda request: "numericFilters" in request.args,
    )

    run = fetch_one(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert run.result.error is None
    assert run.result.via == "algolia"
    assert set(ids(run.result)) == {str(c.id) for c in spec.top_level}
    assert run.counters.retries == 1
    assert [r.status for r in fake.searches()] == [200, 503, 200]


def test_malformed_json_is_an_error_of_that_thread_only(server: HTTPServer) -> None:
    bad = build_thread(MARCH_2024, 30, first_id=40_000_000)
    good = build_thread(JUNE_2015, 25, first_id=9_700_000)
    fake = FakeHN([MARCH_2024, JUNE_2015], bad.comments + good.comments).install(server)
    fake.inject(fake.search_path, malformed(), when={"tags": f"comment,story_{MARCH_2024.id}"})
    fake.inject(fake.item_path(MARCH_2024.id), malformed())

    bad_result, good_result = fetch_all(
        fake.hn_config(FAST), as_thread(MARCH_2024), as_thread(JUNE_2015)
    )

    assert bad_result.error is not None
    assert f"{fake.algolia_url}/search_by_date?" in bad_result.error
    assert f"story_{MARCH_2024.id}" in bad_result.error
    assert "not valid JSON" in bad_result.error
    assert "Firebase fallback failed too" in bad_result.error
    assert bad_result.records == []
    assert good_result.error is None
    assert set(ids(good_result)) == {str(c.id) for c in good.top_level}


def test_malformed_algolia_answer_falls_back_to_firebase(server: HTTPServer) -> None:
    spec = build_thread(MARCH_2024, 20, first_id=40_000_000)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)
    fake.inject(fake.search_path, malformed())

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert result.error is None
    assert result.via == "firebase"
    assert set(ids(result)) == {str(c.id) for c in spec.top_level}
    assert any("not valid JSON" in n for n in result.notes)


def test_algolia_answer_of_the_wrong_shape_falls_back_to_firebase(server: HTTPServer) -> None:
    spec = build_thread(MARCH_2024, 20, first_id=40_000_000)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)
    fake.inject(fake.search_path, json_response({"message": "no hits key"}))

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert result.via == "firebase"
    assert set(ids(result)) == {str(c.id) for c in spec.top_level}
    assert any("'hits' list" in n for n in result.notes)


def test_non_object_hits_do_not_crash_the_fetch(server: HTTPServer) -> None:
    # _comments_algolia skips non-dict hits when collecting them, but then reads
    # h.get("created_at_i") on every hit to pick the next slice: a null hit in a page that is
    # not the last one raises AttributeError out of fetch_thread (and of fetch_threads' gather)
    # instead of a PayloadError that falls back to Firebase.
    spec = build_thread(MARCH_2024, 20, first_id=40_000_000)
    fake = FakeHN([MARCH_2024], spec.comments).install(server)
    fake.inject(
        fake.search_path,
        json_response({"hits": [None], "nbHits": 2000, "page": 0, "nbPages": 1}),
    )

    (result,) = fetch_all(fake.hn_config(FAST), as_thread(MARCH_2024))

    assert result.error is None
    assert set(ids(result)) == {str(c.id) for c in spec.top_level}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_apis_give_an_error_naming_the_setting() -> None:
    base = f"http://127.0.0.1:{closed_port()}"
    cfg = HNConfig(algolia_url=f"{base}/algolia", firebase_url=f"{base}/firebase", http=FAST)
    thread = as_thread(MARCH_2024)

    (result,) = fetch_all(cfg, thread)
    with pytest.raises(SourceUnreachable) as info:
        discover(cfg, "2024-01", "2024-03")

    assert result.error is not None
    assert ALGOLIA_SETTING in result.error
    assert "Firebase fallback failed too" in result.error
    assert result.records == []
    assert ALGOLIA_SETTING in str(info.value)
    assert isinstance(info.value, FetchError)


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Ask HN: Who is hiring? (March 2024)", "2024-03"),
        ("Ask HN: Who is Hiring? (May 2013)", "2013-05"),
        ("Ask HN: Who Is Hiring? (June 2015)", "2015-06"),
        ("ask hn: who is hiring? (DECEMBER 2019)", "2019-12"),
        ("Ask HN: Who is hiring? (March, 2024)", "2024-03"),
        ("  Ask HN: Who is hiring? ( January 2020 ) ", "2020-01"),
        ("Ask HN: Who wants to be hired? (March 2024)", None),
        ("Ask HN: Freelancer? Seeking freelancer? (March 2024)", None),
        ("Ask HN: Who is hiring right now?", None),
        ("Ask HN: Who is hiring? (Smarch 2024)", None),
        ("Ask HN: Who is hiring? (2024)", None),
        ("Show HN: Who is hiring? (March 2024)", None),
        ("", None),
    ],
)
def test_thread_period(title: str, period: str | None) -> None:
    assert thread_period(title) == period


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2023-11", "2024-02", ["2023-11", "2023-12", "2024-01", "2024-02"]),
        ("2024-05", "2024-05", ["2024-05"]),
        ("2024-06", "2024-05", []),
    ],
)
def test_months_between(since: str, until: str, expected: list[str]) -> None:
    assert months_between(since, until) == expected


def test_months_between_counts_a_whole_year() -> None:
    assert len(months_between("2019-01", "2019-12")) == 12


THREAD = Thread("39562000", "2024-03", "Ask HN: Who is hiring? (March 2024)")
THREADS = {THREAD.id: THREAD}
FETCHED = datetime(2024, 3, 5, tzinfo=UTC)


def algolia_hit(**changes: Any) -> dict[str, Any]:
    hit: dict[str, Any] = {
        "created_at": "2024-03-01T16:02:03.000Z",
        "title": None,
        "url": None,
        "author": "acme_cto",
        "points": None,
        "story_text": None,
        "comment_text": "<p>Acme | Platform engineer | Berlin or REMOTE (EU)</p><p>Go, AWS, k8s.</p>",
        "num_comments": None,
        "story_id": 39562000,
        "story_title": "Ask HN: Who is hiring? (March 2024)",
        "story_url": None,
        "parent_id": 39562000,
        "created_at_i": 1709308923,
        "_tags": ["comment", "author_acme_cto", "story_39562000"],
        "objectID": "39562123",
        "_highlightResult": {
            "author": {"value": "acme_cto", "matchLevel": "none", "matchedWords": []},
        },
    }
    hit.update(changes)
    return {k: v for k, v in hit.items() if v is not ...}


def firebase_item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "by": "acme_cto",
        "id": 39562123,
        "parent": 39562000,
        "text": "<p>Acme | Platform engineer | Berlin or REMOTE (EU)</p><p>Go, AWS, k8s.</p>",
        "time": 1709308923,
        "type": "comment",
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not ...}


def raw(payload: dict[str, Any], url: str = "http://127.0.0.1/x") -> RawPayload:
    return RawPayload("hn", str(payload.get("objectID", payload.get("id"))), url, FETCHED, payload)


def test_parse_algolia_hit() -> None:
    r = raw(algolia_hit())

    p = parse(r, THREADS)

    assert p.source == "hn"
    assert p.source_id == "39562123"
    assert p.url == "https://news.ycombinator.com/item?id=39562123"
    assert p.period == "2024-03"
    assert p.posted_at == datetime(2024, 3, 1, 16, 2, 3, tzinfo=UTC)
    assert p.html.startswith("<p>Acme | Platform engineer")
    assert len(p.content_hash) == 64
    assert p.author == "acme_cto"
    assert p.thread_id == "39562000"


def test_parse_firebase_item() -> None:
    r = raw(firebase_item())

    p = parse(r, THREADS)

    assert p.source_id == "39562123"
    assert p.url == "https://news.ycombinator.com/item?id=39562123"
    assert p.period == "2024-03"
    assert p.posted_at == datetime(2024, 3, 1, 16, 2, 3, tzinfo=UTC)
    assert p.html == "<p>Acme | Platform engineer | Berlin or REMOTE (EU)</p><p>Go, AWS, k8s.</p>"
    assert p.author == "acme_cto"
    assert p.thread_id == "39562000"


def test_parse_hashes_what_the_posting_says_not_how_it_was_served() -> None:
    from_algolia = parse(raw(algolia_hit(points=3)), THREADS)
    from_firebase = parse(raw(firebase_item(kids=[39563000])), THREADS)
    edited = parse(raw(firebase_item(text="<p>Acme | Platform engineer | Paris</p>")), THREADS)

    assert from_algolia.content_hash == from_firebase.content_hash
    assert edited.content_hash != from_firebase.content_hash


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        (algolia_hit(comment_text=None), "comment_text", "missing"),
        (algolia_hit(comment_text=...), "comment_text", "missing"),
        (algolia_hit(comment_text="   "), "comment_text", "empty"),
        (algolia_hit(comment_text=42), "comment_text", "expected str, got int"),
        (algolia_hit(created_at_i="1709308923"), "created_at_i", "expected int, got str"),
        (algolia_hit(created_at_i=True), "created_at_i", "expected int, got bool"),
        (algolia_hit(objectID=1.5), "objectID", "expected str or int, got float"),
        (algolia_hit(story_id=..., parent_id=...), "story_id", "missing"),
        (algolia_hit(story_id=123, parent_id=123), "story_id", "unknown thread 123"),
        (firebase_item(text=...), "text", "missing"),
        (firebase_item(time=1709308923.5), "time", "expected int, got float"),
        (firebase_item(id="39562123"), "id", "expected int, got str"),
        (firebase_item(parent=...), "story_id", "missing"),
        (firebase_item(parent=1), "story_id", "unknown thread 1"),
    ],
)
def test_parse_errors_name_the_field(payload: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(raw(payload), THREADS)

    assert info.value.field == field
    assert f"field {field!r}" in str(info.value)
    assert message in str(info.value)


# ---------------------------------------------------------------- the fake itself


def test_fake_algolia_paginates_like_algolia(server: HTTPServer) -> None:
    import httpx

    spec = build_thread(MARCH_2024, 1500, first_id=40_000_000)
    fake = FakeHN([MARCH_2024, JUNE_2015], spec.comments).install(server)
    url = f"{fake.algolia_url}/search_by_date"

    client = httpx.Client()

    def search(**params: Any) -> dict[str, Any]:
        response = client.get(url, params={"tags": f"comment,story_{MARCH_2024.id}", **params})
        assert response.status_code == 200
        return dict(response.json())

    first = search(hitsPerPage=20)
    assert (first["nbHits"], first["nbPages"], len(first["hits"])) == (1500, 50, 20)
    assert [h["created_at_i"] for h in first["hits"]] == sorted(
        (h["created_at_i"] for h in first["hits"]), reverse=True
    )
    assert len(search(hitsPerPage=20, page=49)["hits"]) == 20
    assert search(hitsPerPage=20, page=50)["hits"] == []  # past Algolia's 1000 reachable hits
    assert len(search(hitsPerPage=5000)["hits"]) == 1000  # hitsPerPage is capped
    oldest = min(c.created_at_i for c in spec.top_level)
    sliced = search(
        hitsPerPage=1000, numericFilters=f"created_at_i>={oldest},created_at_i<{oldest + 10}"
    )
    assert sliced["nbHits"] == 10
    stories = client.get(url, params={"tags": "story,(author_nobody,author_whoishiring)"}).json()
    client.close()
    assert {h["objectID"] for h in stories["hits"]} == {str(MARCH_2024.id), str(JUNE_2015.id)}
