"""Merge two independent readings of the same batches into one labelled set.

    .venv/bin/python -m tests.eval.merge --a a1.csv a2.csv --b b1.csv b2.csv \
        --batches batch1.jsonl batch2.jsonl --ties ties.jsonl
    .venv/bin/python -m tests.eval.merge --a ... --b ... --third c.csv --out tests/eval/blind.csv
    .venv/bin/python -m tests.eval.merge --a a1.csv a2.csv --out tests/eval/tuning14.csv

The first call prints how often the readers agree and writes the postings they disagree on (as
batch lines, for a third reader) to --ties. The second takes the third reading and writes the
set: each label is the majority of the three readings (a backend label with no majority is
"unclear"), sorted by dataset and id. With --a alone (a set read once, for training only), the
set is that reading, sorted the same way. See tests/eval/labelling.md.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

FIELDS = ("backend", "cloud", "container", "cicd", "iac", "observability")


def read(paths: list[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(newline="") as f:
            rows += list(csv.DictReader(f))
    return rows


def agreement(a: list[dict[str, str]], b: list[dict[str, str]]) -> dict[str, float]:
    if [(r["dataset"], r["id"]) for r in a] != [(r["dataset"], r["id"]) for r in b]:
        raise SystemExit("the two readings do not cover the same postings in the same order")
    return {f: sum(x[f] == y[f] for x, y in zip(a, b, strict=True)) / len(a) for f in FIELDS}


def merged(
    a: list[dict[str, str]], b: list[dict[str, str]], third: dict[tuple[str, str], dict[str, str]]
) -> list[dict[str, str]]:
    rows = []
    for x, y in zip(a, b, strict=True):
        row = dict(x)
        key = (x["dataset"], x["id"])
        if any(x[f] != y[f] for f in FIELDS):
            if key not in third:
                raise SystemExit(f"{key}: the readers disagree and there is no third reading")
            z = third[key]
            for f in FIELDS:
                label, votes = Counter([x[f], y[f], z[f]]).most_common(1)[0]
                row[f] = label if votes >= 2 or f != "backend" else "unclear"
            row["note"] = f"readers split; tie-break: {z['note']}"
        rows.append(row)
    return sorted(rows, key=lambda r: (r["dataset"], r["id"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--a", type=Path, nargs="+", required=True, help="first reader's CSVs")
    parser.add_argument("--b", type=Path, nargs="+", help="second reader's CSVs (none: read once)")
    parser.add_argument("--batches", type=Path, nargs="*", default=[], help="the batch files")
    parser.add_argument("--ties", type=Path, help="write the disagreements here (JSON lines)")
    parser.add_argument("--third", type=Path, nargs="*", default=[], help="tie-break CSVs")
    parser.add_argument("--out", type=Path, help="write the merged set here")
    args = parser.parse_args()
    if args.ties and not args.batches:
        parser.error("--ties needs --batches: the disagreements are copied from the batch files")
    if not args.b:
        if not args.out or args.ties or args.third:
            parser.error("a single reading (no --b) needs --out and takes no --ties or --third")
        write(args.out, sorted(read(args.a), key=lambda r: (r["dataset"], r["id"])))
        return
    a, b = read(args.a), read(args.b)
    for field, share in agreement(a, b).items():
        print(f"{field:14} readers agree on {share:.1%} of {len(a)}")
    split = {
        (x["dataset"], x["id"])
        for x, y in zip(a, b, strict=True)
        if any(x[f] != y[f] for f in FIELDS)
    }
    print(f"{len(split)} postings need a third reader")
    if args.ties:
        with args.ties.open("w", encoding="utf-8") as out:
            for batch in args.batches:
                for line in batch.read_text(encoding="utf-8").splitlines():
                    rec = json.loads(line)
                    if (rec["dataset"], rec["id"]) in split:
                        out.write(line + "\n")
    if args.out:
        third = {(r["dataset"], r["id"]): r for r in read(args.third)}
        write(args.out, merged(a, b, third))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["dataset", "id", *FIELDS, "note"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} postings to {path}")


if __name__ == "__main__":
    main()
