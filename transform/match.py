"""Find skill mentions in text: every alias of the taxonomy in one compiled pattern.

Aliases are tried longest first at each position, so "Azure DevOps" wins over "Azure" and
"Ruby on Rails" over "Ruby". Word boundaries treat ``.``, ``#``, ``+`` and ``/`` as part of a
term when followed by a letter, so ``.NET``, ``C#``, ``C++``, ``Node.js`` and ``CI/CD`` match
whole and ``AWS.`` at the end of a sentence still does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transform.taxonomy import Alias, Taxonomy

SNIPPET_CHARS = 70
_LEFT = r"(?<![A-Za-z0-9_])"
_RIGHT = r"(?![A-Za-z0-9_#+]|[./][A-Za-z0-9])"


@dataclass(frozen=True)
class SkillHit:
    skill: str
    category: str
    start: int
    end: int
    matched: str
    evidence: str
    implied_by: str | None = None


@cache
def _compiled(taxonomy: Taxonomy) -> tuple[re.Pattern[str], dict[str, Alias]]:
    aliases = [a for s in taxonomy.skills.values() for a in s.aliases]
    aliases.sort(key=lambda a: len(a.text), reverse=True)
    groups: dict[str, Alias] = {}
    parts = []
    for i, alias in enumerate(aliases):
        group = f"a{i}"
        groups[group] = alias
        flags = "" if alias.case_sensitive else "(?i:"
        body = re.escape(alias.text).replace(r"\ ", r"\s+")
        parts.append(f"(?P<{group}>{flags}{body}{')' if flags else ''})")
    pattern = re.compile(_LEFT + "(?:" + "|".join(parts) + ")" + _RIGHT)
    return pattern, groups


def find_skills(text: str, taxonomy: Taxonomy) -> list[SkillHit]:
    """Every accepted skill mention, first occurrence per skill, plus implied skills."""
    pattern, groups = _compiled(taxonomy)
    hits: dict[str, SkillHit] = {}
    for m in pattern.finditer(text):
        group = m.lastgroup
        if group is None:
            continue
        alias = groups[group]
        if alias.skill in hits:
            continue
        if alias.not_before and alias.not_before.match(text, m.end()):
            continue
        if alias.not_after and alias.not_after.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        hit = SkillHit(
            skill=alias.skill,
            category=taxonomy.category_of(alias.skill),
            start=m.start(),
            end=m.end(),
            matched=m.group(0),
            evidence=snippet(text, m.start(), m.end()),
        )
        hits[alias.skill] = hit
    for hit in list(hits.values()):
        for target in taxonomy.skills[hit.skill].implies:
            if target not in hits:
                hits[target] = SkillHit(
                    skill=target,
                    category=taxonomy.category_of(target),
                    start=hit.start,
                    end=hit.end,
                    matched=hit.matched,
                    evidence=hit.evidence,
                    implied_by=hit.skill,
                )
    return sorted(hits.values(), key=lambda h: (h.start, h.skill))


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
