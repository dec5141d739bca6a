"""Parse the header line of an HN "Who is hiring?" posting, and seniority out of job titles.

HN posters open with one line of fields. Since about 2015 most write
``Company | Role(s) | Location | REMOTE | Salary | ...``; earlier lines use dashes
(``Company - Location - Full-time``), and the order varies. ``parse_header(text)`` reads only
that first line and returns a ``Header``: company, roles (each with a seniority), locations,
remote, salary and visa, each ``None`` or empty when the line does not say. It never raises.

Fields are told apart by what they contain, not by where they stand. Remote/onsite, visa,
employment-type words, salaries and links are read wherever they are and blanked out first; of
what is left, a field naming a job ("Backend Engineers") is a role field, one naming only known
places ("Austin, TX", "Berlin / NYC", "(UK/EU/US)") a location field, and the first other field
the company. ``remote`` is ``True`` when fully remote work is offered ("REMOTE", "Remote (US)",
"Onsite or Remote"), ``False`` for onsite only ("ONSITE", "no remote", "relocation provided") and
``None`` when the line does not say or offers hybrid work only.

Salaries are read when a number comes with a currency, a "k" or a salary word in its field:
``$150k-$200k``, ``€80-100k``, ``120,000 - 160,000 USD``, ``$70/hr``, ``Salary: 120K-150K``. The
period is the one written ("/hr", "per month"), else ``year`` for amounts from 10,000; a bare
``$`` is read as USD. Funding ("$20M Series A"), equity percentages and budgets are not salaries.

Speed matters (every posting passes here): the line is cut at ``MAX_LINE`` characters, searched
in lower case with patterns that start on literal words (so the regex engine can skip ahead),
each pattern once per line, and places are found with one Aho-Corasick pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick_rs

from transform.text import first_line

SENIORITIES = (
    "intern",
    "junior",
    "mid",
    "senior",
    "staff",
    "principal",
    "lead",
    "manager",
    "director",
    "executive",
)
PERIODS = ("year", "month", "week", "day", "hour")
MAX_LINE = 400  # a longer first line is prose; its head still holds the fields


@dataclass(frozen=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None  # ISO 4217 code, or None when the line gives none
    period: str | None  # one of PERIODS
    text: str  # as written, e.g. "$150k-$200k"


@dataclass(frozen=True)
class HeaderRole:
    title: str
    seniority: str | None


@dataclass(frozen=True)
class Header:
    line: str
    fields: tuple[str, ...] = ()
    company: str | None = None
    roles: tuple[HeaderRole, ...] = ()
    locations: tuple[str, ...] = ()
    remote: bool | None = None
    salary: Salary | None = None
    visa: bool | None = None


def _lower(text: str) -> str:
    """Lower case with every offset kept (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


_WORD = re.compile(r"[a-z0-9]+")

# --------------------------------------------------------------------------- seniority

_INTERN = frozenset({"intern", "interns", "internship", "internships", "coop", "werkstudent",
                     "werkstudentin", "praktikant", "praktikantin", "praktikum"})  # fmt: skip
_EXECUTIVE = frozenset({"cto", "ceo", "cio", "ciso", "coo", "cpo", "vp", "svp", "evp", "chief"})
_DIRECTOR = frozenset({"director", "directors"})
_MANAGER = frozenset({"manager", "managers", "management"})
# "Product Manager" names a job, not a management level.
_NOT_MANAGING = frozenset({
    "product", "project", "program", "programme", "account", "marketing", "community",
    "office", "sales", "success", "partner", "content", "brand", "operations", "category",
    "media", "channel", "release", "delivery", "campaign", "social", "case", "property",
})  # fmt: skip
_PRINCIPAL = frozenset({"principal", "distinguished", "fellow"})
_LEAD = frozenset({"lead", "leads", "techlead", "teamlead"})
_SENIOR = frozenset({"senior", "sr", "snr", "seniors"})
_MID = frozenset({"mid", "intermediate", "medior", "midlevel"})
_JUNIOR = frozenset({"junior", "jr", "juniors", "graduate", "graduates", "trainee", "trainees",
                     "apprentice", "apprentices", "entrylevel"})  # fmt: skip
_LEVEL_NUMERALS = {"i": "junior", "ii": "mid", "iii": "senior", "iv": "staff"}


def seniority(title: str) -> str | None:
    """The seniority a job title states: one of ``SENIORITIES``, or ``None`` when it states none.

    The most specific word wins: "Senior Engineering Manager" is ``manager``, "Senior Staff
    Engineer" ``staff``, "Senior Tech Lead" ``lead``, "Software Engineer II" ``mid``;
    ``seniority("Software Engineer") is None``."""
    words = _words(title)
    if not words:
        return None
    found = set(words)
    if "co" in found and "op" in found:
        found.add("coop")
    for i, word in enumerate(words[:-1]):
        after = words[i + 1]
        if word in ("entry", "mid") and after == "level":
            found.add(word + "level")
        elif word == "new" and after in ("grad", "grads", "graduate", "graduates"):
            found.add("graduate")
        elif word == "head" and after == "of":
            found.add("director")
        elif word == "vice" and after == "president":
            found.add("vp")
    if found & _INTERN:
        return "intern"
    if found & _EXECUTIVE:
        return "executive"
    if found & _DIRECTOR:
        return "director"
    for i, word in enumerate(words):
        if word in _MANAGER and not (i and words[i - 1] in _NOT_MANAGING):
            return "manager"
    if found & _PRINCIPAL:
        return "principal"
    if "staff" in found and not found & {"augmentation", "accountant"}:
        return "staff"
    if found & _LEAD:
        return "lead"
    if found & _SENIOR:
        return "senior"
    if found & _MID:
        return "mid"
    if found & _JUNIOR:
        return "junior"
    return _LEVEL_NUMERALS.get(words[-1]) if len(words) > 1 else None


# --------------------------------------------------------------------------- salary

_SYMBOLS = {
    "us$": "USD", "usd$": "USD", "$": "USD", "ca$": "CAD", "c$": "CAD", "cad$": "CAD",
    "au$": "AUD", "a$": "AUD", "nz$": "NZD", "s$": "SGD", "sg$": "SGD", "hk$": "HKD",
    "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "zł": "PLN", "₪": "ILS",
    "kr": "SEK",
}  # fmt: skip
_CODES = (
    "usd|eur|gbp|cad|aud|nzd|chf|sek|nok|dkk|pln|czk|huf|ron|inr|jpy|sgd|hkd|brl|mxn|ils|"
    "zar|try|uah|cny|krw|aed"
)
_SYMBOL = r"us\$|usd\$|ca\$|cad\$|c\$|au\$|a\$|nz\$|sg\$|s\$|hk\$|r\$|\$|€|£|¥|₹|₪"
# A currency written before the number, read backwards from the number's first digit.
_CURRENCY_BEFORE = re.compile(rf"(?<![a-z])(?:{_SYMBOL}|(?:{_CODES})\s?)\s?$")
_NUM = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_CURRENCY_AFTER = rf"\s?(?:{_CODES}|zł|€|£|\$|kr)(?![a-z])"
# The salary from its first digit on: "150k-$200k/yr", "80-100k", "120,000 - 160,000 usd".
_SALARY_BODY = re.compile(
    rf"(?P<anum>{_NUM})(?P<ak>\s?(?:k|thousand)(?![a-z]))?(?P<acur2>{_CURRENCY_AFTER})?"
    rf"(?:\s*(?:-|–|—|~|to)\s*(?P<bcur>{_SYMBOL}|(?:{_CODES})\s?)?\s?(?P<bnum>{_NUM})"
    rf"(?P<bk>\s?(?:k|thousand)(?![a-z]))?(?P<bcur2>{_CURRENCY_AFTER})?)?(?P<plus>\+)?"
    r"(?:\s*(?:/|per\s+|an?\s+|each\s+)\s*(?P<per>hour|hr|h|year|yr|y|annum|month|mo|week|wk|"
    r"day|d)(?![a-z])\.?|\s*(?P<perw>hourly|annually|annual|yearly|monthly|weekly|daily|p\.a\.|"
    r"pa|p/a)(?![a-z]))?"
)
_NUMBER_START = re.compile(r"\d+")
_UP_TO = re.compile(r"(?:up\s*to|upto|max\.?|maximum|to)\s*$")
_FROM = re.compile(r"(?:from|min\.?|minimum|starting\s+(?:at|from)|at\s+least|over)\s*$")
# Money that is no salary: funding, revenue, equity, budgets, bonuses, head counts.
_NOT_SALARY_AFTER = re.compile(
    r"\s*(?:m(?![a-z])|mm(?![a-z])|mn|mil|million|b(?![a-z])|bn|billion|%|\+?\s*(?:employees|"
    r"users|customers|people|members|companies|downloads|engineers|devs|stars|clients|"
    r"countries|cities|years?|yrs?|months?|hours?|\w+\s+(?:employees|users|customers))|"
    r"(?:\s*[\w-]+){0,2}\s+(?:budget|stipend|bonus|allowance|credit|reward|referral|grant|"
    r"raised|funding|revenue|arr|signing|relocation|equipment|learning|education|conference|"
    r"valuation|seed|series|round|investment|prize|fund|gift|home\s+office|wellness|per\s+"
    r"employee))"
)
_NOT_SALARY_BEFORE = re.compile(
    r"(?:raised|raising|funding|funded|series\s+[a-e]|seed|revenue|arr|valuation|valued\s+at|"
    r"bonus|budget|stipend|invested|investment|backed|round|grant|mrr|gmv|over|processed|"
    r"processing|managing|manage)\W*(?:[\w$€£]+\W+){0,2}$"
)
_SALARY_WORDS = frozenset({
    "salary", "salaries", "comp", "compensation", "pay", "base", "ote", "tc", "wage", "wages",
    "rate", "range", "gehalt", "brutto", "equity", "dollars", "euros", "annually", "annual",
})  # fmt: skip
_PERIOD_NAMES = {
    "hour": "hour", "hr": "hour", "h": "hour", "hourly": "hour",
    "year": "year", "yr": "year", "y": "year", "annum": "year", "annually": "year",
    "annual": "year", "yearly": "year", "p.a.": "year", "pa": "year", "p/a": "year",
    "month": "month", "mo": "month", "monthly": "month",
    "week": "week", "wk": "week", "weekly": "week",
    "day": "day", "d": "day", "daily": "day",
}  # fmt: skip
# Plausible amounts per period, in the currency's unit; wide, they only weed out non-salaries.
_BOUNDS = {
    "year": (8_000, 100_000_000),
    "month": (300, 10_000_000),
    "week": (100, 1_000_000),
    "day": (50, 500_000),
    "hour": (5, 100_000),
}
_THOUSANDS = re.compile(r"\d{1,3}(?:[,.]\d{3})+")


def _number(raw: str) -> float:
    digits = raw.replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if _THOUSANDS.fullmatch(digits):
        return float(digits.replace(",", "").replace(".", ""))
    return float(digits.replace(",", ""))


def _currency(symbol: str | None) -> str | None:
    if not symbol:
        return None
    symbol = symbol.strip()
    return _SYMBOLS.get(symbol) or symbol.upper()


def parse_salary(text: str) -> Salary | None:
    """The first salary in ``text`` (a header field or line), or ``None``.

    ``parse_salary("$150k-$200k + equity")`` gives ``Salary(150000, 200000, "USD", "year",
    "$150k-$200k")``. A single amount sets both ends; "up to" only the maximum, "from" and a
    trailing "+" only the minimum."""
    low = _lower(text)
    if not _DIGIT.search(low):
        return None
    keyword = not _SALARY_WORDS.isdisjoint(_WORD.findall(low)) or "per year" in low
    for digits in _NUMBER_START.finditer(low):
        start = digits.start()
        if start and (low[start - 1].isalnum() or low[start - 1] in ".,#%/=?&_"):
            continue  # inside "s13", "v2.1", "#5", "/articles/895695"
        found = _salary_at(text, low, start, keyword)
        if found:
            return found
    return None


def _salary_at(text: str, low: str, start: int, keyword: bool) -> Salary | None:
    m = _SALARY_BODY.match(low, start)
    if not m:
        return None
    before = _CURRENCY_BEFORE.search(low, max(0, start - 7), start)
    begin = before.start() if before else start
    currency = _currency(
        (before.group(0) if before else None)
        or m.group("bcur")
        or m.group("acur2")
        or m.group("bcur2")
    )
    k_a, k_b = bool(m.group("ak")), bool(m.group("bk"))
    if not (currency or k_a or k_b or keyword):
        return None
    end = m.end()
    if _NOT_SALARY_AFTER.match(low, end) or _NOT_SALARY_BEFORE.search(
        low, max(0, begin - 40), begin
    ):
        return None
    a_num, b_num = m.group("anum"), m.group("bnum")
    if not (currency or k_a) and len(a_num) == 4 and a_num[:2] in ("19", "20"):
        return None  # a year: "founded 2012", "2015-2018"
    low_amount = _number(a_num) * (1000 if k_a else 1)
    high = _number(b_num) * (1000 if k_b else 1) if b_num else None
    if high is not None and k_b and not k_a and low_amount < 1000 <= high:
        low_amount *= 1000  # "€80-100k": the k belongs to both ends
    if high is not None and high < low_amount:
        return None  # "10-5": a date, a score, hours, not a range
    word = m.group("per") or m.group("perw")
    period = _PERIOD_NAMES.get(word) if word else None
    if period is None:
        if max(low_amount, high or 0) < 10_000:
            return None  # "$70" alone: a price, a fee, a count
        period = "year"
    lo_bound, hi_bound = _BOUNDS[period]
    if not all(lo_bound <= v <= hi_bound for v in (low_amount, high) if v is not None):
        return None
    raw = text[begin:end].strip()
    minimum: float | None = low_amount
    maximum: float | None = high
    if high is None:
        if _UP_TO.search(low, max(0, begin - 12), begin):
            minimum, maximum = None, low_amount
        elif m.group("plus") or _FROM.search(low, max(0, begin - 14), begin):
            maximum = None
        else:
            maximum = low_amount
    return Salary(minimum, maximum, currency, period, raw)


# --------------------------------------------------------------------------- cues

# Every cue starts on one of these words or phrases, found all at once with Aho-Corasick; the
# regexes below only extend or negate a cue where it was found.
_JOB_NOUNS = (
    "engineer", "eng", "developer", "programmer", "hacker", "swe", "sde", "dev", "scientist",
    "designer", "architect", "analyst", "sre", "devops", "administrator", "sysadmin", "admin",
    "researcher", "recruiter", "marketer", "writer", "intern", "internship", "representative",
    "specialist", "consultant", "director", "vp", "cto", "ceo", "coo", "cfo", "technician",
    "manager", "lead", "coder", "officer", "executive", "strategist", "producer", "accountant",
    "coordinator", "generalist", "artist", "animator", "editor", "mathematician", "physicist",
    "operator", "tester", "trainer", "teacher", "instructor", "nurse", "physician", "counsel",
    "attorney", "advocate", "evangelist", "founder", "cofounder", "co-founder", "head of",
    "owner", "ninja", "rockstar", "guru", "technologist", "statistician", "economist", "linguist",
)  # fmt: skip
_EMPLOYMENT = (
    "full time", "full-time", "fulltime", "part time", "part-time", "parttime",
    "permanent", "perm", "contract", "contracts", "contractor", "contractors",
    "contract-to-hire", "contract to hire", "freelance", "freelancer", "temporary",
    "seasonal", "f/t", "p/t", "ft", "pt", "w2", "1099", "b2b", "employee", "employees",
    "salaried", "fte", "full-time employee",
)  # fmt: skip
_REMOTE = (
    "remote", "remotely", "telecommute", "telecommuting", "telecommuters", "work from home",
    "wfh", "anywhere", "distributed team", "distributed company", "remote-first",
    "remote-friendly", "remote-ok",
)  # fmt: skip
_HYBRID = (
    "hybrid", "partial remote", "partially remote", "part remote", "part-remote",
    "semi-remote", "semi remote", "some remote", "occasional remote", "occasionally remote",
    "flexible remote", "remote-hybrid", "flexible wfh", "partial wfh", "some wfh",
)  # fmt: skip
_ONSITE = (
    "onsite", "on-site", "on site", "in-office", "in office", "in person", "in-person",
    "on premises", "on-premises", "in-house", "office based", "office-based", "relocate",
    "relocation", "relocating", "local", "locals", "no remote", "not remote", "non-remote",
    "non remote",
)  # fmt: skip
_VISA = (
    "visa", "visas", "h1b", "h1-b", "h-1b", "h-1-b", "h1bs", "h1b's", "sponsor", "sponsors",
    "sponsorship", "sponsoring", "visa sponsorship",
)  # fmt: skip
_NO_VISA = (
    "citizen", "citizens", "citizenship", "authorized to work", "authorised to work",
    "authorization to work", "authorisation to work", "work authorization",
    "work authorisation", "security clearance", "clearance", "green card",
)  # fmt: skip
_CUES: dict[str, str] = {
    **{w: "job" for n in _JOB_NOUNS for w in (n, n + "s")},
    **dict.fromkeys(_EMPLOYMENT, "employment"),
    **dict.fromkeys(_REMOTE, "remote"),
    **dict.fromkeys(_HYBRID, "hybrid"),
    **dict.fromkeys(_ONSITE, "onsite"),
    **dict.fromkeys(_VISA, "visa"),
    **dict.fromkeys(_NO_VISA, "visa_no"),
}
_CUE_WORDS = tuple(_CUES)
_CUE_FINDER = ahocorasick_rs.AhoCorasick(
    list(_CUE_WORDS), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
)
_NEGATION_BEFORE = re.compile(
    r"(?:no|not|non|cannot|can['’]?t|can\s+not|unable\s+to|without|won['’]?t|will\s+not|do\s+not|"
    r"does\s+not|don['’]?t|doesn['’]?t|never)[\s-]+(?:[a-z]+\s+){0,2}$"
)
_NEGATION_AFTER = re.compile(
    r"\s*(?::\s*no|\s+no(?!\s+matter)|\s+(?:is\s+)?not\s+(?:possible|available|an\s+option|ok|"
    r"offered|provided)|"
    r"\s+n/?a)(?![a-z])"
)
_QUALIFIERS = re.compile(
    r"(?:[\s-]+(?:ok|okay|possible|friendly|considered|available|allowed|welcome|option|first|"
    r"only|work|position|role|optional|too|also|ish|eligible|negotiable|required|provided|"
    r"assistance|offered|package|paid|support|help|bonus|sponsorship|transfers?|candidates))*"
)
# Remote only for a while ("Onsite (temporarily remote)", "remote during COVID") is no offer.
_FOR_NOW_BEFORE = re.compile(r"(?:temporarily|temporary|currently|initially|for\s+now)[\s-]+$")
_FOR_NOW_AFTER = re.compile(
    r"[\s-]*(?:\(?\s*(?:temporarily|for\s+now|during|until|now|due\s+to|while|initially|"
    r"at\s+first|through)|[^)|]{0,15}(?:covid|pandemic|coronavirus))"
)
_REMOTE_DAYS = re.compile(r"\s+(?:\d|one|two|three|four)\s+days?(?![a-z])")
_LOCAL_ONLY = re.compile(r"\s+(?:only|candidates)(?![a-z])")
_US_BEFORE = re.compile(r"(?:u\.?s\.?a?\.?|american|eu|uk)\s+$")
# Words left in a field once its cues are gone that say nothing ("Fully", "100%", "or").
_FILLER = frozenset({
    "100", "fully", "full", "all", "totally", "completely", "mostly", "and", "or", "also",
    "with", "within", "in", "at", "the", "a", "an", "of", "to", "possible", "ok", "okay",
    "only", "friendly", "preferred", "required", "welcome", "available", "position",
    "positions", "role", "roles", "job", "jobs", "opening", "openings", "hiring", "time",
    "zone", "zones", "timezone", "timezones", "tz", "hours", "based", "us-based", "worldwide",
    "global", "globally", "from", "for", "near", "area", "areas", "office", "offices", "hq",
    "metro", "greater", "region", "we", "are", "is", "our", "both", "either", "etc", "usd",
    "team", "teams", "days", "day", "week", "per", "plus", "some", "flexible", "flex",
    "option", "options", "candidates", "considered", "must", "be", "nbsp", "suburbs",
    "downtown", "services", "city", "center", "centre", "close", "headquarters", "lots",
    "location", "locations", "where", "but", "yes", "no", "maybe", "then", "later", "now",
})  # fmt: skip


@dataclass
class _Cues:
    remote: bool = False
    hybrid: bool = False
    onsite: bool = False
    visa: bool | None = None
    jobs: list[int] = field(default_factory=list)  # offsets of job nouns


def _read_cues(low: str, mask: Callable[[int, int], None]) -> _Cues:
    """Remote, onsite, visa and employment cues of a lower-cased line, each blanked out with
    ``mask`` once read; job nouns are only noted."""
    cues = _Cues()
    for index, start, end in _CUE_FINDER.find_matches_as_indexes(low):
        if (start and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue
        kind = _CUES[_CUE_WORDS[index]]
        if kind == "job":
            cues.jobs.append(start)
            continue
        if kind == "employment":
            mask(start, end)
            continue
        tail = _QUALIFIERS.match(low, end).end()  # type: ignore[union-attr]
        if kind in ("remote", "visa"):
            negated = _NEGATION_BEFORE.search(low, max(0, start - 24), start)
            after = _NEGATION_AFTER.match(low, end)
            if negated or after:
                if kind == "remote":
                    cues.onsite = True
                else:
                    cues.visa = False
                mask(negated.start() if negated else start, after.end() if after else tail)
                continue
        if kind == "remote":
            days = _REMOTE_DAYS.match(low, end)
            if days:
                cues.hybrid = True
                tail = days.end()
            elif _FOR_NOW_BEFORE.search(low, max(0, start - 14), start):
                pass  # "temporarily remote": onsite later
            elif not _FOR_NOW_AFTER.match(low, end):
                cues.remote = True
        elif kind == "hybrid":
            cues.hybrid = True
        elif kind == "onsite":
            word = low[start:end]
            if word.startswith("local") and not _LOCAL_ONLY.match(low, end):
                continue  # "local" alone: a local business, local news
            cues.onsite = True
        elif kind == "visa":
            cues.visa = True if cues.visa is None else cues.visa
        else:  # visa_no: "US citizens only", "must be authorized to work"
            cues.visa = False
            us = _US_BEFORE.search(low, max(0, start - 8), start)
            start = us.start() if us else start
        mask(start, tail)
    return cues


# --------------------------------------------------------------------------- places

_US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
_PROVINCES = {
    "BC": "British Columbia", "AB": "Alberta", "ON": "Ontario", "QC": "Quebec",
    "MB": "Manitoba", "SK": "Saskatchewan", "NS": "Nova Scotia", "NB": "New Brunswick",
    "NL": "Newfoundland", "PE": "Prince Edward Island",
}  # fmt: skip
_COUNTRIES = (
    "United States|United States of America|America|Canada|Mexico|Brazil|Argentina|Chile|"
    "Colombia|Peru|Uruguay|Costa Rica|Puerto Rico|United Kingdom|Great Britain|England|Scotland|"
    "Wales|Ireland|Northern Ireland|Germany|France|Spain|Portugal|Italy|Netherlands|"
    "The Netherlands|Holland|Belgium|Luxembourg|Switzerland|Austria|Denmark|Sweden|Norway|"
    "Finland|Iceland|Estonia|Latvia|Lithuania|Poland|Czech Republic|Czechia|Slovakia|Hungary|"
    "Romania|Bulgaria|Serbia|Croatia|Slovenia|Greece|Cyprus|Malta|Ukraine|Belarus|Russia|"
    "Turkey|Israel|Egypt|Morocco|Tunisia|Nigeria|Ghana|Kenya|Rwanda|Uganda|Ethiopia|"
    "South Africa|UAE|United Arab Emirates|Dubai|Saudi Arabia|Qatar|Jordan|Lebanon|Pakistan|"
    "India|Sri Lanka|Bangladesh|Nepal|China|Hong Kong|Taiwan|Japan|South Korea|Korea|"
    "Singapore|Malaysia|Indonesia|Thailand|Vietnam|Philippines|Australia|New Zealand|"
    "Armenia|Georgia|Kazakhstan|Moldova|Bosnia|North Macedonia|Albania|Montenegro|Venezuela|"
    "Ecuador|Bolivia|Paraguay|Guatemala|Panama|Dominican Republic|Jamaica|Cayman Islands|"
    "Honduras|El Salvador|Nicaragua|Cuba|Haiti|Bahamas|Barbados|Trinidad and Tobago|Senegal|"
    "Togo|Benin|Cameroon|Ivory Coast|Tanzania|Zambia|Zimbabwe|Botswana|Namibia|Mozambique|"
    "Madagascar|Mauritius|Algeria|Libya|Sudan|Iraq|Iran|Kuwait|Bahrain|Oman|Azerbaijan|"
    "Uzbekistan|Kyrgyzstan|Mongolia|Myanmar|Cambodia|Laos|Brunei|Fiji|Liechtenstein|Monaco|"
    "Andorra|Kosovo|Faroe Islands|Greenland|Bermuda"
)
_REGIONS = (
    "Bay Area|SF Bay Area|San Francisco Bay Area|Silicon Valley|East Bay|South Bay|"
    "Europe|European Union|Western Europe|Eastern Europe|Central Europe|Northern Europe|"
    "Southern Europe|Nordics|Scandinavia|Benelux|DACH|EMEA|Americas|North America|"
    "South America|Latin America|Central America|LatAm|APAC|Asia|Asia Pacific|Southeast Asia|"
    "Middle East|Africa|Oceania|Worldwide|Pacific Northwest|New England|Midwest|"
    "East Coast|West Coast|Tri-State|Research Triangle|Tristate|Southern California|"
    "Northern California|SoCal|NorCal|Greater London"
)
_CITIES = (
    # North America
    "New York|New York City|Manhattan|Brooklyn|Queens|San Francisco|Oakland|Berkeley|"
    "Emeryville|San Jose|Palo Alto|Mountain View|Menlo Park|Sunnyvale|Santa Clara|Cupertino|"
    "Redwood City|Redwood Shores|San Mateo|Burlingame|Foster City|South San Francisco|"
    "Los Gatos|Los Altos|Milpitas|Fremont|Pleasanton|Walnut Creek|Los Angeles|Santa Monica|Venice|Culver City|"
    "Pasadena|Irvine|Orange County|San Diego|Sacramento|Santa Barbara|Seattle|Bellevue|"
    "Redmond|Kirkland|Tacoma|Portland|Boise|Salt Lake City|Lehi|Provo|Denver|Boulder|"
    "Fort Collins|Colorado Springs|Phoenix|Scottsdale|Tempe|Tucson|Las Vegas|Reno|"
    "Albuquerque|Austin|Dallas|Houston|San Antonio|Fort Worth|Plano|Chicago|Evanston|"
    "Minneapolis|St. Paul|Saint Paul|Madison|Milwaukee|Detroit|Ann Arbor|Grand Rapids|"
    "Columbus|Cleveland|Cincinnati|Pittsburgh|Philadelphia|Philly|Indianapolis|St. Louis|"
    "Saint Louis|Kansas City|Omaha|Lincoln|Des Moines|Nashville|Memphis|Louisville|Atlanta|"
    "Miami|Fort Lauderdale|Tampa|Orlando|Jacksonville|Charlotte|Raleigh|Durham|Chapel Hill|"
    "Boston|Cambridge|Somerville|Waltham|Providence|New Haven|Stamford|Hartford|Baltimore|"
    "Washington DC|Washington D.C.|Washington|Arlington|Reston|Alexandria|Bethesda|"
    "Richmond|Charlottesville|Hoboken|Jersey City|Newark|Princeton|Long Island|Buffalo|"
    "Rochester|Albany|Ithaca|Burlington|Portland|Honolulu|Anchorage|Toronto|Montreal|"
    "Montréal|Vancouver|Victoria|Ottawa|Calgary|Edmonton|Waterloo|Kitchener|Halifax|"
    "Winnipeg|Quebec City|Mexico City|Guadalajara|Monterrey|"
    # Europe
    "London|Manchester|Edinburgh|Glasgow|Bristol|Oxford|Leeds|Birmingham|Brighton|Belfast|"
    "Dublin|Cork|Galway|Paris|Lyon|Marseille|Toulouse|Nantes|Lille|Bordeaux|Grenoble|"
    "Berlin|Munich|München|Hamburg|Frankfurt|Cologne|Köln|Düsseldorf|Stuttgart|Leipzig|"
    "Dresden|Karlsruhe|Heidelberg|Hannover|Nuremberg|Nürnberg|Bonn|Potsdam|Amsterdam|"
    "Rotterdam|Utrecht|The Hague|Eindhoven|Delft|Groningen|Brussels|Antwerp|Ghent|Zurich|"
    "Zürich|Geneva|Lausanne|Basel|Bern|Zug|Vienna|Wien|Graz|Linz|Copenhagen|Aarhus|"
    "Stockholm|Gothenburg|Göteborg|Malmö|Malmo|Uppsala|Oslo|Bergen|Trondheim|Helsinki|"
    "Tampere|Espoo|Reykjavik|Tallinn|Tartu|Riga|Vilnius|Warsaw|Krakow|Kraków|Wroclaw|"
    "Wrocław|Gdansk|Gdańsk|Poznan|Poznań|Lodz|Łódź|Prague|Brno|Bratislava|Budapest|"
    "Bucharest|Cluj|Cluj-Napoca|Iasi|Sofia|Belgrade|Novi Sad|Zagreb|Ljubljana|Athens|"
    "Thessaloniki|Lisbon|Porto|Madrid|Barcelona|Valencia|Seville|Malaga|Málaga|Bilbao|"
    "Milan|Milano|Rome|Turin|Bologna|Florence|Kyiv|Kiev|Lviv|Kharkiv|Odessa|Minsk|Moscow|"
    "St. Petersburg|Saint Petersburg|Istanbul|Ankara|Luxembourg City|Limassol|Nicosia|"
    # Elsewhere
    "Tel Aviv|Jerusalem|Haifa|Herzliya|Dubai|Abu Dhabi|Cairo|Lagos|Nairobi|Accra|Kigali|"
    "Cape Town|Johannesburg|Bangalore|Bengaluru|Mumbai|Delhi|New Delhi|Gurgaon|Gurugram|"
    "Noida|Hyderabad|Pune|Chennai|Kolkata|Ahmedabad|Karachi|Lahore|Islamabad|Colombo|Dhaka|"
    "Singapore|Hong Kong|Shanghai|Beijing|Shenzhen|Hangzhou|Guangzhou|Taipei|Tokyo|Osaka|"
    "Kyoto|Fukuoka|Seoul|Manila|Cebu|Bangkok|Chiang Mai|Ho Chi Minh City|Saigon|Hanoi|"
    "Jakarta|Bali|Kuala Lumpur|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Auckland|"
    "Wellington|Christchurch|Sao Paulo|São Paulo|Rio de Janeiro|Belo Horizonte|"
    "Florianopolis|Florianópolis|Buenos Aires|Santiago|Bogota|Bogotá|Medellin|Medellín|"
    "Lima|Montevideo|San Juan"
)
_STATE_NAMES = (*_US_STATES.values(), *_PROVINCES.values())
_KINDS: dict[str, str] = {}
for _name in _CITIES.split("|"):
    _KINDS[_name.lower()] = "city"
for _name in (*_COUNTRIES.split("|"), *_STATE_NAMES, "u.s.", "u.s.a.", "u.k."):
    _KINDS[_name.lower()] = "area"
for _name in _REGIONS.split("|"):
    _KINDS[_name.lower()] = "region"
_KINDS["d.c."] = _KINDS["washington d.c."] = "city"
_PLACE_NAMES = tuple(_KINDS)
_PLACE_FINDER = ahocorasick_rs.AhoCorasick(list(_PLACE_NAMES))
_CODE_KINDS = {
    **dict.fromkeys(("NYC", "NY", "SF", "SFO", "LA", "DC", "ATL", "SV", "BOS", "PDX", "SEA",
                     "CHI", "RTP", "LDN", "BLR"), "city"),
    **dict.fromkeys(("US", "USA", "UK", "UAE", "NL", "DE", "CH", "NZ"), "area"),
    **dict.fromkeys(("EU", "ANZ", "EMEA", "APAC", "LATAM", "CET", "CEST", "EST", "PST", "GMT",
                     "UTC", "CST", "MST", "EDT", "PDT", "BST", "IST"), "tz"),
}  # fmt: skip
_CODE_KINDS.update({"EU": "region", "EMEA": "region", "APAC": "region", "LATAM": "region",
                    "ANZ": "region"})  # fmt: skip
_STATES_AND_PROVINCES = frozenset({*_US_STATES, *_PROVINCES})
# Upper-case codes, matched in their case only ("US", not "us"; "LA", not "la").
_CODES_LIST = tuple(sorted({*_CODE_KINDS, *_STATES_AND_PROVINCES}))
_CODE_FINDER = ahocorasick_rs.AhoCorasick(
    list(_CODES_LIST), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
)
# "Conshohocken, PA", "Redwood City CA": one to three capitalised words before a state code,
# matched on the reversed text before the code (an anchored match, not a search).
_CITY_BEFORE_REVERSED = re.compile(r"\s+,?(?:[a-zà-ÿ.'’-]+[A-Z][ -]){0,2}[a-zà-ÿ.'’-]+[A-Z]")
_QUALIFIER_GAP = re.compile(r",?\s*")
# "Kaiserslautern Germany", "Lomé, Togo": an unknown town written just before its country.
_TOWN_BEFORE = re.compile(
    r"(?:^|(?<=[\s(/]))([A-Z][a-zà-ÿ'’-]{2,}(?: [A-Z][a-zà-ÿ'’-]{2,})?),?\s+$"
)


class _Place(NamedTuple):  # a tuple: made by the thousand, and cheaper than a dataclass
    start: int
    end: int
    kind: str  # city | area (country, state) | region | tz (a time zone: no place)


def _places(line: str, low: str) -> list[_Place]:
    """Every place named in the line, leftmost-longest, as offsets into it."""
    found: list[_Place] = []
    for index, start, end in _PLACE_FINDER.find_matches_as_indexes(low, overlapping=True):
        if (start and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue
        if low[end : end + 1] == "." and low[end + 1 : end + 2].isalpha():
            continue  # "Berlin.js", "berlin.de"
        found.append(_Place(start, end, _KINDS[_PLACE_NAMES[index]]))
    for index, start, end in _CODE_FINDER.find_matches_as_indexes(line):
        if (start and line[start - 1].isalpha()) or (end < len(line) and line[end].isalpha()):
            continue
        code = _CODES_LIST[index]
        if code in _STATES_AND_PROVINCES and start > 2:
            city = _CITY_BEFORE_REVERSED.match(line[start - 1 :: -1][:40])
            begin = start - city.end() if city else 0
            if city and (begin == 0 or not line[begin - 1].isalpha()):
                found.append(_Place(begin, end, "city"))
                continue
        kind = _CODE_KINDS.get(code)
        if kind:
            found.append(_Place(start, end, kind))
    found.sort(key=lambda p: (p.start, p.start - p.end))
    places: list[_Place] = []
    taken = 0
    for place in found:
        if place.start >= taken:
            places.append(place)
            taken = place.end
    return places


def _with_towns(cleaned: str, places: list[_Place], field_start: int) -> list[_Place]:
    """Places of one field, time zones left out, a country or state stretched back over the
    unknown town written just before it ("Kaiserslautern Germany", "Lomé, Togo")."""
    out: list[_Place] = []
    for p in places:
        if p.kind == "tz":
            continue
        if p.kind == "area":
            floor = out[-1].end if out else field_start
            town = _TOWN_BEFORE.search(cleaned, floor, p.start)
            if town:
                p = _Place(town.start(1), p.end, "city")
        out.append(p)
    return out


def _names(line: str, places: list[_Place]) -> list[str]:
    """Place names as written, a city joined to the state or country right after it."""
    out: list[tuple[int, int]] = []
    previous: _Place | None = None
    for p in places:
        if (
            previous is not None
            and previous.kind == "city"
            and p.kind == "area"
            and _QUALIFIER_GAP.fullmatch(line, previous.end, p.start)
        ):
            out[-1] = (out[-1][0], p.end)  # "Berlin, Germany", "Austin, Texas"
        else:
            out.append((p.start, p.end))
        previous = p
    return [line[s:e].strip() for s, e in out]


# --------------------------------------------------------------------------- roles

_NOT_A_TITLE = re.compile(
    r"^\W*(?:(?:multiple|many|various|several|all|open|\d+|numerous|lots\s+of|other|new|"
    r"engineering|tech|technical|software|more)\s+)*(?:roles?|positions?|openings?|jobs?|"
    r"levels?)\W*$",
    re.I,
)
_ROLE_SPLIT = re.compile(r"[,;/&+]|\s(?:and|or|AND|OR|And|Or)\s")
_SENIORITY_WORDS = (
    r"(?:senior|sr\.?|junior|jr\.?|mid|mid-level|staff|principal|lead|intermediate|"
    r"entry[\s-]level)"
)
_SENIORITY_ONLY = re.compile(rf"(?:{_SENIORITY_WORDS}\s*)+", re.I)
_LEADING_SENIORITY = re.compile(rf"(?:{_SENIORITY_WORDS}\s+)+", re.I)


def _job_nouns(text: str) -> list[tuple[int, int]]:
    low = _lower(text)
    found = []
    for index, start, end in _CUE_FINDER.find_matches_as_indexes(low):
        if _CUES[_CUE_WORDS[index]] != "job":
            continue
        if (start and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue
        found.append((start, end))
    return found


def _roles(text: str) -> list[HeaderRole]:
    """ "Backend, Frontend and SRE engineers" -> three roles; "Senior/Staff Software Engineer"
    -> "Senior Software Engineer" and "Staff Software Engineer"; "Software Engineers (Principal,
    Staff)" -> one per seniority."""
    expand: list[str] = []
    if "(" in text or "[" in text:
        for m in _PAREN.finditer(text):
            words = [w.strip() for w in _ROLE_SPLIT.split(m.group(1) or m.group(2) or "")]
            words = [w for w in words if w]
            if words and all(_SENIORITY_ONLY.fullmatch(w) for w in words):
                expand = words
        text = _SPACES.sub(" ", _PAREN.sub(" ", text))
    parts = [p.strip(" -.:") for p in _ROLE_SPLIT.split(text)]
    nouns = [(p, _job_nouns(p)) for p in parts if p]
    full = [(p, found) for p, found in nouns if found]
    if not full:
        return []
    last, found = full[-1]
    noun = last[found[-1][0] : found[-1][1]]
    titles: list[str] = []
    for part, found in nouns:
        if found:
            titles.append(part)
        elif _SENIORITY_ONLY.fullmatch(part):
            titles.append(f"{part} {_without_seniority(last)}")
        elif part.count(" ") <= 2:
            titles.append(f"{part} {noun}")
    if expand:
        titles = [f"{s} {_without_seniority(t)}" for t in titles for s in expand]
    return [HeaderRole(t, seniority(t)) for t in titles if not _NOT_A_TITLE.match(t)]


def _without_seniority(title: str) -> str:
    m = _LEADING_SENIORITY.match(title)
    return title[m.end() :] if m else title


# --------------------------------------------------------------------------- fields

_URL_TOKEN = re.compile(
    r"(?:https?://|www\.|\S+@\S+\.\w|\S+\.(?:com|io|co|ai|org|net|dev|app|me|so|xyz|tech|us|de|"
    r"uk|fr|nl|se|ch|be|es|it|eu|ly|sh|gg|to|tv|fm|cc|is|health|careers|jobs)(?:[/?#)\].,]|$))",
    re.I,
)
_HIRING_PHRASE = re.compile(
    r"\s+(?:(?:is|are)\s+(?:now\s+)?)?(?:hiring|looking\s+for|seeking)(?:\s+(?:for|an?))?\s+",
    re.I,
)
_HIRING = re.compile(
    r"\s+(?:is|are|'s|’s)\s+(?:now\s+)?(?:hiring|looking|seeking|growing|searching|recruiting|"
    r"building|expanding)\b.*$|\s+(?:hiring|seeks|wants|looking\s+for)\b.*$|!.*$",
    re.I,
)
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_MONEY_DASH = re.compile(r"\d[kK]?\s[-–]\s[$€£]?\d")  # "$70k - $110k" is one field
_SEPARATORS = ("|", " -- ", " — ", " – ", " - ", " • ", " · ", " :: ", " ~ ")
_HIDE_SEPARATORS = str.maketrans("|-–—•·:~", "\0\1\2\3\4\5\6\7")
_MAX_FIELD = 100  # a longer field is prose: only places are read out of it
_YC = re.compile(r"\(\s*(?:YC|Y\s?Combinator)\b[^)]*\)", re.I)
_EDGE = " \t-–—|:;,.*~[]\ufeff"
_PUNCTUATION = " \t.,;:!?()[]{}\"'’“”/|-–—+&*~#<>"
# "Hiring Software Engineers", "Java Developer in (London)": words around a title, not of it.
_ROLE_EDGES = re.compile(
    r"^(?:(?:we(?:'re|’re|\s+are)\s+)?(?:now\s+)?(?:hiring|looking\s+for|seeking)"
    r"(?:\s+(?:for|an?))?\s+)|\s+(?:in|at|for|based\s+in|from|@)\s*$",
    re.I,
)
_PLACE_LEAD = (",", "(", "@", ":", "-", "–", "—", " in", " at", " based")
_PIECE_ENDS = ",()/;"
_AT_COMPANY = re.compile(r"\s(?:at|@)\s+([A-Z][\w&.' -]{1,60}?)\s*$")


def split_fields(line: str) -> list[tuple[int, int]]:
    """Where a header line's fields are, as (start, end) offsets: split on ``|`` when there is
    one, else on spaced dashes or bullets; never inside parentheses or brackets."""
    hidden = line
    if "(" in line or "[" in line:
        hidden = _PAREN.sub(lambda m: m.group(0).translate(_HIDE_SEPARATORS), line)
    if " - " in hidden or " – " in hidden:
        hidden = _MONEY_DASH.sub(lambda m: m.group(0).translate(_HIDE_SEPARATORS), hidden)
    spans = [(0, len(line))]
    for sep in _SEPARATORS:
        if sep in hidden:
            spans, start = [], 0
            while (end := hidden.find(sep, start)) != -1:
                spans.append((start, end))
                start = end + len(sep)
            spans.append((start, len(line)))
            break
    if " hiring " in hidden or " looking for " in hidden or " seeking " in hidden:
        # "Orange Harp, San Francisco is looking for iOS engineers": two fields.
        spans = [part for s, e in spans for part in _split_hiring(hidden, s, e)]
    trimmed = (_trim(line, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if e > s]


def _split_hiring(line: str, start: int, end: int) -> list[tuple[int, int]]:
    m = _HIRING_PHRASE.search(line, start, end)
    return [(start, m.start()), (m.end(), end)] if m else [(start, end)]


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    part = line[start:end]
    stripped = part.lstrip(_EDGE)
    start += len(part) - len(stripped)
    return start, start + len(stripped.rstrip(_EDGE))


def _has_words(text: str) -> bool:
    """Whether ``text`` says anything once filler words ("fully", "or", "100%") are left out."""
    for token in text.split():
        word = token.strip(_PUNCTUATION).lower()
        if len(word) > 1 and word not in _FILLER and not word.isdigit():
            return True
    return False


def parse_header(text: str, *, roles: bool = True) -> Header:
    """Read the header line (the first non-empty line of ``text``) into a ``Header``.

    ``roles=False`` leaves ``Header.roles`` empty, saving the time to split role fields, for
    callers that find roles their own way (``transform.roles``).

    ``parse_header("Acme | Senior Backend Engineer | Berlin | REMOTE | €80-100k")`` gives
    company ``"Acme"``, one role (``"Senior Backend Engineer"``, ``"senior"``), locations
    ``("Berlin",)``, remote ``True`` and a salary of 80,000-100,000 EUR a year."""
    line = first_line(text)[:MAX_LINE]
    if len(line) > 2 and line[0] == "[" and line[-1] == "]":
        line = " " + line[1:-1] + " "  # "[Acme | Engineer | NYC]", offsets kept
    spans = split_fields(line)
    if not spans:
        return Header(line.strip())
    low = _lower(line)
    blank = list(line)  # the line with cues, salary and links blanked out, offsets kept

    def mask(start: int, end: int) -> None:
        blank[start:end] = " " * (end - start)

    salary = None
    if _DIGIT.search(line):
        for s, e in spans:
            if _DIGIT.search(line, s, e):
                salary = parse_salary(line[s:e])
                if salary:
                    at = line.find(salary.text, s, e)
                    mask(at, at + len(salary.text))
                    break
    cues = _read_cues(low, mask)
    for start, end in _link_tokens(line):
        mask(start, end)
    cleaned = "".join(blank)
    places = [p for p in _places(line, low) if cleaned[p.start : p.end] == line[p.start : p.end]]
    jobs = [j for j in cues.jobs if cleaned[j] != " "]

    company: str | None = None
    titles: list[HeaderRole] = []
    locations: list[str] = []
    for i, (s, e) in enumerate(spans):
        field = line[s:e]
        if not _has_words(cleaned[s:e]) or _NOT_A_TITLE.match(cleaned[s:e]):
            if company is None and i == 0 and _DOMAIN_NAME.fullmatch(field):
                company = field  # "Booking.com - Amsterdam": the name is a domain
            continue  # nothing but cues: "REMOTE", "Full-time", "VISA", "Multiple roles"
        here = _with_towns(cleaned, [p for p in places if s <= p.start and p.end <= e], s)
        if e - s > _MAX_FIELD:  # prose
            if i == 0 and "|" not in line:
                company = _company_from_prose(field)
            if not locations:
                locations.extend(_names(line, here))
            continue
        if any(s <= j < e for j in jobs):
            # "Kaiserslautern Germany, Software Engineer at Aircloak": pieces of a role field
            # holding only places are locations; the rest is the title.
            title = blank[s:e]
            apart = [p for p in here if _stands_apart(cleaned, s, e, p)]
            for p in apart:
                title[p.start - s : p.end - s] = " " * (p.end - p.start)
            locations.extend(_names(line, apart))
            title_text = "".join(title)
            at = _AT_COMPANY.search(title_text)
            if at:
                if i == 0 and company is None:
                    company = at.group(1).strip()
                title_text = title_text[: at.start()]
            if roles:
                title_text = _SPACES.sub(" ", title_text).strip(" ,;-/!?.")
                titles.extend(_roles(_ROLE_EDGES.sub("", title_text).strip(" ,;-/!?.")))
            continue
        if here and _only_places(cleaned, s, e, here):
            locations.extend(_names(line, here))
            continue
        if company is None and i <= 2:
            # "Square, New York City", "CloudWork (Barcelona, Spain - no remote)": the name
            # before the places.
            head_end = here[0].start if here else e
            name = _company(cleaned[s:head_end])
            if name:
                company = name
                gap = cleaned[s:head_end].rstrip()
                if here and (gap.endswith(_PLACE_LEAD) or _only_places(cleaned, head_end, e, here)):
                    locations.extend(_names(line, here))  # "Square, New York City (NYC)"
                continue
        if here:
            locations.extend(_names(line, here))  # "San Francisco, CA: Active Mind Technology"
    remote = cues.remote or (None if cues.hybrid else False if cues.onsite else None)
    return Header(
        line=line.strip(),
        fields=tuple(line[s:e] for s, e in spans),
        company=company,
        roles=tuple(dict.fromkeys(titles)),
        locations=tuple(dict.fromkeys(p for p in locations if p)),
        remote=remote,
        salary=salary,
        visa=cues.visa,
    )


def _link_tokens(line: str) -> list[tuple[int, int]]:
    """Where the links and e-mail addresses of a line are."""
    return [
        (m.start(), m.end())
        for m in _LINK_CANDIDATE.finditer(line)
        if ("." in m.group(0) or "@" in m.group(0)) and _URL_TOKEN.match(m.group(0))
    ]


_LINK_CANDIDATE = re.compile(r"[^\s|()\[\],;<>]+")


def _stands_apart(cleaned: str, start: int, end: int, place: _Place) -> bool:
    """Whether a place in a role field stands apart from the title, between commas,
    parentheses, slashes or after "in": "Engineer (Berlin)", "Java Developer in London",
    "Santa Monica, CA (INTERN yes)"; not "Boston Engineering Intern"."""
    before = cleaned[start : place.start]
    cut = max(before.rfind(c) for c in _PIECE_ENDS)
    before = before[cut + 1 :]
    if before.rstrip().lower().endswith((" in", " at", " based")) or before.strip() in ("in", "at"):
        before = ""
    after = cleaned[place.end : end]
    cuts = [i for i in (after.find(c) for c in _PIECE_ENDS) if i != -1]
    after = after[: min(cuts)] if cuts else after
    return not _has_words(before) and not _has_words(after)


def _only_places(cleaned: str, start: int, end: int, here: list[_Place]) -> bool:
    """Whether a stretch holds nothing but places once cues and filler words are gone."""
    rest = list(cleaned[start:end])
    for p in here:
        rest[p.start - start : p.end - start] = " " * (p.end - p.start)
    return not _has_words("".join(rest))


def _company(text: str) -> str | None:
    """A company name out of a field with its cues blanked out, or ``None`` when what is left
    reads as a sentence rather than a name."""
    name = _PAREN.sub(lambda m: m.group(0) if _YC.fullmatch(m.group(0)) else " ", text)
    name = _HIRING.sub("", name)
    name = _SPACES.sub(" ", name).strip(" \t-–—|:;,.([@")
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].rstrip()  # "Academia.edu (Downtown San Francisco)"
    if name.endswith((" in", " at", " @")):
        name = name.rsplit(" ", 1)[0]
    words = name.split()
    if len(words) > 6:  # "Raizlabs, a leading mobile and web development agency"
        for stop in (", ", ": ", " - ", " – ", ". "):
            if stop in name:
                name = name[: name.find(stop)]
                words = name.split()
                break
    if not words or len(words) > 6 or words[0].lower() in _NOT_A_NAME:
        return None
    return name[:200]


_NOT_A_NAME = frozenset({"we", "we're", "you", "you're", "our", "i", "i'm", "looking", "hiring",
                         "join", "seeking", "if", "are", "a", "an", "this", "my", "location",
                         "locations", "where", "position", "positions", "role", "roles"})  # fmt: skip
_DOMAIN_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)


def _company_from_prose(field: str) -> str | None:
    """ "Elasticsearch is hiring! ...": the name before the verb, when it is short."""
    head = _HIRING.sub("", field)
    for stop in (" (", ", ", " - ", " is ", " are ", ": ", ". "):
        cut = head.find(stop)
        if cut > 0:
            head = head[:cut]
    name = _company(head)
    return name if name and name[0].isupper() and len(name.split()) <= 4 else None
