"""The evaluation sets are what their readers said: each double-read set in tests/eval is the
majority of the readings in tests/eval/readings (no third-party text needed)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.eval.merge import agreement, merged, read
from tests.eval.score import BLINDS

EVAL = Path(__file__).parent / "eval"


# Every set read twice: tuning4 to tuning13 and the blind sets (tuning14 was read once, to train
# the word model; its labels are the reading in tests/eval/readings/tuning14_A.csv).
@pytest.mark.parametrize("name", [*(f"tuning{i}" for i in range(4, 14)), *(p.stem for p in BLINDS)])
def test_a_set_is_the_majority_of_its_readings(name: str) -> None:
    a = read([EVAL / "readings" / f"{name}_A.csv"])
    b = read([EVAL / "readings" / f"{name}_B.csv"])
    third = {(r["dataset"], r["id"]): r for r in read([EVAL / "readings" / f"{name}_C.csv"])}
    with (EVAL / f"{name}.csv").open(newline="") as f:
        committed = list(csv.DictReader(f))
    assert merged(a, b, third) == committed
    assert min(agreement(a, b).values()) >= 0.95


def test_a_split_without_a_third_reading_is_an_error() -> None:
    a = [{"dataset": "hn", "id": "1", "backend": "yes", "cloud": "1", "container": "0",
          "cicd": "0", "iac": "0", "observability": "0", "note": ""}]  # fmt: skip
    b = [dict(a[0], backend="no")]
    with pytest.raises(SystemExit, match="no third reading"):
        merged(a, b, {})
    third = {("hn", "1"): dict(a[0], backend="unclear", note="torn")}
    assert merged(a, b, third)[0]["backend"] == "unclear"  # three different answers


def test_a_set_read_once_is_its_reading() -> None:
    """tuning14 was read once, to train the word model: the set is that reading, sorted."""
    reading = read([EVAL / "readings" / "tuning14_A.csv"])
    with (EVAL / "tuning14.csv").open(newline="") as f:
        committed = list(csv.DictReader(f))
    assert committed == sorted(reading, key=lambda r: (r["dataset"], r["id"]))
    assert {r["backend"] for r in committed} <= {"yes", "no", "unclear"}
    for field in ("cloud", "container", "cicd", "iac", "observability"):
        assert {r[field] for r in committed} <= {"0", "1"}
