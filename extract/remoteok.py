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

NAME = "remoteok"
DEFAULT_URL = "https://remoteok.com/api"

job_id = by_key("id")


def is_notice(item: Any) -> bool:
    """The legal notice Remote OK puts before the jobs."""
    return (
        isinstance(item, Mapping)
        and "legal" in item
        and item.get("id") is None
        and item.get("position") is None
    )


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    listing = await list_in_one_call(client, SOURCE, base_url, None)
    listing.jobs = [item for item in listing.jobs if not is_notice(item)]
    return listing


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    return board_posting(
        raw,
        board,
        url=field_value(job, "url", str),
        html=field_value(job, "description", str),
        posted_at=parse_time(job.get("date"), "date") or parse_time(job.get("epoch"), "epoch"),
        title=field_value(job, "position", str).strip(),
        company=optional(job, "company", str),
        locations=clean_list([optional(job, "location", str)]),
        remote=True,
        **salary_fields(job.get("salary_min"), job.get("salary_max"), "USD", "year"),
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
