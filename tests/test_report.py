"""`jobtrends report`: the headline words and the skill ranking from small frames, the page from
a warehouse built by the real loaders, and that page rendered by headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``); without it the rendering test is skipped, unless
``JOBTRENDS_REQUIRE_CHROMIUM=1`` (CI sets it), where its absence fails the test.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner

from extract.base import Posting, content_hash
from flows.cli import app
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from warehouse import report
from warehouse.db import connect
from warehouse.load import load_postings, record_taxonomy

CHROMIUM = Path("/usr/bin/chromium")
TODAY = date(2025, 2, 10)  # the window ends 2025-01, the last complete month

# -- a synthetic market -------------------------------------------------------------------------

COMPANIES = ["Quarry Lane", "Pebblebrook", "Saltmarsh", "Orchard Pay", "Ferncliff", "Tidewater",
             "Cobalt Ledger", "Marigold", "Juniper Row", "Northgate", "Lumen", "Hollow Pine"]  # fmt: skip
# (skill text, category, chance at the start, chance at the end of the months)
SKILLS = [
    ("AWS", "cloud", 0.45, 0.60), ("GCP", "cloud", 0.15, 0.12), ("Azure", "cloud", 0.10, 0.15),
    ("Docker", "container", 0.35, 0.30), ("Kubernetes", "container", 0.20, 0.40),
    ("Terraform", "iac", 0.15, 0.30), ("GitHub Actions", "cicd", 0.05, 0.25),
    ("Jenkins", "cicd", 0.20, 0.05), ("Prometheus", "observability", 0.10, 0.15),
    ("Datadog", "observability", 0.05, 0.15),
]  # fmt: skip
LANGUAGES = ["Python", "Go", "Java", "Kotlin", "TypeScript with Node.js", "Rust"]


def synthetic_postings(
    months: list[str],
    per_month: dict[str, int],
    seed: int = 5,
    starts: dict[str, str] | None = None,
) -> list[tuple[Posting, str]]:
    """(posting, month it is listed until) for HN comments and job boards (each source from its
    month in ``starts``, else from the first), whose skills drift from the start chances to the
    end chances of ``SKILLS`` over ``months``."""
    rng = random.Random(seed)
    out = []
    for m, period in enumerate(months):
        drift = m / max(1, len(months) - 1)
        for source, count in per_month.items():
            if period < (starts or {}).get(source, ""):
                continue
            for i in range(count):
                kind = rng.random()
                asked = [s for s, _, a, b in SKILLS if rng.random() < a + (b - a) * drift]
                lang = rng.choice(LANGUAGES)
                company = rng.choice(COMPANIES)
                title = "Backend Engineer" if kind < 0.85 else "iOS Engineer"
                if kind < 0.85:
                    body = f"We build APIs in {lang}." + (
                        f" Requirements: experience with {', '.join(asked)}." if asked else ""
                    )
                else:
                    body = "Swift and SwiftUI, shipping to millions of phones."
                key = f"{period}-{i}"
                if source == "hn":
                    html = f"{company} | {title} | Remote<p>{body}"
                    if kind > 0.95:
                        html = "We are hiring. Say hello to us."
                    posting = Posting(
                        "hn", f"{len(out) + 1}", f"https://news.ycombinator.com/item?id={len(out)}",
                        period, datetime.fromisoformat(f"{period}-02T15:00:00+00:00"), html,
                        content_hash(html), thread_id=f"thread-{period}",
                    )  # fmt: skip
                    out.append((posting, period))
                else:
                    html = f"<h3>About the role</h3><p>{body}</p>"
                    posting = Posting(
                        source, f"{source}-{key}", f"https://{source}.example/{key}", period,
                        datetime.fromisoformat(f"{period}-05T09:00:00+00:00"), html,
                        content_hash(html), title=title, company=company, board=source,
                    )  # fmt: skip
                    out.append((posting, months[min(len(months) - 1, m + rng.randint(0, 2))]))
    return out


def build_market(
    path: Path, months: list[str], per_month: dict[str, int], seed: int = 5,
    starts: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """Load the synthetic postings month by month, as nightly runs would: a board posting is
    seen again each month until the month it is listed until (its ``last_seen``)."""
    taxonomy = load_taxonomy()
    items = synthetic_postings(months, per_month, seed, starts)
    facts = {p.source_id: extract_facts(p, taxonomy) for p, _ in items}
    with connect(path) as con:
        record_taxonomy(con, taxonomy)
        for period in months:
            listed = [
                (p, facts[p.source_id]) for p, until in items
                if p.period <= period <= until and (p.board or p.period == period)
            ]  # fmt: skip
            now = datetime.fromisoformat(f"{period}-20T03:00:00+00:00")
            load_postings(con, listed, [], run_id=f"run-{period}", now=now)


MONTHS = report.months_between("2023-10", "2025-01")  # 16 months: a year-earlier comparison


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("report") / "jobtrends.duckdb"
    # HN about 37 backend postings a month, greenhouse about 14 and lever 3 (low samples)
    build_market(db, MONTHS, {"hn": 44, "greenhouse": 16, "lever": 4}, starts={"lever": "2024-06"})
    return db


# -- pure parts ---------------------------------------------------------------------------------


def _pooled(rows: list[tuple[str, str, int, int, int]]) -> pd.DataFrame:
    """Pooled `new`-basis rows from (period, category, backend, demanding, required) with the
    view's statistics: share, interval, low_sample and the rolling 3-month columns."""
    df = pd.DataFrame(rows, columns=["period", "category", "backend_postings", "demanding",
                                     "required"])  # fmt: skip
    df["source"], df["basis"], df["abstained"] = "all", "new", 2
    df["postings"] = df["backend_postings"] + 5
    df["share"] = df["demanding"] / df["backend_postings"]
    df["ci_low"], df["ci_high"] = report.wilson(df["demanding"], df["backend_postings"])
    df["low_sample"] = df["backend_postings"] < 30
    for column in ("backend_postings", "demanding"):
        df[f"rolling_{column}"] = df.groupby("category")[column].transform(
            lambda x: x.rolling(3, min_periods=1).sum()
        ).astype(int)  # fmt: skip
    df["rolling_share"] = df["rolling_demanding"] / df["rolling_backend_postings"]
    df["rolling_ci_low"], df["rolling_ci_high"] = report.wilson(
        df["rolling_demanding"], df["rolling_backend_postings"]
    )
    return df


def test_wilson_and_the_change_interval_match_known_values() -> None:
    low, high = report.wilson(7, 10)
    assert (float(low), float(high)) == (
        pytest.approx(0.3968, abs=1e-4),
        pytest.approx(0.8922, abs=1e-4),
    )
    # Newcombe (1998), method 10, example (a): 56/70 vs 48/80 -> 0.2 (0.0524, 0.3339)
    d, lo, hi = report.change_interval(48, 80, 56, 70)
    assert (d, lo, hi) == (
        pytest.approx(0.2),
        pytest.approx(0.0524, abs=1e-4),
        pytest.approx(0.3339, abs=1e-4),
    )


def test_headline_compares_with_a_year_earlier() -> None:
    months = report.months_between("2023-01", "2024-03")
    rows = []
    for i, m in enumerate(months):
        rows += [(m, "cloud", 100, 50 + i * 2, 30), (m, "container", 100, 40, 20)]
    shares = _pooled(rows)
    h = report.headline(shares)
    text = " ".join(h.sentences)
    # the last 3 months: 74+76+78 of 300 cloud
    assert text.startswith(
        "In the 3 months 2024-01 to 2024-03, 76% of backend postings demanded a cloud skill "
        "(71-80%, 228 of 300) and 40% a container skill (35-46%, 120 of 300)"
    )
    assert "A year earlier (2023-01 to 2023-03): cloud 52% (46-58%, 156 of 300)" in text
    assert "cloud +24.0 (+16.4 to +31.2) and container 0.0 (-7.8 to +7.8, no clear change)" in text
    assert "Counting only skills listed as requirements: cloud 30% (25-35%)" in text
    assert h.caveats == []  # 100 a month, 2 undecided of 105


def test_headline_compares_only_sources_present_in_both_windows() -> None:
    months = report.months_between("2023-01", "2024-03")
    # board postings a year earlier only (then it stopped), HN in the last months only
    board = _pooled([(m, "cloud", 40, 30, 10) for m in months[:3]]).assign(source="ashby")
    hn = _pooled([(m, "cloud", 100, 30, 5) for m in months[-3:]]).assign(source="hn")
    both = _pooled([(m, "cloud", 100, 40, 5) for m in months]).assign(source="lever")
    pooled = _pooled(
        [(m, "cloud", 40 * (m in months[:3]) + 100 * (m in months[-3:]) + 100,
          30 * (m in months[:3]) + 30 * (m in months[-3:]) + 40, 10) for m in months]
    )  # fmt: skip
    h = report.headline(pooled, ["cloud"], per_source=pd.concat([board, hn, both]))
    text = " ".join(h.sentences)
    assert "counting only lever (the sources comparable in both)" in text
    assert "cloud 40% (35-46%, 120 of 300)" in text  # lever's own months, not ashby's
    assert "; the same sources now: cloud 40% (35-46%, 120 of 300)." in text
    assert "cloud 0.0 (-7.8 to +7.8, no clear change)" in text

    # lever first fetched after the earlier months began: they hold only its survivors
    late = report.headline(
        pooled, ["cloud"], per_source=pd.concat([board, hn, both]),
        first_fetched={"lever": "2023-06", "ashby": "2022-01"},
    )  # fmt: skip
    assert "No source can be compared between 2023-01 to 2023-03 and 2024-01 to 2024-03" in (
        " ".join(late.sentences)
    )

    alone = report.headline(pooled, ["cloud"], per_source=pd.concat([board, hn]))
    assert "a difference would be a change in who is counted" in " ".join(alone.sentences)


def test_headline_now_ends_at_the_latest_month_with_enough_postings() -> None:
    months = report.months_between("2023-01", "2024-05")
    rows = [(m, c, 100, 50, 30) for m in months[:-2] for c in ("cloud", "container")]
    rows += [(m, c, 2, 2, 2) for m in months[-2:] for c in ("cloud", "container")]  # thin tail
    h = report.headline(_pooled(rows))
    assert " ".join(h.sentences).startswith(
        "In the 3 months 2024-01 to 2024-03, 50% of backend postings demanded a cloud skill"
    )
    assert h.caveats[0] == (
        "The 2 months 2024-04 to 2024-05 came later but had fewer than 30 backend postings "
        "each, so 'now' ends at 2024-03, the latest month with enough."
    )


def test_headline_says_which_window_it_compares_and_when_samples_are_small() -> None:
    months = report.months_between("2024-01", "2024-08")
    rows = [(m, c, 12, 6, 3) for m in months for c in ("cloud", "container")]
    shares = _pooled(rows)
    shares["abstained"] = 20  # of 17 + 20 postings a month
    shares["postings"] = 37
    h = report.headline(shares)
    text = " ".join(h.sentences)
    assert "less than a year; their first 3 months (2024-01 to 2024-03)" in text
    assert "In the 3 months 2024-06 to 2024-08, 3 of them had fewer than 30" in h.caveats[1]
    assert any("could not be classified" in c and "60 of 111" in c for c in h.caveats)


def test_headline_with_no_postings_a_year_earlier_compares_with_the_start() -> None:
    months = report.months_between("2022-01", "2022-06") + report.months_between(
        "2024-01", "2024-06"
    )
    shares = _pooled([(m, c, 100, 30, 10) for m in months for c in ("cloud", "container")])
    text = " ".join(report.headline(shares).sentences)
    assert text.startswith("In the 3 months 2024-04 to 2024-06, 30% of backend postings")
    # the same calendar months, in the nearest earlier year that has them
    assert "2 years earlier (the nearest comparable year) (2022-04 to 2022-06): cloud 30%" in text

    # a year earlier only a board source fetched later has postings: HN two years earlier is
    # the comparison
    hn = _pooled([(m, "cloud", 100, 30 if m < "2024" else 40, 5) for m in months])
    board = _pooled([(m, "cloud", 50, 40, 5) for m in report.months_between("2023-04", "2023-06")])
    pooled = _pooled(
        [(m, "cloud", 100, 30 if m < "2024" else 40, 5) for m in months]
        + [(m, "cloud", 50, 40, 5) for m in report.months_between("2023-04", "2023-06")]
    ).sort_values("period")
    picked = report.headline(
        pooled, ["cloud"],
        per_source=pd.concat([hn.assign(source="hn"), board.assign(source="ashby")]),
        first_fetched={"ashby": "2024-05"},
    )  # fmt: skip
    assert "2 years earlier (the nearest comparable year) (2022-04 to 2022-06)" in " ".join(
        picked.sentences
    )

    months = report.months_between("2022-01", "2022-03") + report.months_between(
        "2024-04", "2024-06"
    )
    shares = _pooled([(m, c, 100, 30, 10) for m in months for c in ("cloud", "container")])
    text = " ".join(report.headline(shares).sentences)
    assert (
        "The same months a year earlier (2023-04 to 2023-06) have no backend postings; the "
        "first 3 months of the window (2022-01 to 2022-03): cloud 30%"
    ) in text


def test_lines_and_bands_break_where_months_have_no_postings() -> None:
    shares = _pooled([(m, "cloud", 40, 20, 10) for m in ("2024-01", "2024-02", "2024-05")])
    g = report._monthly(shares)
    assert list(g["period"]) == report.months_between("2024-01", "2024-05")
    assert g["share"].isna().tolist() == [False, False, True, True, False]
    xs, ys = report._band(g)
    assert [x is None for x in xs] == [False] * 4 + [True] + [False] * 2 + [True]
    assert ys[:4] == [*shares["ci_high"][:2], *shares["ci_low"][:2][::-1]]


def test_headline_on_too_short_a_window_and_on_nothing() -> None:
    shares = _pooled([("2024-01", "cloud", 40, 20, 10), ("2024-02", "cloud", 40, 22, 10)])
    text = " ".join(report.headline(shares).sentences)
    assert "this window cannot say how the shares changed" in text
    assert text.startswith("In the 2 months 2024-01 to 2024-02, 52% of backend postings")
    assert "42 of 80" in text
    empty = report.headline(shares.iloc[:0])
    assert empty.sentences == ["No backend postings in this window: there is nothing to measure."]


def test_skill_changes_rank_rising_and_falling_with_their_windows() -> None:
    months = report.months_between("2023-01", "2024-03")
    backend = pd.Series(100, index=months)
    skills = pd.DataFrame(
        [(m, "container", "kubernetes", 10 + 2 * i) for i, m in enumerate(months)]
        + [(m, "cicd", "jenkins", 30 - i) for i, m in enumerate(months)]
        + [(m, "cloud", "aws", 40) for m in months]
        + [(months[-1], "cloud", "oracle cloud", 2)],  # too rare to rank
        columns=["period", "category", "skill", "demanding"],
    )
    changes = report.skill_changes(skills, backend)
    assert changes is not None
    assert changes.then == ["2023-01", "2023-02", "2023-03"]
    assert changes.now == ["2024-01", "2024-02", "2024-03"]
    assert changes.note == "the same 3 months a year earlier"
    assert list(changes.table["skill"]) == ["kubernetes", "jenkins"]  # aws did not move
    k8s = changes.table.iloc[0]
    assert (k8s.k_then, k8s.n_then, k8s.k_now, k8s.n_now) == (36, 300, 108, 300)
    assert k8s.change == pytest.approx(0.24)
    assert k8s.change_low < 0.24 < k8s.change_high

    # nothing a year earlier, but months before that: the window's first 3 months instead
    gap = pd.concat([pd.Series(100, index=["2022-10", "2022-11", "2022-12"]), backend])
    gap["2023-01":"2023-03"] = 0
    moved = report.skill_changes(skills, gap)
    assert moved is not None and moved.then == ["2022-10", "2022-11", "2022-12"]
    assert moved.note == (
        "the first 3 months of the window, as the same months a year earlier have none"
    )

    short = report.skill_changes(skills[skills["period"] >= "2023-07"], backend["2023-07":])
    assert short is not None and short.then == ["2023-07", "2023-08", "2023-09"]
    assert short.note == "the first 3 months of the window"
    assert report.skill_changes(skills, backend["2024-02":]) is None  # no earlier window

    # a source that stopped before the last months is left out of both windows
    steady = skills.assign(source="hn", backend_postings=60)
    gone = skills[skills["period"] < "2023-06"].assign(source="ashby", backend_postings=40)
    gone = gone.assign(demanding=gone["demanding"] * 0 + 39)
    matched = report.skill_changes(skills, backend, by_source=pd.concat([steady, gone]))
    assert matched is not None and matched.note.endswith(
        "; only hn, the sources comparable in both windows"
    )
    assert (matched.n_then, matched.n_now) == (180, 180)
    only_gone = report.skill_changes(skills, backend, by_source=gone)
    assert only_gone is None  # no source in both windows: no comparison


def test_page_escapes_every_data_string() -> None:
    shares = _pooled(
        [(m, "cloud", 40, 20, 10) for m in report.months_between("2024-01", "2024-08")]
    )
    hostile = "</script><script>alert(1)</script>"
    per_source = shares.assign(source=hostile)
    data = report.ReportData(
        shares=pd.concat([shares, per_source]), skills=pd.DataFrame(
            [(src, m, "cloud", "<b>aws</b>", k, 40) for src in ("all", hostile)
             for m, k in (("2024-01", 5), ("2024-08", 15))],
            columns=["source", "period", "category", "skill", "demanding", "backend_postings"]),
        basis="new", since=None, end="2024-08", sources=[hostile],
        mix_notes=[f"source {hostile} changed"], duplicates=3,
    )  # fmt: skip
    page = report.build_html(data)
    tree = LexborHTMLParser(page)
    assert "<script>alert(1)" not in page  # in the charts' JSON as \u003cscript\u003e
    assert not [s for s in tree.css("script") if (s.text() or "").startswith("alert")]
    assert "<b>aws</b>" not in page and "&lt;b&gt;aws&lt;/b&gt;" in page
    assert f"source {hostile} changed" in tree.css_first("#notes").text()


# -- from a warehouse ---------------------------------------------------------------------------


def test_report_data_from_the_warehouse(market: Path) -> None:
    with connect(market, read_only=True) as con:
        new = report.load_report_data(con, today=TODAY)
        active = report.load_report_data(con, basis="active", today=TODAY)
        narrow = report.load_report_data(con, since="2024-06", until="2024-09", today=TODAY)
        with pytest.raises(ValueError, match=r"no postings from ashby.*greenhouse, hn, lever"):
            report.load_report_data(con, sources=["ashby"], today=TODAY)
    assert new.end == "2025-01" and new.sources == ["greenhouse", "hn", "lever"]
    assert set(new.shares["period"]) == set(MONTHS)
    assert {"all", "hn", "greenhouse", "lever"} == set(new.shares["source"])
    assert any("lever has postings only from 2024-06" in n for n in new.mix_notes)
    cloud = new.shares[(new.shares["category"] == "cloud")].set_index(["period", "source"])
    pooled = cloud.xs("all", level="source")
    assert (pooled["backend_postings"] > 0).all()
    assert (pooled["ci_low"] <= pooled["share"]).all() and (
        pooled["share"] <= pooled["ci_high"]
    ).all()
    # a board posting open for months counts in each of them on the active basis
    a = active.shares[
        (active.shares["category"] == "cloud") & (active.shares["source"] == "greenhouse")
    ]
    n = new.shares[(new.shares["category"] == "cloud") & (new.shares["source"] == "greenhouse")]
    assert a["backend_postings"].sum() > n["backend_postings"].sum()
    assert sorted(set(narrow.shares["period"])) == report.months_between("2024-06", "2024-09")
    assert not new.skills.empty and set(new.skills["period"]) <= set(MONTHS)


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[bytes]:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
    ]  # fmt: skip
    return subprocess.run(
        [str(CHROMIUM), *flags, *args], capture_output=True, timeout=120, check=True
    )


def _needs_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is absent: install Debian's chromium package to render the report"
    if os.environ.get("JOBTRENDS_REQUIRE_CHROMIUM") == "1":
        pytest.fail(reason + " (JOBTRENDS_REQUIRE_CHROMIUM=1)")
    pytest.skip(reason)


def test_without_chromium_the_render_test_skips_except_on_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(f"{__name__}.CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("JOBTRENDS_REQUIRE_CHROMIUM", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium package"):
        _needs_chromium()
    monkeypatch.setenv("JOBTRENDS_REQUIRE_CHROMIUM", "1")
    with pytest.raises(pytest.fail.Exception, match="JOBTRENDS_REQUIRE_CHROMIUM=1"):
        _needs_chromium()


def _pixels_vary(png: bytes) -> bool:
    """True when the screenshot is not one flat colour (it has light and dark pixels)."""
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(png)).convert("L")
    stat = ImageStat.Stat(image)
    dark = sum(image.histogram()[:128])
    return stat.stddev[0] > 10 and dark > 0.002 * image.width * image.height


def _has_values(trace: Any) -> bool:
    """Whether plotly draws a group for the trace: it does unless it has no points at all."""
    return trace.x is not None and len(trace.x) > 0


def test_report_renders_in_chromium(market: Path, tmp_path: Path) -> None:
    _needs_chromium()
    with connect(market, read_only=True) as con:
        data = report.load_report_data(con, today=TODAY)
    figures = report.charts(data)
    assert list(figures) == ["chart-shares", "chart-sources", "chart-skills", "chart-samples"]
    page = report.write_report(data, tmp_path / "site")
    source = LexborHTMLParser(page.read_text())
    assert not source.css("[src], link[href]")  # nothing to fetch: plotly.js is inline
    bundles = [s for s in source.css("script") if "plotly.js v" in (s.text() or "")[:500]]
    assert len(bundles) == 1

    dom = _chromium(
        "--dump-dom", "--virtual-time-budget=10000", page.as_uri(), profile=tmp_path / "profile"
    ).stdout.decode()
    tree = LexborHTMLParser(dom)
    for div_id, fig in figures.items():
        div = tree.css_first(f"#{div_id}")
        assert div is not None, div_id
        assert div.css(".main-svg"), f"{div_id} was not drawn"
        drawn = [t for t in fig.data if t.visible in (None, True) and _has_values(t)]
        traces = div.css("g.trace")
        assert len(traces) == len(drawn), (div_id, len(traces), len(drawn))
        if div_id != "chart-skills" and div_id != "chart-samples":
            assert div.css("g.trace path.js-line"), f"{div_id} has no lines"
    assert tree.css("#chart-skills g.trace.bars path")
    assert tree.css("#chart-samples g.trace.bars path")
    answer = tree.css_first("#answer").text()
    assert "In the 3 months 2024-11 to 2025-01" in answer and "A year earlier" in answer
    assert "may be a change in who is counted" in answer  # lever joined in 2024-06
    assert tree.css("table.counts tbody tr")

    shot = tmp_path / "report.png"
    _chromium(
        f"--screenshot={shot}", "--window-size=1280,2400", "--virtual-time-budget=10000",
        page.as_uri(), profile=tmp_path / "profile",
    )  # fmt: skip
    assert _pixels_vary(shot.read_bytes()), "the screenshot is blank"


# -- the command --------------------------------------------------------------------------------

runner = CliRunner()


def test_report_command_writes_the_page(
    market: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBTRENDS_DB", str(market))
    out = tmp_path / "site"
    result = runner.invoke(
        app, ["report", "--out", str(out), "--until", "2025-01", "--basis", "active",
              "--source", "hn"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "In the 3 months 2024-11 to 2025-01" in result.stdout
    assert f"wrote {out / 'index.html'}" in result.stderr
    tree = LexborHTMLParser((out / "index.html").read_text())
    assert "sources: hn" in tree.css_first(".meta").text()
    assert "active postings" in tree.css_first(".meta").text()


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--since", "2024-13"], "--since must be a month", 2),
        (["--since", "2024-05", "--until", "2024-01"], "is after --until", 2),
        (["--source", "hn,ashby"], "no postings from ashby", 2),
        (["--until", "2019-01"], "no backend postings", 1),
    ],
)
def test_report_command_errors(
    market: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str,
    code: int,
) -> None:  # fmt: skip
    monkeypatch.setenv("JOBTRENDS_DB", str(market))
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "site"), *args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert not (tmp_path / "site").exists()
