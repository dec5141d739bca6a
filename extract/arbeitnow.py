"""Arbeitnow, a feed of (mostly German) jobs: ``GET {base}/job-board-api?page=N``.

Pages of 100 jobs: ``{"data": [...], "links": {first, last, prev, next}, "meta":
{current_page, from, path, per_page, to, terms, info}}``. Pages are asked for by number from 1
for as long as ``links.next`` is set (``last`` is always null: the API does not count its
jobs). A page without ``links`` is taken as the last one. After ``MAX_PAGES`` pages the feed
is taken to be looping and the listing fails rather than fetch forever.

Job fields used: ``slug`` (the id), ``title``, ``company_name``, ``url``, ``description``
(HTML), ``remote`` (bool), ``location`` (one place), ``job_types[]`` (joined into the
employment type, e.g. ``"Full-time, berufserfahren"``) and ``created_at`` (Unix seconds).
``tags`` are not used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    clean_list,
    field_value,
    optional,
    parse_time,
    period_of,
    posting_hash,
    require_list,
)
from extract.errors import ParseError, PayloadError
from extract.http import PoliteClient

NAME = "arbeitnow"
DEFAULT_URL = "https://www.arbeitnow.com/api"
MAX_PAGES = 100


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/job-board-api"
    jobs: list[Any] = []
    all_not_modified = True
    for page in range(1, MAX_PAGES + 1):
        got = await client.fetch_json(url, params={"page": page}, setting=SOURCE.setting)
        jobs.extend(require_list(got.data, "data", SOURCE, f"{url}?page={page}"))
        all_not_modified = all_not_modified and got.not_modified
        links = got.data.get("links")
        if not isinstance(links, dict) or not links.get("next"):
            return Listing(jobs, url, all_not_modified)
    raise PayloadError(
        f"links.next still set after {MAX_PAGES} pages ({len(jobs)} jobs): the feed seems to "
        f"loop, so nothing was kept",
        source=NAME,
        url=f"{url}?page={MAX_PAGES}",
        setting=SOURCE.setting,
    )


def job_id(job: Mapping[str, Any]) -> Any:
    return job.get("slug")


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "title", str).strip()
    html = field_value(job, "description", str)
    url = field_value(job, "url", str)
    company = optional(job, "company_name", str)
    locations = clean_list([optional(job, "location", str)])
    job_types = optional(job, "job_types", list) or []
    if not all(isinstance(t, str) for t in job_types):
        raise ParseError("expected a list of strings", field="job_types")
    published = parse_time(job.get("created_at"), "created_at")
    remote = optional(job, "remote", bool)
    return Posting(
        source=NAME,
        source_id=raw.source_id,
        url=url,
        period=period_of(published, raw.fetched_at),
        posted_at=published,
        html=html,
        content_hash=posting_hash(title, html, company, locations, published, remote),
        title=title,
        company=company,
        board=board,
        locations=locations,
        remote=remote,
        employment_type=", ".join(clean_list(job_types)) or None,
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    feed=True,
    doc="Arbeitnow job feed, mostly Germany (pages of 100, followed through links.next).",
)
