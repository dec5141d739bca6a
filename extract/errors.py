"""The jobtrends exception tree. Every message names the source, URL or field and says what to do next.

JobtrendsError
├── ConfigError                 a setting or the command line is wrong
├── FetchError                  talking to a source failed (carries source and url)
│   ├── SourceUnreachable       DNS failure, refused or dropped connection, timeout
│   ├── HTTPStatusError         a 4xx/5xx answer after all retries
│   ├── RobotsDisallowed        robots.txt forbids the URL for our User-Agent
│   ├── ResponseTooLarge        body larger than the response size cap
│   └── PayloadError            the body is not what the API documents (bad JSON, wrong shape)
├── ParseError                  one record cannot be turned into a Posting (goes to quarantine)
└── WarehouseError              the DuckDB warehouse cannot be used
    ├── WarehouseBusy           another process holds the write lock
    ├── WarehouseMissing        read-only command on a warehouse that does not exist yet
    └── WarehouseOutdated       read-only command on a warehouse another version wrote
"""

from __future__ import annotations


class JobtrendsError(Exception):
    """Root of every error jobtrends raises on purpose."""


class ConfigError(JobtrendsError):
    """A setting, the sources file or a command-line option is invalid."""


class FetchError(JobtrendsError):
    """Fetching from a source failed. ``source`` and ``url`` say where."""

    hint = ""

    def __init__(self, message: str, *, source: str, url: str, setting: str | None = None) -> None:
        self.source = source
        self.url = url
        self.setting = setting
        full = f"{source}: {message}" if url in message else f"{source}: {message} ({url})"
        hint = self.hint
        if setting:
            hint = f"{hint} To use a mirror or another server, set {setting}.".strip()
        if hint:
            full = f"{full}. {hint}"
        super().__init__(full)
        self.short = message


class SourceUnreachable(FetchError):
    hint = "Check the network connection (the host could not be reached) and run again."
    no_connection = False  # no connection could be made at all (DNS, refused, connect timeout)


class HTTPStatusError(FetchError):
    def __init__(
        self, message: str, *, source: str, url: str, status: int, setting: str | None = None
    ) -> None:
        self.status = status
        super().__init__(message, source=source, url=url, setting=setting)

    @property
    def hint(self) -> str:  # type: ignore[override]
        if self.status in (404, 410):
            return (
                "The resource does not exist: check the board token (remove a board that is "
                "gone from the sources file; `jobtrends sources check` lists them) or thread id."
            )
        if self.status in (401, 403):
            return "The server refused us: check JOBTRENDS_USER_AGENT and the source's terms."
        if self.status == 429:
            return "Rate limited: lower JOBTRENDS_RATE_LIMIT_PER_HOST and run again later."
        return "The server failed: run again later."


class RobotsDisallowed(FetchError):
    hint = (
        "robots.txt forbids this URL for our User-Agent; remove the source or ask the site owner."
    )


class ResponseTooLarge(FetchError):
    hint = "Raise JOBTRENDS_MAX_RESPONSE_BYTES if the source is trusted."


class PayloadError(FetchError):
    hint = (
        "The server answered with something that is not the documented API format; check the URL."
    )


class ParseError(JobtrendsError):
    """A record could not be parsed into a Posting; it is quarantined with this message."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"field {field!r}: {message}" if field else message)


class WarehouseError(JobtrendsError):
    """The DuckDB warehouse cannot be used."""


class WarehouseBusy(WarehouseError):
    """Another process holds the warehouse's write lock."""


class WarehouseMissing(WarehouseError):
    """A read-only command was pointed at a warehouse file that does not exist."""


class WarehouseOutdated(WarehouseError):
    """A read-only command was pointed at a warehouse whose migrations or views differ from this
    version's (only a writer can bring them up to date)."""


def is_retryable(exc: BaseException) -> bool:
    """Whether asking again later may succeed: server errors (5xx), 429, timeouts and dropped
    or refused connections, and robots.txt that could not be read because of those."""
    if isinstance(exc, RobotsDisallowed) and exc.__cause__ is not None:
        exc = exc.__cause__
    if isinstance(exc, HTTPStatusError):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, SourceUnreachable)
