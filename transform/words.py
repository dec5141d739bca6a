"""A word model for backend or not, beside the role rules.

`transform.roles` decides backend or not from the roles a posting advertises and the stack it
names. About one posting in twenty names no kind of work the rules can read ("we're hiring
engineers", "Founding Engineer" building "our platform"), and the rules abstain; and on postings
they do decide, they miss roles whose wording they have not met. Readers decide from the words
around the roles. This model reads the same words: a logistic regression over the TF-IDF of
words and word pairs of the text, and, as a second block, of the heading (the job board's
title, or an HN post's first line, its header), trained on the labelled tuning sets by
`python -m tests.eval.train_backend` and shipped as data (`transform/backend_words.json`: each
term's inverse document frequency and weight).

It decides where the rules abstain, when it is confident (``threshold``; for a yes, where the
rules abstain, ``yes_threshold``: a posting the rules cannot read and the model only thinks is
backend is most often one readers call unclear, naming no stack and no kind of work, and calling
it backend lowers every share), and it overrules them when it is sure (``override``): a yes of
the rules at p <= 0.30 (but never a role whose title names backend work,
``transform.roles.names_backend_work``), a no only where it would say yes on its own too
(p >= 0.85, ``yes_threshold``). On the labelled draws scored before their errors were read, the
role rules of the time were wrong more often than the model where it said the opposite (README,
"How good is the extraction?"). Otherwise it leaves the decision to the rules, or the posting
undecided.

Scoring is plain Python, the same arithmetic as scikit-learn's ``TfidfVectorizer`` (lower case,
words of two or more characters, words and word pairs, ``1 + log(count)``, L2 norm, each block
on its own) followed by the logistic function, so the extractor needs no numerical library.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

MODEL = Path(__file__).with_name("backend_words.json")
# scikit-learn's default token pattern: words of two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
HEADING_LIMIT = 300  # characters of an HN post's first line read as its heading

Terms = Mapping[str, tuple[float, float]]  # term -> (inverse document frequency, weight)


def heading(text: str, title: str | None = None) -> str:
    """What the model reads as a posting's heading: the job board's title, or else the text's
    first line (an HN post's header, ``Company | Role | Location``)."""
    if title:
        return title
    return text.split("\n", 1)[0][:HEADING_LIMIT]


@dataclass(frozen=True)
class WordModel:
    version: str
    text_limit: int  # characters of a posting's text read, as in training
    threshold: float  # decides only at p >= threshold or p <= 1 - threshold
    min_terms: int  # and only on a text holding at least this many of its terms
    intercept: float
    terms: Terms  # the text's words and word pairs
    title_terms: Terms = field(default_factory=lambda: MappingProxyType({}))  # the heading's
    override: float | None = None  # overrules the rules at p >= override or <= 1 - override
    yes_threshold: float | None = None  # says yes only at p >= this (default: threshold)

    def probability(self, text: str, title: str | None = None) -> float:
        """The probability that a posting with this text (and title) is a backend role."""
        return self._score(text, title)[0]

    def decide(self, text: str, title: str | None = None) -> tuple[bool | None, float]:
        """Backend or not when the model is confident, else None; and the probability. A text
        with few of the model's terms (a short reply, another language) gets None: with no
        evidence the model would only repeat how rare backend postings are."""
        p, known = self._score(text, title)
        if known < self.min_terms:
            return None, p
        if p >= (self.threshold if self.yes_threshold is None else self.yes_threshold):
            return True, p
        if p <= 1.0 - self.threshold:
            return False, p
        return None, p

    def overrules(self, p: float) -> bool:
        """Whether a probability is sure enough to overrule the role rules."""
        return self.override is not None and (p >= self.override or p <= 1.0 - self.override)

    def _score(self, text: str, title: str | None) -> tuple[float, int]:
        """The probability, and how many distinct terms of the model the posting holds."""
        score, known = _block(text[: self.text_limit], self.terms)
        if self.title_terms:
            more, also = _block(heading(text, title), self.title_terms)
            score += more
            known += also
        return 1.0 / (1.0 + math.exp(-(self.intercept + score))), known


def _block(text: str, terms: Terms) -> tuple[float, int]:
    """One block's contribution to the logit (its TF-IDF vector, L2-normalised, times the
    weights), and how many distinct terms of the block the text holds."""
    tokens = _TOKEN.findall(text.lower())
    counts = Counter(tokens)
    counts.update(f"{a} {b}" for a, b in pairwise(tokens))
    score = norm = 0.0
    known = 0
    for term, count in counts.items():
        entry = terms.get(term)
        if entry is None:
            continue
        known += 1
        idf, weight = entry
        value = (1.0 + math.log(count)) * idf
        norm += value * value
        score += value * weight
    if norm:
        score /= math.sqrt(norm)
    return score, known


def _terms(raw: Mapping[str, list[float]]) -> Terms:
    return MappingProxyType({term: (float(idf), float(w)) for term, (idf, w) in raw.items()})


@cache
def load_word_model(path: Path = MODEL) -> WordModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    override = data.get("override")
    if override is not None and float(override) < float(data["threshold"]):
        raise ValueError(
            f"{path}: override {override} is below threshold {data['threshold']}: the model "
            "would overrule the rules where it is too unsure to decide alone; retrain with "
            "python -m tests.eval.train_backend"
        )
    yes = data.get("yes_threshold")
    if yes is not None and float(yes) < float(data["threshold"]):
        raise ValueError(
            f"{path}: yes_threshold {yes} is below threshold {data['threshold']}; retrain with "
            "python -m tests.eval.train_backend"
        )
    return WordModel(
        version=data["version"],
        text_limit=int(data["text_limit"]),
        threshold=float(data["threshold"]),
        min_terms=int(data["min_terms"]),
        intercept=float(data["intercept"]),
        terms=_terms(data["terms"]),
        title_terms=_terms(data.get("title_terms", {})),
        override=None if override is None else float(override),
        yes_threshold=None if yes is None else float(yes),
    )
