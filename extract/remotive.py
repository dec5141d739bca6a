"""Remotive, a feed of remote jobs: ``GET {base}/remote-jobs``.

One call returns the whole feed, no paging: ``{"00-warning", "0-legal-notice", "job-count",
"total-job-count", "jobs": [...]}``. Remotive asks for at most a few calls a day (the sources
file's ``min_interval_hours`` keeps to that). Every job is remote.

Job fields used: ``id`` (int), ``url``, ``title``, ``company_name``, ``category`` (the
department), ``job_type`` (``full_time``, ``contract``...), ``publication_date`` (naive ISO 8601,
UTC), ``candidate_required_location`` (where candidates may live: kept as one location, since
it mixes regions and time zones), ``salary`` (free text, often empty: kept as text only) and
``description`` (HTML). ``tags``, ``company_logo`` and ``company_logo_url`` are not used.
"""

from __future__ import annotations

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    board_posting,
    by_key,
    clean_list,
    field_value,
    list_in_one_call,
    optional,
    parse_time,
    salary_fields,
)
from extract.http import PoliteClient

NAME = "remotive"
DEFAULT_URL = "https://remotive.com/api"

job_id = by_key("id")


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    return await list_in_one_call(client, SOURCE, f"{base_url}/remote-jobs", "jobs")


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    return board_posting(
        raw,
        board,
        url=field_value(job, "url", str),
        html=field_value(job, "description", str),
        posted_at=parse_time(job.get("publication_date"), "publication_date"),
        title=field_value(job, "title", str).strip(),
        company=optional(job, "company_name", str),
        locations=clean_list([optional(job, "candidate_required_location", str)]),
        remote=True,
        department=optional(job, "category", str),
        employment_type=optional(job, "job_type", str),
        **salary_fields(text=optional(job, "salary", str)),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    feed=True,
    doc="Remotive remote-jobs feed (one call; asks for at most a few calls a day).",
)
