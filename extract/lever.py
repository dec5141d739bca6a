"""Lever job sites: ``GET {base}/postings/{site}?mode=json&skip=N&limit=100``.

Each page is a JSON *list* of published postings; pages are asked for with ``skip``/``limit``
until one comes back shorter than ``limit``. EU sites live on another host
(``EU_URL``, ``https://api.eu.lever.co/v0``): the caller passes that base URL, nothing else
changes. An unknown site answers 404 ``{"ok": false, "error": "Document not found"}``.

Posting fields used: ``id`` (UUID), ``text`` (the title), ``categories`` (``location``,
``allLocations[]``, ``department``, ``team``, ``commitment``), ``createdAt`` / ``updatedAt``
(epoch milliseconds), ``description`` (opening and body, HTML; ``descriptionPlain`` when it is
missing), ``lists[]`` (``{text: heading, content: "<li>..."}``, e.g. requirements), ``additional``
(closing HTML), ``hostedUrl``, ``workplaceType`` (``remote | hybrid | on-site | unspecified``:
remote, neither (None) and on-site, as every source maps them; unspecified falls back to the
location text), ``salaryRange`` (``{min, max, currency, interval: "per-year-salary"}``) and
``salaryDescriptionPlain`` / ``salaryDescription``. The HTML is the description, then each list
as ``<h3>heading</h3><ul>items</ul>``, then the closing. Lever names no company: the site token
stands in for it.
"""

from __future__ import annotations

import html as html_lib
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
    salary_fields,
    workplace_remote,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "lever"
DEFAULT_URL = "https://api.lever.co/v0"
EU_URL = "https://api.eu.lever.co/v0"  # sites hosted in the EU
PAGE_SIZE = 100

job_id = by_key("id")


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/postings/{quote(board, safe='')}"
    full = f"{url}?mode=json"
    jobs: list[Any] = []
    seen: set[str] = set()
    not_modified = True
    skip = 0
    while True:
        params = {"mode": "json", "skip": str(skip), "limit": str(PAGE_SIZE)}
        got = await client.fetch_json(url, params=params, setting=SOURCE.setting)
        page = require_list(got.data, None, SOURCE, f"{full}&skip={skip}&limit={PAGE_SIZE}")
        not_modified = not_modified and got.not_modified
        jobs.extend(page)
        ids = {str(j.get("id")) for j in page if isinstance(j, Mapping) and j.get("id")}
        # A server that ignores ``skip`` would serve the same full page forever.
        if len(page) < PAGE_SIZE or (ids and ids <= seen):
            break
        seen |= ids
        skip += len(page)
    return Listing(jobs, full, not_modified)


def _html(job: Mapping[str, Any]) -> str:
    description = optional(job, "description", str)
    if description is None:
        plain = optional(job, "descriptionPlain", str) or ""
        description = "".join(
            f"<p>{html_lib.escape(line, quote=False)}</p>"
            for line in plain.splitlines()
            if line.strip()
        )
    parts = [description]
    lists = optional(job, "lists", list) or []
    for block in lists:
        if not isinstance(block, dict):
            raise ParseError("expected a list of objects", field="lists")
        heading = optional(block, "text", str)
        content = optional(block, "content", str)
        if content is None:
            continue
        if heading:
            parts.append(f"<h3>{html_lib.escape(heading, quote=False)}</h3>")
        parts.append(f"<ul>{content}</ul>")
    parts.append(optional(job, "additional", str) or "")
    html = "".join(parts)
    if not html.strip():
        raise ParseError("no description, lists or closing text", field="description")
    return html


def _salary(job: Mapping[str, Any]) -> dict[str, Any]:
    text = optional(job, "salaryDescriptionPlain", str) or optional(job, "salaryDescription", str)
    salary = optional(job, "salaryRange", dict) or {}
    return salary_fields(
        salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("interval"), text
    )


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    categories = optional(job, "categories", dict) or {}
    location = optional(categories, "location", str)
    all_locations = optional(categories, "allLocations", list) or []
    locations = clean_list([location, *all_locations])
    return board_posting(
        raw,
        board,
        url=field_value(job, "hostedUrl", str),
        html=_html(job),
        posted_at=parse_time(job.get("createdAt"), "createdAt"),
        updated_at=parse_time(job.get("updatedAt"), "updatedAt"),
        title=field_value(job, "text", str).strip(),
        company=board,
        locations=locations,
        remote=workplace_remote(optional(job, "workplaceType", str), looks_remote(*locations)),
        department=optional(categories, "department", str) or optional(categories, "team", str),
        employment_type=optional(categories, "commitment", str),
        **_salary(job),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Lever job sites (paged with skip/limit; EU sites through their own base URL).",
)
