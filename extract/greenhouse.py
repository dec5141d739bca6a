"""Greenhouse job boards: ``GET {base}/boards/{token}/jobs?content=true``.

One call returns every open job of a board as ``{"jobs": [...], "meta": {"total": n}}``. With
``content=true`` each job carries ``content``: the description HTML, *escaped* once
(``&lt;p&gt;``), so it is unescaped once before parsing. Other fields: ``id``, ``title``,
``updated_at``, ``first_published`` (newer boards), ``location.name``, ``absolute_url``,
``departments[].name``, ``offices[].name``, ``company_name``, ``metadata``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    clean_list,
    field_value,
    looks_remote,
    optional,
    parse_time,
    period_of,
    posting_hash,
    require_list,
    unescape_html,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "greenhouse"
DEFAULT_URL = "https://boards-api.greenhouse.io/v1"


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/boards/{quote(board, safe='')}/jobs"
    got = await client.fetch_json(url, params={"content": "true"}, setting=SOURCE.setting)
    full = f"{url}?content=true"
    return Listing(require_list(got.data, "jobs", SOURCE, full), full, got.not_modified)


def job_id(job: Mapping[str, Any]) -> Any:
    return job.get("id")


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "title", str).strip()
    escaped = field_value(job, "content", str)
    html = unescape_html(escaped)
    url = field_value(job, "absolute_url", str)
    location = optional(job, "location", dict) or {}
    location_name = optional(location, "name", str)
    offices = optional(job, "offices", list) or []
    departments = optional(job, "departments", list) or []
    if not all(isinstance(d, dict) for d in departments):
        raise ParseError("expected a list of objects", field="departments")
    if not all(isinstance(o, dict) for o in offices):
        raise ParseError("expected a list of objects", field="offices")
    locations = clean_list([location_name, *(o.get("name") for o in offices)])
    published = parse_time(job.get("first_published"), "first_published")
    updated = parse_time(job.get("updated_at"), "updated_at")
    company = optional(job, "company_name", str) or board
    return Posting(
        source=NAME,
        source_id=raw.source_id,
        url=url,
        period=period_of(published, raw.fetched_at),
        posted_at=published,
        updated_at=updated,
        html=html,
        content_hash=posting_hash(title, html, company, locations, published),
        title=title,
        company=company,
        board=board,
        locations=locations,
        remote=looks_remote(*locations, title),  # offices too: "Remote - US" is often one
        department=next((d["name"] for d in departments if isinstance(d.get("name"), str)), None),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Greenhouse job boards (one call per board, description HTML escaped once).",
)
