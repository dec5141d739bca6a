"""The `jobtrends` command line: thin commands over flows/ and warehouse/.

Heavy imports (Prefect, pandas, DuckDB) happen inside commands so `--help` stays fast.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    import pandas as pd

    from flows.report import RunReport

app = typer.Typer(
    help="Measure what backend job postings demand: cloud and container skill shares, month by month.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
backfill_app = typer.Typer(help="Load past months of a source.", no_args_is_help=True)
app.add_typer(backfill_app, name="backfill")
sources_app = typer.Typer(
    help="The sources file: which sources and job boards runs fetch.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")

# Piped output is not squeezed into 80 columns: tables stay readable in files and logs.
out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 200)


class Format(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect and task logs.")]
PeriodOpt = Annotated[str | None, typer.Option(help="First month, YYYY-MM.", metavar="YYYY-MM")]


def _prepare_prefect(verbose: bool) -> None:
    # Quiet by default: our own summary says what happened; -v shows Prefect's logs on the console.
    # The Prefect API (UI) still receives INFO logs either way.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    if verbose:  # asked for on the command line: wins over the environment
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "INFO"
    else:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The temporary local API needs longer than Prefect's default 20 s on a cold first start
    # (it creates its database); a fresh machine must not fail on that.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    # Prefect is not imported here: `serve` still has to set PREFECT_API_URL first.


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _check_period(value: str | None, name: str) -> str | None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise _fail(f"{name} must be a month like 2024-03, not {value!r}")
    return value


@app.command()
def run(
    sources: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated sources to run (default: every source the sources file enables).",
            metavar="hn,greenhouse,...",
        ),
    ] = None,
    month: Annotated[
        str | None, typer.Option(help="Run as if this were the current month.", metavar="YYYY-MM")
    ] = None,
    verbose: Verbose = False,
) -> None:
    """One nightly run: refresh recent HN threads and every enabled job board, then print shares.

    Exits 0 only if every source succeeded.
    """
    _check_period(month, "--month")
    _prepare_prefect(verbose)
    from extract.errors import ConfigError
    from flows.nightly import nightly, parse_sources
    from flows.settings import load_settings

    try:
        names = parse_sources(sources, load_settings())
    except ConfigError as exc:
        raise _fail(str(exc)) from exc
    _run_flow(lambda: nightly(sources=names, month=month, return_state=True), "nightly run")


@backfill_app.command("hn")
def backfill_hn(
    since: Annotated[str, typer.Option(help="First thread month, YYYY-MM.", metavar="YYYY-MM")],
    until: Annotated[
        str | None, typer.Option(help="Last thread month (default: this month).", metavar="YYYY-MM")
    ] = None,
    verbose: Verbose = False,
) -> None:
    """Fetch and load HN "Who is hiring?" threads from SINCE to UNTIL."""
    _check_period(since, "--since")
    _check_period(until, "--until")
    if until and since > until:
        raise _fail(f"--since {since} is after --until {until}")
    _prepare_prefect(verbose)
    from flows.nightly import backfill

    _run_flow(
        lambda: backfill(source="hn", since=since, until=until, return_state=True),
        f"HN backfill from {since}",
    )


@app.command()
def reextract(
    everything: Annotated[
        bool, typer.Option("--all", help="Re-extract every posting, not only stale ones.")
    ] = False,
    verbose: Verbose = False,
) -> None:
    """Recompute skills and roles from stored postings with the current taxonomy; no network.

    Runs by itself at the end of every nightly run for postings whose facts came from another
    taxonomy or extractor version.
    """
    _prepare_prefect(verbose)
    from flows.reextract import reextract as reextract_flow

    _run_flow(lambda: reextract_flow(everything=everything, return_state=True), "re-extraction")


@app.command()
def extract(
    input: Annotated[
        Path, typer.Option("--input", "-i", help="JSON Lines file, or - for standard input.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write JSON Lines (default: standard output)."
        ),
    ] = None,
) -> None:
    """Run the extractor over your own postings: no Prefect, no warehouse, no network.

    Each input line is `{"id": ..., "title": optional, "html": or "text": ..., "source": optional,
    "company": optional, "posted": optional}`; each output line is `{"id", "backend", "roles",
    "categories", "skills"}`. A company's own name in its text counts as the company, not as a
    skill, outside the requirements.
    A bad line is reported on standard error with its line number and skipped; the exit code is
    then 1.
    """
    from extract.base import Posting
    from transform.facts import extract_facts, facts_record
    from transform.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    source = sys.stdin if str(input) == "-" else None
    try:
        reader = source or input.open(encoding="utf-8")
        writer = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise _fail(f"cannot open {exc.filename}: {exc.strerror}") from exc
    bad = 0
    with reader, writer if output else nullcontext():
        for number, line in enumerate(reader, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                posting = _jsonl_posting(item, Posting)
            except (json.JSONDecodeError, ValueError) as exc:
                bad += 1
                err.print(f"[red]{input}:{number}:[/red] {exc}; line skipped", highlight=False)
                continue
            facts = extract_facts(posting, taxonomy)
            record = facts_record(facts, taxonomy, item["id"])
            writer.write(json.dumps(record, ensure_ascii=False) + "\n")
    if bad:
        raise typer.Exit(1)


def _jsonl_posting(item: Any, posting_type: Any) -> Any:
    if not isinstance(item, dict):
        raise ValueError("expected a JSON object")
    if "id" not in item:
        raise ValueError("field 'id' is missing")
    html = item.get("html")
    text = item.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        raise ValueError("give the posting as 'html' or 'text' (a string)")
    if not isinstance(html, str):
        # Plain text: escape it so the HTML reader keeps it as written.
        import html as html_module

        html = html_module.escape(text).replace("\n", "<br>")
    title = item.get("title")
    company = item.get("company")
    return posting_type(
        source=str(item.get("source") or "input"),
        source_id=str(item["id"]),
        url="",
        period=str(item.get("posted") or "")[:7],
        posted_at=None,
        html=html,
        content_hash="",
        title=title if isinstance(title, str) and title.strip() else None,
        company=company if isinstance(company, str) and company.strip() else None,
    )


@app.command()
def explain(
    posting_key: Annotated[str, typer.Argument(help="A posting key such as hn:35424900.")],
) -> None:
    """Show a stored posting with every skill mention highlighted and the rule that decided it."""
    from rich.text import Text

    from transform.facts import extract_facts
    from transform.match import scan
    from transform.roles import backend_decision
    from transform.taxonomy import load_taxonomy
    from warehouse.queries import posting as get_posting

    with _readonly() as con:
        row = get_posting(con, posting_key)
    if row is None:
        raise _fail(
            f"no posting {posting_key!r}: keys look like hn:35424900 (see the postings view)", 1
        )
    taxonomy = load_taxonomy()
    text = str(row["text"])
    _, decisions = scan(text, taxonomy, _stored_posting(row).board_company)
    shown = Text(text)
    for d in decisions:
        shown.stylize("bold green" if d.accepted else "red strike", d.start, d.end)
    out.print(f"[bold]{posting_key}[/bold] {row.get('company') or ''} {row.get('url') or ''}")
    out.print(shown)
    table = Table(title="Decisions", title_justify="left")
    for col in ("at", "text", "skill", "verdict"):
        table.add_column(col)
    for d in decisions:
        verdict = f"[green]{d.rule}[/green]" if d.accepted else f"[red]dropped: {d.rule}[/red]"
        table.add_row(str(d.start), d.matched, d.skill, verdict)
    out.print(table)
    facts = extract_facts(_stored_posting(row), taxonomy)
    roles = ", ".join(f"{r.title} ({_yes_no(r.backend)})" for r in facts.roles) or "none found"
    _, how = backend_decision(list(facts.roles), facts.text, title=_stored_posting(row).title)
    out.print(f"roles: {roles}; backend: {_yes_no(facts.backend)} (decided by {how})")
    out.print(
        "demands: "
        + (", ".join(sorted(facts.categories())) or "none")
        + f"   [dim](taxonomy {taxonomy.version}; stored facts: {row['taxonomy_version']})[/dim]"
    )


def _yes_no(value: bool | None) -> str:
    return {True: "backend", False: "not backend", None: "undecided"}[value]


def _stored_posting(row: dict[str, Any]) -> Any:
    from extract.base import Posting

    return Posting(
        str(row["source"]), str(row["source_id"]), str(row["url"]), str(row["period"]), None,
        str(row.get("html") or ""), str(row["content_hash"]), row.get("title"),
        None if row["source"] == "hn" else row.get("company"),
    )  # fmt: skip


def _run_flow(call: Any, what: str) -> None:
    from flows.logs import configure

    configure(os.environ.get("JOBTRENDS_LOG_FORMAT", "text").strip().lower())
    from extract.errors import JobtrendsError
    from flows.report import RunReport, on_progress

    with (
        err.status(f"{what}…", spinner="dots") as status,
        on_progress(lambda message: status.update(f"{what}: {message}")),
    ):
        try:
            state = call()
        except RuntimeError as exc:
            if "Prefect API" not in str(exc):
                raise
            raise _fail(
                f"{exc} Set PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS higher, or point "
                "PREFECT_API_URL at a running `prefect server start`.",
                1,
            ) from exc
    report = state.result(raise_on_failure=False)
    if not isinstance(report, RunReport):  # the flow itself crashed
        if isinstance(report, JobtrendsError):
            raise _fail(str(report), 1)
        raise _fail(f"{what} crashed: {state.message or report}", 1)
    _print_report(report)
    _print_latest_shares()
    if not report.ok:
        err.print(
            f"[red]{len(report.failed_sources())} source(s) failed:[/red] "
            f"{', '.join(report.failed_sources())}",
            highlight=False,
        )
        raise typer.Exit(1)


def _print_report(report: RunReport) -> None:
    table = Table(title=f"{report.flow} run {report.run_id}", title_justify="left")
    for col in (
        "source",
        "status",
        "fetched",
        "new",
        "updated",
        "quarantined",
        "deleted",
        "requests",
        "304s",
        "errors",
    ):
        table.add_column(col, justify="left" if col in ("source", "status") else "right")
    for s in report.sources:
        style = {"ok": "green", "partial": "yellow"}.get(s.status, "red")
        table.add_row(
            s.source, f"[{style}]{s.status}[/{style}]", str(s.fetched), str(s.new),
            str(s.updated), str(s.quarantined), str(s.skipped_deleted), str(s.requests),
            str(s.not_modified), str(len(s.errors)),
        )  # fmt: skip
    out.print(table)
    for s in report.sources:
        for note in s.notes:
            err.print(f"[dim]{s.source}: {note}[/dim]", highlight=False, soft_wrap=True)
        for warning in s.warnings:
            err.print(
                f"[yellow]warning:[/yellow] {s.source}: {warning}", highlight=False, soft_wrap=True
            )
        for error in s.errors:
            err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)


def _print_latest_shares() -> None:
    from extract.errors import WarehouseError
    from warehouse.queries import category_shares, open_readonly

    try:
        with open_readonly() as con:
            df = category_shares(con, ["cloud", "container"], "all")
    except WarehouseError:
        return
    if df.empty:
        return
    latest = sorted(df["period"].unique())[-6:]
    _emit(
        _share_table(df[df["period"].isin(latest)]),
        Format.table,
        title="Latest shares of backend postings (new postings; share [95% interval])",
    )


class Basis(enum.StrEnum):
    new = "new"
    active = "active"


class Panel(enum.StrEnum):
    all = "all"
    fixed = "fixed"


@app.command()
def share(
    category: Annotated[
        str | None,
        typer.Option(help="Comma-separated categories (default: all).", metavar="cloud,..."),
    ] = None,
    source: Annotated[str, typer.Option(help="A source, or `all` for the pooled rows.")] = "all",
    since: PeriodOpt = None,
    until: Annotated[
        str | None, typer.Option(help="Last month, YYYY-MM.", metavar="YYYY-MM")
    ] = None,
    basis: Annotated[
        Basis,
        typer.Option(help="Count postings `new` in the month, or `active` (open) in it."),
    ] = Basis.new,
    panel: Annotated[
        Panel,
        typer.Option(
            help="`fixed`: only companies listed in both the first and the last three months "
            "of the window."
        ),
    ] = Panel.all,
    skill: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated skills: per-skill shares from `skill_share_monthly` instead.",
            metavar="aws,...",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """The headline table: share of backend postings demanding each category, by month, with
    its 95% interval, sample size, required-only, company-weighted and rolling 3-month shares."""
    _check_period(since, "--since")
    _check_period(until, "--until")
    from warehouse.queries import category_shares, skill_shares, source_mix_notes

    def names(value: str | None) -> list[str] | None:
        return [v.strip() for v in value.split(",") if v.strip()] if value else None

    with _readonly() as con:
        if skill:
            df = skill_shares(
                con, names(skill), names(category), source, since, until, basis.value, panel.value
            )
        else:
            df = category_shares(
                con, names(category), source, since, until, basis.value, panel.value
            )
        notes = source_mix_notes(con, since, until) if source == "all" else []
    running = datetime.now(UTC).strftime("%Y-%m")
    if not df.empty and (df["period"] == running).any():
        notes.append(f"{running} is the running month: its counts are still growing")
    what = "skill" if skill else "category"
    title = f"Share of backend postings demanding each {what} ({basis.value} postings"
    title += ", fixed panel of companies)" if panel is Panel.fixed else ")"
    if fmt is Format.table:
        _emit(_share_table(df), fmt, title=title)
        if not df.empty:
            out.print(
                "share [95% interval] over n backend postings; low: n < 30; "
                "3-month: the month and the two before; csv/json have every column",
                style="dim",
            )
    else:
        _emit(df, fmt)
    for note in notes:
        err.print(f"[yellow]note:[/yellow] {note}", highlight=False, soft_wrap=True)


def _share_table(df: pd.DataFrame) -> pd.DataFrame:
    """The share rows for a terminal: each share with its interval in one cell."""
    import pandas as pd

    def with_ci(share: str, low: str, high: str) -> pd.Series:
        return df.apply(
            lambda r: "" if pd.isna(r[share])
            else f"{r[share]:.2f} [{r[low]:.2f}-{r[high]:.2f}]",
            axis=1,
        )  # fmt: skip

    if df.empty:
        return df
    if "skill" in df.columns:
        return pd.DataFrame(
            {
                "period": df["period"],
                "source": df["source"],
                "skill": df["skill"],
                "n": df["backend_postings"],
                "demanding": df["demanding"],
                "share": with_ci("share", "ci_low", "ci_high"),
                "required": df["required_share"].map(lambda v: "" if pd.isna(v) else f"{v:.2f}"),
                "companies demanding": df["companies_demanding"],
                "low": df["low_sample"].map({True: "low", False: ""}),
            }
        )
    return pd.DataFrame(
        {
            "period": df["period"],
            "source": df["source"],
            "category": df["category"],
            "n": df["backend_postings"],
            "demanding": df["demanding"],
            "share": with_ci("share", "ci_low", "ci_high"),
            "required": with_ci("required_share", "required_ci_low", "required_ci_high"),
            "companies": df["companies"],
            "company-weighted": with_ci("company_share", "company_ci_low", "company_ci_high"),
            "3-month": with_ci("rolling_share", "rolling_ci_low", "rolling_ci_high"),
            "low": df["low_sample"].map({True: "low", False: ""}),
            "abstained": df["abstained"],
            "duplicates": df["duplicates"],
        }
    )


@app.command()
def report(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Directory to write index.html into.", metavar="DIR")
    ],
    since: PeriodOpt = None,
    until: Annotated[
        str | None,
        typer.Option(help="Last month (default: the last complete one).", metavar="YYYY-MM"),
    ] = None,
    basis: Annotated[
        Basis, typer.Option(help="Count postings in the month they are new, or every month open.")
    ] = Basis.new,
    source: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated sources for the per-source charts (default: every source).",
            metavar="hn,greenhouse,...",
        ),
    ] = None,
) -> None:
    """Write a self-contained HTML page of charts (DIR/index.html, viewable offline): shares with
    intervals, per source, rising and falling skills, sample sizes, and the headline answer."""
    _check_period(since, "--since")
    _check_period(until, "--until")
    if since and until and since > until:
        raise _fail(f"--since {since} is after --until {until}")
    from warehouse.report import answer_for, load_report_data, write_report

    sources = [s.strip() for s in source.split(",") if s.strip()] if source else None
    with _readonly() as con:
        try:
            data = load_report_data(con, since, until, basis.value, sources)
        except ValueError as exc:
            raise _fail(str(exc)) from exc
    pooled = data.shares[data.shares["source"] == "all"]
    if not (pooled["backend_postings"] > 0).any():
        raise _fail(
            f"no backend postings from {since or 'the start'} to {data.end}: nothing to report", 1
        )
    try:
        path = write_report(data, out_dir)
    except OSError as exc:
        raise _fail(f"cannot write {out_dir}: {exc.strerror or exc}", 1) from exc
    for sentence in answer_for(data).sentences:
        out.print(sentence, highlight=False, soft_wrap=True)
    err.print(f"wrote {path}", highlight=False)


@app.command()
def serve(verbose: Verbose = False) -> None:
    """Run on a schedule: a local Prefect server on 127.0.0.1 (unless PREFECT_API_URL is set)
    serving the nightly, monthly catch-up and re-extraction deployments. Stop with Ctrl-C."""
    _prepare_prefect(verbose)
    from extract.errors import ConfigError
    from flows.serve import serve as serve_deployments
    from flows.settings import load_settings

    try:
        settings = load_settings()
        serve_deployments(settings.nightly_cron, settings.catchup_cron, settings.serve_port)
    except ConfigError as exc:
        raise _fail(str(exc), 1) from exc


@sources_app.command("list")
def sources_list() -> None:
    """Every source, whether the sources file enables it, and how many boards it watches."""
    from extract.errors import ConfigError
    from extract.sources import ALL_SOURCES, BOARD_SOURCES
    from flows.boards import targets
    from flows.settings import load_settings

    try:
        settings = load_settings()
        config = settings.sources_config
    except ConfigError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title=f"Sources in {config.path}")
    for column in ("source", "enabled", "boards", "setting", "what"):
        table.add_column(column)
    for name in ALL_SOURCES:
        source = BOARD_SOURCES.get(name)
        count = len(targets(settings, name)) if source else 1
        table.add_row(
            name,
            "yes" if name in config.enabled() else "no",
            "feed" if source is None or source.feed else str(count),
            source.setting if source and source.name != "jsonld" else "",
            source.doc if source else 'Hacker News "Who is hiring?" threads',
        )
    out.print(table)


@sources_app.command("check")
def sources_check(
    sources: Annotated[
        str | None,
        typer.Option(
            help="Only these sources (default: every enabled job-board source).",
            metavar="greenhouse,...",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Ask every configured job board once: which answer, which are empty, which are gone.

    Nothing is stored. Exits 1 when any board is gone or failing, so it can guard a change to
    the sources file.
    """
    import pandas as pd

    from extract.errors import ConfigError
    from extract.sources import BOARD_SOURCES
    from flows.boards import check_sources
    from flows.nightly import parse_sources
    from flows.settings import load_settings

    try:
        settings = load_settings()
        names = [n for n in parse_sources(sources, settings) if n in BOARD_SOURCES]
    except ConfigError as exc:
        raise _fail(str(exc)) from exc
    if not names:
        raise _fail("no job-board source selected: pass --sources greenhouse,... ")
    with err.status("asking every board once...") if err.is_terminal else nullcontext():
        checks = check_sources(settings, names)
    df = pd.DataFrame(
        [vars(c) for c in checks], columns=["source", "board", "status", "jobs", "detail"]
    )
    _emit(df, fmt, title="Job boards")
    counts = df["status"].value_counts().to_dict()
    kinds = ("ok", "empty", "gone", "failed", *(("skipped",) if counts.get("skipped") else ()))
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in kinds)
    err.print(f"{len(df)} boards: {summary}", highlight=False)
    if counts.get("gone") or counts.get("failed"):
        err.print(
            "Remove or fix the boards marked gone in the sources file "
            f"({settings.sources_config.path}); failed ones may recover.",
            highlight=False,
        )
        raise typer.Exit(1)


@app.command()
def runs(
    limit: Annotated[int, typer.Option(help="How many recent runs.", min=1)] = 10,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Recent runs, one line per run and source; a failed one says why in one line."""
    from warehouse.queries import recent_runs

    with _readonly() as con:
        df = recent_runs(con, limit)
    _emit(df, fmt, title="Recent runs")


@app.command()
def sql(
    query: Annotated[str | None, typer.Argument(help="A SQL statement.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the SQL from a file.")] = None,
    example: Annotated[
        str | None,
        typer.Option(help="Run a named example query (see --list-examples).", metavar="NAME"),
    ] = None,
    list_examples: Annotated[
        bool, typer.Option("--list-examples", help="List the example queries and exit.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Ad-hoc SQL on a read-only connection to the warehouse."""
    import duckdb

    from warehouse import examples

    if list_examples:
        table = Table(title=f"Example queries in {examples.HERE}", title_justify="left")
        table.add_column("name")
        table.add_column("what it answers")
        for name in examples.example_names():
            table.add_row(name, examples.example_summary(name))
        out.print(table)
        return
    if sum(x is not None for x in (query, file, example)) != 1:
        raise _fail("give either a SQL statement or --file or --example, just one of them")
    if example is not None:
        try:
            file = examples.example_path(example)
        except KeyError:
            raise _fail(
                f"no example named {example!r}; the examples are: "
                + ", ".join(examples.example_names())
            ) from None
    if file is not None:
        try:
            query = file.read_text()
        except OSError as exc:
            raise _fail(f"cannot read {file}: {exc}") from exc
    from warehouse.queries import run_sql

    with _readonly() as con:
        try:
            df = run_sql(con, query or "")
        except duckdb.Error as exc:
            raise _fail(f"SQL error: {exc}", 1) from exc
    _emit(df, fmt)


class ExportFormat(enum.StrEnum):
    parquet = "parquet"
    csv = "csv"


@app.command()
def export(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder to write into (created if missing).")
    ],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="File format.")
    ] = ExportFormat.parquet,
    views: Annotated[
        str | None,
        typer.Option(help="Comma-separated views (default: every view).", metavar="postings,..."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace views exported there before.")
    ] = False,
) -> None:
    """Write the views as Parquet (one file per month) or CSV files for other tools.

    Each view goes to its own folder OUT/<view>/; a failed export leaves no half-written view.
    """
    import duckdb

    from extract.errors import ConfigError
    from warehouse.export import export_views

    names = [v.strip() for v in views.split(",") if v.strip()] if views else None
    with _readonly() as con:
        try:
            written = export_views(con, out_dir, fmt.value, names, overwrite=overwrite)
        except ConfigError as exc:
            raise _fail(str(exc)) from exc
        except (duckdb.Error, OSError) as exc:
            raise _fail(
                f"export to {out_dir} failed, no view was left half-written: {exc}", 1
            ) from exc
    table = Table(title=f"Exported to {out_dir} ({fmt.value})", title_justify="left")
    for col in ("view", "rows", "files", "path"):
        table.add_column(col, justify="right" if col in ("rows", "files") else "left")
    for view in written:
        where = f"{view.path}/period=*/" if view.partitioned else str(view.files[0])
        table.add_row(view.name, str(view.rows), str(len(view.files)), where)
    out.print(table)


@contextmanager
def _readonly() -> Iterator[Any]:
    """Open the warehouse read-only, turning warehouse errors into a clean exit."""
    from extract.errors import WarehouseError
    from warehouse.queries import open_readonly

    try:
        cm = open_readonly()
        con = cm.__enter__()
    except WarehouseError as exc:
        raise _fail(str(exc), 1) from exc
    try:
        yield con
    finally:
        cm.__exit__(None, None, None)


def _emit(df: pd.DataFrame, fmt: Format, title: str | None = None) -> None:
    if fmt is Format.csv:
        sys.stdout.write(df.to_csv(index=False))
        return
    if fmt is Format.json:
        records = json.loads(df.to_json(orient="records", date_format="iso"))
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=title, title_justify="left")
    for col in df.columns:
        numeric = df[col].dtype.kind in "iuf"
        table.add_column(str(col), justify="right" if numeric else "left")
    for row in df.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    out.print(table)
    out.print(f"{len(df)} row(s)", style="dim")


def _cell(value: object) -> str:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
