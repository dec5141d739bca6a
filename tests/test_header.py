"""transform/header.py: HN header lines -> company, roles, seniority, locations, remote, salary,
visa; and those fields on the roles `jobtrends extract` writes. Headers here are invented; the
`real` test reads ../shared/data/real."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import asdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.base import Posting
from tests.conftest import SHARED_REAL
from transform.facts import extract_facts, facts_record
from transform.header import SENIORITIES, Salary, parse_header, parse_salary, seniority
from transform.roles import find_roles
from transform.taxonomy import load_taxonomy
from transform.text import html_to_text

# --------------------------------------------------------------------------- header lines

# (line, company, [(role, seniority)], locations, remote)
HEADERS = [
    pytest.param(
        "Quietwater | Senior Backend Engineer | Berlin, Germany | REMOTE | €80-100k",
        "Quietwater", [("Senior Backend Engineer", "senior")], ["Berlin, Germany"], True,
        id="pipes",
    ),
    pytest.param(
        "Quietwater – Austin, TX – Full-time",
        "Quietwater", [], ["Austin, TX"], None,
        id="dashes-before-pipes-were-usual",
    ),
    pytest.param(
        "Austin, TX | Quietwater | Platform Engineer | ONSITE",
        "Quietwater", [("Platform Engineer", None)], ["Austin, TX"], False,
        id="location-first",
    ),
    pytest.param(
        "Quietwater (YC W19) | Backend, Frontend and SRE engineers | NYC, SF, Berlin | Hybrid",
        "Quietwater (YC W19)",
        [("Backend engineers", None), ("Frontend engineers", None), ("SRE engineers", None)],
        ["NYC", "SF", "Berlin"], None,
        id="several-roles-share-a-noun-and-hybrid-is-not-remote",
    ),
    pytest.param(
        "Quietwater | Senior/Staff Software Engineer | San Francisco, CA / Remote (US)",
        "Quietwater",
        [("Senior Software Engineer", "senior"), ("Staff Software Engineer", "staff")],
        ["San Francisco, CA", "US"], True,
        id="seniorities-share-a-title-and-remote-region",
    ),
    pytest.param(
        "Quietwater | Software Engineers (Principal, Staff) | Onsite or Remote",
        "Quietwater",
        [("Principal Software Engineers", "principal"), ("Staff Software Engineers", "staff")],
        [], True,
        id="seniorities-in-parentheses-and-onsite-or-remote",
    ),
    pytest.param(
        "Quietwater.io | Engineering Manager | Conshohocken, PA | no remote",
        "Quietwater.io", [("Engineering Manager", "manager")], ["Conshohocken, PA"], False,
        id="domain-name-unknown-town-and-no-remote",
    ),
    pytest.param(
        "Quietwater | Onsite (temporarily remote) | Kaiserslautern Germany",
        "Quietwater", [], ["Kaiserslautern Germany"], False,
        id="remote-for-a-while-is-onsite",
    ),
    pytest.param(
        "[Quietwater | Backend Engineer | NYC]",
        "Quietwater", [("Backend Engineer", None)], ["NYC"], None,
        id="bracketed",
    ),
    pytest.param(
        "Quietwater is hiring backend engineers in Berlin!",
        "Quietwater", [("backend engineers", None)], ["Berlin"], None,
        id="a-sentence",
    ),
    pytest.param(
        "Quietwater | Frontend Engineer | REMOTE (UK/EU/US) | Full-time",
        "Quietwater", [("Frontend Engineer", None)], ["UK", "EU", "US"], True,
        id="remote-regions",
    ),
    pytest.param(
        "Quietwater, London, UK. On-site only.",
        "Quietwater", [], ["London, UK"], False,
        id="commas-only",
    ),
    pytest.param(
        "Quietwater | Java Developer in Lisbon | Full time",
        "Quietwater", [("Java Developer", None)], ["Lisbon"], None,
        id="place-inside-a-role-field",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("line", "company", "roles", "locations", "remote"), HEADERS)
def test_parse_header(
    line: str,
    company: str,
    roles: list[tuple[str, str | None]],
    locations: list[str],
    remote: bool | None,
) -> None:
    header = parse_header(line + "\n\nWe are fully remote and pay $500k.")  # line 1 only
    assert header.company == company
    assert [(r.title, r.seniority) for r in header.roles] == roles
    assert list(header.locations) == locations
    assert header.remote is remote


# (field, min, max, currency, period, text)
SALARIES = [
    pytest.param("$150k-$200k + equity", 150e3, 200e3, "USD", "year", "$150k-$200k", id="usd-k"),
    pytest.param("€80-100k", 80e3, 100e3, "EUR", "year", "€80-100k", id="k-on-the-max-only"),
    pytest.param("120,000 - 160,000 USD", 120e3, 160e3, "USD", "year", "120,000 - 160,000 USD",
                 id="code-after"),
    pytest.param("$70/hr", 70, 70, "USD", "hour", "$70/hr", id="hourly"),
    pytest.param("Salary: 120K-150K", 120e3, 150e3, None, "year", "120K-150K",
                 id="salary-word-no-currency"),
    pytest.param("£4,500 per month", 4500, 4500, "GBP", "month", "£4,500 per month", id="monthly"),
    pytest.param("up to £90k", None, 90e3, "GBP", "year", "£90k", id="up-to"),
    pytest.param("$120k+", 120e3, None, "USD", "year", "$120k+", id="plus"),
    pytest.param("R$54k-R$120k", 54e3, 120e3, "BRL", "year", "R$54k-R$120k", id="real"),
    pytest.param("CHF 110k - 130k", 110e3, 130e3, "CHF", "year", "CHF 110k - 130k", id="chf"),
    pytest.param("50.000 - 65.000 EUR", 50e3, 65e3, "EUR", "year", "50.000 - 65.000 EUR",
                 id="dot-thousands"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "low", "high", "currency", "period", "text"), SALARIES)
def test_parse_salary(
    field: str,
    low: float | None,
    high: float | None,
    currency: str | None,
    period: str,
    text: str,
) -> None:
    assert parse_salary(field) == Salary(low, high, currency, period, text)


@pytest.mark.parametrize(
    "field",
    [
        "$20M Series A",
        "0.5-1% equity",
        "Quietwater (YC S13)",
        "founded 2012, 40 employees",
        "$2k learning budget",
        "$5,000 signing bonus",
        "raised $12,000,000",
        "https://quietwater.example/jobs/895695",
        "Python 3.11, 2-5 years",
        "$99 per seat",
    ],
)
def test_money_that_is_no_salary(field: str) -> None:
    assert parse_salary(field) is None


@pytest.mark.parametrize(
    ("line", "visa"),
    [
        ("Quietwater | Backend Engineer | VISA", True),
        ("Quietwater | Backend Engineer | H1B transfer OK", True),
        ("Quietwater | Backend Engineer | no visa sponsorship", False),
        ("Quietwater | Backend Engineer | US citizens only", False),
        ("Quietwater | Backend Engineer | Berlin", None),
    ],
)
def test_visa(line: str, visa: bool | None) -> None:
    assert parse_header(line).visa is visa


def test_the_salary_is_the_one_of_the_header() -> None:
    header = parse_header("Quietwater | Data Engineer | London | Salary: £60k-£80k | ONSITE")
    assert header.salary == Salary(60_000, 80_000, "GBP", "year", "£60k-£80k")
    assert header.locations == ("London",)  # the salary is not a place


def test_a_dash_inside_a_salary_range_does_not_split_fields() -> None:
    header = parse_header("Software Engineer - REMOTE - Salary: $70k - $110k")
    assert header.salary is not None and (header.salary.min, header.salary.max) == (70e3, 110e3)


def test_no_header_no_fields() -> None:
    assert parse_header("") == parse_header("\n\n") == parse_header("   ")
    assert parse_header("").company is None and parse_header("").roles == ()


# --------------------------------------------------------------------------- seniority


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Software Engineering Intern", "intern"),
        ("Junior Python Developer", "junior"),
        ("Jr. Backend Engineer", "junior"),
        ("New Grad Software Engineer", "junior"),
        ("Software Engineer I", "junior"),
        ("Software Engineer II", "mid"),
        ("Mid-level Rails Developer", "mid"),
        ("Sr. Platform Engineer", "senior"),
        ("Senior Software Engineer", "senior"),
        ("Staff Engineer", "staff"),
        ("Senior Staff Engineer", "staff"),
        ("Principal Engineer", "principal"),
        ("Tech Lead, Payments", "lead"),
        ("Senior Tech Lead", "lead"),
        ("Engineering Manager", "manager"),
        ("Senior Engineering Manager", "manager"),
        ("Director of Engineering", "director"),
        ("Head of Platform", "director"),
        ("VP Engineering", "executive"),
        ("Founding CTO", "executive"),
        ("Senior Product Manager", "senior"),  # a product manager manages no team
        ("Software Engineer", None),
        ("Backend Developer", None),
        ("Staff Accountant", None),
    ],
)
def test_seniority(title: str, level: str | None) -> None:
    assert seniority(title) == level
    assert level is None or level in SENIORITIES


# --------------------------------------------------------------------------- properties


@given(st.text(max_size=600))
def test_parse_header_never_raises(text: str) -> None:
    header = parse_header(text)
    assert header.remote in (True, False, None)
    assert all(r.seniority is None or r.seniority in SENIORITIES for r in header.roles)
    if header.salary:
        assert header.salary.text in header.line


@given(st.from_regex(r"[$€£]?\d{1,3}(,\d{3})?k?( ?- ?[$€£]?\d{1,3}(,\d{3})?k?)?(/hr| per year)?"))
def test_salaries_are_ordered_and_plausible(text: str) -> None:
    salary = parse_salary(text)
    if salary is not None:
        assert salary.min is None or salary.max is None or salary.min <= salary.max
        assert salary.period in ("year", "month", "week", "day", "hour")


# --------------------------------------------------------------------------- roles and output


def _posting(html: str, **kw: object) -> Posting:
    fields: dict[str, object] = dict(
        source="hn", source_id="39000001", url="https://news.ycombinator.com/item?id=39000001",
        period="2024-01", posted_at=None, title=None, company=None, author="someone",
        thread_id=38842977, html=html, content_hash="not-checked-here",
    )  # fmt: skip
    fields.update(kw)
    return Posting(**fields)  # type: ignore[arg-type]


def test_hn_roles_carry_the_header_fields() -> None:
    text = "Quietwater | Senior Backend Engineer, Staff SRE | Berlin | REMOTE | €80-100k\n\nPython."
    roles = find_roles(text)
    assert [(r.title, r.seniority) for r in roles] == [
        ("Senior Backend Engineer", "senior"),
        ("Staff SRE", "staff"),
    ]
    for role in roles:
        assert (role.location, role.remote) == ("Berlin", True)
        assert (role.salary_min, role.salary_max, role.salary_currency, role.salary_period) == (
            80_000,
            100_000,
            "EUR",
            "year",
        )


def test_board_roles_get_seniority_from_their_title_only() -> None:
    [role] = find_roles("Acme | Remote | $200k\n\nWe use Python.", "Senior Platform Engineer")
    assert (role.title, role.backend, role.seniority) == (
        "Senior Platform Engineer",
        True,
        "senior",
    )
    assert role.location is role.remote is role.salary_min is None


def test_extract_output_and_warehouse_rows_carry_the_fields() -> None:
    taxonomy = load_taxonomy()
    posting = _posting("Quietwater | Backend Engineer | NYC | ONSITE | $150k-$180k<p>Go on AWS.")
    facts = extract_facts(posting, taxonomy)
    record = facts_record(facts, taxonomy, "x")
    assert record["roles"] == [
        {
            "title": "Backend Engineer",
            "backend": True,
            "seniority": None,
            "location": "NYC",
            "remote": False,
            "salary": {"min": 150_000, "max": 180_000, "currency": "USD", "period": "year"},
        }
    ]
    # warehouse/load.py stores json.dumps(asdict(role)) in postings.roles.
    stored = json.loads(json.dumps([asdict(r) for r in facts.roles]))
    assert stored[0]["salary_min"] == 150_000 and stored[0]["location"] == "NYC"
    unpaid = facts_record(extract_facts(_posting("Quietwater | Backend Engineer")), taxonomy, 1)
    assert unpaid["roles"][0]["salary"] is None  # type: ignore[index]


# --------------------------------------------------------------------------- real headers

REAL_SETS = {
    # first 2,000 headers of each; floors a little under what the parser reaches today
    # (2013-2018: 1,660 with a location, 4 with a salary; 2023: 1,514 and 154).
    "hn_gaganpreet_2013_2018": (1_550, 3),
    "hn_m3at_2023h1": (1_400, 130),
}


def _first_real_headers(dataset: str, n: int = 2_000) -> list[str]:
    texts: list[str] = []
    for path in sorted((SHARED_REAL / dataset).glob("*.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            if path.name.endswith(".jsonl.gz"):
                rows = [json.loads(line)["hn_text"] for line in f if line.strip()]
            else:
                rows = [r.get("full_html") or "" for r in json.load(f)]
        texts.extend(html_to_text(html) for html in rows)
        if len(texts) >= n:
            break
    return texts[:n]


@pytest.mark.real
@pytest.mark.parametrize("dataset", sorted(REAL_SETS))
def test_real_headers(dataset: str) -> None:
    texts = _first_real_headers(dataset)
    assert len(texts) == 2_000
    start = time.perf_counter()
    headers = [parse_header(t) for t in texts]
    per_header = (time.perf_counter() - start) / len(texts)
    located = sum(bool(h.locations) for h in headers)
    paid = sum(h.salary is not None for h in headers)
    remote_known = sum(h.remote is not None for h in headers)
    print(
        f"\n{dataset}: {located} of 2000 headers with a location, {paid} with a salary, "
        f"{remote_known} say remote or not; {per_header * 1e6:.0f} µs a header"
    )
    floor_located, floor_paid = REAL_SETS[dataset]
    assert located >= floor_located
    assert paid >= floor_paid
    assert per_header < 0.002  # only the first line is read: well under the matcher's cost
