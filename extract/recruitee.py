"""Recruitee careers sites: ``GET https://{company}.recruitee.com/api/offers/``.

The base URL is a template: ``{company}`` is replaced by the (URL-quoted) board token, so one
setting serves every company. A base without ``{company}`` is one careers site on its own
domain (``https://careers.example.com/api``) and is used as it is. One call returns every
published offer as ``{"offers": [...]}``; an unknown company is a 404.

Offer fields used: ``id``, ``title``, ``description`` and ``requirements`` (both HTML, joined
under a ``<h3>Requirements</h3>`` heading), ``careers_url``, ``company_name``, ``department``,
``employment_type_code``, ``remote``/``hybrid``/``on_site`` (hybrid means neither remote
nor on-site: None, as in every source; sites without these flags fall back to the location
text), ``location`` (or ``city``/``country``), ``locations[]``
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
    board_posting,
    by_key,
    clean_list,
    field_value,
    list_in_one_call,
    looks_remote,
    optional,
    parse_time,
    salary_fields,
    workplace_remote,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "recruitee"
DEFAULT_URL = "https://{company}.recruitee.com/api"
COMPANY = "{company}"

job_id = by_key("id")


def offers_url(base_url: str, board: str) -> str:
    """The offers endpoint of ``board``: the template filled in, ``/offers/`` appended."""
    return f"{base_url.replace(COMPANY, quote(board, safe=''))}/offers/"


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    return await list_in_one_call(client, SOURCE, offers_url(base_url, board), "offers")


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
    salary = optional(job, "salary", dict) or {}
    return salary_fields(
        salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("period")
    )


def _remote(job: Mapping[str, Any], locations: tuple[str, ...]) -> bool | None:
    flags = {name: optional(job, name, bool) for name in ("hybrid", "remote", "on_site")}
    kind = next((name for name, on in flags.items() if on), None)  # hybrid first: it is neither
    if flags["remote"] is None:
        return workplace_remote(kind, looks_remote(*locations))
    return workplace_remote(kind, flags["remote"])


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    locations = _locations(job)
    published = recruitee_time(job.get("published_at"), "published_at") or recruitee_time(
        job.get("created_at"), "created_at"
    )
    return board_posting(
        raw,
        board,
        url=field_value(job, "careers_url", str),
        html=_html(job),
        posted_at=published,
        updated_at=recruitee_time(job.get("updated_at"), "updated_at"),
        title=field_value(job, "title", str).strip(),
        company=optional(job, "company_name", str) or board,
        locations=locations,
        remote=_remote(job, locations),
        department=optional(job, "department", str),
        employment_type=optional(job, "employment_type_code", str),
        **_salary(job),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Recruitee careers sites (one call per company subdomain, with requirements).",
)
