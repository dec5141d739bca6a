"""Ashby job boards: ``GET {base}/job-board/{board}?includeCompensation=true``.

One call returns every published job: ``{"jobs": [...], "apiVersion": "1"}``. Job fields: ``id``
(UUID), ``title``, ``department``, ``team``, ``employmentType`` (``FullTime``...), ``location``,
``secondaryLocations[]`` (``{location, address}``), ``isRemote``, ``isListed``, ``publishedAt``,
``jobUrl``, ``descriptionHtml``, ``descriptionPlain`` and ``compensation`` whose
``summaryComponents[]`` hold ``{compensationType, interval, currencyCode, minValue, maxValue}``
(the range across all tiers; the first ``Salary`` one is used) and whose
``scrapeableCompensationSalarySummary`` (``"$81K - $87K"``) is the salary text; the tier
summary (which adds equity and bonus) is the fallback. ``isRemote`` is often null; newer
boards also say ``workplaceType`` (``Remote``, ``Hybrid``, ``OnSite``), used when it is.
Unlisted jobs (``isListed: false``) are landed but still parsed: the board served them.
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
    clean_list,
    field_value,
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

NAME = "ashby"
DEFAULT_URL = "https://api.ashbyhq.com/posting-api"


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/job-board/{quote(board, safe='')}"
    got = await client.fetch_json(
        url, params={"includeCompensation": "true"}, setting=SOURCE.setting
    )
    full = f"{url}?includeCompensation=true"
    return Listing(require_list(got.data, "jobs", SOURCE, full), full, got.not_modified)


def job_id(job: Mapping[str, Any]) -> Any:
    return job.get("id")


def _salary(job: Mapping[str, Any]) -> dict[str, Any]:
    comp = optional(job, "compensation", dict) or {}
    components = comp.get("summaryComponents") or []
    if not isinstance(components, list):
        raise ParseError("expected a list", field="compensation.summaryComponents")
    # The salary alone ("$81K - $87K"), else the whole tier summary (salary, equity, bonus).
    text = next(
        (
            t.strip()
            for t in (
                comp.get("scrapeableCompensationSalarySummary"),
                comp.get("compensationTierSummary"),
            )
            if isinstance(t, str) and t.strip()
        ),
        None,
    )
    for c in components:
        if isinstance(c, dict) and c.get("compensationType") == "Salary":
            currency = c.get("currencyCode")
            return {
                "salary_min": number(c.get("minValue")),
                "salary_max": number(c.get("maxValue")),
                "salary_currency": currency if isinstance(currency, str) and currency else None,
                "salary_period": salary_period(c.get("interval")),
                "salary_text": text,
            }
    return {"salary_text": text} if text else {}


# workplaceType -> remote; Hybrid says neither.
WORKPLACE_REMOTE = {"remote": True, "onsite": False}


def _remote(job: Mapping[str, Any]) -> bool | None:
    remote = optional(job, "isRemote", bool)
    if remote is not None:
        return remote
    workplace = optional(job, "workplaceType", str)
    return WORKPLACE_REMOTE.get(workplace.lower().replace("-", "")) if workplace else None


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    title = field_value(job, "title", str).strip()
    html = optional(job, "descriptionHtml", str)
    if html is None:
        plain = field_value(job, "descriptionPlain", str)
        # Plain text must be escaped: "a < b" or "R&D" are text, not markup.
        lines = (line.strip() for line in plain.splitlines())
        html = "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines if line)
    url = field_value(job, "jobUrl", str)
    secondary = optional(job, "secondaryLocations", list) or []
    locations = clean_list(
        [
            optional(job, "location", str),
            *(s.get("location") for s in secondary if isinstance(s, dict)),
        ]
    )
    published = parse_time(job.get("publishedAt"), "publishedAt")
    remote = _remote(job)
    salary = _salary(job)
    return Posting(
        source=NAME,
        source_id=raw.source_id,
        url=url,
        period=period_of(published, raw.fetched_at),
        posted_at=published,
        html=html,
        content_hash=posting_hash(title, html, locations, published, remote, salary),
        title=title,
        company=board,
        board=board,
        locations=locations,
        remote=remote,
        department=optional(job, "department", str) or optional(job, "team", str),
        employment_type=optional(job, "employmentType", str),
        **salary,
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Ashby job boards (one call per board, with compensation).",
)
