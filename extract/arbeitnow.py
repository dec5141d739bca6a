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

from typing import Any

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    board_posting,
    by_key,
    clean_list,
    field_value,
    optional,
    parse_time,
    require_list,
)
from extract.errors import ParseError, PayloadError
from extract.http import PoliteClient

NAME = "arbeitnow"
DEFAULT_URL = "https://www.arbeitnow.com/api"
MAX_PAGES = 100

job_id = by_key("slug")


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


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    job_types = optional(job, "job_types", list) or []
    if not all(isinstance(t, str) for t in job_types):
        raise ParseError("expected a list of strings", field="job_types")
    return board_posting(
        raw,
        board,
        url=field_value(job, "url", str),
        html=field_value(job, "description", str),
        posted_at=parse_time(job.get("created_at"), "created_at"),
        title=field_value(job, "title", str).strip(),
        company=optional(job, "company_name", str),
        locations=clean_list([optional(job, "location", str)]),
        remote=optional(job, "remote", bool),
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
