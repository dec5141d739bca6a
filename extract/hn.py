"""Hacker News "Ask HN: Who is hiring?" threads: discovery, top-level comments, parsing.

Algolia's HN Search API is the primary path; the official Firebase API is the fallback for any
step Algolia fails. Algolia returns at most 1000 hits per query, so a thread's comments are read
in time slices (newest first, ``created_at_i<=T``) until a slice is complete. Only top-level
comments are postings; replies are dropped before landing, deleted and dead comments are counted.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from extract.base import Posting, Quarantined, RawPayload, content_hash
from extract.errors import (
    FetchError,
    HTTPStatusError,
    ParseError,
    PayloadError,
    is_retryable,
)
from extract.http import Counters, HttpConfig, PoliteClient

SOURCE = "hn"
AUTHOR = "whoishiring"
# April and May 2015's threads were posted by `_whoishiring`; search and accept both accounts.
AUTHORS = ("whoishiring", "_whoishiring")
ALGOLIA_SETTING = "JOBTRENDS_HN_ALGOLIA_URL"
FIREBASE_SETTING = "JOBTRENDS_HN_FIREBASE_URL"
ALGOLIA_MAX_HITS = 1000

_MONTHS = {
    name: i
    for i, name in enumerate(
        "january february march april may june july august september october november december".split(),
        start=1,
    )
}
# "Ask HN: Who is hiring? (March 2024)"; casing varies over the years, and the monthly threads are
# the only stories by `whoishiring` with exactly this shape ("Who wants to be hired?" and
# "Freelancer? Seeking freelancer?" are its other monthly stories).
TITLE_RE = re.compile(
    r"^\s*Ask HN:\s*Who is hiring\?\s*\(\s*([A-Za-z]+)\.?,?\s+(\d{4})\s*\)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class HNConfig:
    algolia_url: str = "https://hn.algolia.com/api/v1"
    firebase_url: str = "https://hacker-news.firebaseio.com/v0"
    http: HttpConfig = field(default_factory=HttpConfig)


@dataclass(frozen=True)
class Thread:
    """A monthly "Who is hiring?" story."""

    id: str
    period: str  # YYYY-MM from the title
    title: str
    created_at: datetime | None = None


@dataclass
class ThreadFetch:
    """What fetching one thread produced: its top-level comments as landed payloads, or an error."""

    thread: Thread
    records: list[RawPayload] = field(default_factory=list)
    malformed: list[Quarantined] = field(default_factory=list)  # hits that are not comments
    deleted: int = 0
    via: str = "algolia"
    error: str | None = None
    retryable: bool = False  # the error may go away if asked again (5xx, 429, network)
    notes: list[str] = field(default_factory=list)


def thread_period(title: str) -> str | None:
    """YYYY-MM of a monthly hiring thread title, or None when the title is not one."""
    m = TITLE_RE.match(title or "")
    if not m:
        return None
    month = _MONTHS.get(m.group(1).lower())
    if month is None:
        return None
    return f"{int(m.group(2)):04d}-{month:02d}"


def month_start(period: str) -> datetime:
    year, month = (int(x) for x in period.split("-"))
    return datetime(year, month, 1, tzinfo=UTC)


def months_between(since: str, until: str) -> list[str]:
    """Inclusive list of YYYY-MM periods."""
    y, m = (int(x) for x in since.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= until:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ---------------------------------------------------------------- discovery


async def discover_threads(
    client: PoliteClient, cfg: HNConfig, since: str, until: str
) -> tuple[list[Thread], list[str]]:
    """Monthly threads with ``since <= period <= until``, newest first, and notes on fallbacks."""
    notes: list[str] = []
    try:
        threads = await _discover_algolia(client, cfg, since)
    except FetchError as exc:
        notes.append(f"Algolia discovery failed, falling back to Firebase: {exc.short}")
        try:
            threads = await _discover_firebase(client, cfg, since)
        except FetchError as fb_exc:
            raise _both_failed(exc, fb_exc) from fb_exc
    wanted = [t for t in threads if since <= t.period <= until]
    # A month has one thread; if a story was ever reposted keep the earliest id.
    by_period: dict[str, Thread] = {}
    for t in sorted(wanted, key=lambda t: int(t.id)):
        by_period.setdefault(t.period, t)
    return sorted(by_period.values(), key=lambda t: t.period, reverse=True), notes


def _lower_bound(since: str) -> int:
    # Threads are posted on the 1st, a few even on the last day of the month before.
    return int((month_start(since) - timedelta(days=7)).timestamp())


async def _discover_algolia(client: PoliteClient, cfg: HNConfig, since: str) -> list[Thread]:
    url = f"{cfg.algolia_url.rstrip('/')}/search_by_date"
    threads: list[Thread] = []
    page = 0
    while True:
        params = {
            "tags": "story,(" + ",".join(f"author_{a}" for a in AUTHORS) + ")",
            "numericFilters": f"created_at_i>={_lower_bound(since)}",
            "hitsPerPage": ALGOLIA_MAX_HITS,
            "page": page,
        }
        data = await client.get_json(url, params=params, setting=ALGOLIA_SETTING)
        hits = _require_list(data, "hits", url)
        for hit in hits:
            if not isinstance(hit, dict):
                continue
            title = hit.get("title") or ""
            period = thread_period(title)
            if period and hit.get("author", AUTHOR) in AUTHORS and hit.get("objectID"):
                created = hit.get("created_at_i")
                threads.append(
                    Thread(
                        id=str(hit["objectID"]),
                        period=period,
                        title=title,
                        created_at=_ts(created) if isinstance(created, int) else None,
                    )
                )
        nb_pages = data.get("nbPages")
        page += 1
        if not hits or not isinstance(nb_pages, int) or page >= nb_pages:
            return threads


async def _discover_firebase(client: PoliteClient, cfg: HNConfig, since: str) -> list[Thread]:
    base = cfg.firebase_url.rstrip("/")
    ids: set[int] = set()
    for author in AUTHORS:
        url = f"{base}/user/{author}.json"
        user = await client.get_json(url, setting=FIREBASE_SETTING)
        if user is None:  # Firebase answers null for an unknown user
            continue
        if not isinstance(user, dict) or not isinstance(user.get("submitted"), list):
            raise PayloadError(
                "expected a user object with a 'submitted' list",
                source=SOURCE,
                url=url,
                setting=FIREBASE_SETTING,
            )
        ids.update(int(i) for i in user["submitted"] if str(i).isdigit())
    lower = _lower_bound(since)
    threads: list[Thread] = []
    ordered = sorted(ids, reverse=True)
    # Item ids grow with time: read newest first in small concurrent chunks until items predate
    # `since`.
    for start in range(0, len(ordered), 12):
        chunk = ordered[start : start + 12]
        items = await asyncio.gather(
            *(client.get_json(f"{base}/item/{i}.json", setting=FIREBASE_SETTING) for i in chunk)
        )
        oldest = None
        for item in items:
            if not isinstance(item, dict):
                continue
            t = item.get("time")
            if isinstance(t, int):
                oldest = t if oldest is None else min(oldest, t)
            if item.get("type") != "story" or item.get("deleted") or item.get("dead"):
                continue
            period = thread_period(item.get("title") or "")
            if period and isinstance(t, int) and t >= lower:
                threads.append(Thread(str(item["id"]), period, item["title"], _ts(t)))
        if oldest is not None and oldest < lower:
            break
    return threads


# ---------------------------------------------------------------- comments


async def fetch_threads(
    cfg: HNConfig, threads: Iterable[Thread], *, transport: Any = None
) -> tuple[list[ThreadFetch], Counters]:
    """Fetch every top-level comment of each thread concurrently on one polite client.

    Errors are kept per thread (``ThreadFetch.error``), never raised; also returns the client's
    request counters."""
    async with PoliteClient(cfg.http, source=SOURCE, transport=transport) as client:
        results = await asyncio.gather(*(fetch_thread(client, cfg, t) for t in threads))
        return list(results), client.counters


async def fetch_thread(client: PoliteClient, cfg: HNConfig, thread: Thread) -> ThreadFetch:
    """One thread via Algolia, or via Firebase when Algolia fails. Never raises FetchError."""
    result = ThreadFetch(thread)
    try:
        result.records, result.malformed, result.deleted = await _comments_algolia(
            client, cfg, thread
        )
        return result
    except FetchError as exc:
        result.notes.append(f"Algolia failed for thread {thread.id}, used Firebase: {exc.short}")
        algolia_error = exc
    try:
        result.via = "firebase"
        result.records, result.deleted = await _comments_firebase(client, cfg, thread)
    except FetchError as exc:
        result.error = str(_both_failed(algolia_error, exc))
        result.retryable = is_retryable(algolia_error) or is_retryable(exc)
    return result


def _both_failed(primary: FetchError, fallback: FetchError) -> FetchError:
    """One error for "Algolia failed and so did Firebase", naming both URLs and both settings."""
    message = (
        f"{primary.short} ({primary.url}); "
        f"Firebase fallback failed too: {fallback.short} ({fallback.url})"
    )
    setting = f"{ALGOLIA_SETTING} (and {FIREBASE_SETTING})"
    if isinstance(primary, HTTPStatusError):
        return HTTPStatusError(
            message, source=SOURCE, url=primary.url, status=primary.status, setting=setting
        )
    return type(primary)(message, source=SOURCE, url=primary.url, setting=setting)


async def _comments_algolia(
    client: PoliteClient, cfg: HNConfig, thread: Thread
) -> tuple[list[RawPayload], list[Quarantined], int]:
    url = f"{cfg.algolia_url.rstrip('/')}/search_by_date"
    seen: dict[str, tuple[dict[str, Any], str]] = {}
    malformed: list[tuple[Any, str]] = []
    bad: list[Quarantined] = []
    upper: int | None = None
    while True:
        params: dict[str, Any] = {
            "tags": f"comment,story_{thread.id}",
            "hitsPerPage": ALGOLIA_MAX_HITS,
        }
        if upper is not None:
            params["numericFilters"] = f"created_at_i<={upper}"
        data = await client.get_json(url, params=params, setting=ALGOLIA_SETTING)
        hits = _require_list(data, "hits", url)
        request_url = _url(url, params)
        new = 0
        for hit in hits:
            if not isinstance(hit, dict) or not hit.get("objectID"):
                if (hit, request_url) not in malformed:
                    malformed.append((hit, request_url))
                continue
            key = str(hit["objectID"])
            if key not in seen:
                seen[key] = (hit, request_url)
                new += 1
        nb_hits = data.get("nbHits")
        if not isinstance(nb_hits, int) or nb_hits <= len(hits):
            break  # this slice held everything at or before `upper`
        times = [
            h["created_at_i"]
            for h in hits
            if isinstance(h, dict) and isinstance(h.get("created_at_i"), int)
        ]
        if new == 0 or not times:
            raise PayloadError(
                f"cannot slice thread {thread.id} further: {nb_hits} hits at created_at_i<={upper}",
                source=SOURCE,
                url=request_url,
                setting=ALGOLIA_SETTING,
            )
        upper = min(times)

    fetched_at = datetime.now(UTC)
    records: list[RawPayload] = []
    deleted = 0
    for index, hit in enumerate(malformed):
        records_url = hit[1]
        body = json.dumps(hit[0], ensure_ascii=False, sort_keys=True, default=str)
        bad.append(
            Quarantined(
                SOURCE,
                f"{records_url}#hit{index}",
                records_url,
                f"{SOURCE}: {records_url}: search hit is not a comment object with an objectID",
                body,
                content_hash(body),
            )
        )
    for key, (hit, request_url) in seen.items():
        parent = hit.get("parent_id")
        if parent is not None and str(parent) != thread.id:
            continue  # a reply, not a posting
        if not hit.get("comment_text") or hit.get("author") is None:
            deleted += 1
            continue
        records.append(RawPayload(SOURCE, key, request_url, fetched_at, hit))
    return records, bad, deleted


async def _comments_firebase(
    client: PoliteClient, cfg: HNConfig, thread: Thread
) -> tuple[list[RawPayload], int]:
    base = cfg.firebase_url.rstrip("/")
    story_url = f"{base}/item/{thread.id}.json"
    story = await client.get_json(story_url, setting=FIREBASE_SETTING)
    if not isinstance(story, dict):
        raise PayloadError(
            "expected an item object", source=SOURCE, url=story_url, setting=FIREBASE_SETTING
        )
    kids = [k for k in story.get("kids") or [] if isinstance(k, int)]
    urls = [f"{base}/item/{k}.json" for k in kids]
    items = await asyncio.gather(*(client.get_json(u, setting=FIREBASE_SETTING) for u in urls))
    fetched_at = datetime.now(UTC)
    records: list[RawPayload] = []
    deleted = 0
    for kid, item_url, item in zip(kids, urls, items, strict=True):
        if not isinstance(item, dict) or item.get("deleted") or item.get("dead"):
            deleted += 1
            continue
        records.append(RawPayload(SOURCE, str(item.get("id", kid)), item_url, fetched_at, item))
    return records, deleted


# ---------------------------------------------------------------- parsing (pure)


def parse(raw: RawPayload, threads: Mapping[str, Thread]) -> Posting:
    """Turn one landed comment (Algolia hit or Firebase item) into a Posting, or raise ParseError."""
    p = raw.payload
    if "objectID" in p:  # Algolia search hit
        source_id = _field(p, "objectID", (str, int))
        html = _field(p, "comment_text", str)
        created = _field(p, "created_at_i", int)
        author = p.get("author")
        thread_id = p.get("story_id") or p.get("parent_id")
    else:  # Firebase item
        source_id = _field(p, "id", int)
        html = _field(p, "text", str)
        created = _field(p, "time", int)
        author = p.get("by")
        thread_id = p.get("parent")
    if thread_id is None:
        raise ParseError(
            "missing: cannot tell which thread the comment belongs to", field="story_id"
        )
    thread = threads.get(str(thread_id))
    if thread is None:
        raise ParseError(f"comment belongs to unknown thread {thread_id}", field="story_id")
    return Posting(
        source=SOURCE,
        source_id=str(source_id),
        url=f"https://news.ycombinator.com/item?id={source_id}",
        period=thread.period,
        posted_at=_ts(created),
        html=html,
        # Hash what the posting says, not how it was served: Algolia and Firebase copies of an
        # unchanged comment are the same posting.
        content_hash=content_hash([html, created, author, thread.id]),
        author=author if isinstance(author, str) else None,
        thread_id=thread.id,
    )


def _field(payload: Mapping[str, Any], name: str, types: type | tuple[type, ...]) -> Any:
    value = payload.get(name)
    if value is None:
        raise ParseError("missing", field=name)
    if isinstance(value, bool) or not isinstance(value, types):
        raise ParseError(f"expected {_names(types)}, got {type(value).__name__}", field=name)
    if isinstance(value, str) and not value.strip():
        raise ParseError("empty", field=name)
    return value


def _names(types: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))


def _require_list(data: Any, key: str, url: str) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise PayloadError(
            f"expected a JSON object with a {key!r} list",
            source=SOURCE,
            url=url,
            setting=ALGOLIA_SETTING,
        )
    return data[key]


def _ts(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def _url(url: str, params: Mapping[str, Any]) -> str:
    return str(httpx.URL(url, params=dict(params)))
