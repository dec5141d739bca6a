"""Career pages with schema.org ``JobPosting`` JSON-LD: ``GET <page URL>`` (HTML).

For companies on no supported board. The sources file lists page URLs (``[jsonld] urls``) and
each URL is a "board": its page is fetched once (no paging) and every
``<script type="application/ld+json">`` block is decoded. JobPosting objects are collected from
a block's top-level object or list, from ``@graph`` lists, and from ``itemListElement`` (an
ItemList, whose ListItems hold the posting in ``item``) and ``mainEntity`` (a WebPage about
one posting). ``@type`` may be a string or a list, with or without a ``schema:`` or
``http(s)://schema.org/`` prefix. Each posting is landed as served plus ``"_page": <page URL>``.

A block that is not JSON is skipped, so one broken block does not hide the others; a page with
no JobPosting at all is a ``PayloadError`` (the page may build its jobs with JavaScript).

Job id, in order: ``identifier`` (a string, a number, or a PropertyValue's ``value``), else
``url`` when it is the job's own (not the page's), else 16 hex digits of a SHA-256: of the URL
when the posting's ``url`` is the page itself (a job's own page; the source id would otherwise
repeat the page URL), else of ``[title, hiringOrganization name, page URL]``. Not of
``datePosted``: many career sites refresh it every day, which would make every posting "new"
each night. Several postings on one page that share its URL and have no identifier share an
id too: the first is loaded and the others are quarantined as listed twice with other content.
A posting with none of identifier, url and title cannot be told apart from others on its page
and is quarantined.

Fields used: ``title``, ``description`` (HTML; one with no tag that has tags once unescaped,
``&lt;p&gt;``, was escaped by the page and is unescaped once; plain text becomes escaped
paragraphs), ``datePosted``,
``hiringOrganization`` (an Organization's ``name``, or a string), ``jobLocation`` (a Place or a
list of them, whose ``address`` is a PostalAddress or a string), ``jobLocationType``
(``TELECOMMUTE`` means remote; without it the locations and title are searched for "remote"),
``applicantLocationRequirements`` (Country or AdministrativeArea names, added to the
locations), ``employmentType`` (a string or a list), ``baseSalary`` (a MonetaryAmount whose
``value`` is a QuantitativeValue or a number, or a bare number with ``salaryCurrency``; an
amount written as a string counts only when it is one amount, ``"95,000.00"``: a range or prose
is kept as the salary text) and ``url`` (else the page URL). ``validThrough``, ``industry`` and
``occupationalCategory`` are not used.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from extract.base import Posting, RawPayload, content_hash
from extract.boards import (
    BoardSource,
    Listing,
    board_posting,
    clean_list,
    field_value,
    looks_remote,
    number,
    optional,
    parse_time,
    salary_fields,
    unescape_html,
    workplace_remote,
)
from extract.errors import ParseError, PayloadError
from extract.http import PoliteClient

NAME = "jsonld"
DEFAULT_URL = ""  # no base URL: every board is a full page URL
ACCEPT = "text/html,application/xhtml+xml"
PAGE_KEY = "_page"  # added to each landed posting: the page it was found on

# Where postings nest inside a JSON-LD value: graphs, item lists and their items, web pages.
_CONTAINERS = ("@graph", "itemListElement", "item", "mainEntity")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_TYPE_PREFIX = re.compile(r"^(?:schema:|https?://schema\.org/)", re.I)
# Wrappers old templates put around script bodies so ancient browsers would not show them.
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


async def list_jobs(client: PoliteClient, base_url: str, board: str) -> Listing:
    """Fetch the page ``board`` (``base_url`` is unused) and return its JobPostings."""
    got = await client.fetch(board, accept=ACCEPT)
    return Listing(extract_jobs(got.body, board), board, got.not_modified)


def extract_jobs(body: bytes | str, page_url: str) -> list[dict[str, Any]]:
    """Every JobPosting in the JSON-LD of one page, each with ``_page`` set; PayloadError if
    there is none."""
    tree = LexborHTMLParser(body, encoding=True)  # encoding from BOM or <meta>, else UTF-8
    jobs: list[dict[str, Any]] = []
    invalid: list[str] = []
    blocks = 0
    for script in tree.tags("script"):
        if not _is_json_ld(script.attributes.get("type")):
            continue
        blocks += 1
        text = _WRAPPER.sub("", script.text(deep=True)).strip()
        if not text:
            continue
        try:
            # strict=False: raw newlines and tabs inside strings are common in hand-made JSON-LD
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError) as exc:
            invalid.append(f"block {blocks}: {exc}")
            continue
        jobs.extend({**job, PAGE_KEY: page_url} for job in job_postings(data))
    if jobs:
        return jobs
    if invalid:
        message = (
            f"no valid schema.org JobPosting found on the page, and {len(invalid)} of its "
            f"{blocks} JSON-LD block(s) are not valid JSON ({'; '.join(invalid)})"
        )
    else:
        message = (
            "no schema.org JobPosting found on the page: the page may render jobs with "
            "JavaScript; list each job's own page, or the company's job-board API, instead"
        )
    raise PayloadError(message, source=NAME, url=page_url)


def _is_json_ld(type_attr: str | None) -> bool:
    """``application/ld+json`` in any case, with spaces or parameters around it."""
    if type_attr is None:
        return False
    return type_attr.split(";")[0].strip().lower() == "application/ld+json"


def job_postings(data: Any) -> Iterator[dict[str, Any]]:
    """The JobPosting objects in one decoded JSON-LD value, in document order."""
    if isinstance(data, list):
        for item in data:
            yield from job_postings(item)
    elif isinstance(data, dict):
        if _is_job_posting(data):
            yield data
            return
        for key in _CONTAINERS:
            if key in data:
                yield from job_postings(data[key])


def _is_job_posting(data: Mapping[str, Any]) -> bool:
    types = data.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(
        isinstance(t, str) and _TYPE_PREFIX.sub("", t.strip()) == "JobPosting" for t in names
    )


def job_id(job: Mapping[str, Any]) -> Any:
    """``identifier``, else the job's own ``url``, else a short stable hash (of the URL when it
    is the page's, else of title, company and page URL); None when the posting has none of
    identifier, url and title."""
    found = _identifier(job.get("identifier"))
    if found is not None:
        return found
    page = job.get(PAGE_KEY)
    url = job.get("url")
    if isinstance(url, str) and url.strip():
        if url.strip() != page:
            return url.strip()
        return content_hash(["url", url.strip()])[:16]
    title = job.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    return content_hash([title.strip(), _organization(job.get("hiringOrganization")), page])[:16]


def _organization(value: Any) -> str | None:
    """The hiring organization's name for the id, leniently (parse checks its type)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return _name(value)


def _identifier(value: Any) -> str | None:
    if isinstance(value, list):
        return next((i for i in map(_identifier, value) if i is not None), None)
    if isinstance(value, dict):  # a PropertyValue: {"name": <issuer>, "value": <the id>}
        value = value.get("value", value.get("@id"))
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def parse(raw: RawPayload, board: str) -> Posting:
    job = raw.payload
    page = job.get(PAGE_KEY) if isinstance(job.get(PAGE_KEY), str) else board
    title = _text(field_value(job, "title", str))
    locations = clean_list(
        [
            *_places(job.get("jobLocation"), "jobLocation"),
            *_places(job.get("applicantLocationRequirements"), "applicantLocationRequirements"),
        ]
    )
    location_types = _strings(job.get("jobLocationType"), "jobLocationType")
    telecommute = any(workplace_remote(t) for t in location_types)
    return board_posting(
        raw,
        board,
        url=optional(job, "url", str) or page,
        html=_description(field_value(job, "description", str)),
        posted_at=parse_time(job.get("datePosted"), "datePosted"),
        title=title,
        company=_company(job.get("hiringOrganization")),
        locations=locations,
        remote=True if telecommute else looks_remote(*locations, title),
        employment_type=", ".join(_strings(job.get("employmentType"), "employmentType")) or None,
        **_salary(job),
    )


def _text(value: str) -> str:
    """A short text field; templates often HTML-escape them (``R&amp;D``)."""
    return html_lib.unescape(value).strip()


def _description(text: str) -> str:
    if _TAG.search(text):
        return text
    unescaped = unescape_html(text)
    if _TAG.search(unescaped):  # HTML escaped once by the page's template (``&lt;p&gt;``)
        return unescaped
    # Plain text: one paragraph per line, entities decoded first so none is escaped twice.
    lines = (line.strip() for line in unescaped.splitlines())
    return "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines if line)


def _company(value: Any) -> str | None:
    if isinstance(value, list):  # several organizations: the first one hires
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
        if value is not None and not isinstance(value, str):
            raise ParseError(
                f"expected str, got {type(value).__name__}", field="hiringOrganization.name"
            )
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(
            f"expected an object or str, got {type(value).__name__}", field="hiringOrganization"
        )
    return _text(value) or None


def _places(value: Any, name: str) -> list[str]:
    """Location texts from a Place, a list of Places, an address or a plain string."""
    if value is None:
        return []
    if isinstance(value, list):
        return [text for item in value for text in _places(item, name)]
    if isinstance(value, str):
        return [_text(value)]
    if not isinstance(value, dict):
        raise ParseError(
            f"expected an object, a list or str, got {type(value).__name__}", field=name
        )
    address = value.get("address")
    if isinstance(address, list):
        return [text for item in address for text in _places(item, f"{name}.address")]
    if isinstance(address, str) and address.strip():
        return [_text(address)]
    if isinstance(address, dict):
        parts = [
            _name(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")
        ]
        text = ", ".join(dict.fromkeys(p for p in parts if p))
        if text:
            return [text]
    # No usable address: a Place's, Country's or AdministrativeArea's own name.
    own = _name(value)
    return [own] if own else []


def _name(value: Any) -> str | None:
    """A string, or the ``name`` of an object (a Country, say)."""
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    return _text(value) or None


def _strings(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        raise ParseError("expected str or a list of str", field=name)
    return list(clean_list(values))


def _salary(job: Mapping[str, Any]) -> dict[str, Any]:
    """salary_min/max/currency/period/text from ``baseSalary``; {} when the posting has none."""
    base = job.get("baseSalary")
    if base is None:
        return {}
    if isinstance(base, bool) or not isinstance(base, dict | int | float | str):
        raise ParseError(
            f"expected an object or a number, got {type(base).__name__}", field="baseSalary"
        )
    currency = optional(job, "salaryCurrency", str)
    if isinstance(base, str):  # free text ("$120k-$150k"): kept as written
        text = _text(base)
        return salary_fields(text, text, currency, text=text)
    value: Any = base
    unit = None
    if isinstance(base, dict):
        currency = optional(base, "currency", str) or currency
        unit = base.get("unitText")
        value = base.get("value")
        if value is None:  # bounds written on the MonetaryAmount itself
            value = base
    if isinstance(value, dict):  # a QuantitativeValue
        unit = value.get("unitText") or unit
        exact = number(value.get("value"))
        low, high = number(value.get("minValue")), number(value.get("maxValue"))
        return salary_fields(low or exact, high or exact, currency, unit)
    return salary_fields(value, value, currency, unit)


SOURCE = BoardSource(
    name=NAME,
    default_url=DEFAULT_URL,
    list_jobs=list_jobs,
    job_id=job_id,
    parse=parse,
    feed=False,
    doc="schema.org JobPosting JSON-LD on career pages (one page URL per board).",
)
