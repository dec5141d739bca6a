"""What a run did, per source: the summary the CLI prints and the `runs` table stores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from extract.http import Counters


@dataclass
class SourceReport:
    source: str
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    ended_at: datetime | None = None
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    closed: int = 0  # job-board postings this run's snapshots closed
    skipped_deleted: int = 0
    requests: int = 0
    retries: int = 0
    not_modified: int = 0  # 304s: boards unchanged since the last run
    rate_limited: int = 0  # 429s
    bytes: int = 0
    periods: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # not failures, but look (an emptied board)
    loaded_batches: int = 0
    skipped: bool = False  # not fetched this run, on purpose (a feed called recently)

    @property
    def status(self) -> str:
        if not self.errors:
            return "skipped" if self.skipped else "ok"
        return "partial" if self.loaded_batches else "failed"

    def add_counters(self, counters: Counters) -> None:
        self.requests += counters.requests
        self.retries += counters.retries
        self.not_modified += counters.not_modified
        self.rate_limited += counters.rate_limited
        self.bytes += counters.bytes


@dataclass
class RunReport:
    run_id: str
    flow: str
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.status in ("ok", "skipped") for s in self.sources)

    def failed_sources(self) -> list[str]:
        return [s.source for s in self.sources if s.status not in ("ok", "skipped")]

    def summary(self) -> str:
        lines = []
        for s in self.sources:
            lines.append(
                f"{s.source}: {s.status}; fetched {s.fetched}, new {s.new}, updated {s.updated}, "
                f"quarantined {s.quarantined}, errors {len(s.errors)}"
            )
            lines.extend(f"  error: {e}" for e in s.errors)
            lines.extend(f"  warning: {w}" for w in s.warnings)
        return "\n".join(lines)


# Progress messages for whoever runs a flow in this process (the CLI shows them in its spinner).
_listeners: list[Callable[[str], None]] = []


@contextmanager
def on_progress(listener: Callable[[str], None]) -> Iterator[None]:
    """Call ``listener`` with each progress message while the block runs."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def progress(message: str) -> None:
    for listener in list(_listeners):
        listener(message)
