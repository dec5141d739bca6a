"""The one polite HTTP client every source uses.

It identifies itself (User-Agent with a contact URL), obeys robots.txt (including Crawl-delay),
spaces requests per host, caps concurrency per host, honours Retry-After on 429/503, backs off
exponentially with jitter on 5xx, timeouts and dropped connections (tenacity), caps response
sizes while streaming, and counts what it did. Use it as an async context manager::

    async with PoliteClient(config, source="hn") as client:
        data = await client.get_json(url, params={...}, setting="JOBTRENDS_HN_ALGOLIA_URL")

With ``cache=path`` it keeps an HTTP cache (hishel, RFC 9111) in that SQLite file: stored
responses are revalidated with ``If-None-Match`` / ``If-Modified-Since``, a 304 is answered from
the cache and counted in ``counters.not_modified``.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import urllib.robotparser
from dataclasses import asdict, dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import hishel
import httpx
from hishel.httpx import AsyncCacheTransport
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from extract.errors import (
    FetchError,
    HTTPStatusError,
    PayloadError,
    ResponseTooLarge,
    RobotsDisallowed,
    SourceUnreachable,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Backoff jitter from a generator of its own: the client leaves the global `random` state (which
# a caller's code or tests may seed or watch) alone.
_JITTER = random.Random()


@dataclass(frozen=True)
class HttpConfig:
    """How politely to fetch. Built from the settings object; defaults suit tests."""

    user_agent: str = "jobtrends/0.1 (+https://github.com/jobtrends/jobtrends)"
    timeout: float = 20.0
    rate_limit_per_host: float = 2.0  # requests per second
    max_concurrency_per_host: int = 4
    max_attempts: int = 4
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    max_retry_after: float = 120.0
    max_response_bytes: int = 50 * 1024 * 1024
    obey_robots: bool = True


@dataclass
class Counters:
    """Per-run request counters, summed across sources for the run record."""

    requests: int = 0
    retries: int = 0
    not_modified: int = 0
    rate_limited: int = 0
    errors: int = 0
    bytes: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class _Retryable(Exception):
    """Internal: an attempt failed in a way worth retrying."""

    def __init__(self, error: FetchError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class _Host:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # guards next_at
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_loaded: bool = False
    crawl_delay: float | None = None
    # Set once the host could not be connected to at all (DNS, refused, connect timeout) after
    # every retry: the rest of this client's requests to it fail at once instead of each
    # waiting out its own retries (a run without network ends quickly).
    down: FetchError | None = None


class PoliteClient:
    """Async HTTP client with the project's manners. One per task; not shared across threads."""

    def __init__(
        self,
        config: HttpConfig,
        *,
        source: str,
        transport: httpx.AsyncBaseTransport | None = None,
        cache: Path | None = None,
        sleep: Any = asyncio.sleep,
        clock: Any = time.monotonic,
    ) -> None:
        self.config = config
        self.source = source
        self.counters = Counters()
        self._sleep = sleep  # tests record waits instead of sleeping, and advance ``clock``
        self._clock = clock
        self._hosts: dict[str, _Host] = {}
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            transport = AsyncCacheTransport(
                transport or httpx.AsyncHTTPTransport(),
                storage=hishel.AsyncSqliteStorage(database_path=cache),
                # A private cache: we are one client, and RFC 9111 rules decide what is fresh.
                rfc=hishel.CacheOptions(shared=False),
            )
        self._client = httpx.AsyncClient(
            headers={"User-Agent": config.user_agent, "Accept": "application/json"},
            # Fail fast on hosts that cannot be reached at all; reads get the full timeout.
            timeout=httpx.Timeout(config.timeout, connect=min(config.timeout, 10.0)),
            follow_redirects=True,
            transport=transport,
        )

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc
        if key not in self._hosts:
            self._hosts[key] = _Host(asyncio.Semaphore(self.config.max_concurrency_per_host))
        return self._hosts[key]

    async def _throttle(self, host: _Host) -> None:
        interval = 1.0 / self.config.rate_limit_per_host if self.config.rate_limit_per_host else 0.0
        if host.crawl_delay:
            interval = max(interval, host.crawl_delay)
        async with host.lock:
            now = self._clock()
            wait = host.next_at - now
            host.next_at = max(now, host.next_at) + interval
        if wait > 0:
            await self._sleep(wait)

    async def _robots(self, url: str, host: _Host, setting: str | None) -> None:
        if not self.config.obey_robots or host.robots_loaded:
            return
        async with host.robots_lock:
            if host.robots_loaded:
                return
            self._check_down(host, url, setting)  # another request found the host unreachable
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                body, status, _ = await self._request(
                    robots_url, None, setting, host, accept="text/plain"
                )
            except (HTTPStatusError, ResponseTooLarge) as exc:
                # RFC 9309: robots.txt unreachable through server errors means "assume complete
                # disallow". Not cached: the next request asks again.
                raise RobotsDisallowed(
                    f"robots.txt could not be read ({exc.short}), so nothing may be fetched "
                    "from this host for now (RFC 9309)",
                    source=self.source,
                    url=url,
                    setting=setting,
                ) from exc
            parser = urllib.robotparser.RobotFileParser(robots_url)
            if 200 <= status < 300:
                parser.parse(body.decode("utf-8", "replace").splitlines())
            else:  # 4xx: no robots.txt, everything is allowed
                parser.allow_all = True
            host.robots = parser
            delay = parser.crawl_delay(self.config.user_agent)
            host.crawl_delay = float(delay) if delay else None
            host.robots_loaded = True

    async def _get_once(
        self, url: str, params: dict[str, Any] | None, setting: str | None, accept: str | None
    ) -> tuple[bytes, int, httpx.Headers, bool]:
        """One GET, streamed with the size cap: (body, status, headers, revalidated), where
        ``revalidated`` means the server answered 304 and the body came from the cache.
        Raises on transport errors."""
        self.counters.requests += 1
        headers = {"Accept": accept} if accept else None
        try:
            async with self._client.stream("GET", url, params=params, headers=headers) as response:
                declared = response.headers.get("content-length")
                if (
                    declared
                    and declared.isdigit()
                    and int(declared) > self.config.max_response_bytes
                ):
                    raise ResponseTooLarge(
                        f"response of {declared} bytes is over the {self.config.max_response_bytes}-byte cap",
                        source=self.source,
                        url=str(response.url),
                    )
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > self.config.max_response_bytes:
                        raise ResponseTooLarge(
                            f"response exceeded the {self.config.max_response_bytes}-byte cap",
                            source=self.source,
                            url=str(response.url),
                        )
                    chunks.append(chunk)
                caching = response.extensions.get("caching") or {}
                from_cache = bool(caching.get("from_cache"))
                revalidated = from_cache and bool(caching.get("revalidated"))
                if not from_cache:
                    self.counters.bytes += size  # what crossed the network, not cache reads
                elif not revalidated:
                    self.counters.requests -= 1  # a fresh cache hit: no request was sent
                return b"".join(chunks), response.status_code, response.headers, revalidated
        except httpx.TimeoutException as exc:
            error = SourceUnreachable(
                f"timed out after {self.config.timeout:g}s ({type(exc).__name__})",
                source=self.source,
                url=_full_url(url, params),
                setting=setting,
            )
            error.no_connection = isinstance(exc, httpx.ConnectTimeout)
            raise error from exc
        except httpx.TransportError as exc:
            reason = str(exc) or type(exc).__name__
            error = SourceUnreachable(
                f"network unreachable: {reason}",
                source=self.source,
                url=_full_url(url, params),
                setting=setting,
            )
            error.no_connection = isinstance(exc, httpx.ConnectError)
            raise error from exc

    async def _request(
        self,
        url: str,
        params: dict[str, Any] | None,
        setting: str | None,
        host: _Host,
        accept: str | None = None,
    ) -> tuple[bytes, int, bool]:
        """GET with throttling and retries. Returns (body, status, revalidated) of the first
        answer that is not worth retrying; raises SourceUnreachable or HTTPStatusError once
        retries are spent."""
        full_url = _full_url(url, params)

        async def attempt() -> tuple[bytes, int, bool]:
            async with host.semaphore:
                await self._throttle(host)
                try:
                    body, status, headers, revalidated = await self._get_once(
                        url, params, setting, accept
                    )
                except SourceUnreachable as exc:
                    raise _Retryable(exc) from exc
            if revalidated or status == 304:
                self.counters.not_modified += 1
            if status == 429:
                self.counters.rate_limited += 1
            if status not in RETRY_STATUSES:
                return body, status, revalidated
            retry_after = parse_retry_after(headers.get("retry-after"))
            if retry_after is not None and retry_after > self.config.max_retry_after:
                raise HTTPStatusError(
                    f"HTTP {status} asking us to wait {retry_after:.0f}s, longer than "
                    f"JOBTRENDS_MAX_RETRY_AFTER ({self.config.max_retry_after:g}s)",
                    source=self.source, url=full_url, status=status, setting=setting,
                )  # fmt: skip
            if retry_after is not None:
                # The host asked everyone to wait, not just this request.
                async with host.lock:
                    host.next_at = max(host.next_at, self._clock() + retry_after)
            error = HTTPStatusError(
                f"HTTP {status}", source=self.source, url=full_url, status=status, setting=setting
            )
            raise _Retryable(error, retry_after)

        def wait(state: Any) -> float:
            exc = state.outcome.exception()
            if isinstance(exc, _Retryable) and exc.retry_after is not None:
                return max(exc.retry_after, 0.0)
            backoff = min(
                self.config.backoff_max, self.config.backoff_base * 2 ** (state.attempt_number - 1)
            )
            return _JITTER.uniform(backoff / 2, backoff)  # jitter: spread out retrying clients

        async def before_sleep(state: Any) -> None:
            self.counters.retries += 1

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.config.max_attempts),
            wait=wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
            sleep=self._sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            return await retrying(attempt)
        except _Retryable as exc:
            raise exc.error from exc

    async def get(
        self,
        url: str,
        *,
        params: dict[str, Any] | None = None,
        setting: str | None = None,
        accept: str | None = None,
    ) -> bytes:
        """GET ``url`` politely and return the body of a 2xx answer, retrying what is worth it."""
        return (await self.fetch(url, params=params, setting=setting, accept=accept)).body

    async def fetch(
        self,
        url: str,
        *,
        params: dict[str, Any] | None = None,
        setting: str | None = None,
        accept: str | None = None,
    ) -> Fetched:
        """Like ``get``, but also says whether the answer was a 304 served from the cache."""
        host = self._host(url)
        try:
            self._check_down(host, url, setting)
            await self._robots(url, host, setting)
            if host.robots is not None and not host.robots.can_fetch(self.config.user_agent, url):
                raise RobotsDisallowed(
                    "robots.txt disallows this URL", source=self.source, url=url, setting=setting
                )
            body, status, revalidated = await self._request(url, params, setting, host, accept)
            if not 200 <= status < 300:
                raise HTTPStatusError(
                    f"HTTP {status}", source=self.source, url=_full_url(url, params),
                    status=status, setting=setting,
                )  # fmt: skip
            return Fetched(body, revalidated)
        except FetchError as exc:
            self.counters.errors += 1
            if getattr(exc, "no_connection", False) and host.down is None:
                host.down = exc
            raise

    def _check_down(self, host: _Host, url: str, setting: str | None) -> None:
        if host.down is not None:
            raise SourceUnreachable(
                f"not tried: {urlsplit(url).netloc} could not be reached earlier in this run "
                f"({host.down.short})",
                source=self.source,
                url=url,
                setting=setting,
            )

    async def get_json(
        self, url: str, *, params: dict[str, Any] | None = None, setting: str | None = None
    ) -> Any:
        """GET and decode JSON; a body that is not JSON raises ``PayloadError`` naming the URL."""
        return (await self.fetch_json(url, params=params, setting=setting)).data

    async def fetch_json(
        self, url: str, *, params: dict[str, Any] | None = None, setting: str | None = None
    ) -> Fetched:
        """``fetch`` and decode JSON into ``Fetched.data``."""
        fetched = await self.fetch(url, params=params, setting=setting)
        try:
            fetched.data = json.loads(fetched.body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PayloadError(
                f"body is not valid JSON ({exc}); first bytes: {fetched.body[:80]!r}",
                source=self.source,
                url=_full_url(url, params),
                setting=setting,
            ) from exc
        return fetched


@dataclass
class Fetched:
    """A 2xx answer: its body, whether it was a 304 revalidation served from the cache, and the
    decoded JSON when asked for."""

    body: bytes
    not_modified: bool = False
    data: Any = None


def _full_url(url: str, params: dict[str, Any] | None) -> str:
    return str(httpx.URL(url, params=params)) if params else url
