"""The records every source produces.

A source fetches raw payloads (``RawPayload``: the JSON exactly as served, its URL and time) and
parses each into a ``Posting`` with a pure function. Fetching may be retried; parsing never is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def content_hash(payload: Any) -> str:
    """Stable SHA-256 of a JSON-able value (keys sorted), the identity of a payload's content."""
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# Fields that change while the record itself does not (reply lists, counters, search
# highlighting). They are stored with the payload but left out of its hash, so an unchanged
# posting is not landed again each night just because it got a reply.
VOLATILE_KEYS = frozenset(
    {
        "kids",
        "descendants",
        "children",
        "num_comments",
        "points",
        "_highlightResult",
        "_rankingInfo",
    }
)


def payload_hash(payload: Mapping[str, Any]) -> str:
    """Identity of a raw payload: its content hash without the volatile fields."""
    return content_hash({k: v for k, v in payload.items() if k not in VOLATILE_KEYS})


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
            object.__setattr__(self, "hash", payload_hash(self.payload))


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
    # Job-board fields (None or empty where the source does not say).
    board: str | None = None  # the board token (or feed name) it was listed on
    locations: tuple[str, ...] = ()
    remote: bool | None = None
    department: str | None = None
    employment_type: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None  # year | month | week | day | hour
    salary_text: str | None = None  # as the source wrote it
    updated_at: datetime | None = None

    @property
    def board_company(self) -> str | None:
        """The employer a job board names; an HN post names its own in its first line."""
        return None if self.source == "hn" else self.company


@dataclass(frozen=True)
class Quarantined:
    """A record that failed to parse, kept with its error instead of being dropped."""

    source: str
    record_key: str
    url: str
    error: str
    payload: str  # the raw text (JSON or not) exactly as received
    hash: str
