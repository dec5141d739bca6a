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
from extract.http import PoliteClient

NAME = "remotive"
DEFAULT_URL = "https://remotive.com/api"


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/remote-jobs"
    got = await client.fetch_json(url, setting=SOURCE.setting)
    return Listing(require_list(got.data, "jobs", SOURCE, url), url, got.not_modified)


def job_id(job: Mapping[str, Any]) -> Any:
    return job.get("id")


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "title", str).strip()
    html = field_value(job, "description", str)
    url = field_value(job, "url", str)
    company = optional(job, "company_name", str)
    locations = clean_list([optional(job, "candidate_required_location", str)])
    published = parse_time(job.get("publication_date"), "publication_date")
    salary = optional(job, "salary", str)
    return Posting(
        source=NAME,
        source_id=raw.source_id,
        url=url,
        period=period_of(published, raw.fetched_at),
        posted_at=published,
        html=html,
        content_hash=posting_hash(title, html, company, locations, published, salary),
        title=title,
        company=company,
        board=board,
        locations=locations,
        remote=True,
        department=optional(job, "category", str),
        employment_type=optional(job, "job_type", str),
        salary_text=salary,
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
