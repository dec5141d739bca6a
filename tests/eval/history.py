"""How the word model does beside role rules that had not seen the postings: the honest test.

    .venv/bin/python -m tests.eval.history

The role rules of today were written from the tuning sets' errors, so on those sets they look
better than they are, and any test of when the word model should overrule them comes out
against the model. But tuning7 to tuning13 and the blind draws (``FIRST_SCORED``: blind to the
newest one scored) were blind draws until their errors were read, each first scored at a known
commit. This rebuilds the role rules of that
commit (``git archive``), runs them on the draw, and sets them beside the word model fitted
without that draw (each training set held out in turn): over 20,000 postings that neither had
seen. It prints the accuracy of the rules alone, with the model deciding where they abstain, and
with the model also overruling them when very sure, at a few thresholds, with and without
sparing a yes from a role named as backend work. ``transform.words``' ``override`` was chosen
from this table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.eval.corpus import REAL
from tests.eval.score import BLINDS, TUNING
from tests.eval.train_backend import OVERRIDE, combine, held_out, labelled_rows
from transform.roles import Role, names_backend_work

ROOT = Path(__file__).resolve().parents[2]
# Each draw and the commit it was first scored at, before its errors were read (README).
FIRST_SCORED = {
    "tuning7": "543415e",
    "tuning8": "838b12e",
    "tuning9": "0bf517b",
    "tuning10": "bebb707",
    "tuning11": "55eac29",
    "tuning12": "41b34a3",
    "tuning13": "876ffa3",
    "blind": "59b09b2",
    "blind2": "ceb6ab0",
    "blind3": "0c7aeae",
    "blind4": "b90c532",
    "blind5": "3778171",
    "blind6": "742fcdb",
    "blind7": "ae75384",
    "blind8": "4cbc628",
    "blind9": "cb78ff9",
    "blind10": "5600825",
    "blind11": "2e90fca",
    "blind12": "0511f5b",
    "blind13": "f069d45",
    "blind14": "069b34b",
    "blind15": "83028e4",
    "blind16": "0ac1f13",
    "blind17": "ab4b431",
    "blind18": "2129b4f",
    "blind19": "8d2510e",
    "blind20": "0140b15",
    "blind21": "63cb74f",
    "blind22": "0f5a999",
    "blind23": "27d9bcf",
    "blind24": "666db0c",
    "blind25": "e30abf4",
    "blind26": "bb57ddf",
    "blind27": "ba1cbd3",
    "blind28": "1e8713e",
    "blind29": "858206f",
}
# The role rules alone: rules_backend where the commit has a word model beside them, else the
# extractor's answer (which then was the rules'); and that commit's roles (title, backend), on
# which today's transform.roles.names_backend_work is asked whether a role names backend work.
_RUN_OLD = """
import json, sys
from pathlib import Path
from tests.eval.corpus import corpus
from tests.eval.score import jobtrends
from transform.roles import find_roles
from transform.text import html_to_text
try:
    from transform.roles import rules_backend
except ImportError:
    rules_backend = None

def answer(doc):
    text = html_to_text(doc.html)
    roles = find_roles(text, doc.title)
    yes = rules_backend(roles, text) if rules_backend else jobtrends(doc).backend
    return [yes, [[r.title, r.backend] for r in roles]]
keys = json.load(sys.stdin)
docs = corpus(Path(sys.argv[1]))
print(json.dumps({f"{d}|{i}": answer(docs[(d, i)]) for d, i in keys}))
"""


def old_answers(
    commit: str, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[bool | None, bool]]:
    """The backend answers of the role rules as they were at ``commit``, and whether a backend
    role of theirs names the work."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        out = subprocess.run(
            [sys.executable, "-c", _RUN_OLD, str(REAL)],
            cwd=tmp,
            env={**os.environ, "PYTHONPATH": tmp},
            input=json.dumps(keys),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    answers = json.loads(out)
    result = {}
    for d, i in keys:
        yes, roles = answers[f"{d}|{i}"]
        result[(d, i)] = (yes, bool(yes) and names_backend_work([Role(t, b) for t, b in roles]))
    return result


def main() -> None:
    # Every labelled draw: those in FIRST_SCORED are each held out and scored; a newer one only
    # adds training data to their models (so the figures move a little as draws are added).
    rows = labelled_rows((*TUNING, *BLINDS))
    probability, known = held_out(rows)
    old: dict[tuple[str, str], tuple[bool | None, bool]] = {}
    with ThreadPoolExecutor() as pool:  # each in its own process
        for answers in pool.map(
            lambda item: old_answers(item[1], [r.key for r in rows if r.set == item[0]]),
            FIRST_SCORED.items(),
        ):
            old |= answers
    test = [i for i, r in enumerate(rows) if r.set in FIRST_SCORED]

    def accuracy(decide) -> str:  # type: ignore[no-untyped-def]
        answers = {i: decide(i) for i in test}
        right = sum(answers[i] == rows[i].backend for i in test)
        abstained = sum(a is None for a in answers.values())
        return f"{right / len(test):.3f} ({right} of {len(test)}; {abstained} undecided)"

    def rules(i: int) -> bool | None:
        return old[rows[i].key][0]

    def with_model(override: float | None, guard: bool = True):  # type: ignore[no-untyped-def]
        # ``guard``: a yes from a role named as backend work is never overruled, as shipped
        return lambda i: combine(
            rules(i),
            probability[i],
            known[i],
            override,
            named=guard and old[rows[i].key][1],
            no_ad=rows[i].no_ad,
        )

    print(
        f"{len(test)} labelled postings of {len(FIRST_SCORED)} draws ({next(iter(FIRST_SCORED))} "
        f"to {list(FIRST_SCORED)[-1]}), each with the "
        "rules of the commit it was first scored at and the word model fitted without it:"
    )
    print(f"  the rules alone:                       {accuracy(rules)}")
    print(f"  the model deciding where they abstain: {accuracy(with_model(None))}")
    for guard in (False, True):
        print(
            "  a yes from a role named as backend work"
            + (" is never overruled (shipped):" if guard else " may be overruled too:")
        )
        for override in sorted({0.65, 0.7, 0.75, 0.8, 0.85, OVERRIDE, 0.9, 0.95}):
            decide = with_model(override, guard)
            flips = [i for i in test if rules(i) not in (None, decide(i))]
            right = sum(decide(i) == rows[i].backend for i in flips)
            of_yes = [i for i in flips if rules(i)]
            right_yes = sum(decide(i) == rows[i].backend for i in of_yes)
            mark = "  <- shipped" if override == OVERRIDE and guard else ""
            print(  # (a no of the rules is overruled only at the yes threshold too: see combine)
                f"    and overruling them at p >= {override:.2f}: {accuracy(decide)}; "
                f"overrules {len(flips)}, {right} right (of their yes {len(of_yes)}, "
                f"{right_yes} right){mark}"
            )


if __name__ == "__main__":
    main()
