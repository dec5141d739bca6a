"""SmartRecruiters companies: ``GET {base}/companies/{id}/postings?limit=100&offset=N``.

The list answers ``{"offset", "limit", "totalFound", "content": [summary, ...]}`` and is paged
with ``offset`` until it reaches ``totalFound``. Summaries carry no description, so each
posting's detail, ``GET {base}/companies/{id}/postings/{postingId}``, is fetched too (all at
once: the polite client spaces them per host). The detail JSON is what lands. A detail that
answers 404 was closed between the list and the detail and is skipped; any other failure fails
the whole board, to be fetched again later. An unknown company is not an error for this API: it
answers 200 with ``totalFound: 0``, an empty board. A summary without ``id`` is kept as it is,
so the board quarantines it. Every landed detail carries its own detail URL (the request that
served it). ``probe``, for ``jobtrends sources check``, asks for the list alone.

Detail fields used: ``id``, ``name`` (the title), ``company.name``, ``releasedDate`` (ISO),
``location`` (``fullLocation``, else ``city``, ``region`` and ``country``, a lower-case ISO
code; ``remote`` and ``hybrid``, where hybrid means neither remote nor on-site: None),
``department.label`` (else ``function.label``), ``typeOfEmployment.label``, ``postingUrl`` and
``jobAd.sections``: ``companyDescription``, ``jobDescription``, ``qualifications``,
``additionalInformation``, each ``{title, text: HTML}``, joined in that order with each title
as an ``<h3>``.
"""

from __future__ import annotations

import asyncio
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
    workplace_remote,
)
from extract.errors import FetchError, HTTPStatusError, ParseError, PayloadError
from extract.http import PoliteClient

NAME = "smartrecruiters"
DEFAULT_URL = "https://api.smartrecruiters.com/v1"
PAGE_SIZE = 100
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")

job_id = by_key("id")


def postings_url(base_url: str, board: str) -> str:
    return f"{base_url}/companies/{quote(board, safe='')}/postings"


async def _summaries(client: PoliteClient, url: str) -> tuple[list[Any], bool]:
    """Every summary of the company's list, and whether every page was a 304."""
    summaries: list[Any] = []
    not_modified = True
    offset = 0
    while True:
        params = {"limit": str(PAGE_SIZE), "offset": str(offset)}
        got = await client.fetch_json(url, params=params, setting=SOURCE.setting)
        page_url = f"{url}?limit={PAGE_SIZE}&offset={offset}"
        page = require_list(got.data, "content", SOURCE, page_url)
        total = got.data.get("totalFound")
        if isinstance(total, bool) or not isinstance(total, int):
            raise PayloadError(
                f"expected an integer 'totalFound', got {type(total).__name__}",
                source=NAME,
                url=page_url,
                setting=SOURCE.setting,
            )
        not_modified = not_modified and got.not_modified
        summaries.extend(page)
        offset += len(page)
        if not page or offset >= total:
            return summaries, not_modified


async def _detail(client: PoliteClient, url: str) -> tuple[Any, bool] | None:
    """One posting's detail and whether it was a 304; None when it is gone (404)."""
    try:
        got = await client.fetch_json(url, setting=SOURCE.setting)
    except HTTPStatusError as exc:
        if exc.status == 404:
            return None
        raise
    if not isinstance(got.data, dict):
        raise PayloadError(
            f"expected a JSON object, got {type(got.data).__name__}",
            source=NAME,
            url=url,
            setting=SOURCE.setting,
        )
    return got.data, got.not_modified


async def probe(client: PoliteClient, base_url: str, board: str) -> Listing:
    """The company's summaries alone, without a detail call each: enough to see the board."""
    url = postings_url(base_url, board)
    summaries, not_modified = await _summaries(client, url)
    return Listing(summaries, f"{url}?limit={PAGE_SIZE}", not_modified)


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = postings_url(base_url, board)
    summaries, not_modified = await _summaries(client, url)
    wanted: dict[str, None] = {}  # posting ids in list order, each once
    for summary in summaries:
        pid = _posting_id(summary)
        if pid is not None:
            wanted[pid] = None
    # One failed detail cancels the others: the board fails as a whole.
    try:
        async with asyncio.TaskGroup() as group:
            tasks = {
                pid: group.create_task(_detail(client, f"{url}/{quote(pid, safe='')}"))
                for pid in wanted
            }
    except ExceptionGroup as failed:
        first = next((e for e in failed.exceptions if isinstance(e, FetchError)), None)
        if first is None:
            raise
        raise first from None
    listed = f"{url}?limit={PAGE_SIZE}"
    jobs: list[Any] = []
    job_urls: list[str] = []  # each detail is landed with the request that served it
    for summary in summaries:
        pid = _posting_id(summary)
        if pid is None:  # landed as listed, so the board quarantines it
            jobs.append(summary)
            job_urls.append(listed)
            continue
        task = tasks.pop(pid, None)
        detail = task.result() if task is not None else None
        if detail is not None:
            jobs.append(detail[0])
            job_urls.append(f"{url}/{quote(pid, safe='')}")
            not_modified = not_modified and detail[1]
    return Listing(jobs, listed, not_modified, job_urls)


def _posting_id(summary: Any) -> str | None:
    pid = job_id(summary) if isinstance(summary, Mapping) else None
    if isinstance(pid, bool) or not isinstance(pid, str | int) or not str(pid).strip():
        return None
    return str(pid)


def _label(job: Mapping[str, Any], name: str) -> str | None:
    value = optional(job, name, dict) or {}
    label = value.get("label")
    return label.strip() if isinstance(label, str) and label.strip() else None


def _html(job: Mapping[str, Any]) -> str:
    ad = field_value(job, "jobAd", dict)
    sections = optional(ad, "sections", dict) or {}
    parts: list[str] = []
    for name in SECTIONS:
        section = sections.get(name)
        if section is None:
            continue
        if not isinstance(section, dict):
            raise ParseError(
                f"expected an object, got {type(section).__name__}", field=f"jobAd.sections.{name}"
            )
        text = optional(section, "text", str)
        if text is None:
            continue
        title = optional(section, "title", str)
        parts.append(f"<h3>{html_lib.escape(title, quote=False)}</h3>{text}" if title else text)
    if not parts:
        raise ParseError("no section has text", field="jobAd.sections")
    return "".join(parts)


def _location(job: Mapping[str, Any]) -> tuple[tuple[str, ...], bool | None]:
    location = optional(job, "location", dict) or {}
    full = optional(location, "fullLocation", str)
    if full is None:  # e.g. {"city": "Lisbon", "region": "Lisbon", "country": "pt"}
        country = optional(location, "country", str)
        parts = [optional(location, "city", str), optional(location, "region", str)]
        parts.append(country.upper() if country and len(country) == 2 else country)
        full = ", ".join(clean_list(parts)) or None
    remote = optional(location, "remote", bool)
    kind = "hybrid" if optional(location, "hybrid", bool) else None
    return clean_list([full]), workplace_remote(
        kind, looks_remote(full) if remote is None else remote
    )


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    company = optional(job, "company", dict) or {}
    locations, remote = _location(job)
    return board_posting(
        raw,
        board,
        url=field_value(job, "postingUrl", str),
        html=_html(job),
        posted_at=parse_time(job.get("releasedDate"), "releasedDate"),
        title=field_value(job, "name", str).strip(),
        company=optional(company, "name", str) or board,
        locations=locations,
        remote=remote,
        department=_label(job, "department") or _label(job, "function"),
        employment_type=_label(job, "typeOfEmployment"),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    probe=probe,
    doc="SmartRecruiters companies (paged list, then each posting's detail).",
)
