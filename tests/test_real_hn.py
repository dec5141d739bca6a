"""Realistic tests over the third-party HN data in ../shared/data/real (skipped where absent)."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from extract import hn
from extract.base import Posting
from extract.http import HttpConfig, PoliteClient
from tests.conftest import SHARED_REAL
from tests.fakes import FakeHN, serve
from transform.facts import extract_facts

pytestmark = pytest.mark.real

FAST = HttpConfig(rate_limit_per_host=0, backoff_base=0.01, max_attempts=2)
RYANWI = SHARED_REAL / "hn_algolia_responses_ryanwi"


def _load(path: Path) -> object:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def test_discovery_on_the_recorded_whoishiring_stories() -> None:
    fake = FakeHN()
    for page in sorted(RYANWI.glob("search_by_date_*.json.gz")):
        for hit in _load(page)["hits"]:  # type: ignore[index]
            fake.add_algolia_hit(hit)
    assert len(fake.stories) == 152
    with serve(fake):
        cfg = fake.hn_config(http=FAST)

        async def go() -> list[hn.Thread]:
            async with PoliteClient(FAST, source="hn") as client:
                threads, _ = await hn.discover_threads(client, cfg, "2011-01", "2023-12")
                return threads

        threads = asyncio.run(go())
    # 152 stories: 149 monthly threads and 3 one-off stories by the same account.
    assert len(threads) == 149
    assert len({t.period for t in threads}) == 149
    assert threads[0].period == "2023-09" and threads[-1].period == "2011-04"
    titles = {t.title for t in threads}
    assert "Ask HN: Who is hiring right now?" not in titles
    assert {"Who is hiring?", "Who is Hiring?", "Who Is Hiring?"} <= {
        t.title[8:22] for t in threads
    }  # the casings vary over the years, all found


def test_a_recorded_thread_comes_in_whole() -> None:
    tree = _load(RYANWI / "items_2396027.json.gz")
    fake = FakeHN()
    fake.add_items_tree(tree)  # type: ignore[arg-type]
    top_level = len(tree["children"])  # type: ignore[index]
    assert top_level == 219
    with serve(fake):
        cfg = fake.hn_config(http=FAST)
        thread = hn.Thread("2396027", "2011-04", "Ask HN: Who is Hiring? (April 2011)")
        [result], _ = asyncio.run(hn.fetch_threads(cfg, [thread]))
    assert result.error is None
    assert len(result.records) + result.deleted == top_level
    ids = [r.source_id for r in result.records]
    assert len(ids) == len(set(ids))
    postings = [hn.parse(r, {thread.id: thread}) for r in result.records]
    assert {p.period for p in postings} == {"2011-04"}


@pytest.mark.parametrize("month", ["2013-08", "2015-08", "2017-06", "2018-04"])
def test_extraction_on_real_months(month: str) -> None:
    rows = _load(SHARED_REAL / "hn_gaganpreet_2013_2018" / f"{month}.json.gz")
    facts = [
        extract_facts(Posting("hn", str(i), r["url"], month, None, r["full_html"] or "", "h"))
        for i, r in enumerate(rows)  # type: ignore[arg-type]
    ]
    decided = [f for f in facts if f.backend is not None]
    backend = [f for f in decided if f.backend]
    # Loose bounds a broken classifier or matcher would miss: most HN posts are engineering
    # jobs, most name a language, and cloud is demanded by some but not all backend posts.
    assert len(decided) >= 0.5 * len(facts)
    assert 0.4 <= len(backend) / len(decided) <= 0.95
    with_language = sum(1 for f in backend if "languages" in f.categories())
    assert with_language >= 0.6 * len(backend)
    cloud = sum(1 for f in backend if "cloud" in f.categories()) / len(backend)
    assert 0.1 <= cloud <= 0.8
    companies = Counter(f.company for f in facts if f.company)
    assert len(companies) >= 0.3 * len(facts)  # header lines yield company names
    for f in facts:
        for h in f.hits:
            if h.implied_by is None:
                assert f.text[h.start : h.end] == h.matched
                assert h.matched.split()[0] in h.evidence
