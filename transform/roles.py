"""Roles advertised by a posting, and whether the posting counts as a backend role.

HN postings open with a header line, ``Company | Role(s) | Location | REMOTE | ...``. The roles
are the header fields (or comma/"and"-separated parts of them) that name a job; when the header
names none, the first paragraph is searched instead. A role is backend when it names server-side
work (backend, API, platform, full-stack) or is a generalist software engineer on a posting that
names a server-side language or database; it is not backend when it names only other work
(frontend, mobile, data science, DevOps/SRE, QA, design, sales...). A posting is backend if any
role is; when no role can be found the classifier abstains (``None``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from transform.text import first_line

_BACKEND = re.compile(
    r"\b(back[\s-]?end|server[\s-]?side|api|apis|platform|full[\s-]?stack|fullstack|"
    r"distributed systems|infrastructure engineers?|systems engineers?|"
    r"(python|java|golang|go|ruby|rails|php|scala|elixir|node(\.?js)?|\.net|c#|kotlin|rust|"
    r"django|erlang|clojure|haskell|c\+\+)\s+(developer|engineer|programmer|dev)s?)\b",
    re.IGNORECASE,
)
_GENERALIST = re.compile(
    r"\b(software|product|senior|staff|principal|lead|founding|web|application)?\s*"
    r"(engineers?|developers?|programmers?|hackers?|swes?|sde|devs?)\b",
    re.IGNORECASE,
)
_NOT_BACKEND = re.compile(
    r"\b(front[\s-]?end|frontend|ui|ux|ios|android|mobile|react native|flutter|designers?|design|"
    r"data scientists?|data science|machine learning|ml|research|researchers?|scientists?|"
    r"devops|sre|site reliability|qa|test|testing|quality|sdet|hardware|embedded|firmware|"
    r"electrical|mechanical|fpga|asic|sales|marketing|account|customer|support|recruiters?|"
    r"product managers?|project managers?|managers?|analysts?|writers?|designers?|"
    r"security|game|graphics|data analyst|data engineers?|interns?|executive|counsel|legal|"
    r"sales|operator|assistant|trainer|copywriter|editor|reviewer|enablement|marketing|growth|"
    r"consultant|specialist|representative|solutions engineer|networking|instrumentation|"
    r"werkstudent\w*|manager\w*|instructor|teacher|mentors?|tutor)\b",
    re.IGNORECASE,
)
_JOB_WORD = re.compile(
    r"\b(engineers?|developers?|programmers?|hackers?|swes?|sde|devs?|designers?|scientists?|"
    r"managers?|analysts?|architects?|leads?|sre|devops|administrators?|admins?|researchers?|"
    r"recruiters?|marketers?|writers?|interns?|representatives?|specialists?|consultants?|"
    r"directors?|head of|vp|cto|technicians?|positions?|roles?)\b",
    re.IGNORECASE,
)
_SERVER_STACK = re.compile(
    r"\b(python|django|flask|fastapi|java|spring|golang|ruby|rails|php|laravel|scala|elixir|"
    r"erlang|node\.?js|node|express|c#|\.net|kotlin|rust|clojure|haskell|postgres(ql)?|mysql|"
    r"mongodb|redis|kafka|sql|microservices|backend|back-end|server|api)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\+|\bor\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    title: str
    backend: bool | None


def header_fields(text: str) -> list[str]:
    """Fields of an HN header line (``A | B | C``); empty when the first line has no separators."""
    line = first_line(text)
    for sep in ("|", " - ", " — ", " – ", "•"):
        if line.count(sep) >= 1 and (sep == "|" or line.count(sep) >= 2):
            return [f.strip() for f in line.split(sep) if f.strip()]
    return []


def find_roles(text: str, title: str | None = None) -> list[Role]:
    """Roles named in a posting's title, header line or first paragraph, each classified."""
    server_stack = bool(_SERVER_STACK.search(text))
    candidates: list[str] = []
    if title:
        # A job board's title is the role, whatever words it uses.
        decided = classify_role(title, server_stack)
        if decided is None and not _TECH_WORD.search(title):
            decided = False  # "Account Executive", "Legal Counsel", "CNC Operator"
        return [Role(title.strip(), decided)]
    else:
        fields = header_fields(text)
        candidates.extend(f for f in fields if _JOB_WORD.search(f) and len(f) <= 200)
        if not candidates:
            # No header: take the first few role phrases of the opening text.
            phrases = _role_phrases(text[:1500])
            candidates.extend(list(dict.fromkeys(phrases))[:4])
    roles = []
    for field in candidates:
        for part in _parts(field):
            if _JOB_WORD.search(part) or _BACKEND.search(part):
                roles.append(Role(part, classify_role(part, server_stack)))
    if roles and all(r.backend is None for r in roles):
        # "Software Engineer" alone cannot tell; the body often says which kind
        # ("we're looking for a full-stack engineer"). Only decided phrases are added.
        body = text.split("\n", 1)[1] if "\n" in text else ""
        seen = {r.title.lower() for r in roles}
        for phrase in _role_phrases(body[:3000]):
            phrase = phrase.strip()
            decided = classify_role(phrase, server_stack)
            if decided is not None and phrase.lower() not in seen:
                seen.add(phrase.lower())
                roles.append(Role(phrase, decided))
    return roles


def _parts(field: str) -> Iterable[str]:
    parts = [p for p in _SPLIT.split(field) if p and p.strip()]
    # "Backend and Frontend Engineers": the job word sits on the last part; share it.
    if len(parts) > 1:
        tail = _JOB_WORD.search(parts[-1])
        if tail:
            parts = [p if _JOB_WORD.search(p) else f"{p} {tail.group(0)}" for p in parts]
    return parts


_JOB_NOUN = re.compile(
    r"\b(?:engineers?|developers?|programmers?|designers?|scientists?|sres?|devops)\b",
    re.IGNORECASE,
)
_UP_TO_3_WORDS = re.compile(r"(?:[A-Za-z][\w+#.-]*[ \t]+){0,3}$")


def _role_phrases(text: str) -> list[str]:
    """A job noun with up to three words before it: "Senior Backend Engineer",
    "looking for developers". Finds the nouns first, then looks back: fast on long texts."""
    phrases = []
    for m in _JOB_NOUN.finditer(text):
        before = _UP_TO_3_WORDS.search(text, max(0, m.start() - 80), m.start())
        phrases.append((before.group(0) if before else "") + m.group(0))
    return phrases


def classify_role(title: str, server_stack: bool) -> bool | None:
    """True for a backend role, False for another job, None when the title cannot tell."""
    if _OTHER_WORK.search(title):
        return False  # "Web Development Instructor", "AWS Cloud Engineer"
    if _BACKEND.search(title):
        return True
    if _NOT_BACKEND.search(title):
        return False
    if _GENERALIST.search(title):
        return True if server_stack else None
    return None


def is_backend(roles: list[Role], text: str = "") -> bool | None:
    """A posting is backend if any role is; not backend if every role is known to be other work,
    or if the text is no job ad at all (a question, a test, a "seeking work" post)."""
    if text and _SEEKING_WORK.search(text[:300]):
        return False
    if any(r.backend for r in roles):
        return True
    if roles and all(r.backend is False for r in roles):
        return False
    if text and (_SEEKING_WORK.search(text[:300]) or not _JOB_AD.search(text)):
        return False
    return None


# Jobs that use backend words but are other work: teaching it, or running infrastructure.
_OTHER_WORK = re.compile(
    r"\b(instructors?|teachers?|teaching|mentors?|tutors?|trainers?|cloud engineers?|"
    r"devops engineers?|site reliability|sres?|support engineers?)\b",
    re.IGNORECASE,
)

# Words any software role's title carries; a board title without one is not an engineering job.
_TECH_WORD = re.compile(
    r"(engineer|developer|programmer|software|\bswe\b|\bsde\b|architect|technical staff|"
    r"entwickler|informatiker|\bdev\b|\bdevops\b|\bsre\b|hacker|coder|\bcto\b|technolog)",
    re.IGNORECASE,
)
_JOB_AD = re.compile(
    r"\b(hiring|hire|looking for|join|position|positions|roles?|engineers?|developers?|jobs?|"
    r"apply|salary|remote|onsite|full[\s-]?time|part[\s-]?time|contract|intern(ship)?s?|"
    r"careers?|team)\b",
    re.IGNORECASE,
)
_SEEKING_WORK = re.compile(
    r"\b(seeking work|looking for (a )?(job|work|opportunit))", re.IGNORECASE
)
