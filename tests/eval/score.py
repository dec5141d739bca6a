"""Score the extractor on the hand-labelled evaluation sets, beside a naive keyword baseline.

    .venv/bin/python -m tests.eval.score blind29         # the newest blind set: the honest estimate
    .venv/bin/python -m tests.eval.score blinds          # the first three blind sets together
    .venv/bin/python -m tests.eval.score tuning          # the fourteen tuning sets together
    .venv/bin/python -m tests.eval.score tuning3         # one set
    .venv/bin/python -m tests.eval.score blind29 --errors # and every posting it gets wrong

Each set (ids and labels only; the texts come from ../shared/data/real, see corpus.py) says for
each posting whether it is a backend role (yes/no/unclear) and which headline categories it
demands. The rules were written while reading the errors on the tuning sets, tuning1-13.csv, so
their scores are optimistic (tuning7 to tuning13 were the first seven blind draws until their
errors were read). blind.csv to blind29.csv were each sampled and labelled by two readers who never
saw the extractor (a third broke their ties), and scored once before anyone read their errors:
that first score is honest (the README lists each). The word model has since trained on blind to
blind28, so today only blind29's scores are the honest estimate. A rule change after reading a
set's errors turns it into a tuning set; label a fresh blind set then (see the README).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extract.base import Posting
from tests.eval.corpus import Doc, corpus, stratum
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from transform.text import html_to_text

EVAL = Path(__file__).parent
TUNING = tuple(EVAL / f"tuning{i}.csv" for i in range(1, 15))  # tuning14: read once, to train
# The blind draws, oldest first (README, "How good is the extraction?"): each was scored once
# before anyone read its errors. The newest is the honest estimate, and the word model never
# trains on it (tests.eval.train_backend).
BLINDS = tuple(EVAL / f"blind{n}.csv" for n in ("", *range(2, 30)))
NEWEST_BLIND = BLINDS[-1:]
SETS: dict[str, tuple[Path, ...]] = {
    "tuning": TUNING,
    **{p.stem: (p,) for p in (*TUNING, *BLINDS)},
    "blinds": BLINDS[:3],  # the first three blind draws together
}
CATEGORIES = ("cloud", "container", "cicd", "iac", "observability")
MIN_BACKEND = 15  # strata with fewer labelled backend postings are too small to compare shares


@dataclass(frozen=True)
class Label:
    dataset: str
    id: str
    backend: bool | None  # None: unclear
    categories: frozenset[str]
    note: str = ""


@dataclass(frozen=True)
class Prediction:
    backend: bool | None
    categories: frozenset[str]


def labels(paths: tuple[Path, ...] = NEWEST_BLIND) -> list[Label]:
    found = []
    for path in paths:
        with path.open(newline="") as f:
            found += [
                Label(
                    r["dataset"],
                    r["id"],
                    {"yes": True, "no": False, "unclear": None}[r["backend"]],
                    frozenset(c for c in CATEGORIES if r[c] == "1"),
                    r["note"],
                )
                for r in csv.DictReader(f)
            ]
    return found


def jobtrends(doc: Doc) -> Prediction:
    posting = Posting(doc.dataset, doc.id, "", doc.period, None, doc.html, "", title=doc.title,
                      company=doc.company)  # fmt: skip
    facts = extract_facts(posting)
    return Prediction(facts.backend, frozenset(facts.categories() & set(CATEGORIES)))


def _naive_patterns() -> dict[str, re.Pattern[str]]:
    taxonomy = load_taxonomy()
    words: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for skill in taxonomy.skills.values():
        if skill.category in words:
            words[skill.category].extend(a.text for a in skill.aliases)
    return {
        c: re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True)) + r")\b", re.I)
        for c, ws in words.items()
    }  # fmt: skip


_NAIVE = _naive_patterns()
_NAIVE_BACKEND = re.compile(
    r"\b(engineers?|developers?|programmers?|backend|back-end|full[- ]?stack)\b", re.I
)


def naive(doc: Doc) -> Prediction:
    """What a simple keyword tracker does: word-boundary matches anywhere, no context."""
    text = html_to_text(doc.html) + " " + (doc.title or "")
    return Prediction(
        bool(_NAIVE_BACKEND.search(text)),
        frozenset(c for c, p in _NAIVE.items() if p.search(text)),
    )


@dataclass
class Scores:
    per_category: dict[str, tuple[float, float, float]]  # precision, recall, f1
    backend_accuracy: float  # on postings labelled yes/no, abstentions counted wrong
    backend_accuracy_decided: float  # on those the extractor decided
    abstained: int
    share_error: dict[str, float]  # mean absolute error (percentage points) of stratum shares
    # The counts behind the rates, for intervals: category -> (true pos., false pos., false neg.);
    # backend -> (right, labelled yes/no, decided among those).
    counts: dict[str, tuple[int, int, int]]
    backend_counts: tuple[int, int, int]
    backend_right_decided: int
    strata: list[str]  # those in the mean share error: at least MIN_BACKEND labelled backend


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (the same formula the share views use)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rate(hits: int, n: int) -> str:
    low, high = wilson(hits, n)
    return f"{hits / n if n else 1.0:.2f} ({low:.2f}-{high:.2f})"


def score(predict: Callable[[Doc], Prediction], paths: tuple[Path, ...] = NEWEST_BLIND) -> Scores:
    docs = corpus()
    truth = labels(paths)
    preds = {(t.dataset, t.id): predict(docs[(t.dataset, t.id)]) for t in truth}
    per_category = {}
    counts = {}
    for c in CATEGORIES:
        tp = sum(1 for t in truth if c in t.categories and c in preds[(t.dataset, t.id)].categories)
        fp = sum(
            1 for t in truth if c not in t.categories and c in preds[(t.dataset, t.id)].categories
        )
        fn = sum(
            1 for t in truth if c in t.categories and c not in preds[(t.dataset, t.id)].categories
        )
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        per_category[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
        counts[c] = (tp, fp, fn)
    decided_truth = [t for t in truth if t.backend is not None]
    correct = sum(1 for t in decided_truth if preds[(t.dataset, t.id)].backend == t.backend)
    made = [t for t in decided_truth if preds[(t.dataset, t.id)].backend is not None]
    right_made = sum(1 for t in made if preds[(t.dataset, t.id)].backend == t.backend)
    # The monthly share figure: the share of backend postings demanding a category, labelled vs
    # predicted, per stratum (a stratum stands for some months of one source) with at least
    # MIN_BACKEND labelled backend postings, and pooled over the whole set.
    groups: dict[str, list[Label]] = {}
    for t in truth:
        groups.setdefault(stratum(docs[(t.dataset, t.id)]), []).append(t)
    strata = sorted(name for name, group in groups.items() if sum(bool(t.backend) for t in group)
                    >= MIN_BACKEND)  # fmt: skip

    def error(group: list[Label], c: str) -> float:
        """Percentage points between the labelled and the predicted share of backend postings
        demanding ``c``; a method that calls no posting backend predicts a share of 0."""
        true_backend = [t for t in group if t.backend]
        pred_backend = [t for t in group if preds[(t.dataset, t.id)].backend]
        true_share = sum(c in t.categories for t in true_backend) / len(true_backend)
        pred_share = sum(c in preds[(t.dataset, t.id)].categories for t in pred_backend) / max(
            1, len(pred_backend)
        )
        return abs(true_share - pred_share) * 100

    share_error = {}
    for c in ("cloud", "container"):
        per_stratum = [error(groups[name], c) for name in strata]
        share_error[c] = sum(per_stratum) / len(per_stratum) if per_stratum else float("nan")
        share_error[f"{c} pooled"] = error(truth, c)
    return Scores(
        per_category,
        correct / len(decided_truth),
        right_made / len(made),
        len(decided_truth) - len(made),
        share_error,
        counts,
        (correct, len(decided_truth), len(made)),
        right_made,
        strata,
    )


def table(paths: tuple[Path, ...] = NEWEST_BLIND) -> str:
    ours, base = score(jobtrends, paths), score(naive, paths)
    n = len(labels(paths))
    lines = [
        "| category | demanded | jobtrends precision | recall | F1 | keyword baseline P | R | F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in CATEGORIES:
        o, b = ours.per_category[c], base.per_category[c]
        tp, fp, fn = ours.counts[c]
        lines.append(
            f"| {c} | {tp + fn} | {_rate(tp, tp + fp)} | {_rate(tp, tp + fn)} | {o[2]:.2f} "
            f"| {b[0]:.2f} | {b[1]:.2f} | {b[2]:.2f} |"
        )
    right, labelled, decided = ours.backend_counts
    right_decided = ours.backend_right_decided
    lines += [
        "",
        "| | jobtrends | keyword baseline |",
        "|---|---|---|",
        f"| backend accuracy (abstentions count as wrong) | {_rate(right, labelled)} | {base.backend_accuracy:.2f} |",
        f"| backend accuracy where the classifier decided | {_rate(right_decided, decided)}, {ours.abstained} abstained | {base.backend_accuracy_decided:.2f} |",
        f"| cloud share error, mean over strata ({', '.join(ours.strata)}) (pp) | {ours.share_error['cloud']:.1f} | {base.share_error['cloud']:.1f} |",
        f"| cloud share error, all {n} pooled (pp) | {ours.share_error['cloud pooled']:.1f} | {base.share_error['cloud pooled']:.1f} |",
        f"| container share error, mean over the same strata (pp) | {ours.share_error['container']:.1f} | {base.share_error['container']:.1f} |",
        f"| container share error, all {n} pooled (pp) | {ours.share_error['container pooled']:.1f} | {base.share_error['container pooled']:.1f} |",
    ]  # fmt: skip
    return "\n".join(lines)


def errors(paths: tuple[Path, ...] = NEWEST_BLIND) -> list[str]:
    """One line per posting where the extractor disagrees with its label."""
    docs = corpus()
    lines = []
    for t in labels(paths):
        doc = docs[(t.dataset, t.id)]
        p = jobtrends(doc)
        wrong = (
            [f"backend: labelled {_yes_no(t.backend)}, said {_yes_no(p.backend)}"]
            if (t.backend is not None and p.backend != t.backend)
            else []
        )
        wrong += [
            f"{c}: labelled {int(c in t.categories)}"
            for c in CATEGORIES
            if (c in t.categories) != (c in p.categories)
        ]
        if wrong:
            title = f" {doc.title!r}" if doc.title else ""
            lines.append(f"{t.dataset}:{t.id}{title} | {'; '.join(wrong)} | {t.note}")
    return lines


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "abstain"}[value]


if __name__ == "__main__":
    import sys

    args = sys.argv[1:]
    name = next((a for a in args if not a.startswith("-")), NEWEST_BLIND[0].stem)
    if name not in SETS:
        raise SystemExit(f"usage: python -m tests.eval.score [{'|'.join(SETS)}] [--errors]")
    print(table(SETS[name]))
    if "--errors" in args:
        print("\n".join(["", *errors(SETS[name])]))
