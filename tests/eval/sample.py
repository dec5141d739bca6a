"""Draw a fresh evaluation sample to be labelled: postings in no set yet, stratified, in batches.

    .venv/bin/python -m tests.eval.sample --seed 20261201 --out /tmp/label

writes batch1.jsonl, batch2.jsonl, ... (100 postings each) with the text readers label, as
described in tests/eval/labelling.md. The texts are third-party: keep them out of the repository.
Postings already in a committed set are never drawn again, so a draw is reproduced by the same
seed with the same sets committed: tuning5.csv was drawn with seed 20261130 over tuning1-4,
tuning6.csv with 20261201 over tuning1-5, tuning7.csv (then blind.csv) with 20261202 over
tuning1-6, tuning8.csv (then blind2.csv) with 20261203 and --scale 2 over tuning1-7,
tuning9.csv (then blind.csv) with 20261204 and --scale 2 over tuning1-8, tuning10.csv (then
blind.csv) with 20261205 and --scale 3 over tuning1-9, tuning11.csv (then blind.csv) with
20261206 and --scale 2 over tuning1-10, tuning12.csv (then blind.csv) with 20261207 and --scale 3
over tuning1-11, tuning13.csv (then blind.csv) with 20261208 and --scale 3 over tuning1-12, and
blind.csv with 20261209 and --scale 3 over tuning1-13, blind2.csv with 20261210 over tuning1-13
and blind, tuning14.csv (read once, to train the word model) with 20261211 and --scale 5 over
those, blind3.csv with 20261212 over tuning1-14, blind and blind2, blind4.csv with 20261213 and
--scale 4 over tuning1-14 and blind1-3, blind5.csv with 20261214 and --scale 5 over those and
blind4, blind6.csv with 20261215 and --scale 4 over those and blind5 (HN 2026 had 65 left),
blind7.csv with 20261216 and --scale 4 over those and blind6 (none left in HN 2026), and
blind8.csv with 20261217 and --scale 3 over those and blind7, and blind9.csv with 20261218 and
--scale 6 over those and blind8 (HN 2013-2018 and 2023 only), and blind10.csv with 20261219 and
--scale 8 over those and blind9 (HN 2013-2018 and the last three of 2023), blind11.csv with
20261220 and --scale 8 over those and blind10, blind12.csv with 20261221 and --scale 8 over
those and blind11, blind13.csv with 20261222 and --scale 8 over those and blind12, blind14.csv
with 20261223 and --scale 8 over those and blind13, blind15.csv with 20261224 and --scale 8
over those and blind14, blind16.csv with 20261225 and --scale 8 over those and blind15,
blind17.csv with 20261226 and --scale 8 over those and blind16, blind18.csv with 20261227 and
--scale 8 over those and blind17, blind19.csv with 20261228 and --scale 8 over those and
blind18, blind20.csv with 20261229 and --scale 8 over those and blind19, blind21.csv with
20261230 and --scale 8 over those and blind20, blind22.csv with 20261231 and --scale 8 over
those and blind21, blind23.csv with 20270101 and --scale 8 over those and blind22,
blind24.csv with 20270102 and --scale 8 over those and blind23, blind25.csv with 20270103 and
--scale 8 over those and blind24, blind26.csv with 20270104 and --scale 8 over those and
blind25, blind27.csv with 20270105 and --scale 8 over those and blind26 (932 postings: HN
2013-2015 ran short), blind28.csv with 20270106 and --scale 16 over those and blind27, and
blind29.csv with 20270107 and --scale 16 over those and blind28 (HN 2016-2018 only, the one
stratum left; Arbeitnow and Remotive had no postings left to draw for the last twenty-eight,
Ashby none for blind3 to blind5; the four draws before
blind2 were read in four batches each, the same postings in the same order; blind2 in three).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from tests.eval.corpus import corpus, stratum
from transform.text import html_to_text

EVAL = Path(__file__).parent
PLAN = [
    ("hn 2013-2015", 60), ("hn 2016-2018", 60), ("hn 2023", 40), ("hn 2026", 40),
    ("ashby", 60), ("arbeitnow", 40),
]  # fmt: skip
BATCH = 100


def labelled() -> set[tuple[str, str]]:
    """Every posting already in a committed set."""
    keys = set()
    for path in EVAL.glob("*.csv"):
        with path.open(newline="") as f:
            keys |= {(r["dataset"], r["id"]) for r in csv.DictReader(f)}
    return keys


def draw(seed: int, scale: int = 1) -> list[dict[str, str | None]]:
    taken = labelled()
    by_stratum: dict[str, list] = {}
    for key, doc in corpus().items():
        if key not in taken:
            by_stratum.setdefault(stratum(doc), []).append(doc)
    rng = random.Random(seed)
    picked = []
    for name, size in PLAN:
        pool = sorted(by_stratum.get(name, []), key=lambda d: d.id)
        picked += rng.sample(pool, min(size * scale, len(pool)))
    rng.shuffle(picked)
    return [
        {"dataset": d.dataset, "id": d.id, "period": d.period, "title": d.title,
         "text": html_to_text(d.html)}
        for d in picked
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=1, help="draw this many times the plan")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    records = draw(args.seed, args.scale)
    for n, start in enumerate(range(0, len(records), BATCH), 1):
        path = args.out / f"batch{n}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for r in records[start : start + BATCH])
        print(path)


if __name__ == "__main__":
    main()
