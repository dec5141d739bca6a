"""Score the extractor on the hand-labelled evaluation sets (tests/eval/*.csv).

Skipped where ../shared/data/real is absent. The floors below are what the extractor reaches
today, less a little: a change that makes it worse fails here. `python -m tests.eval.score
[blind19|blinds|tuning|...]` prints the full tables (published in the README).
"""

from __future__ import annotations

import pytest

from tests.eval.corpus import REAL
from tests.eval.score import (
    BLINDS,
    CATEGORIES,
    SETS,
    TUNING,
    Scores,
    jobtrends,
    labels,
    naive,
    score,
)

pytestmark = [
    pytest.mark.real,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"third-party data not present at {REAL}"),
]


# Postings in each set, and the sources they come from (Arbeitnow and Remotive had none left
# for the blind draws, Ashby none from blind3 on).
SIZES = {"tuning": 6952, "blind": 780, "blind2": 260, "blind3": 200, "blind4": 800, "blind5": 1000,
         "blind6": 705, "blind7": 640, "blind8": 480, "blind9": 960,
         "blind10": 963, "blind11": 960, "blind12": 960, "blind13": 960, "blind14": 960, "blind15": 960,
         "blind16": 960, "blind17": 960, "blind18": 960, "blind19": 960, "blind20": 960,
         "blind21": 960, "blind22": 960, "blind23": 960,
         "blind24": 960, "blind25": 960, "blind26": 960, "blind27": 932,
         "blind28": 960, "blind29": 960}  # fmt: skip
SOURCES = {"tuning": {"hn", "ashby", "remotive", "arbeitnow"}, "blind": {"hn", "ashby"},
           "blind2": {"hn", "ashby"}}  # fmt: skip


def test_the_sets_are_disjoint_and_cover_every_kind_of_posting() -> None:
    seen: set[tuple[str, str]] = set()
    for path in (*TUNING, *BLINDS):
        keys = {(t.dataset, t.id) for t in labels((path,))}
        assert len(keys) == len(labels((path,))), f"{path.name} repeats a posting"
        assert not keys & seen, f"{path.name} shares postings with another set"
        seen |= keys
    assert list(SIZES) == ["tuning", *(p.stem for p in BLINDS)]
    for name, size in SIZES.items():
        found = labels(SETS[name])
        assert len(found) == size, name
        assert {t.dataset for t in found} == SOURCES.get(name, {"hn"}), name


@pytest.fixture(scope="module")
def scored():  # type: ignore[no-untyped-def]
    """Each set's scores, jobtrends and the keyword baseline, computed once for the module."""
    cache: dict[str, tuple[Scores, Scores]] = {}

    def of(name: str) -> tuple[Scores, Scores]:
        if name not in cache:
            cache[name] = score(jobtrends, SETS[name]), score(naive, SETS[name])
        return cache[name]

    return of


# The tuning sets: the rules were written against them, so the floors are high.
TUNING_FLOORS = {  # category: (precision, recall)
    "cloud": (0.95, 0.96),
    "container": (0.96, 0.96),
    "cicd": (0.96, 0.92),
    "iac": (0.97, 0.94),
    "observability": (0.93, 0.94),
}


def test_tuning_backend_and_shares(scored) -> None:  # type: ignore[no-untyped-def]
    ours, baseline = scored("tuning")
    assert ours.backend_accuracy >= 0.95
    assert ours.backend_accuracy_decided >= 0.95
    assert ours.backend_accuracy > baseline.backend_accuracy
    # the target: within 2 points
    assert ours.share_error["cloud pooled"] <= 2.0
    assert ours.share_error["container pooled"] <= 2.0
    assert ours.share_error["cloud"] < baseline.share_error["cloud"]
    assert ours.share_error["container"] < baseline.share_error["container"]


# The blind draws, each read twice by readers who never saw the extractor, and scored once before
# anyone read its errors (README, "How good is the extraction?"): blind, blind2 and blind3 until
# 95cfb84, blind4 at b90c532, blind5 at 3778171, blind6 at 742fcdb, blind7 at ae75384, blind8 at
# 4cbc628, blind9 at cb78ff9, blind10 at 5600825, blind11 at 2e90fca, blind12 at 0511f5b, blind13
# at f069d45, blind14 at 069b34b, blind15 at 83028e4, blind16 at 0ac1f13, blind17 at ab4b431,
# blind18 at 2129b4f, blind19 at 8d2510e, blind20 at 0140b15, blind21 at 63cb74f, blind22 at
# 0f5a999, blind23 at 27d9bcf, blind24 at 666db0c, blind25 at e30abf4, blind26 at bb57ddf,
# blind27 at ba1cbd3, blind28 at 1e8713e, blind29 at 858206f. The word model trains on all but
# blind29, the newest, whose errors were read only after its score; the floors guard
# against a change that undoes what was learnt. Each floor sits about two postings
# below today's score (with 18-228 postings demanding a category, one posting moves a rate by
# half a point to five points), so the floors guard against collapse, not small moves.
BLIND_FLOORS = {  # set: {category: (precision, recall)}
    "blind": {"cloud": (0.96, 0.97), "container": (0.97, 0.96), "cicd": (0.96, 0.96), "iac": (0.96, 0.92), "observability": (0.92, 0.85)},
    "blind2": {"cloud": (0.92, 0.95), "container": (0.9, 0.93), "cicd": (0.89, 0.85), "iac": (0.81, 0.81), "observability": (0.75, 0.64)},
    "blind3": {"cloud": (0.92, 0.94), "container": (0.9, 0.9), "cicd": (0.88, 0.84), "iac": (0.87, 0.87), "observability": (0.57, 0.5)},
    "blind4": {"cloud": (0.95, 0.96), "container": (0.95, 0.96), "cicd": (0.94, 0.92), "iac": (0.96, 0.96), "observability": (0.82, 0.76)},
    "blind5": {"cloud": (0.96, 0.97), "container": (0.94, 0.96), "cicd": (0.89, 0.84), "iac": (0.96, 0.95), "observability": (0.81, 0.87)},
    "blind6": {"cloud": (0.97, 0.94), "container": (0.93, 0.96), "cicd": (0.9, 0.76), "iac": (0.94, 0.9), "observability": (0.9, 0.9)},
    "blind7": {"cloud": (0.96, 0.96), "container": (0.92, 0.95), "cicd": (0.93, 0.91), "iac": (0.94, 0.84), "observability": (0.79, 0.82)},
    "blind8": {"cloud": (0.97, 0.93), "container": (0.93, 0.95), "cicd": (0.92, 0.78), "iac": (0.92, 0.86), "observability": (0.57, 0.66)},
    "blind9": {"cloud": (0.96, 0.96), "container": (0.96, 0.95), "cicd": (0.93, 0.91), "iac": (0.94, 0.92), "observability": (0.82, 0.85)},
    "blind10": {"cloud": (0.95, 0.95), "container": (0.94, 0.94), "cicd": (0.91, 0.93), "iac": (0.95, 0.93), "observability": (0.72, 0.72)},
    "blind11": {"cloud": (0.98, 0.94), "container": (0.95, 0.94), "cicd": (0.9, 0.83), "iac": (0.97, 0.92), "observability": (0.85, 0.77)},
    "blind12": {"cloud": (0.97, 0.97), "container": (0.93, 0.97), "cicd": (0.9, 0.9), "iac": (0.96, 0.94), "observability": (0.8, 0.87)},
    "blind13": {"cloud": (0.96, 0.97), "container": (0.96, 0.97), "cicd": (0.94, 0.84), "iac": (0.96, 0.95), "observability": (0.88, 0.69)},
    "blind14": {"cloud": (0.95, 0.97), "container": (0.95, 0.95), "cicd": (0.95, 0.88), "iac": (0.96, 0.89), "observability": (0.76, 0.9)},
    "blind15": {"cloud": (0.98, 0.95), "container": (0.93, 0.95), "cicd": (0.92, 0.89), "iac": (0.96, 0.88), "observability": (0.79, 0.79)},
    "blind16": {"cloud": (0.96, 0.96), "container": (0.95, 0.96), "cicd": (0.94, 0.86), "iac": (0.96, 0.95), "observability": (0.85, 0.82)},
    "blind17": {"cloud": (0.96, 0.96), "container": (0.91, 0.96), "cicd": (0.88, 0.88), "iac": (0.95, 0.95), "observability": (0.76, 0.76)},
    "blind18": {"cloud": (0.98, 0.96), "container": (0.96, 0.96), "cicd": (0.91, 0.83), "iac": (0.95, 0.92), "observability": (0.8, 0.8)},
    "blind19": {"cloud": (0.97, 0.95), "container": (0.96, 0.97), "cicd": (0.93, 0.88), "iac": (0.96, 0.94), "observability": (0.88, 0.86)},
    "blind20": {"cloud": (0.97, 0.95), "container": (0.97, 0.97), "cicd": (0.91, 0.9), "iac": (0.94, 0.87), "observability": (0.75, 0.72)},
    "blind21": {"cloud": (0.97, 0.98), "container": (0.96, 0.97), "cicd": (0.93, 0.92), "iac": (0.95, 0.96), "observability": (0.84, 0.88)},
    "blind22": {"cloud": (0.94, 0.96), "container": (0.92, 0.95), "cicd": (0.93, 0.92), "iac": (0.96, 0.94), "observability": (0.76, 0.83)},
    "blind23": {"cloud": (0.96, 0.95), "container": (0.94, 0.95), "cicd": (0.93, 0.83), "iac": (0.96, 0.95), "observability": (0.83, 0.86)},
    "blind24": {"cloud": (0.96, 0.95), "container": (0.96, 0.97), "cicd": (0.92, 0.89), "iac": (0.95, 0.81), "observability": (0.91, 0.73)},
    "blind25": {"cloud": (0.96, 0.95), "container": (0.95, 0.93), "cicd": (0.96, 0.88), "iac": (0.96, 0.89), "observability": (0.82, 0.9)},
    "blind26": {"cloud": (0.95, 0.96), "container": (0.95, 0.95), "cicd": (0.95, 0.93), "iac": (0.96, 0.95), "observability": (0.84, 0.82)},
    "blind27": {"cloud": (0.97, 0.96), "container": (0.96, 0.97), "cicd": (0.91, 0.89), "iac": (0.96, 0.92), "observability": (0.85, 0.71)},
    "blind28": {"cloud": (0.95, 0.96), "container": (0.93, 0.94), "cicd": (0.93, 0.88), "iac": (0.94, 0.94), "observability": (0.82, 0.76)},
    "blind29": {"cloud": (0.96, 0.96), "container": (0.94, 0.96), "cicd": (0.89, 0.87), "iac": (0.93, 0.87), "observability": (0.74, 0.81)},
}  # fmt: skip


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize(("which", "floors"), [("tuning", TUNING_FLOORS), *BLIND_FLOORS.items()])
def test_precision_and_recall(scored, which: str, floors, category: str) -> None:  # type: ignore[no-untyped-def]
    precision, recall, _ = scored(which)[0].per_category[category]
    floor_p, floor_r = floors[category]
    assert precision >= floor_p, f"{which}: {category} precision {precision:.2f}"
    assert recall >= floor_r, f"{which}: {category} recall {recall:.2f}"


# Backend accuracy (abstentions wrong), accuracy where decided, and the share errors (pp) each
# blind set must keep: about two postings below today's accuracy and 0.2-0.3 points above
# today's share errors. blind29's first score, at 858206f: 0.937 (834 of 890), 0.950 where
# decided; the word model trains on the others, so theirs are 0.95-0.99 today.
BLIND_BACKEND_FLOORS = {
    "blind": (0.965, 0.972, {"cloud pooled": 0.5, "container pooled": 0.6, "cloud": 1.2, "container": 2.1}),
    "blind2": (0.944, 0.948, {"cloud pooled": 1.3, "container pooled": 1.0, "cloud": 1.3, "container": 2.7}),
    "blind3": (0.967, 0.978, {"cloud pooled": 1.0, "container pooled": 0.7, "cloud": 1.2, "container": 0.7}),
    "blind4": (0.968, 0.982, {"cloud pooled": 0.6, "container pooled": 0.5, "cloud": 0.7, "container": 1.2}),
    "blind5": (0.985, 0.987, {"cloud pooled": 1.7, "container pooled": 0.6, "cloud": 1.9, "container": 0.8}),
    "blind6": (0.969, 0.983, {"cloud pooled": 1.0, "container pooled": 0.6, "cloud": 1.4, "container": 1.2}),
    "blind7": (0.954, 0.964, {"cloud pooled": 1.2, "container pooled": 1.0, "cloud": 1.3, "container": 1.5}),
    "blind8": (0.956, 0.967, {"cloud pooled": 2.5, "container pooled": 1.1, "cloud": 2.4, "container": 1.1}),
    "blind9": (0.964, 0.98, {"cloud pooled": 0.9, "container pooled": 0.6, "cloud": 0.9, "container": 0.8}),
    "blind10": (0.968, 0.974, {"cloud pooled": 1.2, "container pooled": 0.7, "cloud": 1.2, "container": 0.7}),
    "blind11": (0.956, 0.967, {"cloud pooled": 1.5, "container pooled": 0.7, "cloud": 1.5, "container": 0.7}),
    "blind12": (0.955, 0.966, {"cloud pooled": 1.2, "container pooled": 0.4, "cloud": 1.2, "container": 0.8}),
    "blind13": (0.975, 0.981, {"cloud pooled": 0.7, "container pooled": 1.0, "cloud": 0.7, "container": 0.9}),
    "blind14": (0.97, 0.981, {"cloud pooled": 0.7, "container pooled": 0.4, "cloud": 0.7, "container": 0.5}),
    "blind15": (0.965, 0.978, {"cloud pooled": 1.7, "container pooled": 0.6, "cloud": 1.7, "container": 0.6}),
    "blind16": (0.967, 0.977, {"cloud pooled": 0.9, "container pooled": 0.7, "cloud": 0.9, "container": 0.7}),
    "blind17": (0.962, 0.972, {"cloud pooled": 0.8, "container pooled": 0.7, "cloud": 0.8, "container": 0.6}),
    "blind18": (0.971, 0.976, {"cloud pooled": 1.4, "container pooled": 0.5, "cloud": 1.4, "container": 0.6}),
    "blind19": (0.968, 0.979, {"cloud pooled": 1.5, "container pooled": 0.4, "cloud": 1.5, "container": 0.4}),
    "blind20": (0.973, 0.979, {"cloud pooled": 1.8, "container pooled": 0.8, "cloud": 1.8, "container": 0.8}),
    "blind21": (0.965, 0.978, {"cloud pooled": 0.4, "container pooled": 0.8, "cloud": 0.5, "container": 0.8}),
    "blind22": (0.964, 0.974, {"cloud pooled": 0.5, "container pooled": 0.4, "cloud": 0.7, "container": 0.4}),
    "blind23": (0.965, 0.972, {"cloud pooled": 1.2, "container pooled": 0.5, "cloud": 1.2, "container": 0.9}),
    "blind24": (0.966, 0.98, {"cloud pooled": 1.5, "container pooled": 0.8, "cloud": 1.5, "container": 0.8}),
    "blind25": (0.97, 0.977, {"cloud pooled": 1.6, "container pooled": 1.1, "cloud": 1.6, "container": 1.1}),
    "blind26": (0.97, 0.976, {"cloud pooled": 0.9, "container pooled": 0.8, "cloud": 0.9, "container": 0.8}),
    "blind27": (0.966, 0.98, {"cloud pooled": 1.2, "container pooled": 0.3, "cloud": 1.3, "container": 0.6}),
    "blind28": (0.967, 0.979, {"cloud pooled": 1.0, "container pooled": 0.8, "cloud": 1.0, "container": 0.8}),
    "blind29": (0.934, 0.947, {"cloud pooled": 0.9, "container pooled": 0.6, "cloud": 0.9, "container": 0.6}),
}  # fmt: skip


@pytest.mark.parametrize("which", BLIND_BACKEND_FLOORS)
def test_blind_backend_and_shares(scored, which: str) -> None:  # type: ignore[no-untyped-def]
    ours, baseline = scored(which)
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
    for key in ("threshold", "yes_threshold", "override"):
        assert fitted[key] == shipped[key], key
