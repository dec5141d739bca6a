"""Remote OK, a feed of remote jobs: ``GET {base}`` (the base URL is the API itself).

One call returns the whole feed as a JSON *list*, no paging. Its first element is a legal
notice (``{"last_updated", "legal"}``), not a job: it is dropped, recognised by having ``legal``
and neither ``id`` nor ``position`` (not by its place, in case the order changes). Every job is
remote.

Job fields used: ``id`` (a string of digits), ``position`` (the title), ``company``, ``url``
(the job's page), ``description`` (HTML), ``location``, ``date`` (ISO 8601; ``epoch``, Unix
seconds, when it is absent) and ``salary_min``/``salary_max`` (USD a year; 0 means not given).
``slug``, ``tags``, ``logo``, ``company_logo`` and ``apply_url`` are not used.
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
    number,
    optional,
    parse_time,
    period_of,
    posting_hash,
    require_list,
)
from extract.http import PoliteClient

NAME = "remoteok"
DEFAULT_URL = "https://remoteok.com/api"


def is_notice(item: Any) -> bool:
    """The legal notice Remote OK puts before the jobs."""
    return (
        isinstance(item, Mapping)
        and "legal" in item
        and item.get("id") is None
        and item.get("position") is None
    )


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    got = await client.fetch_json(base_url, setting=SOURCE.setting)
    items = require_list(got.data, None, SOURCE, base_url)
    return Listing([i for i in items if not is_notice(i)], base_url, got.not_modified)


def job_id(job: Mapping[str, Any]) -> Any:
    return job.get("id")


def _salary(job: Mapping[str, Any]) -> dict[str, Any]:
    low, high = number(job.get("salary_min")), number(job.get("salary_max"))
    if low is None and high is None:
        return {}
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_currency": "USD",
        "salary_period": "year",
    }


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "position", str).strip()
    html = field_value(job, "description", str)
    url = field_value(job, "url", str)
    company = optional(job, "company", str)
    locations = clean_list([optional(job, "location", str)])
    published = parse_time(job.get("date"), "date") or parse_time(job.get("epoch"), "epoch")
    salary = _salary(job)
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
        **salary,
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    feed=True,
    doc="Remote OK remote-jobs feed (one call; the legal notice first is skipped).",
)
