"""Serve the third-party HN data in ../shared/data/real through FakeHN, shaped like the real APIs.

Used by the `real` tests and by benchmarks/hn_backfill.py. Nothing here is copied into the
repository: it reads the files where they lie.

- Stories: the verbatim Algolia `search_by_date` pages of `whoishiring` (2011-03 .. 2023-09),
  plus the 2026 thread ids and titles recorded by the 2026 snapshot.
- Comments: the 2013-08 .. 2018-04 snapshots (Firebase HTML), the 2023-01 .. 2023-06 snapshots
  and the 2026-01 .. 2026-05 snapshots. The older sets have no per-comment timestamp, so comments
  get synthetic ones (thread time + 30 s steps), which only matter for Algolia's time slicing.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract.hn import thread_period
from tests.fakes import Comment, FakeHN, Story

DEFAULT_REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
_ITEM_ID = re.compile(r"item\?id=(\d+)")


def _load(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _month_ts(period: str) -> int:
    year, month = (int(x) for x in period.split("-"))
    return int(datetime(year, month, 1, 16, tzinfo=UTC).timestamp())


def build_fake(real: Path = DEFAULT_REAL) -> tuple[FakeHN, dict[str, int]]:
    """A FakeHN holding every real story and comment, and the postings each month must yield."""
    fake = FakeHN()
    by_period: dict[str, Story] = {}
    for page in sorted((real / "hn_algolia_responses_ryanwi").glob("search_by_date_*.json.gz")):
        for hit in _load(page)["hits"]:
            fake.add_algolia_hit(hit)
            period = thread_period(hit.get("title") or "")
            if period:
                by_period[period] = fake.stories[int(hit["objectID"])]

    def add_thread(thread_id: int, period: str, title: str | None = None) -> Story:
        story = fake.stories.get(thread_id)
        if story is None:
            month = datetime.fromtimestamp(_month_ts(period), UTC).strftime("%B %Y")
            story = fake.add_story(
                Story(thread_id, title or f"Ask HN: Who is hiring? ({month})", _month_ts(period))
            )
        # A month has one thread: if the recorded story id differs, the data's thread wins.
        old = by_period.get(period)
        if old is not None and old.id != thread_id:
            del fake.stories[old.id]
        by_period[period] = story
        return story

    def add_comments(story: Story, rows: list[tuple[int, str | None, str, int | None]]) -> None:
        for i, (cid, author, html, created) in enumerate(rows):
            fake.add_comment(
                Comment(
                    cid,
                    story.id,
                    story.id,
                    author or "unknown",
                    html,
                    created or story.created_at_i + 30 * (i + 1),
                )
            )

    # 2013-2018 snapshots: thread ids from thread_ids.txt ("<id> <YYYY-M>").
    gagan = real / "hn_gaganpreet_2013_2018"
    threads: dict[str, int] = {}
    for line in (gagan / "thread_ids.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            tid, month = line.split()
            y, m = month.split("-")
            threads[f"{int(y):04d}-{int(m):02d}"] = int(tid)
    threads["2018-01"] = 16052538  # listed twice; the data file belongs to this one
    for path in sorted(gagan.glob("*.json.gz")):
        period = path.name[:7]
        story = add_thread(threads[period], period)
        rows = []
        for rec in _load(path):
            m = _ITEM_ID.search(rec.get("url") or "")
            if m:
                rows.append((int(m.group(1)), rec.get("user"), rec.get("full_html"), None))
        add_comments(story, rows)

    # 2023 H1 snapshots: thread ids from the recorded search pages.
    for path in sorted((real / "hn_m3at_2023h1").glob("*.jsonl.gz")):
        period = path.name[:7].replace("_", "-")
        story = by_period[period]
        rows = [(int(r["hn_id"]), None, r["hn_text"], None) for r in _jsonl(path)]
        add_comments(story, rows)

    # 2026 snapshots: runs overlap, keep each comment once (the latest run's copy).
    latest: dict[int, tuple[int, str, dict[str, Any]]] = {}
    for path in sorted((real / "hn_gantryops_2026").glob("*_raw.json.gz")):
        run = _load(path)
        src = run["sources"]
        tid, title = int(src["who_is_hiring_thread_id"]), src["who_is_hiring_thread_title"]
        for job in run["jobs"]:
            if job.get("source") == "who_is_hiring":
                latest[int(job["id"])] = (tid, title, job)
    per_thread: dict[int, list] = {}
    titles: dict[int, str] = {}
    for cid, (tid, title, job) in sorted(latest.items()):
        titles[tid] = title
        per_thread.setdefault(tid, []).append(
            (cid, job.get("by"), job.get("text"), job.get("time"))
        )
    for tid, rows in per_thread.items():
        period = thread_period(titles[tid])
        assert period, titles[tid]
        story = add_thread(tid, period, titles[tid])
        story.created_at_i = min(story.created_at_i, min(r[3] for r in rows) - 60)
        add_comments(story, rows)

    # What a complete fetch must return: live top-level comments per thread month.
    period_of = {s.id: p for p, s in by_period.items()}
    expected: dict[str, int] = {}
    for c in fake.comments.values():
        if not c.deleted and not c.dead and c.parent_id in period_of:
            expected[period_of[c.parent_id]] = expected.get(period_of[c.parent_id], 0) + 1
    return fake, expected
