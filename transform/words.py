"""A word model for the postings the role rules cannot decide.

`transform.roles` decides backend or not from the roles a posting advertises and the stack it
names. About one posting in twenty names no kind of work the rules can read ("we're hiring
engineers", "Founding Engineer" building "our platform"), and the rules abstain. Readers still
decide about three quarters of those from the words around them. This model reads the same
words: a logistic regression over the TF-IDF of words and word pairs, trained on the labelled
tuning sets by `python -m tests.eval.train_backend` and shipped as data
(`transform/backend_words.json`: each term's inverse document frequency and weight). It only
decides where the rules abstain, and only when it is confident; otherwise the posting stays
undecided.

Scoring is plain Python, the same arithmetic as scikit-learn's ``TfidfVectorizer`` (lower case,
words of two or more characters, words and word pairs, ``1 + log(count)``, L2 norm) followed by
the logistic function, so the extractor needs no numerical library.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

MODEL = Path(__file__).with_name("backend_words.json")
# scikit-learn's default token pattern: words of two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class WordModel:
    version: str
    text_limit: int  # characters of a posting's text read, as in training
    threshold: float  # decides only when the probability is this far from even, either way
    intercept: float
    terms: dict[str, tuple[float, float]]  # term -> (inverse document frequency, weight)

    def probability(self, text: str) -> float:
        """The probability that a posting with this text is a backend role."""
        tokens = _TOKEN.findall(text[: self.text_limit].lower())
        counts = Counter(tokens)
        counts.update(f"{a} {b}" for a, b in pairwise(tokens))
        score = norm = 0.0
        for term, count in counts.items():
            known = self.terms.get(term)
            if known is None:
                continue
            idf, weight = known
            value = (1.0 + math.log(count)) * idf
            norm += value * value
            score += value * weight
        if norm:
            score /= math.sqrt(norm)
        return 1.0 / (1.0 + math.exp(-(self.intercept + score)))

    def decide(self, text: str) -> tuple[bool | None, float]:
        """Backend or not when the model is confident, else None; and the probability."""
        p = self.probability(text)
        if p >= self.threshold:
            return True, p
        if p <= 1.0 - self.threshold:
            return False, p
        return None, p


@cache
def load_word_model(path: Path = MODEL) -> WordModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return WordModel(
        version=data["version"],
        text_limit=int(data["text_limit"]),
        threshold=float(data["threshold"]),
        intercept=float(data["intercept"]),
        terms={term: (float(idf), float(w)) for term, (idf, w) in data["terms"].items()},
    )
