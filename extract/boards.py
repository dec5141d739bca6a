"""What every job-board source shares: one small protocol, the fetch loop and parse helpers.

A job-board source (Greenhouse, Lever, Ashby, ... or a feed such as Remotive) is a
``BoardSource``: how to list the jobs of one board as raw JSON objects, how to name each job,
and a pure function from a landed job to a ``Posting``. Everything else (politeness, errors per
board, quarantine of malformed jobs, conditional requests) is here, once::

    results, counters = await fetch_boards(greenhouse.SOURCE, http, [("stripe", base_url)])
    for result in results:            # one BoardFetch per board, never raises FetchError
        for raw in result.records:
            posting = greenhouse.SOURCE.parse(raw, result.board)

A board's ``source_id`` is ``<board>/<job id>``, so two companies' ids never collide; a feed's
is the job id alone.
"""

from __future__ import annotations

import asyncio
import html as html_lib
import json
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract.base import Posting, Quarantined, RawPayload, content_hash
from extract.errors import (
    FetchError,
    HTTPStatusError,
    ParseError,
    PayloadError,
    RobotsDisallowed,
    SourceUnreachable,
)
from extract.http import Counters, HttpConfig, PoliteClient


@dataclass
class Listing:
    """What listing one board returned: its jobs as raw JSON values, the URL that served them,
    and whether every page was a 304 answered from the HTTP cache."""

    jobs: list[Any]
    url: str
    not_modified: bool = False


# (client, base URL, board) -> Listing. Raises FetchError (PayloadError for a wrong shape).
ListJobs = Callable[[PoliteClient, str, str], Awaitable[Listing]]


@dataclass(frozen=True)
class BoardSource:
    """One job-board API (or aggregator feed) behind the common protocol."""

    name: str  # "greenhouse": the source name in the warehouse, settings and sources file
    default_url: str  # the documented public base URL
    list_jobs: ListJobs
    job_id: Callable[[Mapping[str, Any]], Any]  # the job's id in its board, None if missing
    parse: Callable[[RawPayload, str], Posting]  # (landed job, board) -> Posting; ParseError
    feed: bool = False  # one aggregator feed instead of per-company boards
    doc: str = ""  # one line for the README and `jobtrends sources list`

    @property
    def setting(self) -> str:
        return f"JOBTRENDS_{self.name.upper()}_URL"


@dataclass
class BoardFetch:
    """What fetching one board produced: its jobs as landed payloads, or an error."""

    source: str
    board: str
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    url: str = ""
    records: list[RawPayload] = field(default_factory=list)
    malformed: list[Quarantined] = field(default_factory=list)
    not_modified: bool = False  # the server answered 304: nothing changed since last time
    error: str | None = None
    retryable: bool = False  # the error may go away if asked again (5xx, 429, network)
    gone: bool = False  # 404/410: the board token is wrong or the board was closed

    @property
    def jobs(self) -> int:
        return len(self.records) + len(self.malformed)

    @property
    def status(self) -> str:
        """ok | empty | gone | failed, as `board_snapshots.status` stores it."""
        if self.error:
            return "gone" if self.gone else "failed"
        return "ok" if self.jobs else "empty"


async def fetch_board(
    source: BoardSource, client: PoliteClient, base_url: str, board: str
) -> BoardFetch:
    """List one board and land each job as a RawPayload. Never raises FetchError: the error is
    kept on the result so the other boards go on."""
    result = BoardFetch(source.name, board)
    try:
        listing = await source.list_jobs(client, base_url, board)
    except FetchError as exc:
        result.error = str(exc)
        result.url = exc.url
        result.gone = isinstance(exc, HTTPStatusError) and exc.status in (404, 410)
        cause = exc.__cause__ if isinstance(exc, RobotsDisallowed) else exc
        result.retryable = isinstance(cause, SourceUnreachable) or (
            isinstance(cause, HTTPStatusError) and (cause.status >= 500 or cause.status == 429)
        )
        return result
    except Exception as exc:  # garbage the module did not expect must not stop other boards
        result.error = (
            f"{source.name}: board {board!r}: unexpected answer, the source module failed on it "
            f"({type(exc).__name__}: {exc}); please report it with the board name"
        )
        return result
    result.url = listing.url
    result.not_modified = listing.not_modified
    seen: set[str] = set()
    for index, job in enumerate(listing.jobs):
        job_id = source.job_id(job) if isinstance(job, Mapping) else None
        if job_id is None or isinstance(job_id, bool) or str(job_id).strip() == "":
            result.malformed.append(
                malformed(source.name, board, listing.url, index, job, "job has no id")
            )
            continue
        source_id = str(job_id) if source.feed else f"{board}/{job_id}"
        if source_id in seen:  # a job listed twice on one board (paging overlap) lands once
            continue
        seen.add(source_id)
        result.records.append(
            RawPayload(
                source=source.name,
                source_id=source_id,
                url=listing.url,
                fetched_at=result.fetched_at,
                payload=job,
            )
        )
    return result


async def fetch_boards(
    source: BoardSource,
    config: HttpConfig,
    targets: Iterable[tuple[str, str]],
    *,
    cache: Path | None = None,
    transport: Any = None,
) -> tuple[list[BoardFetch], Counters]:
    """Fetch every ``(board, base URL)`` of one source concurrently on one polite client (so
    per-host rate limits hold across boards). Errors are kept per board, never raised."""
    async with PoliteClient(config, source=source.name, transport=transport, cache=cache) as client:
        results = await asyncio.gather(
            *(fetch_board(source, client, base_url, board) for board, base_url in targets)
        )
        return list(results), client.counters


def malformed(source: str, board: str, url: str, index: int, value: Any, error: str) -> Quarantined:
    """A listed job that cannot even be identified, kept in quarantine with its error."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return Quarantined(
        source=source,
        record_key=f"{board}#{index}",
        url=url,
        error=f"{source}: board {board!r} ({url}): item {index}: {error}",
        payload=text,
        hash=content_hash(text),
    )


def require_list(data: Any, key: str | None, source: BoardSource, url: str) -> list[Any]:
    """``data[key]`` (or ``data`` itself when ``key`` is None) as a list, else PayloadError."""
    value = data if key is None else (data.get(key) if isinstance(data, dict) else None)
    if not isinstance(value, list):
        shape = "a JSON list" if key is None else f"a JSON object with a {key!r} list"
        raise PayloadError(
            f"expected {shape}, got {type(data).__name__}",
            source=source.name,
            url=url,
            setting=source.setting,
        )
    return value


# --- parse helpers: pure functions every source's parse() uses --------------------------------


def field_value(job: Mapping[str, Any], name: str, types: type | tuple[type, ...]) -> Any:
    """A required field of the expected type, else ParseError naming it."""
    value = job.get(name)
    if value is None:
        raise ParseError("missing", field=name)
    if isinstance(value, bool) and bool not in _as_tuple(types):
        raise ParseError(f"expected {_names(types)}, got bool", field=name)
    if not isinstance(value, types):
        raise ParseError(f"expected {_names(types)}, got {type(value).__name__}", field=name)
    if isinstance(value, str) and not value.strip():
        raise ParseError("empty", field=name)
    return value


def optional(job: Mapping[str, Any], name: str, types: type | tuple[type, ...]) -> Any:
    """An optional field: None when absent or null, ParseError when present with a wrong type."""
    value = job.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) and bool not in _as_tuple(types):
        raise ParseError(f"expected {_names(types)}, got bool", field=name)
    if not isinstance(value, types):
        raise ParseError(f"expected {_names(types)}, got {type(value).__name__}", field=name)
    return value.strip() if isinstance(value, str) else value


def parse_time(value: Any, name: str) -> datetime | None:
    """A timestamp as APIs write them: ISO 8601 (with or without zone; naive means UTC), or
    Unix epoch seconds or milliseconds. None stays None; anything else is a ParseError."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ParseError("expected a timestamp, got bool", field=name)
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value  # epoch ms (Lever) or s
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise ParseError(f"timestamp {value!r} out of range", field=name) from exc
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        try:
            when = datetime.fromisoformat(text)
        except ValueError as exc:
            raise ParseError(f"not an ISO 8601 timestamp: {value!r}", field=name) from exc
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    raise ParseError(f"expected a timestamp, got {type(value).__name__}", field=name)


def period_of(posted_at: datetime | None, fetched_at: datetime) -> str:
    """The month a board posting counts in: when it was published, else when we first saw it."""
    when = posted_at or fetched_at
    return f"{when.year:04d}-{when.month:02d}"


def unescape_html(text: str) -> str:
    """Greenhouse serves description HTML escaped once (``&lt;p&gt;``): unescape it once."""
    return html_lib.unescape(text)


def clean_list(values: Iterable[Any]) -> tuple[str, ...]:
    """Non-empty strings, stripped, de-duplicated in order."""
    out: dict[str, None] = {}
    for v in values:
        if isinstance(v, str) and v.strip():
            out[v.strip()] = None
    return tuple(out)


_REMOTE_RE = re.compile(r"\b(remote|anywhere|worldwide|work from home|distributed)\b", re.I)


def looks_remote(*texts: str | None) -> bool | None:
    """True when a location text says remote; None (unknown) otherwise."""
    return True if any(t and _REMOTE_RE.search(t) for t in texts) else None


PERIODS = {
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "yr": "year",
    "month": "month", "monthly": "month", "week": "week", "weekly": "week",
    "day": "day", "daily": "day", "hour": "hour", "hourly": "hour",
}  # fmt: skip


def salary_period(value: Any) -> str | None:
    """Normalise 'YEAR', 'per-year-salary', 'Yearly'... to year|month|week|day|hour."""
    if not isinstance(value, str):
        return None
    for word in re.findall(r"[a-z]+", value.lower()):
        if word in PERIODS:
            return PERIODS[word]
    return None


def number(value: Any) -> float | None:
    """A salary bound as a float; None for absent, zero, or unparseable values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        digits = re.sub(r"[^\d.]", "", value)
        try:
            parsed = float(digits)
        except ValueError:
            return None
        return parsed if parsed > 0 else None
    return None


def posting_hash(*parts: Any) -> str:
    """Identity of what a posting says (not how it was served); a change means an edit."""
    return content_hash([p.isoformat() if isinstance(p, datetime) else p for p in parts])


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _names(types: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in _as_tuple(types))
