"""The evaluation corpus: postings from ../shared/data/real, addressed by (dataset, id).

Only ids and labels are committed (tests/eval/*.csv); the texts are read from the shared
third-party data where it lies, so nothing third-party enters the repository.

Datasets: `hn` (HN comment id, 2013-2018, 2023 H1 and 2026 snapshots), `ashby` (job id),
`remotive` (job id), `arbeitnow` (slug).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
_ITEM_ID = re.compile(r"item\?id=(\d+)")


@dataclass(frozen=True)
class Doc:
    dataset: str
    id: str
    period: str  # YYYY-MM
    title: str | None
    html: str
    company: str | None = None  # as the source module sets it (Ashby: the board token)


def _load(path: Path) -> object:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _hn(real: Path) -> Iterator[Doc]:
    for path in sorted((real / "hn_gaganpreet_2013_2018").glob("*.json.gz")):
        for rec in _load(path):  # type: ignore[attr-defined]
            m = _ITEM_ID.search(rec.get("url") or "")
            if m and rec.get("full_html"):
                yield Doc("hn", m.group(1), path.name[:7], None, rec["full_html"])
    for path in sorted((real / "hn_m3at_2023h1").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                yield Doc(
                    "hn", str(rec["hn_id"]), path.name[:7].replace("_", "-"), None, rec["hn_text"]
                )
    seen: set[str] = set()
    for path in sorted((real / "hn_gantryops_2026").glob("*_raw.json.gz"), reverse=True):
        run = _load(path)
        title = run["sources"]["who_is_hiring_thread_title"]  # type: ignore[index]
        period = _period_of(title)
        for job in run["jobs"]:  # type: ignore[index]
            if (
                job.get("source") == "who_is_hiring"
                and job.get("text")
                and str(job["id"]) not in seen
            ):
                seen.add(str(job["id"]))
                yield Doc("hn", str(job["id"]), period, None, job["text"])


def _period_of(title: str) -> str:
    from extract.hn import thread_period

    period = thread_period(title)
    assert period, title
    return period


def _ashby(real: Path) -> Iterator[Doc]:
    for path in sorted((real / "ashby_posting_api_stapply_2025").glob("*.json.gz")):
        board = path.name.split(".")[0]
        for job in _load(path)["jobs"]:  # type: ignore[index]
            yield Doc("ashby", job["id"], (job.get("publishedAt") or "")[:7], job.get("title"),
                      job.get("descriptionHtml") or "", board)  # fmt: skip


def _remotive(real: Path) -> Iterator[Doc]:
    seen: set[str] = set()
    for path in sorted((real / "remotive_api_2026").glob("*.json.gz"), reverse=True):
        for job in _load(path)["jobs"]:  # type: ignore[index]
            if str(job["id"]) not in seen:
                seen.add(str(job["id"]))
                yield Doc("remotive", str(job["id"]), (job.get("publication_date") or "")[:7],
                          job.get("title"), job.get("description") or "",
                          job.get("company_name"))  # fmt: skip


def _arbeitnow(real: Path) -> Iterator[Doc]:
    from datetime import UTC, datetime

    seen: set[str] = set()
    for path in sorted((real / "arbeitnow_api_2026").glob("*.json.gz"), reverse=True):
        for job in _load(path)["data"]:  # type: ignore[index]
            if job["slug"] not in seen:
                seen.add(job["slug"])
                created = datetime.fromtimestamp(int(job.get("created_at") or 0), UTC)
                yield Doc("arbeitnow", job["slug"], created.strftime("%Y-%m"), job.get("title"),
                          job.get("description") or "", job.get("company_name"))  # fmt: skip


@cache
def corpus(real: Path = REAL) -> dict[tuple[str, str], Doc]:
    """Every document, by (dataset, id)."""
    docs: dict[tuple[str, str], Doc] = {}
    for gen in (_hn, _ashby, _remotive, _arbeitnow):
        for doc in gen(real):
            docs.setdefault((doc.dataset, doc.id), doc)
    return docs


# How tuning1.csv was drawn, kept so it can be drawn again (later sets: tests/eval/sample.py).
STRATA = [
    ("hn 2013-2015", 60), ("hn 2016-2018", 60), ("hn 2023", 30), ("hn 2026", 30),
    ("ashby", 60), ("remotive", 30), ("arbeitnow", 30),
]  # fmt: skip
SEED = 20261127


def stratum(doc: Doc) -> str:
    if doc.dataset != "hn":
        return doc.dataset
    year = int(doc.period[:4])
    return "hn 2013-2015" if year <= 2015 else "hn 2016-2018" if year <= 2018 else f"hn {year}"


def sample(real: Path = REAL) -> list[Doc]:
    """The 300 documents of tuning1.csv, in a fixed order."""
    by_stratum: dict[str, list[Doc]] = {}
    for doc in corpus(real).values():
        by_stratum.setdefault(stratum(doc), []).append(doc)
    rng = random.Random(SEED)
    picked: list[Doc] = []
    for name, size in STRATA:
        docs = sorted(by_stratum[name], key=lambda d: d.id)
        picked.extend(rng.sample(docs, size))
    return picked
