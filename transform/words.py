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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

MODEL = Path(__file__).with_name("backend_words.json")
# scikit-learn's default token pattern: words of two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class WordModel:
    version: str
    text_limit: int  # characters of a posting's text read, as in training
    threshold: float  # decides only at p >= threshold or p <= 1 - threshold
    min_terms: int  # and only on a text holding at least this many of its terms
    intercept: float
    terms: Mapping[str, tuple[float, float]]  # term -> (inverse document frequency, weight)

    def probability(self, text: str) -> float:
        """The probability that a posting with this text is a backend role."""
        return self._score(text)[0]

    def decide(self, text: str) -> tuple[bool | None, float]:
        """Backend or not when the model is confident, else None; and the probability. A text
        with few of the model's terms (a short reply, another language) gets None: with no
        evidence the model would only repeat how rare backend postings are."""
        p, known = self._score(text)
        if known < self.min_terms:
            return None, p
        if p >= self.threshold:
            return True, p
        if p <= 1.0 - self.threshold:
            return False, p
        return None, p

    def _score(self, text: str) -> tuple[float, int]:
        """The probability, and how many distinct terms of the model the text holds."""
        tokens = _TOKEN.findall(text[: self.text_limit].lower())
        counts = Counter(tokens)
        counts.update(f"{a} {b}" for a, b in pairwise(tokens))
        score = norm = 0.0
        known = 0
        for term, count in counts.items():
            entry = self.terms.get(term)
            if entry is None:
                continue
            known += 1
            idf, weight = entry
            value = (1.0 + math.log(count)) * idf
            norm += value * value
            score += value * weight
        if norm:
            score /= math.sqrt(norm)
        return 1.0 / (1.0 + math.exp(-(self.intercept + score))), known


@cache
def load_word_model(path: Path = MODEL) -> WordModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return WordModel(
        version=data["version"],
        text_limit=int(data["text_limit"]),
        threshold=float(data["threshold"]),
        min_terms=int(data["min_terms"]),
        intercept=float(data["intercept"]),
        terms=MappingProxyType(
            {term: (float(idf), float(w)) for term, (idf, w) in data["terms"].items()}
        ),
    )
