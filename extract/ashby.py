"""Ashby job boards: ``GET {base}/job-board/{board}?includeCompensation=true``.

One call returns every published job: ``{"jobs": [...], "apiVersion": "1"}``. Job fields: ``id``
(UUID), ``title``, ``department``, ``team``, ``employmentType`` (``FullTime``...), ``location``,
``secondaryLocations[]`` (``{location, address}``), ``isRemote``, ``isListed``, ``publishedAt``,
``jobUrl``, ``descriptionHtml``, ``descriptionPlain`` and ``compensation`` whose
``summaryComponents[]`` hold ``{compensationType, interval, currencyCode, minValue, maxValue}``
(the range across all tiers; the first ``Salary`` one is used) and whose
``scrapeableCompensationSalarySummary`` (``"$81K - $87K"``) is the salary text; the tier
summary (which adds equity and bonus) is the fallback. Newer boards say ``workplaceType``
(``Remote``, ``Hybrid``, ``OnSite``): remote, neither (None) and on-site, as every source maps
them; without it ``isRemote`` (often null) says.
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
    board_posting,
    by_key,
    clean_list,
    field_value,
    list_in_one_call,
    optional,
    parse_time,
    salary_fields,
    workplace_remote,
)
from extract.errors import ParseError
from extract.http import PoliteClient

NAME = "ashby"
DEFAULT_URL = "https://api.ashbyhq.com/posting-api"

job_id = by_key("id")


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    url = f"{base_url}/job-board/{quote(board, safe='')}"
    return await list_in_one_call(client, SOURCE, url, "jobs", {"includeCompensation": "true"})


def _salary(job: Mapping[str, Any]) -> dict[str, Any]:
    comp = optional(job, "compensation", dict) or {}
    components = comp.get("summaryComponents") or []
    if not isinstance(components, list):
        raise ParseError("expected a list", field="compensation.summaryComponents")
    # The salary alone ("$81K - $87K"), else the whole tier summary (salary, equity, bonus).
    text = next(
        (
            t
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
            return salary_fields(
                c.get("minValue"), c.get("maxValue"), c.get("currencyCode"), c.get("interval"), text
            )
    return salary_fields(text=text)


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    html = optional(job, "descriptionHtml", str)
    if html is None:
        plain = field_value(job, "descriptionPlain", str)
        # Plain text must be escaped: "a < b" or "R&D" are text, not markup.
        lines = (line.strip() for line in plain.splitlines())
        html = "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines if line)
    secondary = optional(job, "secondaryLocations", list) or []
    locations = clean_list(
        [
            optional(job, "location", str),
            *(s.get("location") for s in secondary if isinstance(s, dict)),
        ]
    )
    return board_posting(
        raw,
        board,
        url=field_value(job, "jobUrl", str),
        html=html,
        posted_at=parse_time(job.get("publishedAt"), "publishedAt"),
        title=field_value(job, "title", str).strip(),
        company=board,
        locations=locations,
        remote=workplace_remote(
            optional(job, "workplaceType", str), optional(job, "isRemote", bool)
        ),
        department=optional(job, "department", str) or optional(job, "team", str),
        employment_type=optional(job, "employmentType", str),
        **_salary(job),
    )


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    doc="Ashby job boards (one call per board, with compensation).",
)
