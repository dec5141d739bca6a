"""Find skill mentions in text: every alias of the taxonomy in one Aho-Corasick pass.

The automaton (ahocorasick-rs) finds every occurrence of every alias in the lower-cased text at
once (aliases of one or two letters are left to a regex, which finds them only as words).
Candidates are then checked, in order: word boundaries, exact case for case-sensitive aliases,
veto patterns, and required nearby context (an alias with a ``context`` list only counts when
one of its words stands within ``context_chars`` characters of it); among the survivors,
matches are taken leftmost-longest, so "Azure DevOps" wins over "Azure" and "Ruby on Rails"
over "Ruby". A term may not be preceded by a letter or digit, nor followed by a letter,
digit, ``#``, ``+`` or ``.``+letter, so ``.NET``, ``C#``, ``C++``, ``Node.js`` and ``CI/CD``
match whole, ``AWS.`` at the end of a sentence still does, and both sides of ``AWS/GCP`` count.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from transform.context import LEVELS, Layout, judge
from transform.taxonomy import Alias, Taxonomy
from transform.text import lower_in_place

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
    aliases: tuple[Alias, ...]  # the automaton's, by pattern index, then the short ones
    # Aliases of one or two letters ("C", "CI", "Go") are not in the automaton, which would
    # find them inside words ("Scala", "social", "good"): three in four of all its matches,
    # each thrown away in Python. Instead, a regex per first letter finds them where they stand
    # as words; the empty group each match ends with names the word.
    short: tuple[re.Pattern[str], ...]
    short_aliases: dict[str, tuple[int, ...]]  # group name -> alias indexes


@cache
def _matcher(taxonomy: Taxonomy) -> _Matcher:
    everything = [a for s in taxonomy.skills.values() for a in s.aliases]
    long = [a for a in everything if not _is_short(a)]
    short = [a for a in everything if _is_short(a)]
    automaton = ahocorasick_rs.AhoCorasick(
        [_fold(a.text) for a in long],
        matchkind=ahocorasick_rs.MatchKind.Standard,
        implementation=ahocorasick_rs.Implementation.DFA,  # a third faster to search
    )
    words: dict[str, list[int]] = {}  # folded text -> alias indexes
    for i, alias in enumerate(short, start=len(long)):
        words.setdefault(_fold(alias.text), []).append(i)
    names = {word: f"w{n}" for n, word in enumerate(words)}
    return _Matcher(
        automaton,
        tuple(long + short),
        tuple(
            _word_pattern(first, {names[w]: w for w in words if w[0] == first})
            for first in sorted({w[0] for w in words})
        ),
        {names[word]: tuple(indexes) for word, indexes in words.items()},
    )


def _is_short(alias: Alias) -> bool:
    """One or two ASCII letters (in any case)."""
    folded = _fold(alias.text)
    return len(folded) <= 2 and folded.isascii() and folded.isalpha()


def _word_pattern(first: str, words: dict[str, str]) -> re.Pattern[str]:
    """Where one of the folded ``words`` (group name -> word, all starting with the letter
    ``first``) stands in the folded text with no letter or digit before or after it: every
    match _bounded() can accept, and few more ("k" is left out of the classes because in the
    folded text it may be a Kelvin sign, no word character; _bounded() decides on the text
    itself). At most one of the words can stand at a place. The lookbehind comes after the
    first letter, a literal, so that the search can skip from one such letter to the next (10x
    faster than a lookbehind first)."""
    rests = "|".join(f"{re.escape(word[1:])}(?P<{name}>)" for name, word in words.items())
    return re.compile(
        f"{first}(?<![a-jl-z0-9_]{first})(?:{rests})(?![a-jl-z0-9_#+]|\\.[a-jl-z0-9_])"
    )


def _fold(text: str) -> str:
    """Lower-case without changing length (offsets must line up with the original text), with
    any whitespace as a plain space so "Amazon\nWeb Services" still matches."""
    lowered = lower_in_place(text)
    # str.replace for each kind of space a posting holds (most hold two or three): 15x faster
    # than str.translate, which goes through its table character by character.
    for space in _SPACES:
        if space in lowered:
            lowered = lowered.replace(space, " ")
    return lowered


_SPACES = "\n\t\r\f\v\u00a0\u2009\u202f"


def _bounded(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in _WORD and text[start] in _WORD:
        return False
    if end < len(text):
        nxt = text[end]
        if nxt in _AFTER and text[end - 1] not in "#+":
            # "Kinesis+Node" joins two names; "C++" and "C#" are longer names.
            joined = nxt == "+" and end + 1 < len(text) and text[end + 1].isalpha()
            if not joined:
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


def scan(
    text: str, taxonomy: Taxonomy, employer: str | None = None
) -> tuple[list[SkillHit], list[Decision]]:
    """Accepted hits (best level per skill, plus implied skills) and every decision taken.

    ``employer`` is the company a job board says is hiring: its name in the text is the
    company, not a skill (Docker's own postings). Without it, an HN header's first field is."""
    matcher = _matcher(taxonomy)
    folded = _fold(text)
    decisions: list[Decision] = []
    candidates = []
    for index, start, end in _matches(matcher, folded):
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

    layout = Layout(text, employer) if candidates else None
    hits: dict[str, SkillHit] = {}
    taken_until = 0
    for start, _, end, alias in candidates:  # leftmost-longest, no overlaps
        if start < taken_until:
            decisions.append(
                Decision(alias.skill, start, end, text[start:end], False, "inside a longer match")
            )
            continue
        taken_until = end
        assert layout is not None
        verdict = judge(layout, start, end, taxonomy.skills[alias.skill].product_word)
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


def _matches(matcher: _Matcher, folded: str) -> list[tuple[int, int, int]]:
    """(alias index, start, end) of every alias occurrence in the folded text, overlapping, in
    the automaton's order (which decides the order of decisions): by end, longest first. Of the
    short aliases, only the occurrences that may stand as words."""
    found = matcher.automaton.find_matches_as_indexes(folded, overlapping=True)
    short = [
        (i, m.start(), m.end())
        for rx in matcher.short
        for m in rx.finditer(folded)
        for i in matcher.short_aliases[str(m.lastgroup)]
    ]
    if not short:
        return found
    return list(heapq.merge(found, sorted(short, key=_by_end), key=_by_end))


def _by_end(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[2], match[1] - match[2]


def find_skills(text: str, taxonomy: Taxonomy, employer: str | None = None) -> list[SkillHit]:
    """Every skill mentioned, once per skill at its strongest level, plus implied skills.

    Negated mentions and employer history are dropped; mentions about the company are kept with
    level ``company`` (evidence, but not demand)."""
    return scan(text, taxonomy, employer)[0]


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
