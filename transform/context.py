"""Where a skill mention stands in a posting, and whether it is a demand at all.

A posting is split into sections by the headings it uses ("Requirements", "Nice to have",
"What you'll do", "About us", "Benefits"...). A hit gets a level from its section and its
sentence: ``required``, ``preferred``, ``mentioned`` (stack, responsibilities, or no heading) or
``company`` (about the employer: what it sells, partners, customers, history), which does not
count as demand. A negated mention ("no Kubernetes experience needed") is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

LEVELS = ("required", "preferred", "mentioned", "company")  # strongest first

# Heading cues, tried at the start of a short line (optionally followed by ":" and content).
_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    (
        "preferred",
        re.compile(
            r"(nice[\s-]to[\s-]haves?|bonus( points)?|preferred( qualifications| skills)?|pluses|"
            r"it'?s a plus|extra credit|good to have|desired( skills)?|ideally)\b",
            re.I,
        ),
    ),
    (
        "required",
        re.compile(
            r"(requirements|required( skills| qualifications)?|qualifications|what you('|’)?ll need|"
            r"what you need|what we('|’)?re looking for|who you are|about you|you have|you bring|"
            r"must[\s-]haves?|skills( and experience)?|experience|your profile|your skills|"
            r"minimum qualifications|basic qualifications|what you bring|you should have|"
            r"ideal candidate|we('|’)?re looking for|looking for)\b",
            re.I,
        ),
    ),
    (
        "mentioned",
        re.compile(
            r"(responsibilities|what you('|’)?ll do|what you will do|the role|your role|you will|"
            r"you('|’)?ll|day[\s-]to[\s-]day|tech(nology)? stack|our stack|stack|tools|technologies|"
            r"the job|the position|the team|about the role|what you('|’)?ll work on)\b",
            re.I,
        ),
    ),
    (
        "company",
        re.compile(
            r"(about us|about the company|who we are|our company|company overview|our mission|"
            r"our story|about [A-Z][\w&.-]*( [A-Z][\w&.-]*)?\s*:?$|benefits|perks|what we offer|"
            r"compensation|why join|why work|equal opportunity|eeo|diversity)\b",
            re.I,
        ),
    ),
]
_MAX_HEADING = 60

# Sentence-level cues.
_PREFERRED_CUE = re.compile(
    r"\b(nice[\s-]to[\s-]have|bonus|a plus|is a plus|are a plus|plus if|preferred|ideally|"
    r"not required but|good to have|desirable|familiarity with)\b", re.I)  # fmt: skip
_REQUIRED_CUE = re.compile(
    r"\b(required|must|need to have|you have|you'?ve|experience (with|in|using)|proficien\w*|"
    r"expert(ise)? in|strong|solid|years of)\b", re.I)  # fmt: skip
_COMPANY_CUE = re.compile(
    r"\b(partner(s|ship)?|customers include|clients include|backed by|investors?|funded by|"
    r"acquired by|alumni|founded by|certified|marketplace|available on|"
    r"(companies|startups|customers|clients|teams|brands)( \w+)? (like|such as|including))\b",
    re.I)  # fmt: skip
# "no Kubernetes", "no prior experience with Kubernetes", "you don't need to know Kubernetes":
# the negation must govern the skill, not just share its sentence ("deploy without downtime on
# Kubernetes" is a demand).
_NEGATION_BEFORE = re.compile(
    r"(\b(no|not|never|zero)\s+((prior|previous|professional|any)\s+)?"
    r"|\b(don'?t|do not|doesn'?t|does not|won'?t|will not)\s+(need|have|require)\s+(to\s+(know|have|use)\s+)?"
    r"(any\s+)?)"
    r"((\w+\s+)?(experience|knowledge|background|familiarity)\s+(with|in|of)\s+)?$",
    re.I,
)
_NEGATION_AFTER = re.compile(
    r"^[^.;!?]{0,40}\b(not (required|needed|necessary|a (requirement|must))|"
    r"(is|are) optional|unnecessary)\b", re.I)  # fmt: skip
_HISTORY = re.compile(r"(\bex-|\bformer(ly)?\s+(at\s+)?|\balumni of\s+|\bex\s+)$", re.I)
_SENTENCE_END = re.compile(r"[.!?;](\s|$)|\n")  # a line break always ends a sentence


@dataclass(frozen=True)
class Section:
    start: int
    kind: str  # one of LEVELS


def sections(text: str) -> list[Section]:
    """Sections by heading, in order; text before the first heading is ``mentioned``."""
    found = [Section(0, "mentioned")]
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip().lstrip("-*•#> ").strip()
        head = stripped.split(":", 1)[0] if ":" in stripped[:_MAX_HEADING] else stripped
        if 0 < len(head) <= _MAX_HEADING:
            for kind, pattern in _HEADINGS:
                if pattern.match(head) and _looks_like_heading(stripped, head):
                    found.append(Section(pos, kind))
                    break
        pos += len(line)
    return found


def _looks_like_heading(line: str, head: str) -> bool:
    # A heading is short and stands alone, or ends with a colon ("Requirements: Go, AWS").
    return len(line) <= _MAX_HEADING or line[len(head) : len(head) + 1] == ":"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in ".!?;\n")
    m = _SENTENCE_END.search(text, end)
    return left + 1, (m.start() + 1 if m else len(text))


@dataclass(frozen=True)
class Verdict:
    level: str | None  # None: not a demand at all (negated, employer history)
    rule: str  # why, for `jobtrends explain`


def judge(text: str, start: int, end: int, secs: list[Section]) -> Verdict:
    """The level of the mention at ``text[start:end]``, or why it is no demand."""
    before = text[max(0, start - 40) : start]
    if _HISTORY.search(before):
        return Verdict(None, "employer history (ex-/former)")
    s_start, s_end = sentence_bounds(text, start, end)
    if _NEGATION_BEFORE.search(text[max(s_start, start - 80) : start]) or _NEGATION_AFTER.search(
        text[end:s_end]
    ):
        return Verdict(None, "negated")
    section = secs[bisect.bisect_right([s.start for s in secs], start) - 1].kind
    sentence = text[s_start:s_end]
    if section == "company":
        return Verdict("company", "in a section about the company or its benefits")
    if _COMPANY_CUE.search(sentence) and not _REQUIRED_CUE.search(sentence):
        return Verdict("company", "sentence about the company (partners, customers, product)")
    if section == "preferred" or _PREFERRED_CUE.search(sentence):
        return Verdict("preferred", "nice-to-have section or wording")
    if section == "required" or _REQUIRED_CUE.search(sentence):
        return Verdict("required", "requirements section or wording")
    return Verdict("mentioned", "stack, responsibilities or no heading")
