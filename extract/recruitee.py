"""Recruitee careers sites: ``GET https://{company}.recruitee.com/api/offers/``.

The base URL is a template: ``{company}`` is replaced by the (URL-quoted) board token, so one
setting serves every company. A base without ``{company}`` is one careers site on its own
domain (``https://careers.example.com/api``) and is used as it is. One call returns every
published offer as ``{"offers": [...]}``; an unknown company is a 404.

Offer fields used: ``id``, ``title``, ``description`` and ``requirements`` (both HTML, joined
under a ``<h3>Requirements</h3>`` heading), ``careers_url``, ``company_name``, ``department``,
``employment_type_code``, ``remote``, ``location`` (or ``city``/``country``), ``locations[]``
(newer sites: ``{city, state, country, name}``), ``published_at``/``created_at``/``updated_at``
(``"2024-03-01 09:15:00 UTC"``) and ``salary`` (``{min, max, currency, period}``, optional,
members may be null).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from extract.base import Posting, RawPayload
from extract.boards import (
    BoardSource,
    Listing,
    clean_list,
    field_value,
    looks_remote,
    number,
    optional,
    parse_time,
    period_of,
    posting_hash,
    require_list,
    salary_period,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "recruitee"
DEFAULT_URL = "https://{company}.recruitee.com/api"
COMPANY = "{company}"


def offers_url(base_url: str, board: str) -> str:
    """The offers endpoint of ``board``: the template filled in, ``/offers/`` appended."""
    return f"{base_url.replace(COMPANY, quote(board, safe=''))}/offers/"


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = offers_url(base_url, board)
    got = await client.fetch_json(url, setting=SOURCE.setting)
    return Listing(require_list(got.data, "offers", SOURCE, url), url, got.not_modified)


def job_id(job: Mapping[str, Any]) -> Any:
    return job.get("id")


# Recruitee writes "2024-03-01 09:15:00 UTC"; fromisoformat reads it without the zone name.
_UTC_SUFFIX = re.compile(r"\s*(?:UTC|GMT)$")


def recruitee_time(value: Any, name: str) -> datetime | None:
    """A Recruitee timestamp (``"2024-03-01 09:15:00 UTC"``, or ISO 8601) in UTC, or None."""
    if isinstance(value, str):
        value = _UTC_SUFFIX.sub("", value.strip())
    return parse_time(value, name)


def _html(job: Mapping[str, Any]) -> str:
    description = optional(job, "description", str)
    requirements = optional(job, "requirements", str)
    if description is None and requirements is None:
        raise ParseError("missing (and no requirements either)", field="description")
    parts = [description] if description else []
    if requirements:
        parts.append(f"<h3>Requirements</h3>\n{requirements}")
    return "\n".join(parts)


def _locations(job: Mapping[str, Any]) -> tuple[str, ...]:
    """Every place the offer names: ``locations[]`` on newer sites, else ``location``, else
    ``city``/``state_name``/``country``."""
    entries = optional(job, "locations", list) or []
    if not all(isinstance(e, dict) for e in entries):
        raise ParseError("expected a list of objects", field="locations")
    found = clean_list(
        ", ".join(clean_list([e.get("city"), e.get("state"), e.get("country")])) or e.get("name")
        for e in entries
    )
    if found:
        return found
    location = optional(job, "location", str)
    if location:
        return (location,)
    parts = [optional(job, name, str) for name in ("city", "state_name", "country")]
    return clean_list([", ".join(clean_list(parts))])


def _salary(job: Mapping[str, Any]) -> dict[str, Any]:
    salary = optional(job, "salary", dict)
    if not salary:
        return {}
    low, high = number(salary.get("min")), number(salary.get("max"))
    if low is None and high is None:
        return {}
    currency = salary.get("currency")
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_currency": currency.strip().upper()
        if isinstance(currency, str) and currency.strip()
        else None,
        "salary_period": salary_period(salary.get("period")),
    }


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "title", str).strip()
    html = _html(job)
    url = field_value(job, "careers_url", str)
    locations = _locations(job)
    published = recruitee_time(job.get("published_at"), "published_at") or recruitee_time(
        job.get("created_at"), "created_at"
    )
    updated = recruitee_time(job.get("updated_at"), "updated_at")
    remote = optional(job, "remote", bool)
    if remote is None:
        remote = looks_remote(*locations)
    company = optional(job, "company_name", str) or board
    salary = _salary(job)
    return Posting(
        source=NAME,
        source_id=raw.source_id,
        url=url,
        period=period_of(published, raw.fetched_at),
        posted_at=published,
        updated_at=updated,
        html=html,
        content_hash=posting_hash(title, html, company, locations, published, remote, salary),
        title=title,
        company=company,
        board=board,
        locations=locations,
        remote=remote,
        department=optional(job, "department", str),
        employment_type=optional(job, "employment_type_code", str),
        **salary,
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Recruitee careers sites (one call per company subdomain, with requirements).",
)
