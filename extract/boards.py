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
import math
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from extract.base import Posting, Quarantined, RawPayload, content_hash
from extract.errors import (
    FetchError,
    HTTPStatusError,
    ParseError,
    PayloadError,
    is_retryable,
)
from extract.http import Counters, HttpConfig, PoliteClient


@dataclass
class Listing:
    """What listing one board returned: its jobs as raw JSON values, the URL that served them,
    and whether every page was a 304 answered from the HTTP cache. ``job_urls``, when given,
    is the request that served each job (one per job, e.g. a detail call), landed with it."""

    jobs: list[Any]
    url: str
    not_modified: bool = False
    job_urls: list[str] | None = None


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
    # A cheaper listing for `jobtrends sources check`: the jobs without their details (for a
    # source whose list_jobs asks for each job's details too); None: list_jobs is cheap.
    probe: ListJobs | None = None

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
        result.retryable = is_retryable(exc)
        return result
    except Exception as exc:  # garbage the module did not expect must not stop other boards
        result.error = (
            f"{source.name}: board {board!r} ({base_url or board}): unexpected answer, the "
            f"source module failed on it ({type(exc).__name__}: {exc}); please report it with "
            "the board name"
        )
        result.url = base_url or board
        return result
    result.url = listing.url
    result.not_modified = listing.not_modified
    seen: dict[str, str] = {}  # source id -> payload hash
    for index, job in enumerate(listing.jobs):
        job_id = source.job_id(job) if isinstance(job, Mapping) else None
        if job_id is None or isinstance(job_id, bool) or str(job_id).strip() == "":
            result.malformed.append(
                malformed(source.name, board, listing.url, index, job, "job has no id")
            )
            continue
        source_id = str(job_id) if source.feed else f"{board}/{job_id}"
        raw = RawPayload(
            source=source.name,
            source_id=source_id,
            url=listing.job_urls[index] if listing.job_urls else listing.url,
            fetched_at=result.fetched_at,
            payload=job,
        )
        if source_id in seen:
            if seen[source_id] != raw.hash:  # two different jobs under one id: keep both
                result.malformed.append(
                    malformed(
                        source.name, board, listing.url, index, job,
                        f"id {job_id!r} is listed twice with different content; the first "
                        "was loaded, this one is kept here",
                    )
                )  # fmt: skip
            continue  # the same job listed twice (paging overlap) lands once
        seen[source_id] = raw.hash
        result.records.append(raw)
    return result


async def fetch_boards(
    source: BoardSource,
    config: HttpConfig,
    targets: Iterable[tuple[str, str]],
    *,
    cache: Path | None = None,
    transport: Any = None,
    timeout: float | None = None,
) -> tuple[list[BoardFetch], Counters]:
    """Fetch every ``(board, base URL)`` of one source concurrently on one polite client (so
    per-host rate limits hold across boards). Errors are kept per board, never raised; a board
    still fetching after ``timeout`` seconds fails, and the boards done by then are kept."""
    async with PoliteClient(config, source=source.name, transport=transport, cache=cache) as client:

        async def one(board: str, base_url: str) -> BoardFetch:
            try:
                return await asyncio.wait_for(fetch_board(source, client, base_url, board), timeout)
            except TimeoutError:
                return BoardFetch(
                    source.name, board, url=base_url or board,
                    error=f"{source.name}: board {board!r}: still fetching when the run's time "
                    "for job boards ran out (JOBTRENDS_FETCH_TIMEOUT); the next run fetches it "
                    "again",
                )  # fmt: skip

        results = await asyncio.gather(*(one(board, base_url) for board, base_url in targets))
        return list(results), client.counters


def malformed(source: str, board: str, url: str, index: int, value: Any, error: str) -> Quarantined:
    """A listed job that cannot be loaded as a posting, kept in quarantine with its error.

    Keyed by board and content (not position), so the same bad job is quarantined once however
    often it is listed."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    digest = content_hash(text)
    return Quarantined(
        source=source,
        record_key=f"{board}#{digest[:16]}",
        url=url,
        error=f"{source}: board {board!r} ({url}): item {index}: {error}",
        payload=text,
        hash=digest,
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


def by_key(name: str) -> Callable[[Mapping[str, Any]], Any]:
    """A ``job_id`` that reads one field of the job: ``job_id = by_key("id")``."""

    def job_id(job: Mapping[str, Any]) -> Any:
        return job.get(name)

    job_id.__doc__ = f"The job's ``{name}``; None when it has none."
    return job_id


# What a posting says: a change to any of these is an edit, and the posting is written again.
# Not url or period (where and when it is filed), nor updated_at: boards bump it without an
# edit to what the posting says (a re-save, an internal change), which would rewrite postings
# every night.
HASHED_FIELDS = (
    "title", "company", "html", "locations", "remote", "department", "employment_type",
    "salary_min", "salary_max", "salary_currency", "salary_period", "salary_text", "posted_at",
)  # fmt: skip


def board_posting(
    raw: RawPayload, board: str, *, url: str, html: str, posted_at: datetime | None, **fields: Any
) -> Posting:
    """The Posting of one landed job, as every source's ``parse`` returns it.

    ``source`` and ``source_id`` come from ``raw``, ``period`` from ``posted_at`` (else from
    when the job was fetched), and ``content_hash`` is ``posting_hash``; ``fields`` are the
    other Posting fields the source knows (title, company, locations, ``**salary_fields(...)``).
    """
    posting = Posting(
        source=raw.source,
        source_id=raw.source_id,
        url=url,
        period=period_of(posted_at, raw.fetched_at),
        posted_at=posted_at,
        html=html,
        content_hash="",
        board=board,
        **fields,
    )
    return replace(posting, content_hash=posting_hash(posting))


def posting_hash(posting: Posting) -> str:
    """Identity of what a posting says (``HASHED_FIELDS``), not of how or when it was served."""
    said = {name: getattr(posting, name) for name in HASHED_FIELDS}
    return content_hash(
        {k: v.isoformat() if isinstance(v, datetime) else v for k, v in said.items()}
    )


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
# "Not remote", "no remote work", "non-remote", "remote not possible": mentions that deny it.
_NOT_REMOTE_RE = re.compile(
    r"\b(?:not|no|non)(?:\s+an?)?[\s-]+remote\b"
    r"|\bremote(?:\s+work(?:ing)?)?(?:\s+is)?\s+not\s+(?:possible|available|allowed|offered)\b",
    re.I,
)


def looks_remote(*texts: str | None) -> bool | None:
    """True when a location (or title) text says remote; None (unknown) otherwise, also when
    the only mentions deny it ("not remote", "non-remote", "remote not possible")."""
    return True if any(t and _REMOTE_RE.search(_NOT_REMOTE_RE.sub(" ", t)) for t in texts) else None


# Workplace types as boards write them (letters only, lower case) -> Posting.remote. Hybrid is
# neither remote nor on-site: None, like a type the board leaves unspecified.
WORKPLACE_REMOTE: dict[str, bool | None] = {
    "remote": True, "fullyremote": True, "telecommute": True,
    "onsite": False, "inoffice": False, "office": False,
    "hybrid": None,
}  # fmt: skip


def workplace_remote(kind: Any, otherwise: bool | None = None) -> bool | None:
    """``Posting.remote`` from a workplace type however a board spells it (``remote``,
    ``OnSite``, ``on-site``, ``ON_SITE``, ``Hybrid``, schema.org's ``TELECOMMUTE``): True for
    remote, False for on-site, None for hybrid. ``otherwise`` is returned for a type it does
    not know (absent, ``unspecified``): what else the job says, e.g. ``looks_remote(...)``."""
    key = re.sub(r"[^a-z]", "", kind.lower()) if isinstance(kind, str) else ""
    return WORKPLACE_REMOTE.get(key, otherwise)


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


# One amount as written: an optional currency (symbol or ISO code) before or after; digits,
# grouped by thousands with commas or spaces; at most two decimals (so "50.000", a German
# 50,000, is not read as 50); an optional "k" for thousands. Ranges and prose do not match.
_CURRENCY = r"(?:[$€£¥₹]|[A-Z]{3})"
_AMOUNT = re.compile(
    rf"{_CURRENCY}?\s*"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?P<frac>\.\d{1,2})?"
    rf"\s*(?P<k>[kK])?\s*{_CURRENCY}?"
)


def number(value: Any) -> float | None:
    """One salary amount as a float: a number, or a string holding just one (``"$120,000"``,
    ``"120000"``, ``"95,000.00"``, ``"120k"``). None for absent, zero or negative values and
    for anything else: a range (``"80,000 - 100,000"``), prose, or a decimal comma
    (``"1.234,56"``), which a digit filter would run together into a wrong figure."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        amount = float(value)
    elif isinstance(value, str) and (match := _AMOUNT.fullmatch(value.strip())):
        digits = re.sub(r"[^\d]", "", match["int"]) + (match["frac"] or "")
        amount = float(digits) * (1000 if match["k"] else 1)
    else:
        return None
    return amount if math.isfinite(amount) and amount > 0 else None


def salary_fields(
    low: Any = None, high: Any = None, currency: Any = None, period: Any = None, text: Any = None
) -> dict[str, Any]:
    """The ``salary_*`` fields of a posting, to pass on as ``**salary_fields(...)``: the bounds
    through ``number``, the currency code upper-cased, the period through ``salary_period``,
    the text as the source wrote it. A currency or period without a bound says nothing and is
    dropped; {} when nothing is known."""
    said = text.strip() if isinstance(text, str) and text.strip() else None
    low, high = number(low), number(high)
    if low is None and high is None:
        return {"salary_text": said} if said else {}
    code = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_currency": code,
        "salary_period": salary_period(period),
        "salary_text": said,
    }


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _names(types: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in _as_tuple(types))


# --- listing helpers: what most sources' list_jobs is -------------------------------------------


async def list_in_one_call(
    client: PoliteClient,
    source: BoardSource,
    url: str,
    key: str | None,
    params: Mapping[str, str] | None = None,
) -> Listing:
    """A board whose every job comes in one answer: GET ``url`` (with ``params``) and return
    ``data[key]`` (the body itself when ``key`` is None), else PayloadError. The Listing's URL
    carries the query, so errors and landed payloads name the exact request."""
    query = dict(params or {})
    got = await client.fetch_json(url, params=query or None, setting=source.setting)
    full = f"{url}?{urlencode(query)}" if query else url
    return Listing(require_list(got.data, key, source, full), full, got.not_modified)
