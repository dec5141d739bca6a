"""Roles advertised by a posting, and whether the posting counts as a backend role.

HN postings open with a header line, ``Company | Role(s) | Location | REMOTE | ...``. The roles
are the header fields (or comma/"and"-separated parts of them) that name a job or only a kind of
work ("Full Stack", "Backend, iOS", ".Net/C#"); when the header names none, the opening text is
searched for the roles it advertises: a title opening a line, list item or verbless sentence
("- Senior Backend Engineer (Go)", "- Engineering Manager, Payments API https://..."), or a job
noun after a hiring cue ("we're looking for frontend, backend and mobile engineers", "our team
of engineers: computer vision, hardware, full-stack"). Nouns in passing ("work with our
designers") are no roles. When the header leaves every role undecided, decided roles from the
body are added; when it names only other work ("Front-End Engineer"), body roles that name
backend work are ("we're also hiring Back-End Engineers").

A role is backend when it names server-side work (backend, API, full-stack, "<language>
developer"), or platform/infrastructure/systems work that is not client-side or device work
("Embedded Systems Engineer" is not), or is a generalist (software engineer, developer,
architect, engineering manager, intern, member of technical staff) on a posting that names a
server-side language, database or cloud. A parenthesised qualifier decides a generalist title
("Software Engineer (Windows)" is not backend, "(Go, Postgres)" is), and so does its team
("Software Engineer, Backend", "Senior Software Engineer | Detection & Response"; a business
team does not make "Web Developer, Marketing" other work). It is not backend when it names only
other work (frontend, mobile, desktop, data science/ML/AI, computer vision, DevOps/SRE, QA,
security, design, presales, sales, teaching...), or when a platform, infrastructure or systems
title comes with a text mostly about running infrastructure rather than building software (see
``_operations``). A posting is backend if any role is; it is not
when every role is other work, or when at least three are and the undecided generalists number
at most a third of them (they most likely share the others' kind of work). With no role at all,
a server-side language decides; a short text with no header, or a letter answering an ad, is no
ad; otherwise the rules abstain (``None``), and a word model trained on the labelled postings
decides when it is confident (``transform.words``), or the posting stays undecided. Where the
rules decide, the word model overrules them only when it is very sure of the opposite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial

from transform.header import Salary, parse_header, seniority
from transform.text import (
    ANSWERING_AN_AD,
    SEEKING_HEADER,
    first_line,
    lower_in_place,
    opens_with_an_ad_header,
    sentence_bounds,
    wants_to_be_hired,
)
from transform.words import load_word_model

# Words for server-side work. "Strong" ones decide a title on their own ("Backend Engineer,
# Mobile"); "weak" ones only when the title names no client-side or device work ("Embedded
# Systems Engineer", "Android Platform Engineer" are not backend). Boundaries are written out so
# ".NET", "C#" and "C++" match as words.
_BACKEND_KINDS = (
    r"back[\s-]?end|server[\s-]?side|api|apis|full[\s-]?stack|fullstack|"
    # "Server developer (C#/Windows)", "Senior Server Engineer" (not "SQL Server Developer",
    # "Windows Server Engineer" nor "Client/Server Developer": a database's, an operating
    # system's or a product's, and a desktop application's)
    r"(?<!sql )(?<!sql-)(?<!windows )(?<!exchange )(?<!linux )(?<!unix )(?<!citrix )"
    r"(?<!vmware )(?<!oracle )(?<!sharepoint )(?<!client/)(?<!client-)(?<!client )"
    r"server(?=[\s-]+(developer|engineer|programmer|dev)s?\b)"
)
_STRONG_BACKEND = re.compile(
    rf"(?<![\w.#+])({_BACKEND_KINDS}|"
    r"(?-i:BE)(?=\s*\(|\s+(?:dev|eng))|"
    r"(python|java|golang|go|ruby|rails|ror|php|scala|elixir|node(\.?js)?|\.net|asp\.net|c#|kotlin|"
    r"rust|django|erlang|clojure|haskell|c\+\+|meteor)"
    # "Ruby+Javascript Developer": the server's language and the browser's, both ends (with a
    # slash, an ampersand or a spaced plus the title is split into two roles first)
    r"(\+(javascript|js))?\s+(developer|engineer|programmer|dev)s?)"
    r"(?![\w#+])",
    re.IGNORECASE,
)
_WEAK_BACKEND = re.compile(
    r"\b(platform|distributed (systems|computing|databases?|data)|databases?|"
    r"(data|software|distributed|backend|back-end) infrastructure engineers?|systems engineers?|"
    r"cloud (computing|native|platform|software|services?))\b",
    re.IGNORECASE,
)
_BACKEND = re.compile(f"{_STRONG_BACKEND.pattern}|{_WEAK_BACKEND.pattern}", re.IGNORECASE)
# The strong titles that name the kind of work, not only a language ("Java Developer" may be
# for Android; "Backend Developer" may not).
_KIND_OF_BACKEND = re.compile(rf"(?<![\w.#+])({_BACKEND_KINDS})(?![\w#+])", re.IGNORECASE)
# A qualifier that puts a language title on a client: "C# Developer (Mobile / Xamarin)", "Java
# Developer (Android)" (not "(Logistics)" or "(React)": a field, or a tool beside the server).
_CLIENT_QUALIFIER = re.compile(
    r"\b(mobile|android|ios|iphone|ipad|xamarin|react native|flutter|desktop|front[\s-]?end|"
    r"frontend|embedded|firmware|games?|gameplay|unity)\b",
    re.IGNORECASE,
)
# Work on devices and machines: client-side for a title, and (with a few more words) what most
# roles of a hardware company's post do.
_DEVICE_WORDS = (
    r"embedded|firmware|hardware|electrical|mechanical|robots?|robotics|fpga|asic|vehicles?|"
    r"automotive|verilog|vhdl|rtl|analog|silicon(?! valley)|wearables?"
)
_CLIENT_SIDE = re.compile(
    r"\b(front[\s-]?end|frontend|fe|ios|iphone|ipad|android|mobile|react native|flutter|react|angular|"
    r"(vpn|linux|mac|native) clients?|angular(\.?js)?|ember(\.?js)?|"
    r"backbone(\.?js)?|vue(\.?js)?|"
    r"javascript|css|swift|objective-c|macos|os ?x|desktop|windows|iot|unity|unreal|gameplay|"
    r"3d|opengl|webgl|graphics|game|ecmascript|actionscript|flash|"
    rf"(?<!web )(?<!web-)apps? (developer|engineer)s?|device (developer|engineer)s?|logisti\w*|"
    rf"maritim\w*|{_DEVICE_WORDS})\b",
    re.IGNORECASE,
)
# The nouns of an engineering job, whatever its kind.
_ENGINEERING_NOUNS = (
    r"engineers?|developers?|programmers?|hackers?|swes?|sdes?|devs?|architects?|coders?"
)
_GENERALIST = re.compile(
    r"\b(software|product|senior|staff|principal|lead|founding|web|application)?\s*"
    rf"({_ENGINEERING_NOUNS}|interns?)\b|"
    r"\bgeneralists?\b|\bcto\b|\b(tech|technical) leads?\b|\bchief technology officer\b|\btechnical co-?founders?\b|"
    r"\bmember of (the )?technical staff\b|\bmts\b|entwickler(in)?\b|"
    r"\b(engineering|software|development) (positions?|roles?|openings?|jobs?)\b|"
    r"\bing[ée]nieur(e|es|s)?\b|\bd[ée]veloppeu(r|rs|se|ses)\b|\bdesarrollador(a|es)?\b",
    re.IGNORECASE,
)
# "Engineering Manager", "Software Development Manager": managers of engineers, decided by the
# team's stack like the engineers they manage.
_ENGINEERING_MANAGER = re.compile(
    r"\b((software )?(engineering|development) managers?|managers?,? (of )?(software )?"
    r"engineering|(vp|vice president|head|directors?),? (of )?(?P<kind>\w+ )?engineering|"
    r"engineering directors?)\b",
    re.IGNORECASE,
)
_NOT_BACKEND = re.compile(
    r"\b(front[\s-]?end|frontend|ui|ux|ios|android|mobile|react native|flutter|designers?|design|"
    r"data scientists?|data science|machine learning|(?<!applied )(?<!applied-)ml|mle|nlp|"
    r"computer vision|research|researchers?|scientists?|"
    r"dev[\s-]?ops|sre|site reliability|qa|test|testing|quality|sdet|hardware|embedded|firmware|"
    r"electrical|mechanical|fpga|asic|sales|marketing|account|customer|support|recruiters?|"
    r"product managers?|project managers?|managers?|analysts?|writers?|designers?|"
    r"security|game|graphics|data analyst|data engineers?|executive|counsel|legal|"
    r"sales|operator|assistant|trainer|copywriter|editor|reviewer|(sales|customer|revenue) enablement|"
    r"marketing|growth|"
    r"consultant|specialist|representative|solutions engineer|networking|instrumentation|"
    r"werkstudent\w*|manager\w*|instructor|teacher|mentors?|tutor|"
    r"reverse engineer\w*|pentest\w*|penetration test\w*|vulnerabilit\w*|"
    r"detection (and|&) response|(build|release) engineer\w*|field|presales|pre-sales|"
    r"solutions? architects?|sysadmins?|systems? administrators?|journalists?|coach(es)?|"
    r"biologists?|microbiologists?|virolog\w*|"
    r"volunteers?|contributors?|administrators?|gtm|go-to-market|revops|revenue operations|"
    r"developer relations|devrel|advocates?|evangelists?|detection|compilers?|kernels?|gpus?|"
    r"hypervisors?|virtuali[sz]ation|virtualisierung|network engineers?|network administrators?|"
    r"noc|bioinformatic\w*|computational biolog\w*|postdoc\w*|quant\w*|"
    r"red team\w*|codecs?|video compression|salesforce|servicenow|netsuite|sap|erp|crm|"
    r"business systems|analytics (engineers?|developers?)|data mining|"
    r"head of product|product (owners?|leads?|directors?)|business development|bizdev|"
    r"cyber\w*|devsecops|safety|elektronik\w*|systemadministrat\w*|it[\s-]administrat\w*|"
    r"information technology|it (team|support)|wirtschaftsinformatik\w*|"
    r"post-?training|pre-?training|multimodal|alignment|interpretability|validation|"
    r"manufacturing|calibration|chassis|automation engineers?|test automation|"
    r"performance engineers?|developer experience|devex|developer productivity|firewall|"
    r"formal (verification|methods)|market developers?|forward[\s-]deployed (engineers?|developers?)|"
    r"consulting engineers?|technical architects?|project engineers?|"
    r"automation developers?|rpa|data engineering|perception|avionics|"
    r"flight (software|controls?|systems)|controls engineers?|(?-i:CV)|"
    r"(data )?visuali[sz]ation|"
    r"(?-i:AEs?|BDRs?|SDRs?)|retool|product management|content development|it engineers?|"
    r"training infra\w*|filemaker|devop|data warehouse|slam|deep learning|scada|"
    r"network operations|biz ?dev|(?-i:BI)|business intelligence|power ?bi|applied science|"
    r"signal processing|dsp|technical services|sharepoint|ml ?ops|low[\s-]level|"
    r"kubernetes (generalists?|administrators?)|"
    r"solutions? engineers?|nlu|sensor engineers?|cloud ?ops|wireless engineers?|"
    r"non[\s-]?(engineering|technical|tech))\b",
    re.IGNORECASE,
)
_JOB_WORD = re.compile(
    r"\b(engineers?|developers?|programmers?|hackers?|swes?|sde|devs?|designers?|scientists?|"
    r"managers?|analysts?|architects?|leads?|sre|devops|administrators?|admins?|researchers?|"
    r"recruiters?|marketers?|writers?|interns?|representatives?|specialists?|consultants?|"
    r"directors?|head of|vp|cto|technicians?|positions?|roles?|instructors?|teachers?|"
    r"mentors?|tutors?|coaches|volunteers|associates?|executives?|business development|"
    r"(?-i:AEs?|BDRs?|SDRs?))\b",
    re.IGNORECASE,
)
_SERVER_STACK = re.compile(
    r"(?<![\w.#+])(python|django|flask|fastapi|java|spring|golang|ruby|rails|php|laravel|scala|"
    r"elixir|erlang|node\.?js|node|express|c#|\.net|asp\.net|kotlin|rust|clojure|haskell|"
    r"postgres(ql)?|mysql|mongodb|redis|kafka|sql|microservices|backend|back-end|server|api|"
    r"distributed systems|aws|gcp|azure|heroku|google cloud|cloud infrastructure|j2ee|lamp|"
    r"mean stack|mern stack|zend|symfony|codeigniter|cakephp|magento|perl|sinatra|grails)"
    r"(?![\w#+])",
    re.IGNORECASE,
)
# Client-side and device tools: a posting naming these and no server-side tool builds apps,
# pages or devices.
_CLIENT_STACK = re.compile(
    r"(?<![\w.#+])(react native|react(\.?js)?|angular(js)?|vue(\.?js)?|redux|ember(\.?js)?|svelte|"
    r"ios|android|swiftui|objective-c|flutter|unity3d|unreal engine|qt|embedded (systems?|software|c|"
    r"linux)|firmware|fpga|verilog|vhdl|webgl|opengl|robotics|microcontrollers?)(?![\w#+])",
    re.IGNORECASE,
)
# Go the language, not the verb: in a list of tools or after "in/with/using" ("Go/TypeScript",
# "services in Go", "Go, Rust and Postgres", "React, Redux, Go"). Case-sensitive; found by its
# literal first, which is many times faster than a pattern that opens with look-arounds.
_GO_WORD = re.compile(r"Go\b(?![-'’])")  # not "Go-To-Market", "Go's"
_GO_LISTED_AFTER = re.compile(r"\s*[/,;)]|\s+(and|or|&)\s+[A-Z]")
_GO_LISTED_BEFORE = re.compile(r"(?:^|\W)(in|with|using) $|[/(]$")
_GO_LAST_LISTED = re.compile(r"\w, $")  # "React, Redux, Flow codebase, Go." (not "Set, Go!")
_GO_LIST_END = re.compile(r"[ \t]*([.;)\n]|$)")


def _go_in_a_stack(text: str) -> bool:
    for m in _GO_WORD.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "._"):
            continue  # "Django", "ago.Go"
        if _GO_LISTED_AFTER.match(text, m.end()) or _GO_LISTED_BEFORE.search(
            text, max(0, start - 7), start
        ):
            return True
        if _GO_LAST_LISTED.search(text, max(0, start - 3), start) and _GO_LIST_END.match(
            text, m.end()
        ):
            return True
    return False


# Separators between roles, outside parentheses ("Engineer (frontend and fullstack)" is one).
_SPLIT = re.compile(
    r"\s*(,|;|/|&|\band\b|\s\+\s|\s\*\s|\s•\s|\bor\b|(?<!\bsr)(?<!\bjr)(?<!\bco)(?<!\binc)(?<!\bvs)(?<!\beng)\.(?=\s))\s*"
    r"(?![^()]*\))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Role:
    title: str
    backend: bool | None
    # From the HN header line (transform.header) or, for seniority, a job board's title.
    seniority: str | None = None
    location: str | None = None  # "; "-separated when the header names several places
    remote: bool | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None


def header_fields(text: str) -> list[str]:
    """Fields of an HN header line (``A | B | C``); empty when the first line has no separators."""
    line = first_line(text)
    for sep in ("|", " - ", " — ", " – ", "•", "●"):
        if line.count(sep) >= 1 and (sep == "|" or line.count(sep) >= 2):
            return [f.strip() for f in line.split(sep) if f.strip()]
    return []


_OPENING = 3000  # characters of a text read for its roles (past them, only backend headings)
# Bullets beyond ASCII ones that posts use for their list items: "★ Backend Engineer - https://...".
_BULLETS = "•·∙★☆✓✔►▶■□◆◇‣○◦●➤➢✦→🔹🔸✅👉"
# A line that is only a backend title: "FULL STACK DEVELOPER", "## Senior Backend Engineer:".
_BACKEND_HEADING = re.compile(
    rf"^[ \t]*(?:[-*#>{_BULLETS}]+[ \t]*)?(?P<title>[^\n:,.;!?]{{0,40}}?\b(?:back[\s-]?end|full[\s-]?stack|"
    r"server[\s-]?side)[ \t]+(?:software[ \t]+)?(?:engineer|developer|programmer)s?)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def find_roles(text: str, title: str | None = None) -> list[Role]:
    """Roles named in a posting's title, its header line (and a second header row of kinds), its
    opening 3,000 characters and, past them, a line that is a backend title alone; each
    classified."""
    lowered = lower_in_place(text)
    server_stack = bool(_SERVER_STACK_LOWER.search(lowered) or _go_in_a_stack(text))
    # A generalist in a posting that names two client-side or device tools and no server-side
    # one builds apps, pages or devices (unless another role of the posting is the client one).
    client_stack = not server_stack and len(_client_tools(lowered)) >= 2
    if _systems_work(lowered):
        # Python or Rust on compilers, drivers and GPUs: the language is no server stack there,
        # and a generalist among such words works on them.
        server_stack, client_stack = False, True
    classify = partial(classify_role, server_stack=server_stack, client_stack=client_stack)
    candidates: list[str] = []
    if title:
        # A job board's title is the role, whatever words it uses.
        decided = classify(title)
        if decided is None and not _TECH_WORD.search(title):
            decided = False  # "Account Executive", "Legal Counsel", "CNC Operator"
        return _operations([Role(title.strip(), decided, seniority=seniority(title))], text)
    else:
        fields = header_fields(text)
        fields += _second_header_row(text) if fields else []
        candidates.extend(
            f
            for f in fields
            if (_JOB_WORD.search(f) or _kinds_only(f) or _names_backend_kind(f))
            and len(f) <= 200
            and not _NO_TITLE.fullmatch(f)
            and not _LINK_FIELD.fullmatch(f)  # ".../jobs/data-engineer/": the title is beside it
            and not _MONEY.search(f)  # "$140-$270K based on role/experience"
        )
        from_header = bool(candidates)
        if not candidates:
            # No header role: take the first few roles the opening text advertises.
            phrases = list(dict.fromkeys(_role_phrases(text[:_OPENING])))
            # The first few, and any later one that names backend work: a hardware company's
            # list may reach "- Backend Engineer (Cloud Infrastructure)" only seventh.
            candidates.extend(phrases[:6] + [p for p in phrases[6:] if _KIND_OF_BACKEND.search(p)])
            if len(text) > _OPENING and not any(_KIND_OF_BACKEND.search(p) for p in candidates):
                # A long post of one section per role ("VP OF ENGINEERING ... MOBILE DEVELOPER
                # ... FULL STACK DEVELOPER") may head its backend role's section only after the
                # opening: a line that is nothing but such a title (not "6 backend engineers."
                # in a sentence about the team).
                candidates.extend(m["title"] for m in _BACKEND_HEADING.finditer(text, _OPENING))
    roles = []
    for field in candidates:
        kinds = _kinds_only(field)
        for part in _parts(field):
            if kinds:
                # "Backend, iOS" or ".Net/C#" in a header: a developer of that kind.
                roles.append(Role(part, classify(f"{part} engineer")))
            elif _NO_PART.match(part):
                continue  # "(full time, no remote, no intern)"
            elif _JOB_WORD.search(part) or _JOB_NOUN.search(part) or _BACKEND.search(part):
                roles.append(Role(part, classify(part)))
    undecided = any(r.backend is None for r in roles)
    if (undecided or (roles and from_header)) and not any(r.backend for r in roles):
        # "Software Engineer" alone cannot tell; the body often says which kind ("we're looking
        # for a full-stack engineer"), or advertises more roles than the header ("Front-End
        # Engineer | ...; we're also hiring Backend (Python) engineers"). Only decided roles are
        # added; when the header's roles are all decided, only roles that name backend work.
        body = text.split("\n", 1)[1] if "\n" in text else ""
        seen = {r.title.lower() for r in roles}
        for phrase in _role_phrases(body[:_OPENING]):
            for part in _parts(phrase):
                decided = classify(part)
                explicit = undecided or (decided and _BACKEND.search(part))  # not "an engineer"
                if decided is not None and explicit and part.lower() not in seen:
                    seen.add(part.lower())
                    roles.append(Role(part, decided))
    roles = _analytics_database_work(_device_company(roles, server_stack))
    if server_stack and roles and all(_INTERN_ONLY.fullmatch(r.title) for r in roles):
        # An internship and nothing else, on a server-side stack ("INTERN ... Technologies used
        # are C#, ASP.NET MVC, SQL Server"): the intern works on that stack. Readers called 43
        # of 57 such read postings backend; of the 14 others (an iOS or a data internship) the
        # word model, which may overrule the rules when very sure, decided all 14 right (not on a
        # text too short for it: "You'll build our iOS app in Swift; our API is Rails" is read
        # as backend). A rule against client tools named anywhere cost 2 of the 43 and saved
        # none of the 14.
        roles = [replace(r, backend=True) for r in roles]
    if ("node" in lowered or "xpress" in text) and _NODE.search(text):
        roles = _javascript_on_node(roles)
    if client_stack and any(_CLIENT_SIDE.search(r.title) for r in roles):
        # "Software Engineer | Android Engineer": the Android work is that role's.
        roles = [
            replace(r, backend=None)
            if r.backend is False and classify_role(r.title, server_stack) is None
            else r
            for r in roles
        ]
    return _with_header(_operations(roles, text), text)


def _javascript_on_node(roles: list[Role]) -> list[Role]:
    """A "JavaScript Engineer", no more said in the title, in a posting that names Node.js or
    Express writes JavaScript on both ends: readers called 63 of 66 such read postings backend.
    Not "Front-end JavaScript Engineer", "UI JavaScript Engineer", "JavaScript Engineer, Data
    Visualization" nor "React.js Developer": their titles say the kind."""
    return [
        replace(r, backend=True)
        if r.backend is False and _PLAIN_JAVASCRIPT_TITLE.match(r.title)
        else r
        for r in roles
    ]


# Node.js or Express named as such (not "every node in the diagram", "express your interest",
# "raven-node", "node-sass").
_NODE = re.compile(
    r"(?<![\w-])(Node|NodeJS|[Nn]ode\.?js|Express\.?js|ExpressJS|express\.?js)\b(?!-)"
)
# Only seniority or praise before the language, and at most an employer or a parenthesis without
# a kind of work after it: "Sr. JavaScript Developer", "Mid to Senior JavaScript developers",
# "passionate JavaScript engineers", "Javascript Developers: Peerby (https://www.peerby.com)",
# "Javascript Developers (Node/Angular)".
_PLAIN_JAVASCRIPT_TITLE = re.compile(
    r"[ \t]*((senior|sr\.?|junior|jr\.?|lead|staff|principal|mid-level|sr-level|all levels|"
    r"(mid(-level)?|junior|jr\.?)[ \t-]*(to|/|-)[ \t-]*(mid(-level)?|senior|sr\.?)|"
    r"intermediate|experienced|great|passionate|capable|skilled|talented|strong|an?|the|"
    r"hiring|first)[ \t]+)*(javascript|js)[ \t]+(engineer|developer|dev|programmer)s?"
    r"([ \t]*:[^()\n]*)?([ \t]*\((?![^()]*\b(ui|ux|front[\s-]?end|frontend|visuali[sz]ation|"
    r"design)\b)[^()]*\))?[ \t]*$",
    re.IGNORECASE,
)


def _analytics_database_work(roles: list[Role]) -> list[Role]:
    """A database developer hired beside data scientists or analysts writes their SQL: "Data
    Miner/Data Scientist ... Senior Database Developer", "database developers, data scientists,
    visualization analysts" (readers called 8 of 8 such postings not backend). Only when no
    other role is backend work."""
    if not any(_DATA_SCIENCE_ROLE.search(r.title) for r in roles):
        return roles
    database = [bool(r.backend and _DATABASE_DEVELOPER.search(r.title)) for r in roles]
    if not any(database) or any(r.backend and not d for r, d in zip(roles, database, strict=True)):
        return roles
    return [replace(r, backend=False) if d else r for r, d in zip(roles, database, strict=True)]


# (Developers, not "Database Engineer (storage engine internals, Rust)", who build databases.)
_DATABASE_DEVELOPER = re.compile(r"\b(database|sql|db)\s+(developers?|devs?)\b", re.IGNORECASE)
_DATA_SCIENCE_ROLE = re.compile(
    r"\b(data (scientists?|miners?)|(data )?visuali[sz]ation analysts?|business intelligence|"
    r"bi (developers?|analysts?)|cognos)\b",
    re.IGNORECASE,
)


def _second_header_row(text: str) -> list[str]:
    """Fields of a second header row, the next line with text after the first: "SWARM | NYC |
    ONSITE", then "iOS/Swift | Android/Java | Back-End | UI Designer". Only a short row of three
    or more fields, one of them a kind of work or a job, is one: not a sentence with a pipe in
    it, nor a row of tools ("React | TypeScript | Node") or a labelled one ("Stack: A | B")."""
    first = text.find("\n", text.find(first_line(text)))
    if first == -1:
        return []
    rest = text[first : first + 400].lstrip()
    line = rest.split("\n", 1)[0].strip()
    if line.count("|") < 2 or len(line) > 200 or _LABELLED_ROW.match(line):
        return []
    fields = [f.strip() for f in line.split("|") if f.strip()]
    if not any(_KIND_OF_WORK.search(f) or _JOB_WORD.search(f) for f in fields):
        return []
    return fields


_LABELLED_ROW = re.compile(r"[\w ]{1,30}:\s")


def _systems_work(lowered: str) -> bool:
    """Whether a lower-cased text names two or more kinds of low-level systems work (compilers,
    kernels, drivers, RDMA, firmware) and no server-side work or tool at all."""
    if _SERVER_WORDS_LOWER.search(lowered):
        return False
    return len(_kinds_named(_SYSTEMS_WORDS_LOWER, lowered)) >= 2


# Read off the tuning sets: generalists decided only by a language in postings naming two or more
# of the first and none of the second were labelled backend in none of 13.
_SYSTEMS_WORDS_LOWER = re.compile(
    r"\b(kernels?|compilers?|llvm|rdma|embedded|firmware|real-?time|yocto|fpga|drivers?|"
    r"virtuali[sz]ation|hypervisors?|gpus?|cuda|runtime|low[- ]level|bare[- ]metal|c\+\+|simd|"
    r"protocol stack|asic|rtos|interpreters?|jit|sensors?|cameras?|dsp|signal processing)(?![\w+])"
)
_SERVER_WORDS_LOWER = re.compile(
    r"\b(backend|back-end|apis?|rest|graphql|web|saas|microservices|django|flask|rails|spring|"
    r"node\.?js|express|postgres\w*|mysql|mongodb|redis|kafka|aws|gcp|azure|kubernetes|docker|"
    r"databases?|sql|services|servers?)\b"
)


def _kinds_named(pattern: re.Pattern[str], lowered: str) -> set[str]:
    """The kinds of work ``pattern`` finds in a lower-cased text, each once: "driver" and
    "drivers", "scalable" and "scalability", "real-time" and "realtime" are one kind."""
    kinds = set()
    for m in pattern.finditer(lowered):
        word = _KIND_SPELLING.sub("", m.group(0).replace("-", "").replace(" ", ""))
        kinds.add(_SAME_KIND.get(word, word))
    return kinds


_KIND_SPELLING = re.compile(r"(s|ility)$")  # plurals; "scalability" -> "scalab"
_SAME_KIND = {"scalable": "scalab", "atscale": "scalab", "webapplication": "webapp"}


def _device_company(roles: list[Role], server_stack: bool) -> list[Role]:
    """Generalists ("Software Engineer") that only the posting's server-side words made backend
    are undecided again when most of its roles build devices (embedded, firmware, mechanical):
    there the Python or SQL is as likely on the test bench as on a server."""
    device = sum(r.backend is False and bool(_DEVICE_WORK.search(r.title)) for r in roles)
    by_stack = [
        bool(r.backend and server_stack and classify_role(r.title, False) is None) for r in roles
    ]
    if (
        device < 3
        or device < 2 * sum(by_stack)
        or any(r.backend and not weak for r, weak in zip(roles, by_stack, strict=True))
    ):
        return roles
    return [
        replace(r, backend=None) if weak else r for r, weak in zip(roles, by_stack, strict=True)
    ]


_DEVICE_WORK = re.compile(
    rf"\b({_DEVICE_WORDS}|avionics|manufacturing|validation|calibration|chassis|rf|optical)\b",
    re.IGNORECASE,
)


def _client_tools(lowered: str) -> set[str]:
    """The client-side and device tools a lower-cased text names ("react" and "reactjs" once)."""
    return {
        m.group(0).replace(".", "").removesuffix("js")
        for m in _CLIENT_STACK_LOWER.finditer(lowered)
    }


def _operations(roles: list[Role], text: str) -> list[Role]:
    """Platform, infrastructure and systems roles are backend when the work described is
    building services, and operations when it is mostly running infrastructure (Kubernetes
    clusters, on-call, Terraform, SLOs): those are not backend, like DevOps and SRE roles."""
    weak = [r.backend and _INFRA_TITLE.search(r.title) and not _STRONG_BACKEND.search(r.title)
            for r in roles]  # fmt: skip
    if not any(weak) or any(r.backend and not w for r, w in zip(roles, weak, strict=True)):
        return roles
    lowered = lower_in_place(text)
    ops, dev = len(_OPS_WORK_LOWER.findall(lowered)), len(_DEV_WORK_LOWER.findall(lowered))
    if ops < _MIN_OPS or ops <= _OPS_RATIO * (dev + 1):
        return roles
    return [replace(r, backend=False) if w else r for r, w in zip(roles, weak, strict=True)]


# Words for running infrastructure and for building software, counted over the whole posting.
# The threshold was read off the tuning sets: platform roles whose operations words outnumber
# 1.25 times (building words + 1), and are at least 3, were labelled not backend 8 times in 10.
_OPS_WORK = re.compile(
    r"\b(on-?call|kubernetes|k8s|terraform|sre|site reliability|reliability|incidents?|"
    r"infrastructure as code|iac|observability|monitoring|clusters?|provision\w*|uptime|capacity|"
    r"networking|linux|helm|ansible|puppet|chef|ci/cd|pipelines?|devops|operat\w+|automation|"
    r"bare metal|data ?cent(er|re)s?|slos?)\b",
    re.IGNORECASE,
)
_DEV_WORK = re.compile(
    r"\b(apis?|services|microservices|backend|back-end|product|features?|customers?|databases?|"
    r"schemas?|endpoints?|business logic|user-facing|full[- ]stack|web app\w*|applications?|"
    r"sdks?|libraries|graphql|rest)\b",
    re.IGNORECASE,
)
_MIN_OPS = 3
_OPS_RATIO = 1.25
_INFRA_TITLE = re.compile(
    r"\b(platform|infrastructure|infra|systems?|cloud|reliability|storage|distributed)\b", re.I
)


def _with_header(roles: list[Role], text: str) -> list[Role]:
    """The roles with what the header line says about them: seniority from each title;
    location, remote and salary from the header, shared by every role it lists."""
    if not roles:
        return roles
    header = parse_header(text, roles=False)
    location = "; ".join(header.locations) or None
    salary = header.salary or Salary(None, None, None, None, "")
    return [
        Role(
            role.title,
            role.backend,
            seniority=seniority(role.title),
            location=location,
            remote=header.remote,
            salary_min=salary.min,
            salary_max=salary.max,
            salary_currency=salary.currency,
            salary_period=salary.period,
        )
        for role in roles
    ]


def _parts(field: str) -> Iterable[str]:
    # "Everyone! (Product Managers, Designers, Software Engineers)": parentheses that hold
    # roles are a list, not a qualifier.
    field = _PARENS.sub(lambda m: f", {m[1]}," if _JOB_WORD.search(m[1]) else m[0], field)
    pieces = _SPLIT.split(field)  # [part, separator, part, ...]
    parts = [pieces[0].strip()]
    for n, (sep, part) in enumerate(zip(pieces[1::2], pieces[2::2], strict=True)):
        part = part.strip()
        sep = sep.lower()
        if not part:
            continue
        slash_title = pieces[2 * n + 3 : 2 * n + 5]  # "Software Engineer, UI/UX Designer"
        joined = len(slash_title) == 2 and slash_title[0].strip() == "/"
        joined = joined and bool(_JOB_WORD.search(slash_title[1]))
        if sep == "or" and _ONE_PERSON.match(parts[-1]) and _JOB_WORD.search(part):
            # "a Web Developer or Front-end Developer": one role named two ways; the more
            # specific name decides.
            parts[-1] = f"{parts[-1]} or {part}"
        elif (
            sep == ","
            and _SINGULAR_TITLE.search(parts[-1])
            and not _JOB_WORD.search(part)
            and len(part.split()) <= 3
            and not joined
        ):
            # "Software Engineer, Applied Research": a qualifier of the title before it.
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    parts = [p for p in parts if p]
    # "Backend and Frontend Engineers": the job word sits on the next title; share it.
    # "Senior / Staff Software Engineer (Windows)": a seniority shares the whole next title.
    shared = []
    for n, p in enumerate(parts):
        title = next((q for q in parts[n + 1 :] if _JOB_WORD.search(q)), None)
        job_words = _JOB_WORD.findall(title) if title else []
        tail = job_words[-1] if job_words else None
        if tail and _KIND_NOUN.fullmatch(tail):
            # "Java, Python, QA, DevOps": DevOps is one more kind, not the others' job word.
            tail = "engineers"
        if tail is None or _JOB_WORD.search(p):
            shared.append(p)
        elif _SENIORITY_ONLY.fullmatch(p):
            shared.append(f"{p} {title}")
        elif _names_a_kind(p) or _SERVER_LANGUAGE.search(p) or p.lower() == "software":
            shared.append(f"{p} {tail}")
        else:
            shared.append(p)  # "Juan Rodriguez, iOS Engineer": a name, not a kind of engineer
    return shared


_KIND_NOUN = re.compile(r"devops|sres?", re.IGNORECASE)  # a job noun that is also a kind
_ONE_PERSON = re.compile(r"an?\s.*\b(engineer|developer|programmer|designer)$", re.I)
_SINGULAR_TITLE = re.compile(
    r"\b(engineer|developer|programmer|scientist|designer|manager|architect|director|lead|"
    r"evangelist|advocate)$",
    re.I,
)
# A header field that names only kinds of work or a stack: "Full Stack", "Backend, iOS, and
# Android", "Frontend (JS), Backend (Systems+Ops)", ".Net/C#".
_KINDS_ONLY = re.compile(
    r"((back[\s-]?end|front[\s-]?end|full[\s-]?stack|ios|android|mobile|web|dev[\s-]?ops?|sre|"
    r"infrastructure|platform|data|ml|design|qa|security|server|python|django|java|golang|ruby|"
    r"rails|customer success|sales|marketing|recruiting|finance|legal|"
    r"php|scala|elixir|\.net|c#|node(\.?js)?|development|programming)(?![\w#+])[\W_]*(and\W+)?)+",
    re.IGNORECASE,
)


def _names_backend_kind(field: str) -> bool:
    """Whether a header field lists kinds of work, one of them backend: "Backend, Mobile,
    Audio/Video", "ML/CV, Full-Stack, Frontend" (not every kind is one ``_kinds_only`` knows)."""
    parts = [p.strip() for p in _SPLIT.split(field)[::2] if p and p.strip()]
    # (_BACKEND_KIND leaves out "API": "Payments, API" names a product's parts, not roles.)
    # ("Senior Fullstack, Mobile (iOS & Android)": a seniority before the kind.)
    return len(parts) >= 2 and any(
        _BACKEND_KIND.fullmatch(_SENIORITY_ONLY.sub(" ", p).strip()) for p in parts
    )


def _names_a_kind(part: str) -> bool:
    return bool(
        _kinds_only(part)
        or _BACKEND.search(part)
        or _CLIENT_SIDE.search(part)
        or _NOT_BACKEND.search(part)
    )


def _kinds_only(field: str) -> bool:
    return bool(_KINDS_ONLY.fullmatch(_PARENS.sub(" ", field).strip()))


_MONEY = re.compile(r"[$€£]\s?\d|\d\s?[kK]\b|\b(salary|equity|compensation)\b", re.IGNORECASE)
# "Multiple Roles", "Three positions": no title at all.
_NO_TITLE = re.compile(
    r"\W*((multiple|many|various|several|all|open|other|lots of|\d+|two|three|four|five|six)\s+)?"
    r"(roles?|positions?|openings?|jobs?)\W*",
    re.IGNORECASE,
)
_LINK_FIELD = re.compile(r"\s*(https?://|www\.)\S*\s*", re.IGNORECASE)
_NO_PART = re.compile(r"\s*no\s", re.IGNORECASE)
_SENIORITY_ONLY = re.compile(
    r"(\b(senior|sr\.?|junior|jr\.?|mid|mid-level|staff|principal|lead|intermediate|"
    r"entry[\s-]level)(?!\w)\s*)+",
    re.IGNORECASE,
)


# The kinds and languages a singular "dev" follows, each as a look-behind of its own (look-behinds
# must be of fixed width), tried only once "dev" has matched: as look-behinds before it they were
# tried at every word of every posting, and took longer than the rest of the pattern together.
_AFTER_A_DEV_KIND = "|".join(
    f"(?<={re.escape(kind)} dev)"
    for kind in (
        "rails", "ruby", "django", "python", "php", "java", "node", ".net", "golang", "scala",
        "elixir", "web", "backend", "back-end", "front-end", "frontend", "full-stack", "fullstack",
        "stack", "ios", "android", "mobile", "software", "game", "app",
    )
)  # fmt: skip
_AFTER_A_DASH_DEV_KIND = "|".join(
    f"(?<={re.escape(kind)} dev)"
    for kind in (
        "backend", "back-end", "front-end", "frontend", "full-stack", "fullstack", "full stack",
        "ios", "android", "rails", "ruby", "django", "python", "php", "java", "node", ".net",
        "golang", "scala",
    )
)  # fmt: skip
_AFTER_A_HACKER_KIND = "|".join(
    f"(?<={re.escape(kind)} hacker)"
    for kind in (
        "backend", "back-end", "back end", "frontend", "front-end", "front end", "full-stack",
        "fullstack", "full stack", "mobile", "ios", "android", "web", "python", "ruby", "rails",
        "clojure", "erlang", "elixir", "haskell", "scala", "golang", "c++", "javascript", "js",
        "node", "php", "java", "perl",
    )
)  # fmt: skip
# (Look-behinds after the noun, tried only once it has matched, like the others above.)
_AFTER_AN_ADMINISTRATOR_KIND = "|".join(
    f"(?<={re.escape(kind)} administrator)"
    for kind in ("system", "systems", "linux", "unix", "windows", "network", "database", "server")
)
_JOB_NOUN = re.compile(
    # Not "developer tools", "Developer Evangelist": "developer" there is no noun ("evangelist",
    # below, is).
    r"\b(?:engineers?|developers?(?![ \t]+(?:evangelists?|advocates?|relations|experience|"
    r"productivity|tools|success|marketing|community|programs?|education|ecosystem)\b)|"
    r"programmers?|designers?|scientists?|sres?|devops|devs|"
    # "mobile, front-end and back-end hackers", "Python hackers" (not a bare "Hacker", a
    # "Growth Hacker" nor "data hackers")
    rf"hacker(?:{_AFTER_A_HACKER_KIND})s?|"
    # "a Rails dev to own...", "Lead Django Dev:" (not "dev team", "from dev to prod")
    rf"dev(?:{_AFTER_A_DEV_KIND})(?=[ \t]*(?:[:,;!)]|\.(?!\w)|$)|[ \t]+(?:to|with|who|for)\b)|"
    # "#1 BACKEND DEV - Experienced with...", "- Back-end dev" ending its line (not "* Web dev -
    # preview deploys per PR", nor "- Web dev" in a list of an agency's services)
    rf"dev(?:{_AFTER_A_DASH_DEV_KIND})(?=[ \t]+[-–—][ \t]|[ \t]*\n)|"
    r"(?:tech|technical) leads?|"
    r"generalists?(?![ \t]+(software[ \t]+)?(engineer|developer|programmer))|interns?|"
    r"instructors?|teachers?|mentors?|tutors?|coaches|sysadmins?|"
    rf"administrator(?:{_AFTER_AN_ADMINISTRATOR_KIND})s?|"
    r"pentesters?|journalists?|marketers?|(?<!hiring )managers?|"
    r"bioinformaticians?|biologists?|microbiologists?|virologists?|postdocs?|"
    r"consultants?|researchers?|analysts?|recruiters?|writers?|editors?|"
    # "Developer Evangelist", ".NET Evangelist" (not "- Evangelist for testing and code review")
    r"evangelists?(?![ \t]+for\b)|"
    r"advocate(?:(?<=developer advocate)|(?<=devrel advocate)|(?<=technical advocate))s?|"
    r"members? of (?:the )?technical staff|"
    r"(?:back|front|full)[\s-]?(?:end|stack) (?:positions?|roles?|openings?)|"
    # "always on the lookout for astounding backend people" (not colleagues: "to work alongside
    # our backend people", "partner with the backend folks")
    r"(?<!our )(?<!your )(?<!the )(?<!with )(?<!alongside )"
    r"(?:back|front|full)[\s-]?(?:end|stack) (?:people|folks))\b",
    re.IGNORECASE,
)
# What advertises a role in running text: "we're hiring", "looking for", "positions:", "join
# us as", "As a Backend Engineer, you will...".
_HIRING_CUE = re.compile(
    r"(\b(hiring|hire|looking (for|to)|on the look-?out for|hear from|seeking|searching for|"
    r"recruiting|need|needs|"
    # "we're especially interested in backend engineers" (not a candidate "interested in
    # force-multiplying engineers")
    r"(?:(?<=we're )|(?<=we are )|(?<=i'm )|(?<=i am )|(?<=we're also )|(?<=we are also )|"
    r"(?<=we're always )|(?<=we are always )|(?<=we're especially )|(?<=we're particularly ))"
    r"interested in|"
    # (and opening a sentence, the employer's voice: "Particularly interested in Backend ...")
    r"(?:(?<=\n)|(?<=[.!?] )|(?<=[.!?]  ))(?:particularly |especially |also |always )?"
    r"interested in|"
    r"want|wanted|"
    r"open to|opportunit(y|ies) for)\b|"
    r"\b(positions?|roles?|openings?|vacanc(y|ies))( open)?,?\s*"
    r"(:|for\b|include\b|including\b|available\b)|"
    # "Open Positions are: ...", "Our open positions are Product Designer, API Engineer and ..."
    r"\b(positions|roles|openings|vacancies) are( as follows)?\s*:|"
    r"\bopen (positions|roles|openings) are\b|"
    # "about a 100 outstanding positions all over the globe including recruiters, developers"
    # (not "people in many roles across the company, including backend engineers")
    r"\b(open|outstanding|available|current|\d+) (positions|roles|openings|vacancies)"
    r"( [\w-]+){0,5},? (include|including)\b|"
    r"\bjoin\b[^.!?\n]{0,30}\bas\b|(^|[.!?]\s+)as an?\b)",
    re.IGNORECASE,
)
# Between a hiring cue and a job noun, a purpose after another role makes the noun its object:
# "looking for a Director of Product Marketing to ... teach developers" (not "to join us as",
# "to be", nor "we need to find two backend engineers", where no role comes before it).
_OBJECT_OF_PURPOSE = re.compile(
    r"\bto (?!join\b|be\b|become\b|work\b|fill\b|hire\b|add\b|grow\b|expand\b)[a-z]+\b",
    re.IGNORECASE,
)
_NO_STOP = re.compile(r"(?:[^.!?;\n]|\.(?=\S))*")  # "Node.js" and "e.g." end no sentence
_MAX_AFTER_CUE = 150


def _after_cue(text: str, start: int, end: int) -> str | None:
    """The words between the first hiring cue in ``text[start:end]`` and ``end``, if they stay
    in one sentence: "we're looking for [frontend, backend and mobile ]engineers". A later cue
    replaces it where it opens a clause of its own (``_ALSO_BEFORE``): "our largest need is for a
    front-end developer but are also looking for [a junior backend ]developer"."""
    found = None
    for cue in _HIRING_CUE.finditer(text, start, end):
        if (
            (
                found is None
                or _ALSO_BEFORE.search(text, max(start, cue.start() - _ALSO_REACH), cue.start())
            )
            and end - cue.end() <= _MAX_AFTER_CUE
            and _NO_STOP.fullmatch(text, cue.end(), end)
        ):
            found = cue
    return text[found.end() : end] if found else None


# A second cue of the same sentence opens a role of its own only after "but/and (we're) also",
# a comma or a semicolon ("Looking for a few devops to ..., looking for a few developers"; not
# "a technical recruiter who is passionate about hiring backend engineers"), looked for in the
# characters just before the cue.
_ALSO_REACH = 30
_ALSO_BEFORE = re.compile(r"(\b(but|and)\s+(we('re| are)\s+|are\s+)?also|[,;])\s+$", re.IGNORECASE)


# A line or list item that opens with a title: "- Senior Backend Engineer (Go)", "1) Firmware
# Engineer - C", "System engineers with experience of...". The title is what comes before the job
# noun (at most a few words, no sentence) plus the noun and a parenthesised qualifier.
_ITEM_START = re.compile(rf"[ \t]*(?:#?\d+[.)]|#\d+|[-+*>#={_BULLETS}–—]+)?[ \t]*")
_NOT_TITLE = re.compile(
    r"\b(we|we're|you|you're|our|us|i|i'm|is|are|was|have|has|had|will|would|(?-i:be)|join|looking|"
    r"hiring|team of|with|who|that|for|by|can|could|should|may|must|do|does|to|help|helps)\b|;\s|"
    r"^(?!\.net\b)\W",  # (".NET/C# Software Engineer" is a title)
    re.IGNORECASE,
)
_MAX_TITLE_PREFIX = 80
# Within a line, a title is a whole verbless sentence: "...across the board. iOS and backend
# developers. Quality engineers."
_FRAGMENT_END = re.compile(r"[ \t]*([.!?;]|\n|$)")
_SENTENCE_STOP = re.compile(r"(?<=[a-z]{3})[.!?]\s+")  # not "Sr. ", "e.g. "
# Several titles on one line: "IT Support Engineer - Full Stack Engineers | SRE".
_TITLE_SEP = re.compile(r":\s|\s[-–—|]\s")
# Between two job nouns of one list: "frontend engineers and designers and backend engineers".
_LIST_GAP = re.compile(
    r"\s*(,|/|&|\+|\band\b|\bor\b|\bas well as\b)\s*([\w.+#/-]+\s+){0,4}", re.IGNORECASE
)
_SLUG_SPLIT = re.compile(r"[/#=?&]")
_SLUG_ID = re.compile(r"^(jobid)?\d+[-_]|^[0-9a-f]{8,}[-_]", re.IGNORECASE)
# "...who will pair daily with design, QA and backend engineers": colleagues, not roles.
_COLLEAGUES = re.compile(
    r"\b(pair\w*|collaborat\w*|work(s|ing)?( closely| well)? with|alongside|partner(s|ing)? with|"
    r"together with|support(s|ing)?|report(s|ing)? to|team of|communicat\w* with|mentor\w*)\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(an?|the)\s+", re.IGNORECASE)
_LIST_SEP = re.compile(r",|;|\band\b|\bor\b|\bas well as\b|&", re.IGNORECASE)
_LIST_REST = re.compile(r"([ \t]*(,|&|/|\band\b)[ \t]*[\w.+#-]+([ \t][\w.+#-]+)?)+")
# Found on lower-cased text, and only in texts that hold one of its nouns: many times faster.
# (or after a hiring cue: "hiring for all manner of different roles right now (backend, frontend,
# UX/UI & data science)", not "our engineers rotate roles every six months (backend, ...)")
_KINDS_IN_PARENS_LOWER = re.compile(
    r"\b((engineering|software|developer|development|tech|technical) (roles|positions|openings)|"
    r"(hiring|hire|recruiting|looking)\b[^.!?\n(]{0,40}\b(roles|positions|openings)( [\w-]+){0,3})"
    r"[ \t]*\((?P<kinds>[^()\n]{3,100})\)"
)
_KINDS_AFTER = re.compile(r"[ \t]*:[ \t]*(?P<kinds>[^.\n:]{3,150})")
_KIND_ITEM = re.compile(
    rf"^[ \t]*[-+*>#{_BULLETS}–—]+[ \t]*(?P<title>[^:\n]{{1,40}}):", re.MULTILINE
)
# "- Backend - Our modular infrastructure (Clojure, Python)": the same with a dash or en dash,
# where the title must name a kind of work ("- Python - our main language" is a stack list's).
_KIND_DASH_ITEM = re.compile(
    rf"^[ \t]*[-+*>{_BULLETS}]+[ \t]*(?P<title>[^:\n–—]{{1,40}}?)[ \t]+[–—-][ \t]", re.MULTILINE
)
_KIND_LINE = re.compile(
    rf"^[ \t]*[-+*>{_BULLETS}–—]+[ \t]*(?P<title>[^:\n]{{1,40}}?)[ \t]*$", re.MULTILINE
)


def _titles_over_links(text: str) -> Iterable[tuple[re.Match[str], str]]:
    """A short title before each link, on its line or alone on the line before ("Full Stack
    (SF): https://...", "Platform Engineering (SF):\nhttps://..."). Found from the links back,
    not tried at every line start."""
    for link in _LINK.finditer(text):
        line_start = text.rfind("\n", 0, link.start()) + 1
        item = _TITLE_BEFORE_A_LINK.fullmatch(text, line_start, link.start())
        if item is None and line_start and not text[line_start : link.start()].strip():
            previous = text.rfind("\n", 0, line_start - 1) + 1
            item = _TITLE_BEFORE_A_LINK.fullmatch(text, previous, link.start())
        if item is not None:
            yield item, link[0]


_LINK = re.compile(r"https?://\S+")
_TITLE_BEFORE_A_LINK = re.compile(
    r"[ \t]*(?P<title>[^:\n()|→–—]{1,30}?)[ \t]*(\([^()\n]{1,30}\))?[ \t]*(?:[:|→–—]|-(?=[ \t]))?"
    r"[ \t]*\n?[ \t]*"
)
# A job's link: a job board's or a careers page's (not a repository's or a blog's).
_JOB_LINK = re.compile(
    r"greenhouse|lever\.co|workable|ashbyhq|jobvite|smartrecruiters|recruitee|bamboohr|breezy|"
    r"angel\.co|careers|/jobs?\b|/apply",
    re.IGNORECASE,
)
_DEPARTMENT_KINDS = re.compile(
    r"^[ \t]*(?:engineering|engineers)[ \t]*[-–—:][ \t]*(?P<kinds>[^.\n:]{3,150}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_MARK = re.compile(rf"[ \t]*[-+*>{_BULLETS}–—]")
_ROLES_INTRO = re.compile(
    r"\b(roles?|positions?|openings?|vacanc(y|ies)|hiring|looking for|open (jobs|reqs))\b",
    re.IGNORECASE,
)
_KIND_OF_WORK = re.compile(
    r"\b(back[\s-]?end|front[\s-]?end|full[\s-]?stack|ios|android|mobile|devops|sre|"
    r"infrastructure|platform|qa|security)\b",
    re.IGNORECASE,
)
_ROLE_AFTER = re.compile(r"\s+(role|position|opening|job)s?\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"[ \t]*\([^()\n]{0,60}\)")
# The list's shared noun, after at most two more words: "DevOps, Golang and Ruby engineers".
_NOUN_NEXT = re.compile(
    r"([ \t]+[\w.+#-]+){0,2}?[ \t]+(engineers|developers|devs|programmers)\b", re.IGNORECASE
)
_IN_TEST = re.compile(r"[ \t-]+in[ \t-]+test(ing)?\b", re.IGNORECASE)
# The team after a title that ends its line or precedes a link: "Software Engineer, Core Storage
# Infrastructure https://...", "Staff Software Engineer - Cloud Capacity → https://...".
_TEAM_AFTER = re.compile(
    r"(,|[ \t][-–—][ \t])[ \t]*(?P<team>[A-Z][\w&+/.-]*([ \t]+[A-Z&(][\w&+/.()-]*){0,4})"
    r"(?=[ \t]*($|\n|https?://|→|[-–—|:][ \t]|\(|<))"
)


def _role_phrases(text: str) -> list[str]:
    """Roles the text advertises: a title opening a line, list item or verbless sentence
    ("Senior Backend Engineer (Go)", "iOS, Android and backend developers."), or a job noun after
    a hiring cue ("we're looking for frontend, backend and mobile engineers"). Mentions in passing
    ("frameworks for other developers", "work with our designers") are not roles.
    Finds the nouns first, then looks back: fast on long texts."""
    phrases: list[str] = []
    last_end = -1
    lowered = lower_in_place(text)
    for m in _JOB_NOUN_LOWER.finditer(lowered):  # lower-cased: much faster than re.I
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.rfind("(", line_start, m.start()) > text.rfind(")", line_start, m.start()):
            continue  # inside a qualifier: "positions (android, backend, sre)"
        token_start = max(text.rfind(" ", 0, m.start()), line_start - 1) + 1
        if "/" in text[token_start : m.start()]:
            # A title in a link: ".../jobs/senior-site-reliability-engineer-4411" is read as
            # "senior site reliability engineer".
            slug = _SLUG_SPLIT.split(text[token_start : m.end()])[-1]
            phrase = _SLUG_ID.sub("", slug).replace("-", " ").replace("_", " ").strip()
            if phrase and phrase not in phrases:
                phrases.append(phrase)
            continue
        end = m.end()
        in_test = _IN_TEST.match(text, end)  # "Software Development Engineers in Test (SDETs)"
        end = in_test.end() if in_test else end
        qualifier = _QUALIFIER.match(text, end)
        end = qualifier.end() if qualifier else end
        # "Software Engineer, Payments": a singular title's team ("project managers, Django
        # (Python), iOS developers" is a list).
        team = None if m.group(0).endswith("s") else _TEAM_AFTER.match(text, end)
        if team:
            end = team.end("team")
        elif _KIND_NOUN.fullmatch(m.group(0)):
            rest = _LIST_REST.match(text, end)  # "DevOps, Backend API and more"
            if rest and not _NOUN_NEXT.match(text, rest.end()):
                end = rest.end()  # (not "Android, DevOps, and Ruby Engineers": theirs is)
        if line_start <= last_end and _LIST_GAP.fullmatch(text, last_end, m.start()):
            # The next noun of a list: "UX engineer, full stack engineer", "frontend engineers
            # and designers and backend engineers".
            phrases[-1] += text[last_end:end]
            last_end = end
            continue
        if line_start <= last_end and m.start() - last_end <= _MAX_AFTER_CUE:
            # Another kind after the last role's own words: "Mobile developer with AI skills,
            # backend developer"; "front-end engineers who know SPAs and backend engineers".
            gap = text[last_end : m.start()]
            # ("..., a full stack engineer": the kind without its article)
            kind = _ARTICLE.sub("", _LIST_SEP.split(gap)[-1].strip())
            if (
                _LIST_SEP.search(gap)
                and not _SENTENCE_STOP.search(gap)
                and not _COLLEAGUES.search(gap)
                and 0 < len(kind.split()) <= 2
                and _names_a_kind(kind)
            ):
                # "firmware engineers (C), mobile (iOS), backend (Python), UX designers": the
                # kinds between two nouns are roles too.
                for between in _LIST_SEP.split(gap)[1:-1]:
                    between = _QUALIFIER.sub("", between).strip()
                    if 0 < len(between.split()) <= 2 and _kinds_only(between):
                        phrases.append(f"{between} engineer")
                phrases.append(kind + " " + text[m.start() : end])
                last_end = end
                continue
        item = _ITEM_START.match(text, line_start).end()  # type: ignore[union-attr]
        stop = _SENTENCE_STOP.search(text, item, m.start())
        fragment = stop is not None
        while stop:  # the last sentence break before the noun
            item = stop.end()
            stop = _SENTENCE_STOP.search(text, item, m.start())
        prefix = _TITLE_SEP.split(text[item : m.start()])[-1]
        if (
            len(prefix) > _MAX_TITLE_PREFIX
            or _NOT_TITLE.search(text[item : m.start()])
            or (fragment and not _FRAGMENT_END.match(text, end))
        ):
            cue = _after_cue(text, max(line_start, m.start() - 200), m.start())
            if cue is None and not _ROLE_AFTER.match(text, m.end()):
                continue
            prefix = cue or ""
            if m.start() - len(prefix) < last_end:
                continue  # the cue belongs to an earlier role: "a PM who works with engineers"
            purpose = _OBJECT_OF_PURPOSE.search(prefix)
            if purpose and _JOB_WORD.search(prefix, 0, purpose.start()):
                continue  # "looking for a marketer to reach and teach developers"
        listed = _KINDS_AFTER.match(text, end)
        kinds = [
            k.strip()
            for k in (_SPLIT.split(listed["kinds"])[::2] if listed else [])
            if 0 < len(k.split()) <= 3 and _names_a_kind(k)
        ]
        if kinds:
            # "our team of engineers: computer vision, deep learning, hardware, full-stack, etc"
            phrases.extend(f"{k} {m.group(0)}" for k in kinds)
        else:
            phrases.append((prefix + text[m.start() : end]).strip())
        last_end = end
    # "hiring for a number of engineering roles (backend, frontend, mobile, data)"
    listed_kinds = (
        _KINDS_IN_PARENS_LOWER.finditer(lowered)
        if "roles" in lowered or "positions" in lowered or "openings" in lowered
        else ()
    )
    for listed in listed_kinds:
        for k in _SPLIT.split(listed["kinds"])[::2]:
            if 0 < len(k.split()) <= 2 and _kinds_only(k.strip()):
                phrases.append(f"{k.strip()} engineer")
    # "* Senior Back End: We've scaled to...": a list item titled with a kind of work only;
    # "- Backend/ Dev OP (must be Canada-Remote)": a list item that is one (a language alone,
    # "- Python", is a stack list's item).
    for item in _KIND_ITEM.finditer(text):
        kind = _SENIORITY_ONLY.sub(" ", item["title"]).strip()
        if kind and _kinds_only(kind):
            phrases.append(f"{item['title'].strip()} developer")
    dash_items = list(_KIND_DASH_ITEM.finditer(text))
    # (or in a list whose other items are engineering roles by title: "* Firmware/Embedded
    # Engineer - You live and breathe C ...", "* Fullstack/Backend/Infrastructure - You are
    # proficient in node.js"; not a list of colleagues, "Who you'll work with:")
    intros = [_list_intro(text, item.start()) for item in dash_items]
    of_roles = {
        intro
        for item, (intro, line) in zip(dash_items, intros, strict=True)
        if _ENGINEERING_JOB.search(item["title"]) and not _COLLEAGUES.search(line)
    }
    for item, (intro, _) in zip(dash_items, intros, strict=True):
        kind = _SENIORITY_ONLY.sub(" ", item["title"]).strip()
        if (
            kind
            and _kinds_only(kind)
            and _KIND_OF_WORK.search(kind)
            and (intro in of_roles or _lists_roles(text, item, introduced=True))
        ):
            phrases.append(f"{item['title'].strip()} developer")
    # "Engineering - Web, Backend, Infrastructure, Android, iOS" right under the header: a
    # department's line of the kinds it hires.
    if "engineering" in lowered or "engineers" in lowered:
        for line in _DEPARTMENT_KINDS.finditer(text):
            if "\n" in text[: line.start()].strip():
                continue  # lower down it says how the company is organised, not what it hires
            kinds = [k.strip() for k in _SPLIT.split(line["kinds"])[::2]]
            if len(kinds) >= 2 and all(k and _kinds_only(k) for k in kinds):
                phrases.extend(f"{k} engineer" for k in kinds)
    for item in _KIND_LINE.finditer(text):
        kind = _SENIORITY_ONLY.sub(" ", _QUALIFIER.sub("", item["title"])).strip()
        if kind and _kinds_only(kind) and _KIND_OF_WORK.search(kind) and _lists_roles(text, item):
            phrases.append(f"{item['title'].strip()} developer")
    # "Full Stack (SF): https://boards.greenhouse.io/...": backend work over a job's link, or
    # over any link in a list introduced as openings ("We have openings for new engineers:\n
    # full-stack: https://gist.github.com/..."). Only backend: "Front-End:" over a link beside an
    # unread "Software Engineering (Java, iOS):" would decide the posting alone.
    if "http" in text:
        for item, link in _titles_over_links(text):
            kind = _SENIORITY_ONLY.sub(" ", item["title"]).strip()
            if (
                kind
                and _kinds_only(kind)
                and _KIND_OF_BACKEND.search(kind)
                and (_JOB_LINK.search(link) or _lists_roles(text, item, introduced=True))
            ):
                phrases.append(f"{item['title'].strip()} developer")
    return phrases


def _list_intro(text: str, start: int) -> tuple[int, str]:
    """Where the list holding the item at ``start`` is introduced, and that line: back over the
    list's other items and blank lines (0 and "" for a list that opens the text)."""
    while start > 0:
        line_start = text.rfind("\n", 0, start - 1) + 1
        line = text[line_start : start - 1]
        if line.strip() and not _ITEM_MARK.match(line):
            return line_start, line
        start = line_start
    return 0, ""


def _lists_roles(text: str, item: re.Match[str], *, introduced: bool = False) -> bool:
    """Whether the list holding ``item`` is introduced as roles ("Roles open:", "We're hiring:"),
    not as a stack, a nice-to-have or who you will work with. ``introduced``: only by the last
    clause of a line ending in a colon ("We're hiring for:", not "We're hiring a marketing
    manager. Our stack:")."""
    _, line = _list_intro(text, item.start())
    if not line:
        return False  # the list opens the text
    if introduced:
        if not line.rstrip().endswith(":"):
            return False
        line = _SENTENCE_STOP.split(line)[-1]
    return bool(_ROLES_INTRO.search(line))


def classify_role(title: str, server_stack: bool, *, client_stack: bool = False) -> bool | None:
    """True for a backend role, False for another job, None when the title cannot tell.

    A generalist title ("Software Engineer") is decided by the posting's stack: backend when
    it names server-side tools (``server_stack``), not when it names only client-side or
    device ones (``client_stack``), undecided when it names neither."""
    if _OTHER_WORK.search(title):
        return False  # "Web Development Instructor", "AWS Cloud Engineer"
    title = _GENDERS.sub(" ", title)  # "(m/f/d)" is no qualifier
    if (
        _ENGINEERING_MANAGER.search(title)
        and _INFRA_TEAM.search(title)
        and not _STRONG_BACKEND.search(title)
    ):
        # "Engineering Manager, Core Infrastructure", "Director of Platform Engineering",
        # "Director of AI Engineering": the people who run an infrastructure or AI
        # organisation, like the SREs, operators and researchers in it.
        return False
    # The title proper decides first; its parenthesised qualifier ("Software Engineer (Go)",
    # "Software Engineer (Windows)") only when the title proper is a generalist.
    # "Head of Frontend Engineering" keeps its kind of work: " Frontend engineer ".
    head = _ENGINEERING_MANAGER.sub(
        lambda m: f" {m['kind'] or ''}engineer ", _PARENS.sub(" ", title)
    )
    qualifier = " ".join(_PARENS.findall(title))
    team = _TEAM.fullmatch(head)
    proper = team["title"] if team else head
    if _TESTING.search(proper) and not any(
        _JOB_NOUN.search(part) and not _TESTING.search(part) for part in _TWO_TITLES.split(proper)
    ):
        # Whatever it tests: "Quality Assurance Engineer (Backend)", "Backend QA/Test Engineer"
        # (not "Backend Engineer / QA Engineer", two titles).
        return False
    if _BACKEND_KIND.search(qualifier):
        # "Senior Machine Learning Engineer (ML + Backend Engineering)", "Software Engineer
        # (Back-end, Rust)": a backend kind in the qualifier is part of the job (51 of 51 on
        # the tuning sets).
        return True
    # "Software Engineer, Backend", "Senior Software Engineer | Detection & Response": the team
    # after a generalist title decides it when the title proper cannot.
    head = proper
    if _STRONG_BACKEND.search(head):
        # Not when only a language, put on a client by its qualifier: "C# Developer (Mobile /
        # Xamarin)", "Java Developer (Android)".
        return not (
            qualifier
            and not _KIND_OF_BACKEND.search(head)
            and _CLIENT_QUALIFIER.search(qualifier)
            and not _BACKEND.search(qualifier)
            and not _SERVER_STACK.search(qualifier)
        )
    if _CLIENT_SIDE.search(head):
        return False  # "Embedded Systems Engineer", "JavaScript Platform Engineer"
    if _WEAK_BACKEND.search(head):
        return True
    if _NOT_BACKEND.search(head):
        return False
    if team:
        decided = classify_role(team["team"], False)
        if decided is not None and not (decided is False and _BUSINESS_TEAM.search(team["team"])):
            return decided  # a developer on the marketing team is still a developer
    if qualifier:
        # Each kind it lists: "(mobile, product, infrastructure)", "(C++, Java or frontend)".
        kinds = [
            True
            if _SERVER_STACK.search(k) or _INFRA_KIND.search(k)
            else classify_role(f"{k} engineer", False)
            for k in _SPLIT.split(qualifier)[::2]
            if k.strip() and len(k.split()) <= 3  # "(ML experience is a plus)" names no kind
        ]
        if any(kinds):
            return True
        if kinds and all(k is False for k in kinds):
            return False
    if _INFRA_ONLY.fullmatch(head):
        # "Infrastructure Engineer" alone: on the tuning sets operations (13) far more often
        # than platform software (4); "Data Infrastructure Engineer" is decided above.
        return False
    if _INTERN_ONLY.fullmatch(head):
        # "FULL-TIME, INTERN, VISA": an internship says nothing of its kind of work.
        return None
    if _GENERALIST.search(head):
        return True if server_stack else False if client_stack else None
    return None


# ...while a generalist's infrastructure team is platform work: "Software Engineers (mobile,
# infrastructure)".
_INFRA_KIND = re.compile(r"\binfra(structure)?\b", re.IGNORECASE)
_INFRA_ONLY = re.compile(
    r"\W*((senior|sr\.?|staff|principal|lead|junior|jr\.?|an?)\s+)*infra(structure)?\s+engineers?\W*",
    re.IGNORECASE,
)
_INTERN_ONLY = re.compile(r"\W*(summer\s+)?(interns?|internships?)\W*", re.IGNORECASE)


_PARENS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
# A backend kind of work in a title's parentheses: "(ML + Backend Engineering)", "(Back-end, Rust)"
# (not "API": "QA Engineer (API testing)" is QA).
_BACKEND_KIND = re.compile(r"\b(back[\s-]?end|server[\s-]?side|full[\s-]?stack|fullstack)\b", re.I)
_GENDERS = re.compile(r"\(\s*[mwfdxh]\s*([/|,*]\s*[mwfdxh]\s*)+\)|\(all genders\)", re.IGNORECASE)
_INFRA_TEAM = re.compile(
    r"\b(platform|infrastructure|infra|storage|observability|reliability|core services|cloud|"
    r"compute|network\w*|sre|devops|ai(?! products?)|ml|machine learning|security|sdks?|"
    r"mobile)\b",
    re.IGNORECASE,
)
_BUSINESS_TEAM = re.compile(
    r"\b(marketing|sales|growth|finance|legal|customers?|support|operations|people|hr|accounts?|"
    r"revenue|partnerships?|brand|content|community|logistics)\b",
    re.IGNORECASE,
)
# A generalist title, then its team: "Senior Software Engineer, Product", "Member of Technical
# Staff - Full Stack", "Engineering Manager, Core Storage Infrastructure".
_TEAM = re.compile(
    r"(?P<title>[^,]*?\b((software|product|senior|staff|principal|lead|founding|web|application)"
    r"\s+)*(engineers?|developers?|programmers?|swes?|member of (the )?technical staff)\s*)"
    r"(,|\s[-–—|]\s)\s*(?P<team>[^,]{2,60}?)\s*",
    re.IGNORECASE,
)


def is_backend(roles: list[Role], text: str = "", *, title: str | None) -> bool | None:
    """Whether a posting is a backend role: the role rules' answer (``rules_backend``), unless
    the word model is very sure of the opposite (never over a role that names backend work, see
    ``names_backend_work``), and, where the rules abstain, the word model's when it is confident
    (``transform.words``). Without the posting's text only the rules can answer."""
    return backend_decision(roles, text, title=title)[0]


def backend_decision(
    roles: list[Role], text: str = "", *, title: str | None
) -> tuple[bool | None, str]:
    """``is_backend``'s answer and what gave it: "the roles", "the word model 13sets+f15399da
    (p=0.81)", "the word model ... (p=0.93), over the roles' no", or, when neither can tell,
    why not. ``title`` is the job board's title (None for an HN post), which the model reads as
    the heading; without it the text's first line is the heading, so it is required: a job
    board's posting scored without its title loses its strongest words."""
    if not_a_job_ad(text):
        # A "seeking work" post or a reply names skills and titles like an ad; no word model
        # may make it one.
        return False, "the roles: no job ad (a candidate's post or a reply)"
    decided = _rules_backend(roles, text)
    if not text:
        if decided is not None:
            return decided, "the roles"
        return None, "nobody: the roles cannot tell, and there is no text for the word model"
    model = load_word_model()
    value, p = model.decide(text, title)
    if decided is not None:
        # A role that names backend work ("Backend Developers", "Full-stack Engineer") is not
        # overruled: the model's no over such a yes was more often wrong than right, on postings
        # neither had seen (README, "How good is the extraction?").
        if (
            value is not None
            and value != decided
            and model.overrules(p)
            and not (decided and names_backend_work(roles))
        ):
            return value, (
                f"the word model {model.version} (p={p:.2f}), over the roles' "
                f"{'yes' if decided else 'no'}"
            )
        return decided, "the roles"
    if value is None:
        return (
            None,
            f"nobody: the roles cannot tell, nor can the word model {model.version} (p={p:.2f})",
        )
    return value, f"the word model {model.version} (p={p:.2f})"


def names_backend_work(roles: list[Role]) -> bool:
    """Whether a backend role's title names the kind of work and an engineering job ("Backend
    Developers", "Full-stack Engineer (Go)", "Backend"), not only a language or a generalist
    title on a server stack (nor "API Technical Writer")."""
    return any(
        r.backend
        and _KIND_OF_BACKEND.search(r.title)
        and (_ENGINEERING_JOB.search(r.title) or _kinds_only(r.title))
        for r in roles
    )


_ENGINEERING_JOB = re.compile(rf"\b({_ENGINEERING_NOUNS})\b", re.IGNORECASE)


_ASKS_THE_READER = re.compile(r"[^.!\n]*\?")  # the rest of the sentence, to its question mark


# Others who look for work ("designers who are looking for work"), unless the poster is the
# subject ("We are two freelance developers who are looking for work"). Lower-cased text.
_OTHERS_BEFORE_LOWER = re.compile(r"\b((who|that) (are|were)|who're) $")
_POSTER_IS_LOWER = re.compile(r"\b(we are|we're|i am|i'm)\b")


def not_a_job_ad(text: str) -> bool:
    """Whether a text is a "seeking work" post or a reply, not a job ad."""
    if not text:
        return False
    head = lower_in_place(text[:300])  # (its offsets are the text's)
    for seeking in _SEEKING_WORK_LOWER.finditer(head):
        if not (
            seeking.group().startswith("looking for")
            and opens_with_an_ad_header(head)
            and (
                # The ad asking its reader: "Acme | Full Stack Engineer | NYC\n\nLooking for
                # work that can have a real positive impact?" (not a candidate's "Jane Doe |
                # Backend Engineer | Berlin\n\nLooking for work as a backend engineer.")
                _ASKS_THE_READER.match(text, seeking.end())
                # Others who look for work: "Acme | Software Engineer | LA\n\nOur platform
                # matches clients with (freelance) designers who are looking for work" (not
                # "We are two freelance developers who are looking for work").
                or (
                    _OTHERS_BEFORE_LOWER.search(head, max(0, seeking.start() - 30), seeking.start())
                    and not _POSTER_IS_LOWER.search(
                        head,
                        sentence_bounds(head, seeking.start(), seeking.end())[0],
                        seeking.start(),
                    )
                )
            )
        ):
            return True
    return wants_to_be_hired(text)


def rules_backend(roles: list[Role], text: str = "") -> bool | None:
    """A posting is backend if any role is; not backend if every role is known to be other work,
    or if the text is no job ad at all (a question, a test, a "seeking work" post)."""
    if not_a_job_ad(text):
        return False
    return _rules_backend(roles, text)


def _rules_backend(roles: list[Role], text: str) -> bool | None:
    """``rules_backend`` for a text known to be a job ad."""
    if any(r.backend for r in roles):
        return True
    if roles and all(r.backend is False for r in roles):
        return False
    other = sum(r.backend is False for r in roles)
    undecided = sum(r.backend is None for r in roles)
    if other >= 3 and other >= 3 * undecided:
        # "Firmware, Electrical and Mechanical Engineers; Robot Software Engineers": the
        # undecided generalists most likely share the other roles' kind of work.
        return False
    if other and undecided == 1 and text and not _SERVER_STACK_LOWER.search(lower_in_place(text)):
        # "iOS Engineer | Software Engineer" with no server-side tool named anywhere: the one
        # generalist most likely works with the others (on the tuning sets, 31 of 38 such
        # postings readers could decide were not backend).
        return False
    if text and not roles:
        if _SERVER_LANGUAGE_LOWER.search(lower_in_place(text)):
            return True  # no title, but the work is in a server-side language
        if len(text) < _SHORT_REPLY and not header_fields(text) and not _WE_HIRE.search(text):
            return False  # a reply in the thread ("Does remote mean worldwide?"), not an ad
    if text and not _JOB_AD_LOWER.search(lower_in_place(text)):
        return False
    if text and any(r.backend is None for r in roles) and _server_work(text):
        # "Founding Engineer" building "the platform's APIs, integrations and data layer":
        # a generalist whose work is described in server-side words, none client-side.
        return True
    return None


def _server_work(text: str) -> bool:
    """Whether a text names at least three kinds of server-side work and nothing client-side,
    device or data science."""
    lowered = lower_in_place(text)
    if _OTHER_KIND_LOWER.search(lowered):
        return False
    return len(_kinds_named(_SERVER_WORK_LOWER, lowered)) >= _MIN_SERVER_WORK


_SHORT_REPLY = 400
# Read off the tuning sets: postings the roles left undecided that name three or more of these
# and none of the other kinds were labelled backend 9 times in 10.
_SERVER_WORK_LOWER = re.compile(
    r"\b(platforms?|apis?|saas|integrations?|services|microservices|databases?|distributed|"
    r"back[\s-]?end|data (layer|pipelines?|infrastructure)|scalable|scalability|at scale|"
    r"web app(lication)?s?|servers?|infrastructure)\b"
)
_OTHER_KIND_LOWER = re.compile(
    r"\b(mobile|ios|android|front[\s-]?end|ui|ux|devices?|hardware|embedded|firmware|desktop|"
    r"robots?|robotics|games?|data scien\w+|machine learning|ml)\b"
)
_MIN_SERVER_WORK = 3
_WE_HIRE = re.compile(
    r"\b(we|we're|we are|i|i'm|i am)\b[^.?!\n]{0,20}\b(hiring|looking for|recruiting|need)\b",
    re.IGNORECASE,
)
# Languages, frameworks and databases that are server-side whatever the title (not JavaScript,
# Go or SQL alone: too ambiguous to decide a posting that names no role).
_SERVER_LANGUAGE = re.compile(
    r"(?<![\w.#+])(python|django|flask|java(?!script)|spring|golang|ruby|rails|ror(?!\.org)|php|laravel|scala|"
    r"elixir|erlang|node\.?js|c#|\.net|asp\.net|clojure|haskell|postgres(ql)?|mysql|sql server|"
    r"mongodb|perl)(?![\w#+])",
    re.IGNORECASE,
)


# Jobs that use backend words but are other work: teaching it, or running infrastructure.
_OTHER_WORK = re.compile(
    r"\b(instructors?|teachers?|teaching|mentors?|tutors?|trainers?|"
    r"(?<!back-end )(?<!backend )(?<!back end )cloud engineers?|"
    r"dev-?ops? engineers?|site reliability|sres?|support engineers?|service desk|help ?desk|"
    r"cloud infrastructure engineers?|operations engineers?|production engineers?|"
    r"solutions? engineering|solutions? consultants?|post-sales|pre-?sales|reliability engineers?|"
    r"desktop support|it support|(product|program|project) managers?|recruiters?|marketers?|"
    r"accountants?|accounting analysts?|dbas?|database administrators?|"
    r"developer relations|developer advocates?|evangelists?|technical writers?|"
    r"product marketing|"
    r"marketing (leads?|managers?|directors?))\b",
    re.IGNORECASE,
)
# Testing, whatever it tests: "Back-End Quality Engineer", "Backend QA Automation Engineer",
# "Backend Engineer in Test" (read in the title proper: "Backend Engineer, Quality Platform" is
# a backend engineer, and "Backend Engineer / QA Engineer" two roles).
_TESTING = re.compile(
    r"\b(quality engineers?|qa( automation)? engineers?|quality assurance|test engineers?|"
    rf"test automation engineers?|testers?|(engineers?|developers?){_IN_TEST.pattern}|sdets?)\b",
    re.IGNORECASE,
)
_TWO_TITLES = re.compile(r"/|&|\b(?:or|and)\b", re.IGNORECASE)

# Words any software role's title carries; a board title without one is not an engineering job.
_TECH_WORD = re.compile(
    r"(engineer|developer|programmer|software|\bswe\b|\bsde\b|architect|technical staff|"
    r"entwickler|informatiker|\bdev\b|\bdevops\b|\bsre\b|hacker|coder|\bcto\b|technolog|"
    r"\bing[ée]nieur|d[ée]veloppeu|desarrollador|logiciel)",
    re.IGNORECASE,
)
_JOB_AD = re.compile(
    r"\b(hiring|hire|looking for|join|position|positions|roles?|engineers?|developers?|jobs?|"
    r"apply|salary|remote|onsite|full[\s-]?time|part[\s-]?time|contract|intern(ship)?s?|"
    r"careers?|team)\b",
    re.IGNORECASE,
)
_SEEKING_WORK = re.compile(
    rf"\b(seeking (\w+ )?work|looking for (a )?(job|work|opportunit)|{ANSWERING_AN_AD})|"
    r"(^|[.!?]\s*)looking for an? ([\w./-]+ ){0,4}(position|job)\b|"
    # "Anyone interested in hiring a remote backend engineer ...? I'm from Pakistan" (not "Anyone
    # interested in hiring and leading a team? Acme is looking for an Engineering Manager")
    r"^\W*(is\s+)?(anyone|anybody)\s+((interested in|want to|wants to|looking to)\s+)?"
    r"hir(e|ing)\s+an?\s+(?=[\s\S]*\bi('m|\s+am|\s+have|\s+was)\b)|"
    # A reader's question: "Any startup looking for Scala developers in London?" (not an ad
    # asking its reader: "Anyone looking for a new challenge? Acme | ...", "Anyone hiring Go
    # developers? We are!")
    r"^\W*(is\s+there\s+)?(any|anyone|anybody)\s+(startups?|compan(y|ies))?\s*(looking for|hiring)"
    r"\s+([\w+#.-]+\s+){0,3}(developers?|engineers?|programmers?|devs|designers?)\b[^?\n]{0,60}\?"
    r"(?![\s\S]{0,40}\b(we are|we're|is hiring|join us)\b)|"
    rf"{SEEKING_HEADER}",
    re.IGNORECASE,
)


# Whole-text searches run on lower-cased text without re.IGNORECASE: several times faster.
_JOB_NOUN_LOWER = re.compile(_JOB_NOUN.pattern)
_SERVER_STACK_LOWER = re.compile(_SERVER_STACK.pattern)
_CLIENT_STACK_LOWER = re.compile(_CLIENT_STACK.pattern)
_SERVER_LANGUAGE_LOWER = re.compile(_SERVER_LANGUAGE.pattern)
_SEEKING_WORK_LOWER = re.compile(_SEEKING_WORK.pattern)
_JOB_AD_LOWER = re.compile(_JOB_AD.pattern)
_OPS_WORK_LOWER = re.compile(_OPS_WORK.pattern)
_DEV_WORK_LOWER = re.compile(_DEV_WORK.pattern)
