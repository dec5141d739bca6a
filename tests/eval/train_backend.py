"""Train the word model `transform.words` uses where the role rules abstain.

    .venv/bin/python -m tests.eval.train_backend            # train, report, write the model
    .venv/bin/python -m tests.eval.train_backend --check    # report only

Trains on every tuning set's yes/no backend labels (never the blind set), with the texts from
../shared/data/real. Before writing, it reports how well the model does on postings it was not
trained on: each tuning set is held out in turn (the sets are separate draws), and the model is
scored alone, on the postings the rules abstain on, and as the rules' fallback. The model file
holds terms (words and word pairs found in at least MIN_DF labelled postings) with their inverse
document frequencies and weights, not texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from tests.eval.corpus import corpus
from tests.eval.score import TUNING, labels
from transform.roles import find_roles, rules_backend
from transform.text import html_to_text
from transform.words import MODEL, WordModel

TEXT_LIMIT = 4000
MIN_DF = 5
MAX_FEATURES = 5000
C = 4.0
THRESHOLD = 0.65  # decide only at p >= 0.65 or p <= 0.35
MIN_TERMS = 10  # and only on a text holding at least 10 of the model's terms


def _vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        lowercase=True,
        token_pattern=r"(?u)\b\w\w+\b",
        ngram_range=(1, 2),
        min_df=MIN_DF,
        max_features=MAX_FEATURES,
        sublinear_tf=True,
    )


def _fit(texts: list[str], ys: list[bool]):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    vec = _vectorizer()
    model = LogisticRegression(C=C, max_iter=5000).fit(vec.fit_transform(texts), ys)
    return vec, model


Row = tuple[str, str, bool, "bool | None"]  # set, text, label, the rules' answer


def labelled_rows() -> list[Row]:
    """Every tuning set's yes/no posting: its set, text (as the model reads it), label and the
    role rules' answer."""
    docs = corpus()
    rows: list[Row] = []
    for path in TUNING:
        for t in labels((path,)):
            if t.backend is None:
                continue
            d = docs[(t.dataset, t.id)]
            text = html_to_text(d.html)
            answer = rules_backend(find_roles(text, d.title), text)
            rows.append((path.stem, text[:TEXT_LIMIT], t.backend, answer))
    return rows


def held_out_report(rows: list[Row]) -> dict[str, float]:
    """Accuracy on postings the model was not trained on, each tuning set held out in turn."""
    sets = sorted({r[0] for r in rows})
    held_out: dict[int, float] = {}
    known: dict[int, int] = {}  # how many of the model's terms each text holds
    for name in sets:
        train = [r for r in rows if r[0] != name]
        vec, model = _fit([r[1] for r in train], [r[2] for r in train])
        test = [i for i, r in enumerate(rows) if r[0] == name]
        features = vec.transform([rows[i][1] for i in test])
        held_out.update(zip(test, model.predict_proba(features)[:, 1], strict=True))
        known.update(zip(test, features.getnnz(axis=1), strict=True))
    abstained = [i for i, r in enumerate(rows) if r[3] is None]
    decided = [
        i
        for i in abstained
        if known[i] >= MIN_TERMS and (held_out[i] >= THRESHOLD or held_out[i] <= 1 - THRESHOLD)
    ]
    right = sum((held_out[i] >= 0.5) == rows[i][2] for i in decided)
    return {
        "alone": sum((held_out[i] >= 0.5) == r[2] for i, r in enumerate(rows)) / len(rows),
        "on_abstentions": sum((held_out[i] >= 0.5) == rows[i][2] for i in abstained)
        / len(abstained),
        "abstentions": len(abstained),
        "fallback_decides": len(decided),
        "fallback_right": right,
    }


def fit_model(rows: list[Row]) -> dict[str, object]:
    """The model file's contents (without its version), fitted on every row."""
    vec, model = _fit([r[1] for r in rows], [r[2] for r in rows])
    terms = {
        term: [round(float(vec.idf_[j]), 6), round(float(model.coef_[0][j]), 6)]
        for term, j in sorted(vec.vocabulary_.items())
    }
    intercept = round(float(model.intercept_[0]), 6)
    # The plain-Python scorer must give what scikit-learn gives (up to the rounding above).
    shipped = WordModel(
        "check",
        TEXT_LIMIT,
        THRESHOLD,
        MIN_TERMS,
        intercept,
        {t: (i, w) for t, (i, w) in terms.items()},
    )
    sample = [r[1] for r in rows[:: max(1, len(rows) // 300)]]
    expected = model.predict_proba(vec.transform(sample))[:, 1]
    worst = max(abs(shipped.probability(t) - e) for t, e in zip(sample, expected, strict=True))
    assert worst < 1e-3, f"the plain-Python scorer is off by {worst}"
    return {
        "text_limit": TEXT_LIMIT,
        "threshold": THRESHOLD,
        "min_terms": MIN_TERMS,
        "intercept": intercept,
        "trained_on": sorted({r[0] for r in rows}),
        "terms": terms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report only; write nothing")
    args = parser.parse_args()
    rows = labelled_rows()
    report = held_out_report(rows)
    print(f"{len(rows)} labelled postings in the tuning sets; each set held out in turn:")
    print(f"  the word model alone: accuracy {report['alone']:.3f}")
    print(
        f"  on the {report['abstentions']} postings the rules abstain on: accuracy "
        f"{report['on_abstentions']:.3f}"
    )
    print(
        f"  as the rules' fallback (p >= {THRESHOLD} or <= {1 - THRESHOLD:.2f}, at least "
        f"{MIN_TERMS} known terms): decides "
        f"{report['fallback_decides']} of them, {report['fallback_right']} right"
    )
    if args.check:
        return
    body = fit_model(rows)
    body["held_out_accuracy"] = {k: round(report[k], 3) for k in ("alone", "on_abstentions")}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:8]
    MODEL.write_text(
        json.dumps({"version": f"{len(body['trained_on'])}sets+{digest}", **body}, sort_keys=True)  # type: ignore[arg-type]
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL} ({len(body['terms'])} terms)", file=sys.stderr)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
