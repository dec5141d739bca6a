"""De-duplication: company normalisation, MinHash signatures, the four linking rules, canonical
choice, and ``core.posting_links`` written by the warehouse step (idempotent, atomic, re-hashing
only changed postings), on warehouses built by the real loaders; plus a measurement on the
real HN and Ashby data in ../shared/data/real.
"""

from __future__ import annotations

import gzip
import json
import random
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import example, given
from hypothesis import strategies as st

from extract.base import Posting, RawPayload, content_hash
from tests.conftest import SHARED_REAL
from transform import dedup
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import dedup as links_step
from warehouse import load
from warehouse.db import connect
from warehouse.dedup import refresh_links

TAXONOMY = load_taxonomy()

# A job description long enough to be realistic (~130 words), with a date line and an apply link.
BODY = (
    "<p>Posted {date}.</p>"
    "<p>We are a small team building the payments platform that thousands of independent shops "
    "use to get paid. You will design, build and run the services behind our public API, and "
    "own them in production with the rest of the team.</p>"
    "<p>What you will do: write {stack} services that move money safely; design schemas and "
    "migrations for PostgreSQL; run our workloads on AWS with Docker and Kubernetes; review "
    "code and mentor two junior engineers; take part in a calm on-call rotation.</p>"
    "<p>What we look for: five years of backend experience, care for correctness and tests, "
    "clear written communication, and curiosity about how small businesses work.</p>"
    "<p>We offer a salary of 90-110k EUR, 30 days of holiday and a yearly learning budget.</p>"
    '<p>Apply at <a href="https://acme.example/jobs/backend?utm_source={utm}">our careers '
    "page</a>.</p>"
)


def body(date: str = "2024-03-01", stack: str = "Go", utm: str = "hn") -> str:
    return BODY.format(date=date, stack=stack, utm=utm)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def board(
    source: str,
    job_id: str,
    html: str,
    title: str = "Senior Backend Engineer",
    company: str = "Acme",
    posted: str | None = "2024-03-01",
) -> Posting:
    return Posting(
        source=source,
        source_id=f"acme/{job_id}",
        url=f"https://{source}.example/acme/{job_id}",
        period=(posted or "2024-03")[:7],
        posted_at=at(posted) if posted else None,
        html=html,
        content_hash=content_hash([html, title, company]),
        title=title,
        company=company,
        board="acme",
    )


def hn(cid: int, html: str, period: str = "2024-03") -> Posting:
    return Posting(
        source="hn",
        source_id=str(cid),
        url=f"https://news.ycombinator.com/item?id={cid}",
        period=period,
        posted_at=at(f"{period}-02T12:00:00") + timedelta(minutes=cid % 600),
        html=html,
        content_hash=content_hash([html, period]),
        thread_id=f"thread-{period}",
    )


def put(db: Path, postings: list[Posting], seen: str = "2024-03-10") -> None:
    """Load postings the way a run does; job-board postings are seen at ``seen``."""
    with connect(db) as con:
        load.record_taxonomy(con, TAXONOMY)
        parsed = [(p, extract_facts(p, TAXONOMY)) for p in postings]
        load.load_batch(con, load.Batch(parsed=parsed), run_id=f"run-{seen}", now=at(seen))


def linked(db: Path) -> dict[str, tuple[str, str, float]]:
    """posting key -> (canonical_key, source_canonical_key, similarity), after linking."""
    with connect(db) as con:
        refresh_links(con)
        rows = con.execute(
            "select source || ':' || source_id, canonical_key, source_canonical_key, similarity "
            "from core.posting_links"
        ).fetchall()
    return {key: (canonical, within, similarity) for key, canonical, within, similarity in rows}


def tables(db: Path) -> dict[str, list[tuple]]:
    with connect(db, read_only=True) as con:
        return {
            t: con.execute(f"select * from core.{t} order by all").fetchall()
            for t in ("posting_links", "posting_signatures")
        }


# -- company normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme", "acme"),
        ("Acme, Inc.", "acme"),
        ("ACME Inc", "acme"),
        ("Acme LLC", "acme"),
        ("acme.io", "acme"),
        ("Acme Ltd.", "acme"),
        ("Acme GmbH & Co. KG", "acme"),
        ("The Acme Company", "acme"),
        ("Acme (YC S19)", "acme"),
        ("Sourcegraph (https://sourcegraph.com/)", "sourcegraph"),
        ("SingleStoreDB (formerly MemSQL) (https://singlestore.com)", "singlestoredb"),
        ("PrimeIntellect", "primeintellect"),  # an Ashby board token ...
        ("Prime Intellect", "primeintellect"),  # ... meets the name another source gives
        ("kraken.com", "kraken"),
        ("Acme .io", "acme"),  # a domain ending spaced off the name
        ("Foowww.io", "foowww"),  # not a link "www.io"
        ("Zürich Versicherung AG", "zurichversicherung"),
        ("AT&T", "atandt"),
        ("Procter & Gamble", "procterandgamble"),
        ("Inc", "inc"),  # nothing but a legal form: kept, not emptied
        ("The", "the"),
        ("", None),
        (None, None),
        ("  (stealth)  ", None),
    ],
)
def test_company_key(name: str | None, key: str | None) -> None:
    assert dedup.company_key(name) == key


NAMES = st.text(string.ascii_letters + string.digits + " .,&-'()!", min_size=1, max_size=40)


@given(NAMES)
def test_company_key_is_a_fixed_point(name: str) -> None:
    key = dedup.company_key(name)
    assert key is None or (dedup.company_key(key) == key and key.isalnum() and key == key.lower())


@given(NAMES, st.sampled_from([" Inc.", ", Inc", " LLC", " Ltd", " GmbH", " (YC W20)", ".io"]))
@example("0 ", ".io")  # a trailing space: "0 .io" is "0" too
@example("xx)www", ".io")  # "www.io" is no link: "xxwww" as "xx)www" is
def test_company_key_ignores_case_and_legal_forms(name: str, suffix: str) -> None:
    key = dedup.company_key(name)
    if key is None or key in dedup._LEGAL or not name.strip()[-1:].isalnum():
        return  # "Co" + " Inc." is legitimately "co"; "x." + ".io" is another name
    assert dedup.company_key(name.upper()) == key
    assert dedup.company_key(name + suffix) == key


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Senior Backend Engineer", "Sr. Back-end Engineer", True),
        ("Backend Engineers", "Back End Engineer (Remote)", True),
        ("Softwareentwickler (m/w/d)", "Softwareentwickler", True),
        ("Backend Engineer (Go)", "Backend Engineer (Python)", False),
        ("Senior Backend Engineer", "Backend Engineer", False),
        ("Android Engineer", "iOS Engineer", False),
        ("Backend Engineer II", "Backend Engineer III", False),
    ],
)
def test_titles_agree(a: str, b: str, agree: bool) -> None:
    ka, kb = dedup.title_key(a), dedup.title_key(b)
    assert ka and kb
    assert dedup.titles_agree(frozenset([ka]), frozenset([kb])) is agree


def test_role_lists_agree_when_they_share_at_least_half() -> None:
    three = frozenset({"back end engineer", "data scientist", "product manager"})
    assert dedup.titles_agree(three, three | {"designer"})  # a repost that adds a role
    assert not dedup.titles_agree(frozenset({"a", "b"}), frozenset({"a", "c"}))
    assert dedup.titles_agree(frozenset(), three)  # nothing to compare: the text decides


# -- signatures ------------------------------------------------------------------------------


@given(st.text(min_size=0, max_size=300))
def test_signatures_are_datasketch_minhashes_of_the_shingles(text: str) -> None:
    [ours] = dedup.signatures([text])
    theirs = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, scheme="affine32", hashfunc=int)
    theirs.update_batch(dedup.shingle_hashes(text).tolist())
    assert np.array_equal(ours, theirs.hashvalues)


def test_words_leave_out_links_and_read_numbers_as_one_word() -> None:
    a = dedup.words("Posted 2024-03-01. Apply: https://x.example/j?utm_source=hn (5+ years)")
    b = dedup.words("Posted 2024-04-17. Apply: https://x.example/j?utm_source=li (7+ years)")
    assert a == b == ["posted", "0", "0", "0", "apply", "0", "years"]
    assert dedup.words("Zürich: EC2 & S3") == ["zurich", "ec2", "s3"]


def test_similarity_of_equal_different_and_empty_texts() -> None:
    same, other, empty = dedup.signatures([body(), "Completely different words here", ""])
    assert dedup.similarity(same, same) == 1.0
    assert dedup.similarity(same, other) < 0.2
    assert dedup.similarity(empty, empty) == 0.0  # no words: never a duplicate


# -- the rules, on warehouses built by the real loaders -----------------------------------------


def test_a_repost_with_a_new_date_line_and_tracking_parameter_is_linked(db_path: Path) -> None:
    first = board("greenhouse", "1", body("2024-03-01", utm="hn"), posted="2024-03-01")
    again = board("greenhouse", "2", body("2024-03-20", utm="linkedin"), posted="2024-03-20")
    put(db_path, [first, again])
    links = linked(db_path)
    assert links["greenhouse:acme/2"][:2] == ("greenhouse:acme/1", "greenhouse:acme/1")
    assert links["greenhouse:acme/1"] == ("greenhouse:acme/1", "greenhouse:acme/1", 1.0)
    assert links["greenhouse:acme/2"][2] >= dedup.THRESHOLD


def test_a_lightly_edited_hn_repost_in_the_same_thread_is_linked(db_path: Path) -> None:
    text = "Acme | Backend Engineer | Berlin | ONSITE" + body()
    edited = text.replace("two junior engineers", "three junior engineers")
    put(db_path, [hn(101, text), hn(102, edited)])
    assert linked(db_path)["hn:102"][0] == "hn:101"


def test_different_jobs_of_one_company_are_not_linked(db_path: Path) -> None:
    put(
        db_path,
        [
            # the same template, another stack and title
            board("lever", "go", body(stack="Go"), title="Backend Engineer (Go)"),
            board("lever", "py", body(stack="Python"), title="Backend Engineer (Python)"),
            # the same template, another role (HN: the header names it)
            hn(201, "Acme | Android Engineer | Berlin" + body(stack="Kotlin")),
            hn(202, "Acme | iOS Engineer | Berlin" + body(stack="Swift")),
            # another company's copy of the same text
            board("lever", "other", body(), title="Backend Engineer (Go)", company="Initech"),
            # same company and title, another job
            board("lever", "data", "<p>We need a data engineer for Spark and Airflow.</p>"),
        ],
    )
    links = linked(db_path)
    assert all(canonical == key for key, (canonical, _, _) in links.items()), links


def test_the_same_job_on_two_sources_is_linked_to_the_earliest(db_path: Path) -> None:
    ashby = board("ashby", "9", body(), title="Senior Backend Engineer", posted="2024-03-04")
    remotive = Posting(
        source="remotive",
        source_id="77",
        url="https://remotive.example/77",
        period="2024-03",
        posted_at=at("2024-03-02"),  # published here first
        html=body(utm="remotive"),
        content_hash="r77",
        title="Sr. Backend Engineer (Remote)",
        company="Acme, Inc.",
        board="remotive",
    )
    put(db_path, [ashby, remotive])
    links = linked(db_path)
    assert links["ashby:acme/9"][:2] == ("remotive:77", "ashby:acme/9")
    assert links["remotive:77"] == ("remotive:77", "remotive:77", 1.0)
    with connect(db_path, read_only=True) as con:
        keys = con.execute("select distinct company_key from core.posting_links").fetchall()
        shown = con.execute(
            "select posting_key, canonical_key from postings order by posting_key"
        ).fetchall()
    assert keys == [("acme",)]
    assert shown == [("ashby:acme/9", "remotive:77"), ("remotive:77", "remotive:77")]


def test_hn_postings_of_different_months_are_not_linked(db_path: Path) -> None:
    text = "Acme | Backend Engineer | Berlin" + body()
    # A board listing open through January and February matches both months' comments, but a
    # group never holds two HN months: each thread is a census of its month.
    listing = board("ashby", "1", body(), title="Backend Engineer", posted="2024-01-10")
    put(db_path, [hn(301, text, "2024-01"), hn(302, text, "2024-02")])
    put(db_path, [listing], seen="2024-02-20")
    links = linked(db_path)
    assert links["hn:301"][0] != links["hn:302"][0]
    assert links["hn:301"][1] == "hn:301" and links["hn:302"][1] == "hn:302"
    # The listing joins one month's comment (the pairs tie: the first by key), which is older
    # than the listing and so the group's canonical posting; the other month's stays alone.
    assert links["ashby:acme/1"][:2] == ("hn:301", "ashby:acme/1")


def test_board_reposts_link_only_within_about_a_month(db_path: Path) -> None:
    put(db_path, [board("greenhouse", "jan", body(), posted="2024-01-05")], seen="2024-01-20")
    put(db_path, [board("greenhouse", "feb", body(), posted="2024-02-10")], seen="2024-02-15")
    put(db_path, [board("greenhouse", "jun", body(), posted="2024-06-01")], seen="2024-06-02")
    links = linked(db_path)
    assert links["greenhouse:acme/feb"][0] == "greenhouse:acme/jan"  # 21 days after it closed
    assert links["greenhouse:acme/jun"][0] == "greenhouse:acme/jun"  # four months later


def test_every_posting_gets_a_row_and_unnamed_companies_never_link(db_path: Path) -> None:
    anonymous = [hn(401, "Remote only. " + body()), hn(402, "Remote only. " + body())]
    put(db_path, anonymous)
    with connect(db_path) as con:
        counts = refresh_links(con)
        rows = con.execute("select company_key, canonical_key from core.posting_links").fetchall()
    assert counts.postings == 2 and counts.duplicates == 0
    assert sorted(rows) == [(None, "hn:401"), (None, "hn:402")]


# -- the warehouse step -------------------------------------------------------------------------


def test_an_empty_warehouse_links_nothing(db_path: Path) -> None:
    with connect(db_path) as con:
        counts = refresh_links(con)
    assert (counts.postings, counts.hashed, counts.changed) == (0, 0, 0)
    assert tables(db_path) == {"posting_links": [], "posting_signatures": []}


def test_linking_twice_changes_nothing(db_path: Path) -> None:
    put(db_path, [board("greenhouse", str(i), body(f"2024-03-0{i}")) for i in range(1, 4)])
    with connect(db_path) as con:
        first = refresh_links(con, now=at("2024-03-10"))
    before = tables(db_path)
    with connect(db_path) as con:
        second = refresh_links(con, now=at("2024-03-11"))
    assert (first.hashed, first.duplicates, first.groups, first.changed) == (3, 2, 1, 3)
    assert (second.hashed, second.duplicates, second.changed) == (0, 2, 0)
    assert tables(db_path) == before  # linked_at included


def test_only_new_or_changed_postings_are_hashed_again(db_path: Path) -> None:
    data_role = "<p>A data engineering role: Spark, Airflow and a lot of SQL.</p>"
    put(db_path, [board("greenhouse", "1", body()), board("greenhouse", "2", data_role)])
    put(db_path, [board("greenhouse", "3", "<p>An unrelated design role.</p>")])
    with connect(db_path) as con:
        assert refresh_links(con).hashed == 3
    # acme/2 is rewritten into a copy of acme/1; acme/4 is new; acme/3 is seen again unchanged
    put(db_path, [board("greenhouse", "2", body("2024-03-05")), board("greenhouse", "4", body())])
    put(db_path, [board("greenhouse", "3", "<p>An unrelated design role.</p>")])
    with connect(db_path) as con:
        counts = refresh_links(con, now=at("2024-04-01"))
        changed = con.execute(
            "select source_id, canonical_key from core.posting_links where linked_at = ? "
            "order by 1",
            [at("2024-04-01")],
        ).fetchall()
    assert counts.hashed == 2  # the edited and the new posting
    assert changed == [("acme/2", "greenhouse:acme/1"), ("acme/4", "greenhouse:acme/1")]


def test_signatures_of_another_version_are_recomputed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(db_path, [board("greenhouse", "1", body())])
    linked(db_path)
    monkeypatch.setattr(dedup, "VERSION", "words-2/test")
    with connect(db_path) as con:
        assert refresh_links(con).hashed == 1
        assert con.execute("select version from core.posting_signatures").fetchall() == [
            ("words-2/test",)
        ]


def test_a_crash_while_writing_leaves_links_as_they_were(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(db_path, [board("greenhouse", "1", body())])
    linked(db_path)
    put(db_path, [board("greenhouse", "2", body()), board("greenhouse", "3", body(stack="C"))])
    before = tables(db_path)
    write = links_step._write

    def crash(*args: object) -> int:
        write(*args)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setattr(links_step, "_write", crash)
    with connect(db_path) as con, pytest.raises(RuntimeError, match="disk full"):
        refresh_links(con)
    assert tables(db_path) == before
    monkeypatch.undo()
    assert linked(db_path)["greenhouse:acme/2"][0] == "greenhouse:acme/1"


def test_linking_is_the_same_whatever_the_order() -> None:
    texts = [body(), body("2024-03-05"), body(stack="Rust"), body("2024-03-09", utm="x")]
    items = [
        dedup.item("greenhouse", str(i), "Acme", ["Backend Engineer"], "2024-03", at("2024-03-01"))
        for i in range(len(texts))
    ]
    sigs = dedup.signatures(texts)
    forward = {link.key: link for link in dedup.link_postings(items, sigs)}
    backward = {link.key: link for link in dedup.link_postings(items[::-1], sigs[::-1])}
    assert forward == backward
    assert {link.canonical_key for link in forward.values()} == {"greenhouse:0"}


def test_one_template_reposted_for_years_links_while_listings_stay_within_a_month() -> None:
    # A staffing agency's ad, in two versions used by turns (a line edited): listings at most
    # 31 days apart are one job, a longer pause starts another. Each version is one signature
    # (the date line reads alike), so the links at the edges are between the two.
    windows = [
        ("2024-01-01", "2024-01-10"),
        ("2024-02-10", "2024-02-20"),  # starts 31 days after the one before ends: one job
        ("2024-03-22T00:00:01", "2024-03-30"),  # 31 days and a second: a new opening
        ("2024-03-25", "2024-05-30"),
        ("2024-06-29", "2024-07-02"),  # 30 days after the long one ends
        ("2023-12-20", "2023-12-21"),  # listed first, 11 days before the first one
    ]
    items = [
        dedup.item(
            "greenhouse", str(k), "Staffco", ["Warehouse Associate"], None, at(a), at(a), at(b)
        )
        for k, (a, b) in enumerate(windows)
    ]
    edited = [body(a[:10]).replace("two junior", "three junior") for a, _ in windows]
    sigs = dedup.signatures(
        [body(a[:10]) if k % 2 else edited[k] for k, (a, _) in enumerate(windows)]
    )
    assert len({sig.tobytes() for sig in sigs}) == 2
    links = dedup.link_postings(items, sigs)
    first, second = "greenhouse:5", "greenhouse:2"
    assert [link.canonical_key for link in links] == [first, first, second, second, second, first]
    assert all(link.similarity >= dedup.THRESHOLD for link in links)
    # the two versions listed once each, so the limit falls between the two signatures
    for gap, linked in ((timedelta(days=31), True), (timedelta(days=31, seconds=1), False)):
        later = at("2024-01-10") + gap
        pair = [
            dedup.item(
                "greenhouse", "a", "Staffco", [], None, at("2024-01-01"), None, at("2024-01-10")
            ),
            dedup.item(
                "greenhouse", "b", "Staffco", [], None, later, None, later + timedelta(days=5)
            ),
        ]
        links = dedup.link_postings(pair, dedup.signatures([edited[0], body()]))
        assert (links[1].canonical_key == "greenhouse:a") is linked


# A posting's words: a company template, a few words of it edited.
WORDS = (
    "we build ship run own design review test deploy scale data pipelines services apis cloud "
    "teams users customers payments search maps video ads infra security mobile web platform "
    "backend frontend product growth fast small remote office calm kind curious careful"
).split()


def random_postings(rng: random.Random, n: int) -> tuple[list[dedup.Item], list[str]]:
    """``n`` postings of four companies, each reposting its own template with 0-16 of its 60
    words changed (similarities from 1.0 to about 0.3), a date, a number and a link that read
    alike: HN comments in six thread months (role lists for titles) and job-board listings on
    three sources, open from a day to three months around those months, some undated."""
    names = {
        "acme": ["Acme", "Acme, Inc."],
        "initech": ["Initech"],
        "globex": ["Globex"],
        "hooli": ["Hooli"],
    }
    templates = {key: [rng.choice(WORDS) for _ in range(60)] for key in names}
    titles = ["Backend Engineer", "Data Engineer", "Designer"]
    items, texts = [], []
    for k in range(n):
        key = rng.choice(list(names))
        words = list(templates[key])
        for _ in range(rng.choice([0, 0, 0, 1, 2, 4, 8, 16])):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        texts.append(
            ""
            if rng.random() < 0.03
            else " ".join(words) + f" posted 2024-0{rng.randint(1, 6)}-{rng.randint(10, 28)}, "
            f"{rng.randint(1, 9)}+ years, https://jobs.example/{k}?utm={rng.random()}"
        )
        company = rng.choice(names[key])
        if rng.random() < 0.35:
            month = rng.randint(1, 6)
            roles = rng.sample(titles, rng.choice([0, 1, 1, 1, 2, 3]))
            when = at(f"2024-0{month}-01") + timedelta(days=rng.randrange(27))
            items.append(dedup.item("hn", str(k), company, roles, f"2024-0{month}", when))
            continue
        source = rng.choice(["greenhouse", "ashby", "remotive"])
        title = rng.choice([*titles[:2], None])
        if rng.random() < 0.05:
            items.append(dedup.item(source, str(k), company, [title]))
            continue
        posted = at("2023-12-15") + timedelta(days=rng.uniform(0, 200))
        seen = posted + timedelta(days=rng.uniform(0, 2))
        until = seen + timedelta(days=rng.choice([0, 5, 20, 40, 90]))
        items.append(dedup.item(source, str(k), company, [title], None, posted, seen, until))
    return items, texts


def every_pair_links(
    items: list[dedup.Item], sigs: np.ndarray, threshold: float
) -> tuple[list[tuple], int]:
    """The links by brute force: every pair of postings checked for sharing an LSH band (a
    bucket of datasketch's index: the band's values equal) and for the four rules, the pairs
    joined strongest first by a union-find of its own that refuses a second HN month; and how
    many joins it refused."""
    bands = MinHashLSH(threshold=min(threshold, dedup.INDEX_THRESHOLD), num_perm=dedup.NUM_PERM)
    share = np.zeros((len(items), len(items)), dtype=bool)
    for start, end in bands.hashranges:
        share |= (sigs[:, None, start:end] == sigs[None, :, start:end]).all(axis=2)
    pairs = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if share[i, j] and dedup.may_link(items[i], items[j]):
                s = dedup.similarity(sigs[i], sigs[j])
                if s >= threshold:
                    pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], *sorted((items[p[1]].key, items[p[2]].key))))
    refused = 0

    def canonical(linked: list[tuple[float, int, int]]) -> list[int]:
        nonlocal refused
        group = list(range(len(items)))  # each posting's group: relabelled on every join
        for _, i, j in linked:
            gi, gj = group[i], group[j]
            months = {items[k].hn_period for k in range(len(items)) if group[k] in (gi, gj)}
            if gi == gj:
                continue
            if len(months - {None}) > 1:
                refused += 1
                continue
            group = [gi if g == gj else g for g in group]
        first = {}
        for k in sorted(range(len(items)), key=lambda k: items[k].order):
            first.setdefault(group[k], k)
        return [first[group[k]] for k in range(len(items))]

    overall = canonical(pairs)
    within = canonical([p for p in pairs if items[p[1]].source == items[p[2]].source])
    links = [
        (
            it.key,
            it.company_key,
            items[overall[k]].key,
            items[within[k]].key,
            1.0 if overall[k] == k else dedup.similarity(sigs[k], sigs[overall[k]]),
        )
        for k, it in enumerate(items)
    ]
    return links, refused


@pytest.mark.parametrize(("seed", "threshold"), [(0, 0.7), (1, 0.7), (2, 0.5), (3, 0.9)])
def test_linking_gives_the_links_of_every_pair_checked(seed: int, threshold: float) -> None:
    items, texts = random_postings(random.Random(seed), 200)
    sigs = dedup.signatures(texts)
    expected, refused = every_pair_links(items, sigs, threshold)
    links = dedup.link_postings(items, sigs, threshold)
    assert [
        (link.key, link.company_key, link.canonical_key, link.source_canonical_key, link.similarity)
        for link in links
    ] == expected
    # the sample is one that tests something: many duplicates, across sources and within one,
    # and joins the thread-month rule refused (where the order of the pairs matters)
    assert sum(link.canonical_key != link.key for link in links) > 40
    assert any(link.canonical_key != link.source_canonical_key for link in links)
    assert refused > 0


@pytest.mark.e2e
def test_the_reextract_flow_links_postings(
    prefect_harness: None, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.reextract import reextract

    monkeypatch.setenv("JOBTRENDS_DB", str(db_path))
    monkeypatch.setenv("JOBTRENDS_METRICS_FILE", str(db_path.parent / "metrics.prom"))
    put(db_path, [board("greenhouse", "1", body()), board("greenhouse", "2", body("2024-03-04"))])
    reextract(return_state=True).result()
    with connect(db_path, read_only=True) as con:
        rows = con.execute(
            "select source_id, canonical_key from core.posting_links order by 1"
        ).fetchall()
    assert rows == [("acme/1", "greenhouse:acme/1"), ("acme/2", "greenhouse:acme/1")]


def test_a_failed_link_step_is_recorded_and_fails_the_run(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import reextract as steps
    from flows.report import RunReport
    from flows.settings import load_settings

    put(db_path, [board("greenhouse", "1", body())])

    def broken(settings: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(steps, "link_duplicates", broken)
    settings = load_settings(db=db_path)
    report = RunReport("run-x", "nightly")

    assert steps.link_step(settings, report, "v1") is None
    assert not report.ok and report.failed_sources() == ["link-duplicates"]
    assert "linking duplicate postings failed (OSError: disk full)" in report.summary()
    with connect(db_path, read_only=True) as con:
        assert con.execute("select source, status from runs").fetchall() == [
            ("link-duplicates", "failed")
        ]


# -- real data --------------------------------------------------------------------------------

M3AT = SHARED_REAL / "hn_m3at_2023h1"
ASHBY = SHARED_REAL / "ashby_posting_api_stapply_2025"


def _hn_2023() -> list[Posting]:
    """The 2023-01..06 HN snapshots as Postings (the files repeat some comments: once each)."""
    postings: dict[str, Posting] = {}
    for path in sorted(M3AT.glob("*.jsonl.gz")):
        period = path.name[:7].replace("_", "-")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        for i, row in enumerate(rows):
            cid = str(row["hn_id"])
            postings[cid] = Posting(
                source="hn",
                source_id=cid,
                url=f"https://news.ycombinator.com/item?id={cid}",
                period=period,
                posted_at=at(f"{period}-01T16:00:00") + timedelta(seconds=30 * i),
                html=row["hn_text"],
                content_hash=content_hash([row["hn_text"], period]),
                thread_id=f"thread-{period}",
            )
    return list(postings.values())


def _ashby(boards: list[str]) -> list[Posting]:
    from extract import ashby

    fetched = at("2025-10-25")
    postings = []
    for name in boards:
        with gzip.open(ASHBY / f"{name}.json.gz", "rt", encoding="utf-8") as f:
            for job in json.load(f)["jobs"]:
                raw = RawPayload("ashby", f"{name}/{job['id']}", "https://x.test", fetched, job)
                postings.append(ashby.parse(raw, name))
    return postings


@pytest.mark.real
def test_real_hn_2023_reposts_within_a_thread_are_found(db_path: Path) -> None:
    postings = _hn_2023()
    put(db_path, postings)
    with connect(db_path) as con:
        counts = refresh_links(con)
        pairs = con.execute(
            """
            select d.period, c.period, l.source_id, l.canonical_key, l.similarity
            from core.posting_links as l
            join core.postings as d using (source, source_id)
            join core.postings as c on 'hn:' || c.source_id = l.canonical_key
            where l.canonical_key <> 'hn:' || l.source_id
            """
        ).fetchall()
    assert counts.postings == len(postings) == 2278
    # The two comments a company posted twice in one thread: Trunk in March (the second copy
    # reworded nothing but its spacing), REGENT in June (one header field changed).
    found = {frozenset({f"hn:{source_id}", canonical}) for _, _, source_id, canonical, _ in pairs}
    assert {
        frozenset({"hn:35016832", "hn:34992644"}),
        frozenset({"hn:36157799", "hn:36157785"}),
    } <= found
    assert all(d == c for d, c, *_ in pairs)  # never across thread months
    assert all(s >= dedup.THRESHOLD for *_, s in pairs)
    assert len(pairs) <= 0.01 * len(postings)  # reposts are rare within one thread


@pytest.mark.real
def test_real_ashby_boards_link_one_role_listed_per_city_only(db_path: Path) -> None:
    postings = _ashby(["hopper", "uipath"])
    put(db_path, postings, seen="2025-10-25")
    with connect(db_path) as con:
        counts = refresh_links(con)
        rows = con.execute(
            """
            select p.title, count(*) as listings, count(distinct l.canonical_key) as jobs
            from core.posting_links as l join core.postings as p using (source, source_id)
            group by p.title
            """
        ).fetchall()
    by_title = {title: (listings, jobs) for title, listings, jobs in rows}
    assert counts.duplicates > 0
    # Hopper lists its Senior Product Manager, Supply once per country; only the benefits
    # paragraph differs (estimated Jaccard 0.81-0.89): one job.
    assert by_title["Senior Product Manager, Supply"][1] == 1
    # UiPath's eight Technical Account Manager listings are three write-ups, each listed for a
    # few markets: 0.80-0.99 within a write-up, 0.31-0.45 across them. Three jobs.
    assert by_title["Technical Account Manager"] == (8, 3)
    # Different titles never share a canonical posting.
    assert sum(jobs for _, jobs in by_title.values()) >= len(by_title)
