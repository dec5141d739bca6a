"""The static HTML report behind `jobtrends report --out DIR`: one self-contained page of charts.

    from warehouse.queries import open_readonly
    from warehouse.report import load_report_data, write_report

    with open_readonly() as con:
        data = load_report_data(con, since="2024-01", basis="new")
    write_report(data, Path("site"))  # site/index.html, viewable offline

Reading and drawing are apart: ``load_report_data`` runs every query (read-only) into a
``ReportData``; ``headline``, ``skill_changes`` and ``build_html`` are pure functions of it.
Every number on the page comes from the views; nothing is typed in.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from string import Template
from typing import Any

import duckdb
import numpy as np
import pandas as pd

HEADLINE = ("cloud", "container")  # the question the page answers first
CHARTED = ("cloud", "container", "cicd", "iac", "observability")  # drawn; others legend-only
LOW_SAMPLE = 30  # backend postings in a month, as the views flag it
LARGE_ABSTENTION = 0.10  # a larger share of undecided postings is called out
MIN_SKILL_POSTINGS = 3  # a skill demanded fewer times in both windows is not ranked
TOP_SKILLS = 10
Z = 1.96


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, read from the warehouse (see ``load_report_data``).

    ``shares``: rows of ``category_share_monthly`` for the basis, every source and ``all``;
    ``skills``: rows of ``skill_share_monthly`` for every source and ``all``, always on the
    ``new`` basis (see ``load_report_data``); ``sources``: the sources
    drawn one by one; ``end``: the last month shown (never the running month).
    """

    shares: pd.DataFrame
    skills: pd.DataFrame
    basis: str
    since: str | None
    end: str | None
    sources: list[str]
    mix_notes: list[str] = field(default_factory=list)
    duplicates: int = 0  # postings folded into a canonical one (on the `new` basis)
    linked: bool = True  # False: de-duplication has not run on this warehouse
    # the headline counts new postings whatever the basis (an active posting would be in both
    # windows it compares); None: ``shares`` are on the new basis already
    headline_shares: pd.DataFrame | None = None
    first_fetched: dict[str, str] = field(default_factory=dict)  # job-board source -> YYYY-MM
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


# -- statistics ----------------------------------------------------------------------------


def wilson(k: Any, n: Any) -> tuple[Any, Any]:
    """95% Wilson score interval for ``k`` of ``n`` (arrays or numbers); NaN where n is 0."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
        half = Z * np.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
    return centre - half, centre + half


def change_interval(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float, float]:
    """The change from ``k1/n1`` to ``k2/n2`` with its 95% interval (Newcombe's hybrid score
    method, built from the two Wilson intervals): ``(change, low, high)``."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = (float(x) for x in wilson(k1, n1))
    l2, u2 = (float(x) for x in wilson(k2, n2))
    d = p2 - p1
    return (
        d,
        d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
        d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2),
    )


# -- months --------------------------------------------------------------------------------


def shift(period: str, months: int) -> str:
    """``period`` moved by ``months`` (``shift("2024-01", -1) == "2023-12"``)."""
    index = int(period[:4]) * 12 + int(period[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included."""
    out = [first]
    while out[-1] < last:
        out.append(shift(out[-1], 1))
    return out


def last_complete(today: date) -> str:
    """The month before ``today``'s: the running month is never complete."""
    return shift(f"{today.year:04d}-{today.month:02d}", -1)


# -- the words at the top ------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The plain-language answer: sentences to read first, caveats after them."""

    sentences: list[str]
    caveats: list[str]


def pct(x: float) -> str:
    """A share as whole percent (``0.623 -> "62%"``); below 1% it says so."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return "<1%" if 0 < x < 0.005 else f"{x * 100:.0f}%"


def interval(low: float, high: float) -> str:
    """``"58-66%"`` for a share's interval."""
    return f"{pct(low).rstrip('%')}-{pct(high)}"


def points(x: float) -> str:
    """A change in percentage points, signed, to a tenth: ``"+7.2"``, ``"-0.4"``, ``"0.0"``."""
    r = round(x * 100, 1)
    return f"{r:+.1f}" if r else "0.0"


def _span(months: Sequence[str]) -> str:
    return months[0] if len(months) == 1 else f"{months[0]} to {months[-1]}"


def _the_months(months: Sequence[str]) -> str:
    return (
        f"the month {months[0]}"
        if len(months) == 1
        else f"the {len(months)} months {_span(months)}"
    )


def _months_to(end: str, first: str) -> list[str]:
    """The 3 months to ``end`` that the data hold (fewer when they start later)."""
    return months_between(max(first, shift(end, -2)), end)


def _window(rows: pd.DataFrame, end: str) -> pd.DataFrame:
    return rows[rows["period"].isin(months_between(shift(end, -2), end))]


def headline(
    shares: pd.DataFrame,
    categories: Sequence[str] = HEADLINE,
    per_source: pd.DataFrame | None = None,
    first_fetched: dict[str, str] | None = None,
) -> Headline:
    """Answer "what share of backend roles demand cloud and container skills now, and how did
    that change?" from pooled rows (source ``all``, one basis) of ``category_share_monthly``.

    "Now" is the rolling 3-month share ending at the latest month with at least 30 backend
    postings (a caveat names the thinner months after it); it is
    compared with the 3 months a year earlier when the rows reach back that far, else with the
    first 3 months they hold, else not at all. Intervals are 95%; the caveats say when the
    samples are small or many postings were left undecided. ``per_source``: the same rows per
    source; ``first_fetched``: the month each job-board source was first fetched. The change is
    measured only on sources comparable in both windows (see ``_common_sources``), each source's
    own counts added up, or not at all when none is.
    """
    rows = shares[shares["category"].isin(categories) & (shares["backend_postings"] > 0)]
    if rows.empty:
        return Headline(["No backend postings in this window: there is nothing to measure."], [])
    at = rows.set_index(["period", "category"])
    first = str(rows["period"].min())
    latest, thin_tail = _latest_solid(rows.groupby("period")["backend_postings"].max())
    cats = [c for c in categories if (latest, c) in at.index]

    def rolling(period: str, c: str) -> str:
        r = at.loc[(period, c)]
        return (
            f"{interval(r['rolling_ci_low'], r['rolling_ci_high'])}, "
            f"{int(r['rolling_demanding'])} of {int(r['rolling_backend_postings'])}"
        )

    now = [
        f"{pct(at.loc[(latest, c), 'rolling_share'])} a {c} skill ({rolling(latest, c)})"
        for c in cats
    ]
    now[0] = now[0].replace(" a ", " of backend postings demanded a ", 1)
    months = _months_to(latest, first)
    sentences = [
        f"In {_the_months(months)}, {_and(now)}, at any level (required, "
        "preferred or mentioned); ranges are 95% intervals."
    ]
    required = [f"{c} {_required(rows[rows['category'] == c], latest)}" for c in cats]
    sentences.append(f"Counting only skills listed as requirements: {_and(required)}.")

    # the same months a year earlier, or, where those have no postings, the nearest year before
    # with some (the same calendar months, so seasons do not pass for a trend)
    year_ago = shift(latest, -12)
    years = [(k, shift(latest, -12 * k)) for k in range(1, 100)]
    years = [(k, m) for k, m in years if m >= shift(first, 2)]
    then, how = None, ""
    with_rows = [(k, m) for k, m in years if all((m, c) in at.index for c in cats)]

    def comparable(m: str) -> bool:
        if per_source is None:
            return True
        one = per_source[per_source["category"] == cats[0]]
        return _common_sources(one, _months_to(m, first), months, first_fetched) != []

    # the nearest year whose sources can be compared with now's; else the nearest with postings
    # (the sentence then says why the change is not measured)
    same = next(((k, m) for k, m in with_rows if comparable(m)), None) or next(
        iter(with_rows), None
    )
    if same is not None:
        k, then = same
        how = "A year earlier" if k == 1 else f"{k} years earlier (the nearest comparable year)"
    elif shift(first, 2) < shift(latest, -2):
        then = shift(first, 2)
        how = (
            "The data reach back less than a year; their first 3 months"
            if year_ago < shift(first, 2)
            else f"The same months a year earlier ({_span(_months_to(year_ago, first))}) have no "
            "backend postings; the first 3 months of the window"
        )
    caveats = _sample_caveats(rows, latest, first, cats[0])
    if thin_tail:
        caveats.insert(0,
            f"{_the_months(thin_tail).capitalize()} came later but had fewer than {LOW_SAMPLE} "
            f"backend postings each, so 'now' ends at {latest}, the latest month with enough."
        )  # fmt: skip
    compared = [c for c in cats if then and (then, c) in at.index]
    common = None
    if then and compared and per_source is not None:
        common = _common_sources(
            per_source[per_source["category"] == compared[0]],
            _months_to(then, first),
            months,
            first_fetched,
        )
        if common:
            by = per_source[per_source["source"].isin(common)]
            at = (
                by.groupby(["period", "category"])[
                    ["rolling_demanding", "rolling_backend_postings"]
                ]
                .sum()
                .assign(
                    rolling_share=lambda d: d["rolling_demanding"] / d["rolling_backend_postings"]
                )
            )
            low, high = wilson(at["rolling_demanding"], at["rolling_backend_postings"])
            at["rolling_ci_low"], at["rolling_ci_high"] = low, high
            compared = [c for c in compared if (then, c) in at.index and (latest, c) in at.index]
            how += f", counting only {', '.join(common)} (the sources comparable in both)"
    if common == []:
        sentences.append(
            f"No source can be compared between {_span(_months_to(then, first))} and "
            f"{_span(months)} (none has backend postings in both, or a job-board source was "
            "first fetched after the earlier months began, so those hold only the postings "
            "still open then): a difference would be a change in who is counted, not in "
            "demand, so the change is not measured."
        )
    elif then is None or not compared:
        sentences.append(
            "There are no earlier 3 months with backend postings that do not overlap these, so "
            "this window cannot say how the shares changed."
        )
    else:
        changes = []
        for c in compared:
            b, a = at.loc[(then, c)], at.loc[(latest, c)]
            d, low, high = change_interval(
                int(b["rolling_demanding"]), int(b["rolling_backend_postings"]),
                int(a["rolling_demanding"]), int(a["rolling_backend_postings"]),
            )  # fmt: skip
            clear = "" if low > 0 or high < 0 else ", no clear change"
            changes.append(f"{c} {points(d)} ({points(low)} to {points(high)}{clear})")
        before = [f"{c} {pct(at.loc[(then, c), 'rolling_share'])} ({rolling(then, c)})"
                  for c in compared]  # fmt: skip
        now_same = [
            f"{c} {pct(at.loc[(latest, c), 'rolling_share'])} ({rolling(latest, c)})"
            for c in compared
        ]
        same_now = f"; the same sources now: {_and(now_same)}" if common else ""
        sentences.append(
            f"{how} ({_span(_months_to(then, first))}): {_and(before)}{same_now}. "
            f"Change in percentage points, with 95% intervals: {_and(changes)}."
        )
        caveats = _sample_caveats(rows, then, first, cats[0]) + caveats
    w = _window(rows[rows["category"] == cats[0]], latest)
    abstained, postings = int(w["abstained"].sum()), int(w["postings"].sum())
    if postings and abstained / postings > LARGE_ABSTENTION:
        caveats.append(
            f"{abstained} of {postings} postings in {_span(months)} "
            f"({pct(abstained / postings)}) could not be classified as backend or not and are "
            "left out of every share; if they differ from the rest, so would the shares."
        )
    return Headline(sentences, caveats)


def _latest_solid(backend: pd.Series) -> tuple[str, list[str]]:
    """The latest month with at least ``LOW_SAMPLE`` backend postings (the latest month of all
    when none has that many), and the thinner months after it."""
    periods = sorted(str(p) for p, n in backend.items() if n > 0)
    solid = [p for p in periods if backend[p] >= LOW_SAMPLE]
    latest = solid[-1] if solid else periods[-1]
    return latest, [p for p in periods if p > latest]


def _required(rows: pd.DataFrame, end: str) -> str:
    """The required-only share of one category over the 3 months to ``end``. Summing months
    counts each posting once on the ``new`` basis only; on ``active``, the last month alone."""
    active = "basis" in rows.columns and (rows["basis"] == "active").any()
    w = rows[rows["period"] == end] if active else _window(rows, end)
    k, n = int(w["required"].sum()), int(w["backend_postings"].sum())
    low, high = wilson(k, n)
    return f"{pct(k / n)} ({interval(float(low), float(high))}{f' in {end}' if active else ''})"


def _sample_caveats(rows: pd.DataFrame, end: str, first: str, category: str) -> list[str]:
    months = _months_to(end, first)
    counts = rows[rows["category"] == category].set_index("period")
    n = int(counts.loc[end, "rolling_backend_postings"])
    if n < LOW_SAMPLE:
        return [f"Only {n} backend postings in {_span(months)}: far too few to rely on."]
    thin = int((counts["backend_postings"].reindex(months).fillna(0) < LOW_SAMPLE).sum())
    if thin:
        return [
            f"In {_the_months(months)}, {thin} of them had fewer than {LOW_SAMPLE} backend "
            "postings each; the interval shows how little that pins down."
        ]
    return []


def _and(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# -- rising and falling skills -------------------------------------------------------------


@dataclass(frozen=True)
class SkillChanges:
    """Skills ranked by their change in share between two 3-month windows."""

    table: pd.DataFrame  # skill, category, k_then, n_then, k_now, n_now, share_*, ci_*, change*
    then: list[str]
    now: list[str]
    note: str  # which earlier window, in words
    n_then: int  # backend postings in each window
    n_now: int


def skill_changes(
    skills: pd.DataFrame,
    backend: pd.Series,
    top: int = TOP_SKILLS,
    by_source: pd.DataFrame | None = None,
    first_fetched: dict[str, str] | None = None,
) -> SkillChanges | None:
    """Compare the last 3 months with the same 3 months a year earlier (or, with less than a
    year of data, the first 3 months), skill by skill.

    ``skills``: pooled rows of ``skill_share_monthly`` (period, category, skill, demanding);
    ``backend``: backend postings per period (the denominator). Returns the ``top`` rising and
    ``top`` falling skills demanded at least ``MIN_SKILL_POSTINGS`` times in one window, or
    None when the months do not allow two windows that do not overlap.

    ``by_source``: the same rows per source. When the sources with backend postings differ
    between the two windows, only the sources present in both are compared (a change in who is
    counted is not a change in demand); with none in both, there is no comparison (None).
    """
    periods = sorted(p for p, n in backend.items() if n > 0)
    if not periods:
        return None
    latest, first = _latest_solid(backend)[0], periods[0]
    now = months_between(shift(latest, -2), latest)
    candidates = []  # the earlier window, in order of preference
    for k in range(1, 100):
        earlier = months_between(shift(latest, -12 * k - 2), shift(latest, -12 * k))
        if earlier[0] < first:
            break
        candidates.append(
            (earlier, "the same 3 months a year earlier" if k == 1
             else f"the same 3 months {k} years earlier, the nearest year with postings")
        )  # fmt: skip
    if shift(first, 2) < now[0]:
        empty = ", as the same months a year earlier have none" if candidates else ""
        candidates.append(
            (months_between(first, shift(first, 2)), f"the first 3 months of the window{empty}")
        )
    elif first < now[0]:
        before = months_between(first, shift(now[0], -1))
        candidates.append((before, "the months before them (the window is short)"))

    def total(months: list[str]) -> int:
        return int(backend.reindex(months).fillna(0).sum())

    then, note = next(((m, n) for m, n in candidates if total(m)), ([], ""))
    if by_source is not None and then:
        common = _common_sources(by_source, then, now, first_fetched)
        if common is not None:
            if not common:
                return None
            rows = by_source[by_source["source"].isin(common)]
            skills = rows.groupby(["period", "category", "skill"], as_index=False)[
                "demanding"
            ].sum()
            backend = rows.groupby(["source", "period"])["backend_postings"].max()
            backend = backend.groupby("period").sum()
            note += f"; only {', '.join(common)}, the sources comparable in both windows"
    n_then, n_now = total(then), total(now)
    if not n_then or not n_now:
        return None
    counts = (
        skills.assign(
            window=np.select(
                [skills["period"].isin(then), skills["period"].isin(now)], ["then", "now"], ""
            )
        )
        .query("window != ''")
        .pivot_table(
            index=["skill", "category"],
            columns="window",
            values="demanding",
            aggfunc="sum",
            fill_value=0,
        )
        .reindex(columns=["then", "now"], fill_value=0)
        .reset_index()
    )
    counts = counts[counts[["then", "now"]].max(axis=1) >= MIN_SKILL_POSTINGS]
    rows = []
    for r in counts.itertuples(index=False):
        k1, k2 = int(r.then), int(r.now)
        d, low, high = change_interval(k1, n_then, k2, n_now)
        l1, h1 = wilson(k1, n_then)
        l2, h2 = wilson(k2, n_now)
        rows.append({
            "skill": r.skill, "category": r.category,
            "k_then": k1, "n_then": n_then, "share_then": k1 / n_then,
            "ci_low_then": float(l1), "ci_high_then": float(h1),
            "k_now": k2, "n_now": n_now, "share_now": k2 / n_now,
            "ci_low_now": float(l2), "ci_high_now": float(h2),
            "change": d, "change_low": low, "change_high": high,
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=_SKILL_COLUMNS)
    rising = table[table["change"] > 0].sort_values(["change", "skill"], ascending=[False, True])
    falling = table[table["change"] < 0].sort_values(["change", "skill"])
    ranked = pd.concat([rising.head(top), falling.head(top)], ignore_index=True)
    return SkillChanges(ranked, then, now, note, n_then, n_now)


def _common_sources(
    by_source: pd.DataFrame,
    then: list[str],
    now: list[str],
    first_fetched: dict[str, str] | None = None,
) -> list[str] | None:
    """The sources that can be compared between two windows: with backend postings in both, and,
    for a job-board source, first fetched by the start of the earlier one (before that, its
    months hold only the postings still open at the first fetch). None when that is every source
    with postings in either window (nothing to restrict)."""
    per = by_source.groupby(["source", "period"])["backend_postings"].max().reset_index()

    def present(months: list[str]) -> set[str]:
        rows = per[per["period"].isin(months)]
        return set(rows.loc[rows["backend_postings"] > 0, "source"])

    before, after = present(then), present(now)
    fetched = first_fetched or {}
    comparable = {s for s in before & after if fetched.get(s, then[0]) <= then[0]}
    return None if comparable == before | after else sorted(comparable)


_SKILL_COLUMNS = [
    "skill", "category", "k_then", "n_then", "share_then", "ci_low_then", "ci_high_then",
    "k_now", "n_now", "share_now", "ci_low_now", "ci_high_now", "change", "change_low",
    "change_high",
]  # fmt: skip


# -- reading the warehouse -----------------------------------------------------------------


def load_report_data(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    basis: str = "new",
    sources: Sequence[str] | None = None,
    today: date | None = None,
) -> ReportData:
    """Read what the page needs from a (read-only) connection. The window ends at ``until`` or
    the last complete month, whichever is earlier; ``sources`` limits the per-source charts.
    Raises ``ValueError`` naming the sources present when one asked for is not."""
    from warehouse.queries import category_shares, skill_shares, source_mix_notes

    end = last_complete(today or datetime.now(UTC).date())
    end = min(until, end) if until else end
    shares = category_shares(con, None, None, since, end, basis)
    # Windows of 3 months count each posting once only on the `new` basis (on `active`, one
    # open for 3 months would count 3 times and narrow the intervals): skills compare on it.
    skills = skill_shares(con, source=None, since=since, until=end, basis="new")
    present = sorted(set(shares["source"]) - {"all"})
    unknown = sorted(set(sources or ()) - set(present))
    if unknown:
        raise ValueError(
            f"no postings from {', '.join(unknown)} in this window; sources present: "
            f"{', '.join(present) or 'none'}"
        )
    duplicates = con.execute(
        # on the `new` basis: an active posting is in every month it is open
        "select sum(d) from (select period, max(duplicates) as d from category_share_monthly "
        "where source = 'all' and basis = 'new' and period <= ? and (? is null or period >= ?) "
        "group by period)",
        [end, since, since],
    ).fetchone()[0]  # type: ignore[index]
    first_fetched = dict(
        con.execute(
            "select source, strftime(timezone('UTC', min(fetched_at)), '%Y-%m') "
            "from core.board_snapshots group by source"
        ).fetchall()
    )
    return ReportData(
        headline_shares=None
        if basis == "new"
        else category_shares(con, None, None, since, end, "new"),
        first_fetched=first_fetched,
        shares=shares,
        skills=skills,
        basis=basis,
        since=since,
        end=end,
        sources=list(sources) if sources else present,
        mix_notes=source_mix_notes(con, since, end),
        duplicates=int(duplicates or 0),
        linked=bool(con.execute("select count(*) from core.posting_links").fetchone()[0]),  # type: ignore[index]
    )


# -- the charts ----------------------------------------------------------------------------

_CATEGORY_COLOURS = {
    "cloud": "#1f77b4", "container": "#d62728", "cicd": "#2ca02c", "iac": "#9467bd",
    "observability": "#ff7f0e",
}  # fmt: skip
_PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173",
]  # fmt: skip
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 13}


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _month(periods: pd.Series) -> list[Any]:
    return list(pd.to_datetime(periods + "-01"))


def _layout(fig: Any, height: int, **more: Any) -> Any:
    layout = {
        "template": "plotly_white", "height": height, "font": _FONT, "hovermode": "closest",
        "margin": {"l": 60, "r": 20, "t": 40, "b": 40}, "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }  # fmt: skip
    fig.update_layout(**(layout | more))
    return fig


def _monthly(g: pd.DataFrame) -> pd.DataFrame:
    """One series (sorted by period) with a row for every month from its first to its last,
    empty where it has none, and ``line``: the share where the month is not a low sample.
    Lines and bands follow ``line``, so they break at gaps and at months too small to trust
    (a month of 2 postings at 100% would otherwise draw a spike); those are drawn as hollow
    points on their own."""
    if g.empty:
        return g.assign(line=g.get("share"))
    months = months_between(g["period"].iloc[0], g["period"].iloc[-1])
    out = g.set_index("period").reindex(months).rename_axis("period").reset_index()
    out["low_sample"] = out["low_sample"].eq(True)
    out["line"] = out["share"].where(~out["low_sample"])
    return out


def _band(g: pd.DataFrame) -> tuple[list[Any], list[Any]]:
    """The interval band of a ``_monthly`` series: one closed shape per run of months with
    data, the runs apart (None between them)."""
    xs: list[Any] = []
    ys: list[Any] = []
    for _, run in g.groupby(g["line"].isna().cumsum()):
        run = run[run["line"].notna()]
        if run.empty:
            continue
        x = _month(run["period"])
        xs += [*x, *x[::-1], None]
        ys += [*run["ci_high"], *run["ci_low"][::-1], None]
    return xs, ys


def _add_low_points(
    fig: Any, g: pd.DataFrame, group: str, colour: str, label: str, **where: Any
) -> None:
    """Hollow, unconnected points for the months of a ``_monthly`` series under 30 backend
    postings (a separate trace in the series' legend group; none when there are none)."""
    import plotly.graph_objects as go

    low = g[g["low_sample"]]
    if low.empty:
        return
    visible = where.pop("visible", True)
    fig.add_trace(go.Scatter(
        x=_month(low["period"]), y=low["share"], mode="markers", legendgroup=group,
        showlegend=False, visible=visible, name=f"{label}, fewer than 30",
        marker={"size": 7, "color": colour, "symbol": "circle-open"},
        hovertext=[_point_text(label, r) for r in low.itertuples()], hoverinfo="text",
    ), **where)  # fmt: skip


def _point_text(label: str, r: Any) -> str:
    """Hover text of one monthly point: the share, its interval and the counts behind it."""
    if pd.isna(r.share):
        return ""
    low = " · fewer than 30 backend postings" if r.low_sample else ""
    return (
        f"<b>{html.escape(label)}</b> {html.escape(str(r.period))}<br>"
        f"{pct(r.share)} (95% interval {interval(r.ci_low, r.ci_high)})<br>"
        f"{int(r.demanding)} of {int(r.backend_postings)} backend postings{low}"
    )


def _categories(shares: pd.DataFrame) -> list[str]:
    present = set(shares["category"])
    return [c for c in CHARTED if c in present] + sorted(present - set(CHARTED))


def shares_figure(data: ReportData) -> Any:
    """Pooled share per category by month, each line in its 95% interval band."""
    import plotly.graph_objects as go

    rows = data.shares[(data.shares["source"] == "all") & (data.shares["backend_postings"] > 0)]
    fig = go.Figure()
    for i, c in enumerate(_categories(rows)):
        g = _monthly(rows[rows["category"] == c].sort_values("period"))
        # the other categories take the palette's later colours, none of the five's
        colour = _CATEGORY_COLOURS.get(c, _PALETTE[5 + i % (len(_PALETTE) - 5)])
        visible: bool | str = True if c in CHARTED else "legendonly"
        x = _month(g["period"])
        band_x, band_y = _band(g)
        if band_x:
            fig.add_trace(go.Scatter(
                x=band_x, y=band_y, fill="toself",
                fillcolor=_rgba(colour, 0.13), line={"width": 0}, hoverinfo="skip",
                showlegend=False, legendgroup=c, visible=visible, name=f"{c} 95% interval",
            ))  # fmt: skip
        fig.add_trace(go.Scatter(
            x=x, y=g["line"], mode="lines+markers", name=c, legendgroup=c, visible=visible,
            line={"color": colour, "width": 2}, marker={"size": 7, "color": colour},
            hovertext=[_point_text(c, r) for r in g.itertuples()], hoverinfo="text",
        ))  # fmt: skip
        _add_low_points(fig, g, c, colour, c, visible=visible)
    # a legend on the right: eleven categories across the top would run under the mode bar
    return _layout(
        fig, 460, yaxis={"tickformat": ".0%", "rangemode": "tozero", "title": "share"},
        legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top"},
        margin={"l": 60, "r": 10, "t": 30, "b": 40},
    )  # fmt: skip


def sources_figure(data: ReportData) -> Any:
    """One panel per headline category, one line per source (and the pooled ``all``), with
    95% interval whiskers."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    shares = data.shares[data.shares["backend_postings"] > 0]
    cats = [c for c in CHARTED if c in set(shares["category"])]
    cols = 2
    rows = max(1, math.ceil(len(cats) / cols))
    fig = make_subplots(
        rows=rows, cols=cols, subplot_titles=cats, shared_xaxes=True,
        vertical_spacing=0.12 / rows * 2, horizontal_spacing=0.08,
    )  # fmt: skip
    colours = {s: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(sorted(data.sources))}
    for i, c in enumerate(cats):
        row, col = i // cols + 1, i % cols + 1
        # the pooled line first, under the sources, plain: the chart above has its intervals
        for source in ["all", *data.sources]:
            g = shares[(shares["source"] == source) & (shares["category"] == c)]
            if g.empty:
                continue
            g = _monthly(g.sort_values("period"))
            label = f"{c}, {source}"
            if source == "all":
                fig.add_trace(go.Scatter(
                    x=_month(g["period"]), y=g["line"], mode="lines", legendgroup=source,
                    name="all sources (pooled)", showlegend=i == 0,
                    line={"color": "rgba(34,34,34,0.75)", "width": 2, "dash": "dash"},
                    hovertext=[_point_text(label, r) for r in g.itertuples()], hoverinfo="text",
                ), row=row, col=col)  # fmt: skip
                continue
            colour = colours[source]
            fig.add_trace(go.Scatter(
                x=_month(g["period"]), y=g["line"], mode="lines+markers", name=source,
                legendgroup=source, showlegend=i == 0,
                line={"color": colour, "width": 1.5}, marker={"size": 6, "color": colour},
                error_y={"type": "data", "array": g["ci_high"] - g["line"],
                         "arrayminus": g["line"] - g["ci_low"], "thickness": 1, "width": 0,
                         "color": _rgba(colour, 0.45)},
                hovertext=[_point_text(label, r) for r in g.itertuples()], hoverinfo="text",
            ), row=row, col=col)  # fmt: skip
            _add_low_points(fig, g, source, colour, label, row=row, col=col)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(showticklabels=True)  # a panel above an empty cell has no axis under it
    return _layout(
        fig, 300 * rows + 60, margin={"l": 60, "r": 20, "t": 90, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.06, "x": 0},
    )  # fmt: skip


def skills_figure(changes: SkillChanges) -> Any:
    """Rising and falling skills: the change in percentage points with its 95% interval."""
    import plotly.graph_objects as go

    fig = go.Figure()
    t = changes.table
    for name, part, colour in (
        ("rising", t[t["change"] > 0], "#2ca02c"),
        ("falling", t[t["change"] < 0], "#d62728"),
    ):
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            y=[f"{s} ({c})" for s, c in zip(part["skill"], part["category"], strict=True)],
            x=part["change"] * 100, orientation="h", name=name,
            # pale where the interval includes zero: no clear change
            marker={"color": colour, "opacity": [
                1.0 if lo > 0 or hi < 0 else 0.4
                for lo, hi in zip(part["change_low"], part["change_high"], strict=True)]},
            error_x={"type": "data", "array": (part["change_high"] - part["change"]) * 100,
                     "arrayminus": (part["change"] - part["change_low"]) * 100,
                     "thickness": 1.2, "color": "#444444"},
            hovertext=[_skill_text(r, changes) for r in part.itertuples()], hoverinfo="text",
        ))  # fmt: skip
    return _layout(
        fig, 120 + 24 * len(t),
        xaxis={"title": "change in percentage points", "ticksuffix": "", "zeroline": True},
        yaxis={"autorange": "reversed", "automargin": True}, barmode="overlay",
    )  # fmt: skip


def _skill_text(r: Any, changes: SkillChanges) -> str:
    return (
        f"<b>{html.escape(str(r.skill))}</b> ({html.escape(str(r.category))})<br>"
        f"{_span(changes.then)}: {pct(r.share_then)} "
        f"({interval(r.ci_low_then, r.ci_high_then)}), {r.k_then} of {r.n_then}<br>"
        f"{_span(changes.now)}: {pct(r.share_now)} "
        f"({interval(r.ci_low_now, r.ci_high_now)}), {r.k_now} of {r.n_now}<br>"
        f"change {points(r.change)} points ({points(r.change_low)} to {points(r.change_high)})"
    )


def samples_figure(data: ReportData) -> Any:
    """Backend postings per month: a stacked bar per source, the pooled count as a line;
    months under 30 are hatched (a source) or marked with a cross (pooled)."""
    import plotly.graph_objects as go

    per = (
        data.shares.sort_values("category")
        .groupby(["period", "source"], as_index=False)
        .first()
        .sort_values("period")
    )
    colours = {s: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(sorted(data.sources))}
    fig = go.Figure()
    for source in data.sources:
        g = per[per["source"] == source]
        if g.empty:
            continue
        fig.add_trace(go.Bar(
            x=_month(g["period"]), y=g["backend_postings"], name=source,
            marker={"color": colours[source],
                    "pattern": {"shape": ["/" if low else "" for low in g["low_sample"]],
                                "fgcolor": "#ffffff", "solidity": 0.4}},
            hovertext=[_sample_text(source, r) for r in g.itertuples()], hoverinfo="text",
        ))  # fmt: skip
    g = _monthly(per[per["source"] == "all"])
    fig.add_trace(go.Scatter(
        x=_month(g["period"]), y=g["backend_postings"], name="all sources (pooled)",
        mode="lines+markers", line={"color": "#222222", "width": 2},
        marker={"size": [11 if low else 6 for low in g["low_sample"]],
                "symbol": ["x" if low else "circle" for low in g["low_sample"]],
                "color": ["#d62728" if low else "#222222" for low in g["low_sample"]]},
        hovertext=[_sample_text("all sources, pooled", r) for r in g.itertuples()],
        hoverinfo="text",
    ))  # fmt: skip
    return _layout(fig, 380, barmode="stack", yaxis={"title": "backend postings"})


def _sample_text(label: str, r: Any) -> str:
    if pd.isna(r.backend_postings):
        return ""
    low = "<br>fewer than 30: a low sample" if r.low_sample else ""
    return (
        f"<b>{html.escape(label)}</b> {html.escape(str(r.period))}<br>"
        f"{int(r.backend_postings)} backend postings of {int(r.postings)}; "
        f"{int(r.abstained)} undecided{low}"
    )


# -- the page ------------------------------------------------------------------------------

PAGE = Template((Path(__file__).parent / "report.html").read_text(encoding="utf-8"))


def charts(data: ReportData) -> dict[str, Any]:
    """The page's plotly figures by the id of their ``div``, in page order."""
    pooled = data.shares[(data.shares["source"] == "all") & (data.shares["backend_postings"] > 0)]
    if pooled.empty:
        return {}
    figures = {"chart-shares": shares_figure(data), "chart-sources": sources_figure(data)}
    changes = _changes(data)
    if changes is not None and not changes.table.empty:
        figures["chart-skills"] = skills_figure(changes)
    figures["chart-samples"] = samples_figure(data)
    return figures


def _changes(data: ReportData) -> SkillChanges | None:
    # every skill has a row in every month: the month's backend postings are on each
    pooled = data.skills[data.skills["source"] == "all"]
    return skill_changes(
        pooled,
        pooled.groupby("period")["backend_postings"].max(),
        by_source=data.skills[data.skills["source"] != "all"],
        first_fetched=data.first_fetched,
    )


def answer_for(data: ReportData) -> Headline:
    """The headline answer of the page (what ``jobtrends report`` also prints)."""
    shares = data.shares if data.headline_shares is None else data.headline_shares
    return headline(
        shares[shares["source"] == "all"],
        per_source=shares[shares["source"] != "all"],
        first_fetched=data.first_fetched,
    )


def build_html(data: ReportData) -> str:
    """The whole page as one string: plotly.js inlined once, with the first chart."""
    figures = charts(data)
    divs: dict[str, str] = {}
    for i, (div_id, fig) in enumerate(figures.items()):
        divs[div_id] = fig.to_html(
            full_html=False, include_plotlyjs=i == 0, div_id=div_id,
            default_width="100%", default_height=f"{fig.layout.height}px",
            config={"displaylogo": False, "responsive": True},
        )  # fmt: skip
    pooled = data.shares[data.shares["source"] == "all"]
    answer = answer_for(data)
    changes = _changes(data)
    e = html.escape
    months = sorted(pooled.loc[pooled["backend_postings"] > 0, "period"].unique())
    window = f"{months[0]} to {months[-1]}" if months else f"{data.since or '?'} to {data.end}"
    stale = (
        [f"There are no backend postings after {months[-1]} (the window runs to {data.end})."]
        if months and months[-1] < str(data.end) else []
    )  # fmt: skip
    return PAGE.substitute(
        title=e(f"jobtrends: what backend postings demand, {window}"),
        window=e(window),
        basis=e(_BASIS_TEXT.get(data.basis, data.basis)),
        sources=e(", ".join(data.sources) or "none"),
        generated=e(data.generated_at.strftime("%Y-%m-%d %H:%M UTC")),
        answer="\n".join(f"<p>{e(s)}</p>" for s in answer.sentences),
        caveats=_list(stale + answer.caveats + _mix_caveat(data), "caveats"),
        shares_chart=divs.get("chart-shares", "<p>No backend postings in this window.</p>"),
        shares_table=_shares_table(pooled),
        sources_chart=divs.get("chart-sources", ""),
        skills=_skills_section(changes, divs.get("chart-skills"), data.basis),
        samples_chart=divs.get("chart-samples", ""),
        notes=_list(_notes(data), "notes"),
    )


_BASIS_TEXT = {
    "new": "new postings: each counts in the month it was first published or seen "
    "(HN: its thread month)",
    "active": "active postings: each counts in every month it was open (HN: its thread month); "
    "the answer above counts new postings, so that none is in both windows it compares",
}


def _mix_caveat(data: ReportData) -> list[str]:
    if not data.mix_notes:
        return []
    return [
        "The sources or boards counted changed inside the window (see the notes at the end): "
        "part of a change in the pooled share may be a change in who is counted, not in demand."
    ]


def _list(items: Sequence[str], css: str) -> str:
    if not items:
        return ""
    return f'<ul class="{css}">' + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def _notes(data: ReportData) -> list[str]:
    if not data.linked:
        folded = (
            "De-duplication has not run on this warehouse yet: a job reposted, or listed on two "
            "sources, counts more than once."
        )
    else:
        folded = (
            f"{data.duplicates} postings in the window were folded into an earlier posting of "
            "the same job (reposted, or on another source): every share counts each job once."
        )
    return [*data.mix_notes, folded]


def _shares_table(pooled: pd.DataFrame) -> str:
    """Counts behind every point of the headline chart, latest month first."""
    rows = pooled[pooled["backend_postings"] > 0]
    cats = [c for c in CHARTED if c in set(rows["category"])]
    if rows.empty or not cats:
        return ""
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in cats)
    body = []
    for period, g in sorted(rows.groupby("period"), reverse=True):
        g = g.set_index("category")
        first = g.iloc[0]
        cells = []
        for c in cats:
            if c not in g.index:
                cells.append("<td></td>")
                continue
            r = g.loc[c]
            cells.append(
                f"<td>{pct(r['share'])} <span class=ci>({interval(r['ci_low'], r['ci_high'])})"
                f"</span> <span class=n>{int(r['demanding'])}/{int(r['backend_postings'])}</span></td>"
            )
        low = ' class="low"' if bool(first["low_sample"]) else ""
        body.append(
            f"<tr{low}><th>{e(str(period))}</th>{''.join(cells)}"
            f"<td>{int(first['backend_postings'])}</td><td>{int(first['abstained'])}</td>"
            f"<td>{int(first['postings'])}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="counts"><thead><tr><th>month</th>'
        f"{head}<th>backend</th><th>undecided</th><th>postings</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _skills_section(changes: SkillChanges | None, chart: str | None, basis: str) -> str:
    e = html.escape
    if changes is None:
        return (
            "<p>No two 3-month periods to compare: the window is too short, or no source has "
            "backend postings in both (a change in who is counted is not a change in demand)."
            "</p>"
        )
    counted = (
        " Counted on new postings whatever the basis above, so that a posting open for months "
        "counts once in a window."
        if basis != "new"
        else ""
    )
    intro = (
        f"<p>Skills whose share of backend postings changed most from "
        f"{e(_the_months(changes.then))} ({e(changes.note)}; {changes.n_then} backend postings) "
        f"to {e(_the_months(changes.now))} (the last 3; {changes.n_now}). Bars are the change "
        "in percentage points, "
        "whiskers its 95% interval (Newcombe's, for a difference of two shares); pale bars are "
        "changes whose interval includes zero. Only skills demanded at least "
        f"{MIN_SKILL_POSTINGS} times in one of the windows are ranked.{counted}</p>"
    )
    if changes.table.empty:
        return intro + "<p>No skill was demanded often enough to rank.</p>"
    rows = "".join(
        f"<tr><td>{e(str(r.skill))}</td><td>{e(str(r.category))}</td>"
        f"<td>{pct(r.share_then)} <span class=ci>({interval(r.ci_low_then, r.ci_high_then)})</span>"
        f" <span class=n>{r.k_then}/{r.n_then}</span></td>"
        f"<td>{pct(r.share_now)} <span class=ci>({interval(r.ci_low_now, r.ci_high_now)})</span>"
        f" <span class=n>{r.k_now}/{r.n_now}</span></td>"
        f"<td>{points(r.change)} <span class=ci>({points(r.change_low)} to "
        f"{points(r.change_high)})</span></td></tr>"
        for r in changes.table.itertuples()
    )
    table = (
        '<div class="scroll"><table class="counts"><thead><tr><th>skill</th><th>category</th>'
        f"<th>{e(_span(changes.then))}</th><th>{e(_span(changes.now))}</th>"
        f"<th>change, points</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
    return intro + (chart or "") + table


def write_report(data: ReportData, out: Path) -> Path:
    """Write ``out/index.html`` (creating ``out``); returns its path. The file is replaced
    whole, never left half-written."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "index.html"
    partial = out / ".index.html.partial"
    partial.write_text(build_html(data), encoding="utf-8")
    partial.replace(target)
    return target
