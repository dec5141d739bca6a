"""Score the extractor on the hand-labelled evaluation set, beside a naive keyword baseline.

    .venv/bin/python -m tests.eval.score              # the tuning set (labels.csv)
    .venv/bin/python -m tests.eval.score holdout      # the held-out set (holdout.csv)

Labels (tests/eval/labels.csv, 300 postings read by hand; ids only) say for each posting whether
it is a backend role (yes/no/unclear) and which headline categories it demands. The texts come
from ../shared/data/real (tests/eval/corpus.py). Rules were tuned while looking at the errors
on labels.csv; tests/eval/holdout.csv was labelled afterwards, blind to the extractor, and is
never used for tuning: its scores are the honest estimate.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extract.base import Posting
from tests.eval.corpus import Doc, corpus, stratum
from transform.facts import extract_facts
from transform.taxonomy import load_taxonomy
from transform.text import html_to_text

LABELS = Path(__file__).with_name("labels.csv")
HOLDOUT = Path(__file__).with_name("holdout.csv")
HOLDOUT2 = Path(__file__).with_name("holdout2.csv")
HOLDOUT3 = Path(__file__).with_name("holdout3.csv")
SETS = {"labels": LABELS, "holdout": HOLDOUT, "holdout2": HOLDOUT2, "holdout3": HOLDOUT3}
CATEGORIES = ("cloud", "container", "cicd", "iac", "observability")
MIN_BACKEND = 15  # strata with fewer labelled backend postings are too small to compare shares


@dataclass(frozen=True)
class Label:
    dataset: str
    id: str
    backend: bool | None  # None: unclear
    categories: frozenset[str]


@dataclass(frozen=True)
class Prediction:
    backend: bool | None
    categories: frozenset[str]


def labels(path: Path = LABELS) -> list[Label]:
    with path.open(newline="") as f:
        return [
            Label(
                r["dataset"],
                r["id"],
                {"yes": True, "no": False, "unclear": None}[r["backend"]],
                frozenset(c for c in CATEGORIES if r[c] == "1"),
            )
            for r in csv.DictReader(f)
        ]


def jobtrends(doc: Doc) -> Prediction:
    posting = Posting(doc.dataset, doc.id, "", doc.period, None, doc.html, "", title=doc.title)
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


def score(predict: Callable[[Doc], Prediction], path: Path = LABELS) -> Scores:
    docs = corpus()
    truth = labels(path)
    preds = {(t.dataset, t.id): predict(docs[(t.dataset, t.id)]) for t in truth}
    per_category = {}
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
    decided_truth = [t for t in truth if t.backend is not None]
    correct = sum(1 for t in decided_truth if preds[(t.dataset, t.id)].backend == t.backend)
    made = [t for t in decided_truth if preds[(t.dataset, t.id)].backend is not None]
    # The monthly share figure: the share of backend postings demanding a category, labelled vs
    # predicted, per stratum (a stratum stands for some months of one source) with at least
    # MIN_BACKEND labelled backend postings, and pooled over the whole set.
    share_error = {}
    for c in ("cloud", "container"):
        errors = []
        groups = {}
        for t in truth:
            groups.setdefault(stratum(docs[(t.dataset, t.id)]), []).append(t)
        for group in [*groups.values(), truth]:
            true_backend = [t for t in group if t.backend]
            pred_backend = [t for t in group if preds[(t.dataset, t.id)].backend]
            if len(true_backend) < MIN_BACKEND or not pred_backend:
                continue
            true_share = sum(c in t.categories for t in true_backend) / len(true_backend)
            pred_share = sum(c in preds[(t.dataset, t.id)].categories for t in pred_backend) / len(
                pred_backend
            )
            errors.append(abs(true_share - pred_share) * 100)
        share_error[c] = sum(errors[:-1]) / len(errors[:-1])
        share_error[f"{c} pooled"] = errors[-1]
    return Scores(
        per_category,
        correct / len(decided_truth),
        sum(1 for t in made if preds[(t.dataset, t.id)].backend == t.backend) / len(made),
        len(decided_truth) - len(made),
        share_error,
    )


def table(path: Path = LABELS) -> str:
    ours, base = score(jobtrends, path), score(naive, path)
    n = len(labels(path))
    lines = [
        "| category | jobtrends P | R | F1 | keyword baseline P | R | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in CATEGORIES:
        o, b = ours.per_category[c], base.per_category[c]
        lines.append(
            f"| {c} | {o[0]:.2f} | {o[1]:.2f} | {o[2]:.2f} | {b[0]:.2f} | {b[1]:.2f} | {b[2]:.2f} |"
        )
    lines += [
        "",
        "| | jobtrends | keyword baseline |",
        "|---|---|---|",
        f"| backend accuracy (abstentions count as wrong) | {ours.backend_accuracy:.2f} | {base.backend_accuracy:.2f} |",
        f"| backend accuracy where the classifier decided | {ours.backend_accuracy_decided:.2f} ({ours.abstained} abstained) | {base.backend_accuracy_decided:.2f} |",
        f"| cloud share error, mean over strata (pp) | {ours.share_error['cloud']:.1f} | {base.share_error['cloud']:.1f} |",
        f"| cloud share error, all {n} pooled (pp) | {ours.share_error['cloud pooled']:.1f} | {base.share_error['cloud pooled']:.1f} |",
        f"| container share error, mean over strata (pp) | {ours.share_error['container']:.1f} | {base.share_error['container']:.1f} |",
        f"| container share error, all {n} pooled (pp) | {ours.share_error['container pooled']:.1f} | {base.share_error['container pooled']:.1f} |",
    ]  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    name = sys.argv[1] if len(sys.argv) > 1 else "labels"
    if name not in SETS:
        raise SystemExit(f"usage: python -m tests.eval.score [{'|'.join(SETS)}]")
    print(table(SETS[name]))
