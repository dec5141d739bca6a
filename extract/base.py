"""The records every source produces, and the small protocol sources implement.

A source fetches raw payloads (``RawPayload``: the JSON exactly as served, its URL and time) and
parses each into a ``Posting`` with a pure function. Fetching may be retried; parsing never is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


def content_hash(payload: Any) -> str:
    """Stable SHA-256 of a JSON-able value (keys sorted), the identity of a payload's content."""
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RawPayload:
    """One record as the source served it, landed before anything parses it."""

    source: str
    source_id: str
    url: str
    fetched_at: datetime
    payload: Mapping[str, Any]
    hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.payload))


@dataclass(frozen=True)
class Posting:
    """A parsed posting: the one typed record between extract and transform."""

    source: str
    source_id: str
    url: str
    period: str  # YYYY-MM the posting counts in (HN: its thread's month)
    posted_at: datetime | None
    html: str
    content_hash: str
    title: str | None = None
    company: str | None = None
    author: str | None = None
    thread_id: str | None = None


@dataclass(frozen=True)
class Quarantined:
    """A record that failed to parse, kept with its error instead of being dropped."""

    source: str
    record_key: str
    url: str
    error: str
    payload: str  # the raw text (JSON or not) exactly as received
    hash: str


class Source(Protocol):
    """What the flows need from a source."""

    name: str

    def parse(self, raw: RawPayload, context: Mapping[str, Any]) -> Posting: ...
