"""Greenhouse job boards: ``GET {base}/boards/{token}/jobs?content=true``.

One call returns every open job of a board as ``{"jobs": [...], "meta": {"total": n}}``. With
``content=true`` each job carries ``content``: the description HTML, *escaped* once
(``&lt;p&gt;``), so it is unescaped once before parsing. Other fields: ``id``, ``title``,
``updated_at``, ``first_published`` (newer boards), ``location.name``, ``absolute_url``,
``departments[].name``, ``offices[].name``, ``company_name``, ``metadata``.
"""

from __future__ import annotations

from urllib.parse import quote

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    board_posting,
    by_key,
    clean_list,
    field_value,
    list_in_one_call,
    looks_remote,
    optional,
    parse_time,
    unescape_html,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "greenhouse"
DEFAULT_URL = "https://boards-api.greenhouse.io/v1"

job_id = by_key("id")


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/boards/{quote(board, safe='')}/jobs"
    return await list_in_one_call(client, SOURCE, url, "jobs", {"content": "true"})


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "title", str).strip()
    html = unescape_html(field_value(job, "content", str))
    location = optional(job, "location", dict) or {}
    offices = optional(job, "offices", list) or []
    departments = optional(job, "departments", list) or []
    if not all(isinstance(d, dict) for d in departments):
        raise ParseError("expected a list of objects", field="departments")
    if not all(isinstance(o, dict) for o in offices):
        raise ParseError("expected a list of objects", field="offices")
    locations = clean_list([optional(location, "name", str), *(o.get("name") for o in offices)])
    return board_posting(
        raw,
        board,
        url=field_value(job, "absolute_url", str),
        html=html,
        posted_at=parse_time(job.get("first_published"), "first_published"),
        updated_at=parse_time(job.get("updated_at"), "updated_at"),
        title=title,
        company=optional(job, "company_name", str) or board,
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
