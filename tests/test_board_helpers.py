"""The helpers every job-board source shares (extract/boards.py): amounts, remote, salaries,
the Posting builder and its content hash, and each source's declared defaults."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.base import Posting, RawPayload
from extract.boards import (
    HASHED_FIELDS,
    board_posting,
    by_key,
    looks_remote,
    number,
    salary_fields,
    workplace_remote,
)
from extract.sources import BOARD_SOURCES

FETCHED = datetime(2024, 7, 1, 12, tzinfo=UTC)
POSTED = datetime(2024, 5, 2, 7, 30, tzinfo=UTC)

# --- number: one amount, or None ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (120000, 120000.0),
        (68.5, 68.5),
        ("120000", 120000.0),
        ("$120,000", 120000.0),
        ("95,000.00", 95000.0),
        ("120k", 120000.0),
        ("$1.5K", 1500.0),
        (" £38,000 ", 38000.0),
        ("120 000 €", 120000.0),
        ("USD 85000", 85000.0),
        ("85,000 EUR", 85000.0),
    ],
)
def test_number_reads_one_amount(value: Any, expected: float) -> None:
    assert number(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "80,000 - 100,000",  # a range: not 80000100000
        "$120k-$150k",
        "1.234,56",  # a decimal comma: not 1.23456
        "50.000",  # a German 50,000: ambiguous, not 50
        "12,34",
        "1,2345",
        "competitive",
        "up to 90k",
        "",
        "0",
        0,
        -5,
        True,
        None,
        float("nan"),
        float("inf"),
        [100000],
    ],
)
def test_number_is_none_for_anything_but_one_positive_amount(value: Any) -> None:
    assert number(value) is None


@given(st.integers(min_value=1, max_value=10**9))
def test_number_reads_thousands_separators(n: int) -> None:
    assert number(f"{n:,}") == number(f"${n:,}") == number(str(n)) == float(n)


@given(st.text(max_size=20))
def test_number_never_raises(text: str) -> None:
    got = number(text)
    assert got is None or got > 0


# --- remote ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Remote",), True),
        (("Remote - US",), True),
        (("Berlin", "Anywhere in Europe"), True),
        (("Berlin or remote",), True),
        (("Remote (US); no remote outside the US",), True),  # one mention still says it
        (("Not remote",), None),
        (("No remote",), None),
        (("Non-remote",), None),
        (("non remote position",), None),
        (("This is not a remote role",), None),
        (("Berlin, remote not possible",), None),
        (("Remote work is not possible",), None),
        (("Berlin",), None),
        ((None, ""), None),
        ((), None),
    ],
)
def test_looks_remote_ignores_negated_mentions(
    texts: tuple[str | None, ...], expected: bool | None
) -> None:
    assert looks_remote(*texts) is expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("remote", True),
        ("Remote", True),
        ("TELECOMMUTE", True),
        ("on-site", False),
        ("OnSite", False),
        ("ON_SITE", False),
        ("onsite", False),
        ("hybrid", None),  # neither remote nor on-site
        ("Hybrid", None),
    ],
)
def test_workplace_types_map_alike_for_every_source(kind: str, expected: bool | None) -> None:
    assert workplace_remote(kind) is expected
    assert workplace_remote(kind, True) is expected  # a known type wins over the fallback


@pytest.mark.parametrize("kind", [None, "", "unspecified", "somewhere", 3])
def test_an_unknown_workplace_type_falls_back(kind: Any) -> None:
    assert workplace_remote(kind) is None
    assert workplace_remote(kind, True) is True
    assert workplace_remote(kind, False) is False


# --- salaries -------------------------------------------------------------------------------


def test_salary_fields_normalise_every_part() -> None:
    assert salary_fields("85,000", 120000, " usd ", "per-year-salary", " $85k-$120k ") == {
        "salary_min": 85000.0,
        "salary_max": 120000.0,
        "salary_currency": "USD",
        "salary_period": "year",
        "salary_text": "$85k-$120k",
    }


def test_salary_fields_without_a_bound_keep_only_the_text() -> None:
    assert salary_fields(None, 0, "USD", "YEAR", "Competitive") == {"salary_text": "Competitive"}
    assert salary_fields(None, None, "USD", "YEAR") == {}  # currency and period alone say nothing
    assert salary_fields(text="  ") == {}
    assert salary_fields("80,000 - 100,000", text="80,000 - 100,000") == {
        "salary_text": "80,000 - 100,000"
    }


def test_salary_fields_with_one_bound() -> None:
    got = salary_fields(None, 60, 978, "HOUR")
    assert got == {
        "salary_min": None,
        "salary_max": 60.0,
        "salary_currency": None,  # not a string: dropped
        "salary_period": "hour",
        "salary_text": None,
    }


# --- board_posting and its content hash ---------------------------------------------------


def raw(**payload: Any) -> RawPayload:
    return RawPayload("greenhouse", "acme/1", "https://x.test/jobs", FETCHED, payload or {"id": 1})


def posting(**changes: Any) -> Posting:
    fields_: dict[str, Any] = {
        "url": "https://x.test/jobs/1",
        "html": "<p>Go and PostgreSQL.</p>",
        "posted_at": POSTED,
        "title": "Backend Engineer",
        "company": "Acme",
        "locations": ("Berlin",),
        "remote": False,
        "department": "Platform",
        "employment_type": "Full-time",
        "updated_at": POSTED,
        **salary_fields(80000, 100000, "EUR", "year", "€80k-€100k"),
    }
    fields_.update(changes)
    return board_posting(raw(), "acme", **fields_)


def test_board_posting_fills_the_common_fields() -> None:
    p = posting()
    assert (p.source, p.source_id, p.board, p.period) == ("greenhouse", "acme/1", "acme", "2024-05")
    assert len(p.content_hash) == 64
    assert posting(posted_at=None).period == "2024-07"  # not published: when it was fetched


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("title", "Staff Engineer"),
        ("company", "Other"),
        ("html", "<p>Rust.</p>"),
        ("locations", ("Berlin", "Remote")),
        ("remote", None),
        ("department", "Data"),
        ("employment_type", "Contract"),
        ("salary_min", 85000.0),
        ("salary_max", 110000.0),
        ("salary_currency", "USD"),
        ("salary_period", "month"),
        ("salary_text", "€85k-€110k"),
        ("posted_at", datetime(2024, 5, 3, tzinfo=UTC)),
    ],
)
def test_an_edit_to_any_said_field_changes_the_hash(name: str, value: Any) -> None:
    assert posting(**{name: value}).content_hash != posting().content_hash


def test_updated_at_and_url_do_not_change_the_hash() -> None:
    # Boards bump updated_at without an edit: hashing it would rewrite postings every night.
    base = posting().content_hash
    assert posting(updated_at=datetime(2024, 6, 30, tzinfo=UTC)).content_hash == base
    assert posting(updated_at=None).content_hash == base
    assert posting(url="https://x.test/jobs/1?utm=feed").content_hash == base


def test_every_posting_field_is_hashed_or_deliberately_left_out() -> None:
    left_out = {"source", "source_id", "url", "period", "content_hash", "board", "updated_at"}
    hn_only = {"author", "thread_id"}
    assert {f.name for f in fields(Posting)} == set(HASHED_FIELDS) | left_out | hn_only


def test_the_hash_is_of_the_posting_not_of_the_payload() -> None:
    one = board_posting(raw(id=1, extra="a"), "acme", url="u", html="<p>x</p>", posted_at=None)
    two = board_posting(raw(id=1, extra="b"), "acme", url="u", html="<p>x</p>", posted_at=None)
    assert one.content_hash == two.content_hash
    assert replace(one, content_hash="") == replace(two, content_hash="")


# --- the protocol: ids and what each source declares ----------------------------------------


def test_by_key_reads_one_field() -> None:
    job_id = by_key("shortcode")
    assert job_id({"shortcode": "AB12", "id": 7}) == "AB12"
    assert job_id({"id": 7}) is None


DOCUMENTED_URLS = {
    "greenhouse": "https://boards-api.greenhouse.io/v1",
    "lever": "https://api.lever.co/v0",
    "ashby": "https://api.ashbyhq.com/posting-api",
    "smartrecruiters": "https://api.smartrecruiters.com/v1",
    "workable": "https://apply.workable.com/api/v1/widget",
    "recruitee": "https://{company}.recruitee.com/api",
    "remotive": "https://remotive.com/api",
    "remoteok": "https://remoteok.com/api",
    "arbeitnow": "https://www.arbeitnow.com/api",
    "jsonld": "",
}


def test_each_source_declares_its_documented_default_url() -> None:
    assert {name: s.default_url for name, s in BOARD_SOURCES.items()} == DOCUMENTED_URLS


def test_only_sources_with_detail_calls_have_a_cheaper_probe() -> None:
    assert {name for name, s in BOARD_SOURCES.items() if s.probe} == {"smartrecruiters"}
