"""Workable accounts: ``GET {base}/accounts/{slug}?details=true``.

One call returns the whole account: ``{"name": company, "description": ..., "jobs": [...]}``;
``details=true`` adds each job's ``description`` (HTML). There is no paging. An unknown account
answers 404.

The company name is only at the top level, so ``list_jobs`` lands each job exactly as served
plus one added key, ``"_account": {"name": <top-level name>}`` (see ``account_jobs``); ``parse``
reads the company from there and falls back to the board token.

Job fields used: ``shortcode`` (the id), ``title``, ``description``, ``url`` (the public page,
else ``shortlink``), ``published_on`` (else ``created_at``; dates ``YYYY-MM-DD``),
``locations[]`` (``{country, countryCode, city, region, hidden}``; hidden ones are skipped; else
the job's own ``city``, ``state``, ``country``), ``telecommuting`` (bool), ``department`` and
``employment_type``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    board_posting,
    by_key,
    clean_list,
    field_value,
    looks_remote,
    optional,
    parse_time,
    require_list,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "workable"
DEFAULT_URL = "https://apply.workable.com/api/v1/widget"
ACCOUNT_KEY = "_account"  # added by list_jobs: the account's top-level fields a job needs

job_id = by_key("shortcode")


def account_jobs(data: Any, url: str) -> list[Any]:
    """The jobs of one account response, each with ``_account: {"name": ...}`` added (jobs that
    are not objects are left as they are, to be quarantined)."""
    jobs = require_list(data, "jobs", SOURCE, url)
    name = data.get("name")
    account = {"name": name if isinstance(name, str) else None}
    return [{**job, ACCOUNT_KEY: account} if isinstance(job, dict) else job for job in jobs]


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/accounts/{quote(board, safe='')}"
    got = await client.fetch_json(url, params={"details": "true"}, setting=SOURCE.setting)
    full = f"{url}?details=true"
    return Listing(account_jobs(got.data, full), full, got.not_modified)


def _place(parts: list[str | None]) -> str | None:
    return ", ".join(p for p in parts if p) or None


def _locations(job: Mapping[str, Any]) -> tuple[str, ...]:
    listed = optional(job, "locations", list) or []
    if not all(isinstance(loc, dict) for loc in listed):
        raise ParseError("expected a list of objects", field="locations")
    places = [
        _place([optional(loc, k, str) for k in ("city", "region", "country")])
        for loc in listed
        if not loc.get("hidden")
    ]
    if not any(places):
        places = [_place([optional(job, k, str) for k in ("city", "state", "country")])]
    return clean_list(places)


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    account = optional(job, ACCOUNT_KEY, dict) or {}
    locations = _locations(job)
    when = "published_on" if job.get("published_on") else "created_at"
    remote = optional(job, "telecommuting", bool)
    return board_posting(
        raw,
        board,
        url=optional(job, "url", str) or field_value(job, "shortlink", str),
        html=field_value(job, "description", str),
        posted_at=parse_time(job.get(when), when),
        title=field_value(job, "title", str).strip(),
        company=optional(account, "name", str) or board,
        locations=locations,
        remote=looks_remote(*locations) if remote is None else remote,
        department=optional(job, "department", str),
        employment_type=optional(job, "employment_type", str),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Workable accounts (one call per account, with descriptions).",
)
