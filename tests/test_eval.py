"""Score the extractor on the hand-labelled evaluation sets (tests/eval/*.csv).

Skipped where ../shared/data/real is absent. The floors below are what the extractor reaches
today, less a little: a change that makes it worse fails here. `python -m tests.eval.score
[blind|tuning]` prints the full tables (published in the README).
"""

from __future__ import annotations

import pytest

from tests.eval.corpus import REAL
from tests.eval.score import (
    BLIND,
    BLIND2,
    BLIND3,
    BLIND4,
    BLIND5,
    CATEGORIES,
    TUNING,
    jobtrends,
    labels,
    naive,
    score,
)

pytestmark = [
    pytest.mark.real,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"third-party data not present at {REAL}"),
]


def test_the_sets_are_disjoint_and_cover_every_kind_of_posting() -> None:
    seen: set[tuple[str, str]] = set()
    for path in (*TUNING, *BLIND, *BLIND2, *BLIND3, *BLIND4, *BLIND5):
        keys = {(t.dataset, t.id) for t in labels((path,))}
        assert len(keys) == len(labels((path,))), f"{path.name} repeats a posting"
        assert not keys & seen, f"{path.name} shares postings with another set"
        seen |= keys
    assert len(labels(TUNING)) == 6952
    assert len(labels(BLIND)) == 780
    assert len(labels(BLIND2)) == 260
    assert len(labels(BLIND3)) == 200
    assert {t.dataset for t in labels(TUNING)} == {"hn", "ashby", "remotive", "arbeitnow"}
    assert {t.dataset for t in labels(BLIND)} == {"hn", "ashby"}  # Arbeitnow had none left
    assert {t.dataset for t in labels(BLIND2)} == {"hn", "ashby"}
    assert len(labels(BLIND4)) == 800
    assert len(labels(BLIND5)) == 1000
    for later in (BLIND3, BLIND4, BLIND5):
        assert {t.dataset for t in labels(later)} == {"hn"}  # Ashby had none left


@pytest.fixture(scope="module")
def tuning():  # type: ignore[no-untyped-def]
    return score(jobtrends, TUNING), score(naive, TUNING)


@pytest.fixture(scope="module")
def blind():  # type: ignore[no-untyped-def]
    return score(jobtrends, BLIND), score(naive, BLIND)


@pytest.fixture(scope="module")
def blind2():  # type: ignore[no-untyped-def]
    return score(jobtrends, BLIND2), score(naive, BLIND2)


@pytest.fixture(scope="module")
def blind3():  # type: ignore[no-untyped-def]
    return score(jobtrends, BLIND3), score(naive, BLIND3)


@pytest.fixture(scope="module")
def blind4():  # type: ignore[no-untyped-def]
    return score(jobtrends, BLIND4), score(naive, BLIND4)


@pytest.fixture(scope="module")
def blind5():  # type: ignore[no-untyped-def]
    return score(jobtrends, BLIND5), score(naive, BLIND5)


# The tuning sets: the rules were written against them, so the floors are high.
TUNING_FLOORS = {  # category: (precision, recall)
    "cloud": (0.95, 0.96),
    "container": (0.96, 0.96),
    "cicd": (0.96, 0.92),
    "iac": (0.97, 0.93),
    "observability": (0.91, 0.92),
}


def test_tuning_backend_and_shares(tuning) -> None:  # type: ignore[no-untyped-def]
    ours, baseline = tuning
    assert ours.backend_accuracy >= 0.95
    assert ours.backend_accuracy_decided >= 0.95
    assert ours.backend_accuracy > baseline.backend_accuracy
    # the target: within 2 points (1.5 and 0.7 since the word model may overrule the rules)
    assert ours.share_error["cloud pooled"] <= 2.0
    assert ours.share_error["container pooled"] <= 2.0
    assert ours.share_error["cloud"] < baseline.share_error["cloud"]
    assert ours.share_error["container"] < baseline.share_error["container"]


# The blind set (the eighth draw) was drawn and labelled after the last rule written from
# errors, and its errors are never read. Its floors sit a little below its first score (at
# 59b09b2, after the rules written from the seventh draw, now tuning13), so they guard against
# rules that only fit the tuning sets without becoming a target to tune to: about two postings of
# room in each category (with 41-142 postings demanding each, one posting moves a rate by one to
# two and a half points).
BLIND_FLOORS = {  # category: (precision, recall)
    "cloud": (0.93, 0.93),
    "container": (0.95, 0.92),
    "cicd": (0.93, 0.89),
    "iac": (0.96, 0.90),
    "observability": (0.72, 0.70),
}


# The second blind set (the ninth draw, 260 postings) was labelled after the word model's last
# change and scored once, at ceb6ab0; its floors sit about two postings below that score (with
# 11-48 postings demanding each category, one posting moves a rate by two to nine points).
BLIND2_FLOORS = {  # category: (precision, recall)
    "cloud": (0.90, 0.92),
    "container": (0.90, 0.90),
    "cicd": (0.90, 0.85),
    "iac": (0.83, 0.83),
    "observability": (0.70, 0.55),
}


# The third blind set (the eleventh draw, 200 HN postings) was drawn beside tuning14 and scored
# once, after the word model was retrained with tuning14; floors about two postings below (4-42
# postings demand each category: these guard against collapse, not small moves).
BLIND3_FLOORS = {  # category: (precision, recall)
    "cloud": (0.85, 0.95),
    "container": (0.91, 0.91),
    "cicd": (0.88, 0.74),
    "iac": (0.87, 0.81),
    "observability": (0.5, 0.25),
}


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize(
    ("which", "floors"),
    [
        ("tuning", TUNING_FLOORS),
        ("blind", BLIND_FLOORS),
        ("blind2", BLIND2_FLOORS),
        ("blind3", BLIND3_FLOORS),
    ],
)
def test_precision_and_recall(request, which: str, floors, category: str) -> None:  # type: ignore[no-untyped-def]
    precision, recall, _ = request.getfixturevalue(which)[0].per_category[category]
    floor_p, floor_r = floors[category]
    assert precision >= floor_p, f"{which}: {category} precision {precision:.2f}"
    assert recall >= floor_r, f"{which}: {category} recall {recall:.2f}"


# Backend accuracy (abstentions wrong), accuracy where decided, and the share errors (pp) each
# blind set must keep, about two postings below its score:
# - blind: 0.922, 0.929 where decided, share errors 0.6-1.5, since the word model reads the
#   heading and may overrule the role rules (see the README); 0.929 since its retrain on tuning14.
# - blind2: first score at ceb6ab0 0.897 (209 of 233), 0.901 where decided, share errors
#   0.4-2.0; 0.914 since the retrain.
# - blind3: first and only score, after the retrain: 0.919 (171 of 186), 0.934 where decided;
#   share errors 0.6-2.1 (its strata hold 30-60 backend postings each).
BLIND_BACKEND_FLOORS = {
    "blind": (0.919, 0.925, {"cloud pooled": 1.0, "container pooled": 1.0, "cloud": 2.0, "container": 2.0}),
    "blind2": (0.885, 0.89, {"cloud pooled": 1.0, "container pooled": 1.0, "cloud": 2.0, "container": 2.5}),
    "blind3": (0.905, 0.92, {"cloud pooled": 1.0, "container pooled": 1.5, "cloud": 2.5, "container": 2.0}),
}  # fmt: skip


@pytest.mark.parametrize("which", BLIND_BACKEND_FLOORS)
def test_blind_backend_and_shares(request, which: str) -> None:  # type: ignore[no-untyped-def]
    ours, baseline = request.getfixturevalue(which)
    accuracy, decided, share_errors = BLIND_BACKEND_FLOORS[which]
    assert ours.backend_accuracy >= accuracy, f"{which}: {ours.backend_accuracy:.3f}"
    assert ours.backend_accuracy_decided >= decided, f"{which}: {ours.backend_accuracy_decided:.3f}"
    assert ours.backend_accuracy > baseline.backend_accuracy
    for figure, most in share_errors.items():
        assert ours.share_error[figure] <= most, f"{which}: {figure} {ours.share_error[figure]:.1f}"


def test_the_shipped_word_model_is_what_the_tuning_sets_train() -> None:
    """transform/backend_words.json is reproducible: fitting it again from the committed labels
    (and the third-party texts) gives the same terms, weights and intercept, so the model a
    user runs is the one the README's figures describe."""
    import json

    from tests.eval.train_backend import TRAINING, fit_model, labelled_rows
    from transform.words import MODEL

    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    fitted = fit_model(labelled_rows())
    assert fitted["trained_on"] == shipped["trained_on"] == sorted(p.stem for p in TRAINING)
    for block in ("terms", "title_terms"):
        assert fitted[block].keys() == shipped[block].keys()  # type: ignore[attr-defined]
        # The optimiser's last digits move between scikit-learn, SciPy and BLAS versions.
        for term, (idf, weight) in shipped[block].items():
            fitted_idf, fitted_weight = fitted[block][term]  # type: ignore[index]
            assert abs(fitted_idf - idf) < 1e-6 and abs(fitted_weight - weight) < 1e-3, term
    assert abs(fitted["intercept"] - shipped["intercept"]) < 1e-3  # type: ignore[operator]
    assert (fitted["threshold"], fitted["override"]) == (shipped["threshold"], shipped["override"])
