"""The schema.org JobPosting JSON-LD source against career pages served by FakeBoards on
127.0.0.1, and its pure parse (golden files in tests/fixtures/boards/jsonld/)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from extract.base import RawPayload
from extract.boards import BoardFetch, fetch_boards
from extract.errors import ParseError, PayloadError
from extract.http import HttpConfig
from extract.jsonld import NAME, SOURCE, extract_jobs, job_id, job_postings, parse
from tests.boardfakes import FIXTURES, FakeBoards, jsonld_page, jsonld_posting, posting_dict

CONFIG = HttpConfig(rate_limit_per_host=0, backoff_base=0, obey_robots=True)
PAGES = FIXTURES / NAME
FETCHED = datetime(2024, 7, 1, 12, tzinfo=UTC)
# page fixture -> JobPostings on it (golden files exist for each)
GOOD_PAGES = {"backend-engineer": 1, "graph": 1, "two-jobs": 2, "list": 2, "item-list": 2}


def page_html(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def fixed_url(name: str) -> str:
    """The page URL golden files were made with (the fake's port changes every run)."""
    return f"https://careers.example.com/{name}"


def land(job: dict[str, Any], page: str) -> RawPayload:
    return RawPayload(NAME, f"{page}/{job_id(job)}", page, FETCHED, job)


def parse_page(name: str) -> list[dict[str, Any]]:
    page = fixed_url(name)
    jobs = extract_jobs(page_html(name).encode(), page)
    return [posting_dict(parse(land(job, page), page)) for job in jobs]


def fetch(fake: FakeBoards, *paths: str) -> list[BoardFetch]:
    targets = [(fake.page_url(p), "") for p in paths]
    results, _ = asyncio.run(fetch_boards(SOURCE, CONFIG, targets))
    return results


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeBoards:
    fake = FakeBoards().install(httpserver)
    for name in PAGES.glob("*.html"):
        fake.pages[name.name] = name.read_text(encoding="utf-8")
    return fake


# --- golden files and the pages over HTTP ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOOD_PAGES))
def test_golden(name: str) -> None:
    golden = json.loads((PAGES / f"{name}.golden.json").read_text(encoding="utf-8"))
    assert parse_page(name) == golden


def test_pages_over_http_land_every_posting_with_its_page(fake: FakeBoards) -> None:
    names = sorted(GOOD_PAGES)
    results = fetch(fake, *(f"{n}.html" for n in names))
    for name, result in zip(names, results, strict=True):
        url = fake.page_url(f"{name}.html")
        assert (result.error, result.status, result.url) == (None, "ok", url)
        assert result.board == url and not result.malformed
        assert len(result.records) == GOOD_PAGES[name]
        golden = json.loads((PAGES / f"{name}.golden.json").read_text(encoding="utf-8"))
        for raw, expected in zip(result.records, golden, strict=True):
            assert raw.payload["_page"] == url
            assert raw.source_id == f"{url}/{job_id(raw.payload)}"
            got = posting_dict(parse(raw, result.board))
            # The page URL (with the fake's port) stands where the golden file has the fixed one.
            expected = json.loads(json.dumps(expected).replace(fixed_url(name), url))
            got.pop("source_id"), expected.pop("source_id")  # hash ids include the page URL
            assert got == expected
    assert len(fake.calls(prefix="/careers/")) == len(names)


def test_page_with_two_postings_lands_both(fake: FakeBoards) -> None:
    [result] = fetch(fake, "two-jobs.html")
    url = fake.page_url("two-jobs.html")
    assert [r.source_id for r in result.records] == [
        f"{url}/tbx-118",  # identifier
        f"{url}/https://tinderbox.example/careers#backend-developer-java",  # no identifier: url
    ]


def test_graph_page_finds_the_posting_among_other_nodes() -> None:
    [job] = parse_page("graph")
    assert job["title"] == "Site Reliability Engineer"
    assert job["source_id"].endswith("/88112")  # a numeric identifier
    assert job["url"] == fixed_url("graph")  # no url on the posting: the page's
    assert (job["remote"], job["locations"]) == (True, ["USA"])  # TELECOMMUTE, applicant country
    assert (job["salary_min"], job["salary_max"], job["salary_period"]) == (68.5, 68.5, "hour")
    assert job["salary_currency"] == "USD"  # written "usd"


def test_list_at_top_level_and_escaped_description() -> None:
    escaped, plain = parse_page("list")
    # Escaped once by the template: unescaped once, so its own entities stay entities.
    assert escaped["html"] == (
        "<p>Write firmware tooling in Rust &amp; C++.</p><p>Nice to have:&nbsp;embedded Linux.</p>"
    )
    assert (escaped["title"], escaped["company"]) == ("R&D Software Engineer", "Moss & Lantern")
    assert escaped["locations"] == ["Lantern House, Bristol"]  # a Place without address
    # Plain text: paragraphs, escaped; the bare "<" is not mistaken for a tag.
    assert plain["html"] == (
        "<p>Answer customer questions about our API.</p><p>You know HTTP, JSON &amp; SQL.</p>"
        "<p>Shifts: 8:00 &lt; 16:00 UK time.</p>"
    )
    assert plain["locations"] == ["Bristol, United Kingdom"]  # a Country object
    assert (plain["salary_min"], plain["salary_currency"], plain["salary_period"]) == (
        38000.0,
        "GBP",
        None,
    )


def test_country_object_and_postal_address() -> None:
    [job] = parse_page("backend-engineer")
    assert job["locations"] == ["Leipzig, Sachsen, DE"]
    assert job["employment_type"] == "FULL_TIME, CONTRACTOR"
    assert job["posted_at"] == "2024-05-02T07:30:00+00:00"  # +02:00 in the page


def test_item_list_postings_and_applicant_locations() -> None:
    first, second = parse_page("item-list")
    assert [first["source_id"], second["source_id"]] == [
        f"{fixed_url('item-list')}/WL-7741",
        f"{fixed_url('item-list')}/WL-7745",
    ]
    assert first["locations"] == ["Lyon, FR", "France", "Belgium"]
    assert (first["remote"], second["remote"]) == (True, None)


# --- pages without postings, broken blocks, HTTP errors ----------------------------------


@pytest.mark.parametrize("name", ["no-jsonld.html", "organization-only.html"])
def test_page_without_job_posting_is_a_payload_error(fake: FakeBoards, name: str) -> None:
    [result] = fetch(fake, name)
    url = fake.page_url(name)
    assert result.error is not None and not result.records
    assert "no schema.org JobPosting found on the page" in result.error
    assert "JavaScript" in result.error and url in result.error
    assert (result.status, result.gone, result.retryable, result.url) == (
        "failed",
        False,
        False,
        url,
    )


def test_invalid_block_beside_a_valid_one_is_skipped(fake: FakeBoards) -> None:
    [result] = fetch(fake, "invalid-and-valid.html")
    assert result.error is None
    [raw] = result.records
    posting = parse(raw, result.board)
    assert posting.title == "Backend Engineer"
    assert "\n<p>Line breaks" in posting.html  # raw newline inside a JSON string: tolerated
    assert posting.remote is True  # addressLocality "Remote"


def test_only_invalid_blocks_say_so(fake: FakeBoards) -> None:
    [result] = fetch(fake, "only-invalid.html")
    assert result.error is not None and not result.records
    assert "not valid JSON" in result.error and "1 of its 1 JSON-LD block" in result.error


def test_same_posting_twice_on_a_page_lands_once(fake: FakeBoards) -> None:
    fake.pages["twice.html"] = jsonld_page(
        jsonld_posting(identifier="x"), [jsonld_posting(identifier="x")]
    )
    [result] = fetch(fake, "twice.html")
    assert len(result.records) == 1


# --- finding the JSON-LD ------------------------------------------------------------------


@pytest.mark.parametrize(
    "type_attr",
    [
        "application/ld+json",
        "APPLICATION/LD+JSON",
        " application/ld+json ",
        "application/ld+json; charset=utf-8",
    ],
)
def test_script_type_variants(type_attr: str) -> None:
    html = f'<script type="{type_attr}">{json.dumps(jsonld_posting(identifier="a"))}</script>'
    assert [job_id(j) for j in extract_jobs(html, "https://x.test/p")] == ["a"]


def test_other_scripts_are_ignored() -> None:
    html = (
        '<script type="application/json">{"@type": "JobPosting"}</script>'
        '<script>var x = {"@type": "JobPosting"};</script>'
    )
    with pytest.raises(PayloadError, match=r"no schema\.org JobPosting"):
        extract_jobs(html, "https://x.test/p")


def test_comment_and_cdata_wrappers_are_tolerated() -> None:
    body = json.dumps(jsonld_posting(identifier="w"))
    html = (
        f'<script type="application/ld+json"><!--\n{body}\n--></script>'
        f'<script type="application/ld+json">//<![CDATA[\n{body}\n//]]></script>'
    )
    assert [job_id(j) for j in extract_jobs(html, "https://x.test/p")] == ["w", "w"]


def test_page_encoding_from_meta_charset() -> None:
    body = '<meta charset="iso-8859-1"><script type="application/ld+json">'
    body += json.dumps(jsonld_posting(title="Entwickler für Zahlungen"), ensure_ascii=False)
    body += "</script>"
    [job] = extract_jobs(body.encode("iso-8859-1"), "https://x.test/p")
    assert job["title"] == "Entwickler für Zahlungen"


@pytest.mark.parametrize(
    ("type_value", "found"),
    [
        ("JobPosting", True),
        (["Thing", "JobPosting"], True),
        ("schema:JobPosting", True),
        ("http://schema.org/JobPosting", True),
        ("https://schema.org/JobPosting", True),
        (["https://schema.org/JobPosting"], True),
        ("JobPostingDraft", False),
        ("Organization", False),
        (None, False),
    ],
)
def test_type_variants(type_value: Any, found: bool) -> None:
    assert bool(list(job_postings({"@type": type_value, "title": "t"}))) is found


def test_nested_containers_in_document_order() -> None:
    data = [
        {"@graph": [{"@type": "WebPage", "mainEntity": jsonld_posting(identifier="1")}]},
        {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "item": jsonld_posting(identifier="2")},
                jsonld_posting(identifier="3"),
            ],
        },
    ]
    assert [job_id(j) for j in job_postings(data)] == ["1", "2", "3"]


# --- job ids ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ({"@type": "PropertyValue", "name": "Acme", "value": "A-17"}, "A-17"),
        ({"@type": "PropertyValue", "name": "Acme", "value": 4417}, "4417"),
        (4417, "4417"),
        (4417.0, "4417"),
        ("  job-9 ", "job-9"),
        ([{"@type": "PropertyValue", "value": ""}, {"value": "second"}], "second"),
    ],
)
def test_job_id_from_identifier(identifier: Any, expected: str) -> None:
    assert job_id(jsonld_posting(identifier=identifier, url="https://x.test/j")) == expected


def test_job_id_falls_back_to_url_then_a_stable_hash() -> None:
    page = "https://x.test/careers"
    assert job_id(jsonld_posting(identifier="", url="https://x.test/j/1", _page=page)) == (
        "https://x.test/j/1"
    )
    job = jsonld_posting(datePosted="2024-05-02", hiringOrganization={"name": "Acme"}, _page=page)
    first = job_id(job)
    assert first == job_id(dict(job)) and len(first) == 16  # sha256 prefix, stable
    # Sites refresh datePosted daily: that must not make a "new" posting.
    assert job_id({**job, "datePosted": "2024-05-03"}) == first
    assert job_id({**job, "_page": "https://x.test/other"}) != first
    assert job_id({**job, "hiringOrganization": {"name": "Other"}}) != first
    assert job_id({**job, "hiringOrganization": "Acme"}) == first  # a plain name: the same
    assert job_id({**job, "title": "Data Engineer"}) != first
    assert job_id({"@type": "JobPosting", "description": "x"}) is None


def test_a_url_that_is_the_page_itself_gives_a_short_id() -> None:
    page = "https://x.test/careers/backend"
    own = job_id(jsonld_posting(url=page, _page=page))
    assert len(own) == 16 and own == job_id(jsonld_posting(url=page, _page=page, title="Renamed"))
    assert own != job_id(
        jsonld_posting(url="https://x.test/careers/data", _page="https://x.test/careers/data")
    )


# --- parse: optional fields, salaries, wrong types ----------------------------------------


def parse_one(job: dict[str, Any], page_url: str = "https://x.test/careers") -> Any:
    job = {**job, "_page": page_url}
    return parse(land(job, page_url), page_url)


def test_missing_optional_fields_are_none() -> None:
    p = parse_one({"@type": "JobPosting", "title": "Engineer", "description": "<p>Go.</p>"})
    assert (p.title, p.html, p.url) == ("Engineer", "<p>Go.</p>", "https://x.test/careers")
    assert (p.posted_at, p.period) == (None, "2024-07")  # the month it was fetched
    assert (p.company, p.locations, p.remote, p.employment_type) == (None, (), None, None)
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (None,) * 4
    assert (p.department, p.updated_at, p.board) == (None, None, "https://x.test/careers")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"baseSalary": 95000, "salaryCurrency": "CHF"}, (95000.0, 95000.0, "CHF", None, None)),
        (
            {"baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": 120000}},
            (120000.0, 120000.0, "USD", None, None),
        ),
        (
            {
                "baseSalary": {
                    "currency": "USD",
                    "value": {"minValue": "95,000", "maxValue": "130,000.00", "unitText": "Yearly"},
                }
            },
            (95000.0, 130000.0, "USD", "year", None),
        ),
        (
            {"baseSalary": {"currency": "EUR", "minValue": 50, "maxValue": 60, "unitText": "HOUR"}},
            (50.0, 60.0, "EUR", "hour", None),
        ),
        ({"baseSalary": "$120k - $150k"}, (None, None, None, None, "$120k - $150k")),
        ({"baseSalary": {"currency": "USD", "value": {"unitText": "YEAR"}}}, (None,) * 5),
        ({"baseSalary": 0}, (None,) * 5),
    ],
)
def test_salary_shapes(fields: dict[str, Any], expected: tuple[Any, ...]) -> None:
    p = parse_one(jsonld_posting(**fields))
    got = (p.salary_min, p.salary_max, p.salary_currency, p.salary_period, p.salary_text)
    assert got == expected


def test_location_shapes() -> None:
    p = parse_one(
        jsonld_posting(
            jobLocation=[
                "Oslo, Norway",
                {"@type": "Place", "address": {"addressLocality": "Oslo", "addressCountry": "NO"}},
                {
                    "@type": "Place",
                    "address": {"addressCountry": {"@type": "Country", "name": "SE"}},
                },
                {"@type": "Place", "address": {"addressLocality": "Oslo", "addressRegion": "Oslo"}},
            ],
            applicantLocationRequirements={"@type": "AdministrativeArea", "name": "Nordics"},
            jobLocationType="telecommute",
        )
    )
    assert p.locations == ("Oslo, Norway", "Oslo, NO", "SE", "Oslo", "Nordics")
    assert p.remote is True


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 42),
        ("title", None),
        ("title", "  "),
        ("description", ["<p>x</p>"]),
        ("description", None),
        ("datePosted", "next Monday"),
        ("jobLocation", 5),
        ("applicantLocationRequirements", True),
        ("employmentType", ["FULL_TIME", 1]),
        ("jobLocationType", {"value": "TELECOMMUTE"}),
        ("baseSalary", True),
        ("baseSalary", ["100000"]),
        ("salaryCurrency", 978),
        ("hiringOrganization", 7),
        ("url", ["https://x.test/j"]),
    ],
)
def test_wrong_types_name_the_field(field: str, value: Any) -> None:
    job = jsonld_posting(**{field: value, "salaryCurrency": "EUR", "baseSalary": 1})
    job[field] = value
    with pytest.raises(ParseError, match=field):
        parse_one(job)


def test_hiring_organization_name_must_be_text() -> None:
    with pytest.raises(ParseError, match=r"hiringOrganization\.name"):
        parse_one(jsonld_posting(hiringOrganization={"@type": "Organization", "name": 3}))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = st.sampled_from(
    [
        "identifier",
        "datePosted",
        "hiringOrganization",
        "jobLocation",
        "jobLocationType",
        "applicantLocationRequirements",
        "employmentType",
        "baseSalary",
        "salaryCurrency",
        "url",
    ]
)


@given(st.dictionaries(FIELDS, JSON, max_size=4))
def test_parse_raises_only_parse_error(fields: dict[str, Any]) -> None:
    """Whatever a page puts in the optional fields, parse returns a Posting or raises
    ParseError (quarantine), never anything else."""
    job = jsonld_posting(**fields)
    try:
        p = parse_one(job)
    except ParseError:
        return
    assert p.title == "Backend Engineer" and isinstance(p.locations, tuple)
    assert job_id({**job, "_page": "https://x.test/careers"}) is not None
