"""Find skill mentions in text: every alias of the taxonomy in one Aho-Corasick pass.

The automaton (ahocorasick-rs) finds every occurrence of every alias in the lower-cased text at
once. Candidates are then checked, in order: word boundaries, exact case for case-sensitive
aliases, veto patterns, and required nearby context (an alias with a ``context`` list only
counts when one of its words stands within ``context_chars`` characters of it); among the
survivors, matches are taken leftmost-longest, so "Azure DevOps" wins over "Azure" and "Ruby on
Rails" over "Ruby". A term may not be preceded by a letter or digit, nor followed by a letter,
digit, ``#``, ``+`` or ``.``+letter, so ``.NET``, ``C#``, ``C++``, ``Node.js`` and ``CI/CD``
match whole, ``AWS.`` at the end of a sentence still does, and both sides of ``AWS/GCP`` count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from transform.context import LEVELS, judge, sections
from transform.taxonomy import Alias, Taxonomy

SNIPPET_CHARS = 70
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_AFTER = _WORD | frozenset("#+")


@dataclass(frozen=True)
class SkillHit:
    skill: str
    category: str
    start: int
    end: int
    matched: str
    evidence: str
    implied_by: str | None = None
    level: str = "mentioned"  # required | preferred | mentioned | company (see transform.context)
    rule: str = ""  # why this level

    @property
    def demanded(self) -> bool:
        """Whether the hit counts as the posting demanding the skill."""
        return self.level != "company"


@dataclass(frozen=True)
class Decision:
    """One alias occurrence and what became of it (for `jobtrends explain`)."""

    skill: str
    start: int
    end: int
    matched: str
    accepted: bool
    rule: str


@dataclass(frozen=True, eq=False)
class _Matcher:
    automaton: ahocorasick_rs.AhoCorasick
    aliases: tuple[Alias, ...]


@cache
def _matcher(taxonomy: Taxonomy) -> _Matcher:
    aliases = tuple(a for s in taxonomy.skills.values() for a in s.aliases)
    patterns = [_fold(a.text) for a in aliases]
    automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
    return _Matcher(automaton, aliases)


def _fold(text: str) -> str:
    """Lower-case without changing length (offsets must line up with the original text), with
    any whitespace as a plain space so "Amazon\nWeb Services" still matches."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare characters whose lower case is longer, e.g. "İ"
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_SPACES)


_SPACES = str.maketrans(dict.fromkeys("\n\t\r\f\v\u00a0\u2009\u202f", " "))


def _bounded(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in _WORD and text[start] in _WORD:
        return False
    if end < len(text):
        nxt = text[end]
        if nxt in _AFTER and text[end - 1] not in "#+":
            return False
        if nxt in "#+" and text[end - 1] in "#+":
            return False
        if nxt == "." and end + 1 < len(text) and text[end + 1] in _WORD:
            return False
    return True


def _context_nearby(alias: Alias, text: str, start: int, end: int) -> str | None:
    """The word of the alias's required context found near the match (before or after it, not
    inside it), or ``None``."""
    assert alias.context is not None
    found = alias.context.search(text, max(0, start - alias.context_chars), start)
    if found is None:
        found = alias.context.search(text, end, min(len(text), end + alias.context_chars))
    return found.group(0) if found else None


def scan(text: str, taxonomy: Taxonomy) -> tuple[list[SkillHit], list[Decision]]:
    """Accepted hits (best level per skill, plus implied skills) and every decision taken."""
    matcher = _matcher(taxonomy)
    folded = _fold(text)
    decisions: list[Decision] = []
    candidates = []
    for index, start, end in matcher.automaton.find_matches_as_indexes(folded, overlapping=True):
        alias = matcher.aliases[index]
        if not _bounded(text, start, end):
            continue  # part of a longer word: not worth reporting
        veto = None
        if alias.case_sensitive and text[start:end] != alias.text:
            veto = f"case differs from {alias.text!r}"
        elif alias.not_before and alias.not_before.match(text, end):
            veto = f"veto: followed by /{alias.not_before.pattern}/"
        elif alias.not_after and alias.not_after.search(text[max(0, start - 40) : start]):
            veto = f"veto: preceded by /{alias.not_after.pattern}/"
        elif alias.context and not _context_nearby(alias, text, start, end):
            veto = f"veto: no required context nearby (within {alias.context_chars} characters)"
        if veto:
            decisions.append(Decision(alias.skill, start, end, text[start:end], False, veto))
            continue
        candidates.append((start, -(end - start), end, alias))
    candidates.sort(key=lambda c: (c[0], c[1]))

    secs = sections(text) if candidates else []
    hits: dict[str, SkillHit] = {}
    taken_until = 0
    for start, _, end, alias in candidates:  # leftmost-longest, no overlaps
        if start < taken_until:
            decisions.append(
                Decision(alias.skill, start, end, text[start:end], False, "inside a longer match")
            )
            continue
        taken_until = end
        verdict = judge(text, start, end, secs)
        matched = text[start:end]
        if verdict.level is None:
            decisions.append(Decision(alias.skill, start, end, matched, False, verdict.rule))
            continue
        rule = verdict.rule
        if alias.context:
            rule += f"; context {_context_nearby(alias, text, start, end)!r} nearby"
        decisions.append(
            Decision(alias.skill, start, end, matched, True, f"{verdict.level}: {rule}")
        )
        old = hits.get(alias.skill)
        if old is None or _RANK[verdict.level] < _RANK[old.level]:
            hits[alias.skill] = SkillHit(
                skill=alias.skill,
                category=taxonomy.category_of(alias.skill),
                start=start,
                end=end,
                matched=matched,
                evidence=snippet(text, start, end),
                level=verdict.level,
                rule=rule,
            )
    for hit in list(hits.values()):
        for target in taxonomy.skills[hit.skill].implies:
            old = hits.get(target)
            if old is None or (_RANK[hit.level] < _RANK[old.level] and old.implied_by):
                hits[target] = SkillHit(
                    skill=target,
                    category=taxonomy.category_of(target),
                    start=hit.start,
                    end=hit.end,
                    matched=hit.matched,
                    evidence=hit.evidence,
                    implied_by=hit.skill,
                    level=hit.level,
                    rule=f"implied by {hit.skill}",
                )
    return sorted(hits.values(), key=lambda h: (h.start, h.skill)), decisions


def find_skills(text: str, taxonomy: Taxonomy) -> list[SkillHit]:
    """Every skill mentioned, once per skill at its strongest level, plus implied skills.

    Negated mentions and employer history are dropped; mentions about the company are kept with
    level ``company`` (evidence, but not demand)."""
    return scan(text, taxonomy)[0]


_RANK = {level: i for i, level in enumerate(LEVELS)}


def snippet(text: str, start: int, end: int, width: int = SNIPPET_CHARS) -> str:
    """The match with up to ``width`` characters of context each side, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    core = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + core + ("…" if right < len(text) else "")
