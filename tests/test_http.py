"""PoliteClient against real local servers on 127.0.0.1: manners, retries, limits and errors.

Waits are recorded by an injected ``sleep`` instead of being slept, so nothing here is timed.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract.errors import (
    HTTPStatusError,
    PayloadError,
    ResponseTooLarge,
    RobotsDisallowed,
    SourceUnreachable,
)
from extract.http import Counters, HttpConfig, PoliteClient, parse_retry_after
from tests.fakes import LocalHTTPServer, RawServer, VirtualTime

SETTING = "JOBTRENDS_TEST_URL"
ALLOW_ALL = "User-agent: *\nAllow: /\n"


def fast(**overrides: Any) -> HttpConfig:
    settings: dict[str, Any] = {
        "max_attempts": 3,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "rate_limit_per_host": 0,
        "timeout": 5.0,
    }
    settings.update(overrides)
    return HttpConfig(**settings)


@dataclass
class Outcome:
    value: Any = None
    error: Exception | None = None
    waits: list[float] = field(default_factory=list)
    counters: Counters = field(default_factory=Counters)


def fetch(
    config: HttpConfig,
    *urls: str,
    params: dict[str, Any] | None = None,
    as_json: bool = True,
) -> Outcome:
    """GET each URL in turn with one client; stop at the first error and keep it."""
    out = Outcome()

    vt = VirtualTime(out.waits)

    async def main() -> None:
        async with PoliteClient(config, source="test", sleep=vt.sleep, clock=vt.clock) as client:
            out.counters = client.counters
            values = []
            for url in urls:
                if as_json:
                    values.append(await client.get_json(url, params=params, setting=SETTING))
                else:
                    values.append(await client.get(url, params=params, setting=SETTING))
            out.value = values[0] if len(values) == 1 else values

    try:
        asyncio.run(main())
    except Exception as exc:
        out.error = exc
    return out


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


def robots(server: HTTPServer, body: str = ALLOW_ALL) -> None:
    server.expect_request("/robots.txt").respond_with_data(body, content_type="text/plain")


def hits(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------- manners


def test_sends_user_agent_on_every_request(server: HTTPServer) -> None:
    seen: list[tuple[str, str | None]] = []

    def record(request: Request) -> Response:
        seen.append((request.path, request.headers.get("User-Agent")))
        body = ALLOW_ALL if request.path == "/robots.txt" else '{"ok": true}'
        return Response(body)

    server.expect_request("/robots.txt").respond_with_handler(record)
    server.expect_request("/data").respond_with_handler(record)
    ua = "jobtrends-test/9.9 (+https://example.invalid/contact)"

    out = fetch(fast(user_agent=ua), server.url_for("/data"))

    assert out.error is None
    assert out.value == {"ok": True}
    assert seen == [("/robots.txt", ua), ("/data", ua)]


def test_robots_disallow_raises_and_sends_nothing(server: HTTPServer) -> None:
    robots(server, "User-agent: *\nDisallow: /private/\n")
    server.expect_request("/public").respond_with_json({"ok": True})
    server.expect_request("/private/x").respond_with_json({"secret": True})

    allowed = fetch(fast(), server.url_for("/public"))
    denied = fetch(fast(), server.url_for("/private/x"))

    assert allowed.value == {"ok": True}
    assert isinstance(denied.error, RobotsDisallowed)
    assert server.url_for("/private/x") in str(denied.error)
    assert hits(server, "/private/x") == 0


def test_robots_rules_for_our_user_agent_apply(server: HTTPServer) -> None:
    robots(server, "User-agent: jobtrends\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    server.expect_request("/data").respond_with_json({})

    ours = fetch(
        fast(user_agent="jobtrends/0.1 (+https://example.invalid)"), server.url_for("/data")
    )
    other = fetch(fast(user_agent="otherbot/1.0"), server.url_for("/data"))

    assert isinstance(ours.error, RobotsDisallowed)
    assert other.error is None


def test_robots_can_be_ignored_when_configured(server: HTTPServer) -> None:
    robots(server, "User-agent: *\nDisallow: /\n")
    server.expect_request("/data").respond_with_json([1])

    out = fetch(fast(obey_robots=False), server.url_for("/data"))

    assert out.value == [1]
    assert hits(server, "/robots.txt") == 0


def test_crawl_delay_spaces_requests(server: HTTPServer) -> None:
    robots(server, "User-agent: *\nCrawl-delay: 2\n")
    server.expect_request("/data").respond_with_json({})

    out = fetch(fast(), *(server.url_for("/data") for _ in range(3)))

    assert out.error is None
    # The first request goes at once; each next one waits for its slot, 2 s after the previous.
    assert len(out.waits) == 2
    assert all(1.0 < w <= 2.0 for w in out.waits)


def test_rate_limit_per_host_spaces_requests(server: HTTPServer) -> None:
    robots(server)
    server.expect_request("/data").respond_with_json({})

    out = fetch(fast(rate_limit_per_host=0.5), *(server.url_for("/data") for _ in range(3)))

    assert out.error is None
    # 0.5 requests per second: one slot every 2 s.
    # robots.txt takes the first slot: it is a request to the host like any other.
    assert len(out.waits) == 3
    assert all(1.0 < w <= 2.0 for w in out.waits)


# ---------------------------------------------------------------- retries


def test_429_retry_after_is_honoured_and_counted(server: HTTPServer) -> None:
    robots(server)
    server.expect_oneshot_request("/data").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    server.expect_request("/data").respond_with_json({"page": 1})

    out = fetch(fast(), server.url_for("/data"))

    assert out.error is None
    assert out.value == {"page": 1}
    assert out.waits == [1.0]
    assert out.counters.rate_limited == 1
    assert out.counters.retries == 1
    assert out.counters.errors == 0
    assert hits(server, "/data") == 2


def test_retry_after_longer_than_max_retry_after_fails_at_once(server: HTTPServer) -> None:
    robots(server)
    server.expect_request("/data").respond_with_data(
        "", status=429, headers={"Retry-After": "3600"}
    )

    out = fetch(fast(max_retry_after=7.0), server.url_for("/data"))

    assert isinstance(out.error, HTTPStatusError)
    assert out.error.status == 429
    assert "3600s" in str(out.error)
    assert "JOBTRENDS_MAX_RETRY_AFTER (7s)" in str(out.error)
    assert out.waits == []  # not an hour of sleeping, not a retry either
    assert hits(server, "/data") == 1
    assert out.counters.rate_limited == 1
    assert out.counters.errors == 1


def test_503_then_success_backs_off(server: HTTPServer) -> None:
    robots(server)
    server.expect_oneshot_request("/data").respond_with_data("busy", status=503)
    server.expect_request("/data").respond_with_json({"ok": 1})

    out = fetch(fast(backoff_base=0.01), server.url_for("/data"))

    assert out.value == {"ok": 1}
    assert len(out.waits) == 1
    assert 0.005 <= out.waits[0] <= 0.01  # first backoff: base, with jitter down to half
    assert out.counters.retries == 1
    assert out.counters.rate_limited == 0


def test_persistent_5xx_gives_http_status_error_after_max_attempts(server: HTTPServer) -> None:
    robots(server)
    server.expect_request("/data").respond_with_data("down", status=502)

    out = fetch(fast(max_attempts=3), server.url_for("/data"))

    assert isinstance(out.error, HTTPStatusError)
    assert out.error.status == 502
    assert hits(server, "/data") == 3
    assert out.counters.retries == 2
    assert out.counters.errors == 1


def test_404_is_not_retried(server: HTTPServer) -> None:
    robots(server)
    server.expect_request("/missing").respond_with_data("nope", status=404)

    out = fetch(fast(max_attempts=4), server.url_for("/missing"), params={"id": "7"})

    assert isinstance(out.error, HTTPStatusError)
    assert out.error.status == 404
    assert f"{server.url_for('/missing')}?id=7" in str(out.error)
    assert SETTING in str(out.error)
    assert hits(server, "/missing") == 1
    assert out.waits == []
    assert out.counters.retries == 0


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412500.0) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# ---------------------------------------------------------------- bodies


def test_malformed_json_raises_payload_error_naming_url(server: HTTPServer) -> None:
    robots(server)
    server.expect_request("/data").respond_with_data("{not json", content_type="application/json")

    out = fetch(fast(), server.url_for("/data"), params={"page": 2})

    assert isinstance(out.error, PayloadError)
    assert f"{server.url_for('/data')}?page=2" in str(out.error)
    assert "{not json" in str(out.error)
    assert hits(server, "/data") == 1  # a bad body is not retried


def test_declared_oversized_body_raises_response_too_large(server: HTTPServer) -> None:
    robots(server)
    server.expect_request("/big").respond_with_data("x" * 5000)

    out = fetch(fast(max_response_bytes=1000), server.url_for("/big"), as_json=False)

    assert isinstance(out.error, ResponseTooLarge)
    assert server.url_for("/big") in str(out.error)
    assert hits(server, "/big") == 1


def test_streamed_oversized_body_raises_response_too_large(server: HTTPServer) -> None:
    robots(server)
    # A generator body has no Content-Length: the cap must hold while streaming.
    server.expect_request("/stream").respond_with_handler(
        lambda request: Response(iter([b"y" * 400] * 10))
    )

    out = fetch(fast(max_response_bytes=1000), server.url_for("/stream"), as_json=False)

    assert isinstance(out.error, ResponseTooLarge)
    assert "1000-byte cap" in str(out.error)


# ---------------------------------------------------------------- the network failing


def test_unreachable_host_names_url_and_setting() -> None:
    port = closed_port()
    url = f"http://127.0.0.1:{port}/api/data"

    out = fetch(fast(obey_robots=False), url, params={"q": "x"})

    assert isinstance(out.error, SourceUnreachable)
    assert f"{url}?q=x" in str(out.error)
    assert SETTING in str(out.error)
    assert out.counters.requests == 3  # retried up to max_attempts
    assert out.counters.retries == 2


def test_unreachable_host_with_robots_names_host_and_setting() -> None:
    port = closed_port()

    out = fetch(fast(), f"http://127.0.0.1:{port}/api/data")

    assert isinstance(out.error, SourceUnreachable)
    assert f"127.0.0.1:{port}" in str(out.error)
    assert SETTING in str(out.error)


@pytest.fixture
def raw_server() -> Iterator[type[RawServer]]:
    made: list[RawServer] = []

    def make(drop: int) -> RawServer:
        made.append(RawServer(drop))
        return made[-1]

    yield make  # type: ignore[misc]
    for s in made:
        s.close()


def test_dropped_connections_raise_source_unreachable_after_retries(raw_server: Any) -> None:
    srv = raw_server(drop=100)

    out = fetch(fast(max_attempts=3, obey_robots=False), srv.url("/data"))

    assert isinstance(out.error, SourceUnreachable)
    assert srv.url("/data") in str(out.error)
    assert srv.connections == 3
    assert out.counters.retries == 2
    assert out.counters.errors == 1


def test_dropped_connection_then_success(raw_server: Any) -> None:
    srv = raw_server(drop=1)

    out = fetch(fast(max_attempts=3, obey_robots=False), srv.url("/data"))

    assert out.error is None
    assert out.value == {"ok": True}
    assert out.counters.retries == 1


def test_dropped_first_contact_is_retried_with_robots_on(raw_server: Any) -> None:
    # The first request to a host is its robots.txt. A single dropped connection there should
    # be retried like any other request (max_attempts=3), not fail the whole source.
    srv = raw_server(drop=1)

    out = fetch(fast(max_attempts=3), srv.url("/data"))

    assert out.error is None, out.error
    assert out.value == {"ok": True}


@pytest.fixture
def slow_server() -> Iterator[tuple[HTTPServer, threading.Event]]:
    # Its own threaded server, so the handlers still sleeping after the client gave up
    # cannot answer requests meant for the next test.
    release = threading.Event()
    srv = LocalHTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    robots(srv)

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("{}", content_type="application/json")

    srv.expect_request("/slow").respond_with_handler(slow)
    yield srv, release
    release.set()
    srv.clear()
    srv.stop()


def test_slow_response_times_out_and_raises_after_retries(
    slow_server: tuple[HTTPServer, threading.Event],
) -> None:
    srv, release = slow_server

    out = fetch(fast(timeout=0.1, max_attempts=2), srv.url_for("/slow"))
    release.set()

    assert isinstance(out.error, SourceUnreachable)
    assert "timed out after 0.1s" in str(out.error)
    assert srv.url_for("/slow") in str(out.error)
    assert SETTING in str(out.error)
    assert out.counters.retries == 1
    assert out.counters.errors == 1


def test_retry_after_holds_back_the_whole_host(server: HTTPServer) -> None:
    """A 429 with Retry-After on one URL delays the next request to any URL of that host."""
    robots(server)
    server.expect_request("/a").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    server.expect_request("/b").respond_with_json({"ok": True})
    vt = VirtualTime()

    async def main() -> Any:
        config = fast(max_attempts=1)  # no retry of /a: only the host-wide pause is left
        async with PoliteClient(config, source="test", sleep=vt.sleep, clock=vt.clock) as client:
            with pytest.raises(HTTPStatusError):
                await client.get(server.url_for("/a"))
            return await client.get_json(server.url_for("/b"))

    assert asyncio.run(main()) == {"ok": True}
    assert len(vt.waits) == 1 and 6.5 < vt.waits[0] <= 7.0
