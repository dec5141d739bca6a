"""HTML to clean text, with selectolax's lexbor parser.

HN comments separate paragraphs with bare ``<p>`` tags, escape ``/`` and ``'`` as entities,
truncate long link texts with "..." and put code in ``<pre><code>``. ATS boards send ordinary
HTML with headings and lists. ``html_to_text`` turns both into paragraphs separated by a blank
line, list items on their own lines, links as their full URL when the visible text is cut, and
code kept verbatim.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_BLOCK = frozenset(
    "p div section article header footer ul ol table tr h1 h2 h3 h4 h5 h6 blockquote dl".split()
)
_LINE = frozenset({"br", "li", "dt", "dd"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML fragment. Pure; never raises on malformed HTML."""
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return ""
    out: list[str] = []
    _walk(root, out)
    return _tidy("".join(out))


def _walk(root: LexborNode, out: list[str]) -> None:
    # Explicit stack: deeply nested HTML must not hit the recursion limit.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag in _BLOCK or tag == "pre":
                out.append("\n\n")
            continue
        if tag == "-text":
            out.append(node.text_content or "")
            continue
        if tag in _SKIP or tag == "-comment":
            continue
        if tag in _BLOCK:
            out.append("\n\n")
        elif tag in _LINE:
            out.append("\n- " if tag == "li" else "\n")
        if tag == "pre":
            # Keep code verbatim (newlines and indentation) but mark it as its own block.
            code = node.text(deep=True, separator="", strip=False)
            out.append("\n\n\x00" + code.replace("\n", "\x01") + "\x00\n\n")
            continue
        if tag == "a":
            out.append(_link_text(node))
            continue
        stack.append((node, True))
        children = []
        child = node.first_child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))


def _link_text(node: LexborNode) -> str:
    text = node.text(deep=True, separator="", strip=True)
    href = (node.attributes.get("href") or "").strip()
    # HN shows long URLs cut with "..."; the href holds the whole one.
    if href and (not text or text.endswith("...") or text.endswith("\u2026")):
        return href
    return text


# Invisible characters that split words without showing: soft hyphens ("On-\xadPremise"),
# zero-width spaces and joiners, direction marks, byte-order marks.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


def _tidy(text: str) -> str:
    text = text.translate(_INVISIBLE)
    parts = text.split("\x00")
    for i in range(0, len(parts), 2):  # outside <pre>: collapse whitespace, trim lines
        collapsed = _SPACES.sub(" ", parts[i])
        parts[i] = "\n".join(line.strip() for line in collapsed.split("\n"))
    for i in range(1, len(parts), 2):  # inside <pre>: keep indentation, restore newlines
        parts[i] = parts[i].replace("\x01", "\n").strip("\n")
    return _BLANKS.sub("\n\n", "".join(parts)).strip()


def first_line(text: str) -> str:
    """The first non-empty line, stripped (HN's header line: ``Company | Role | Location |
    ...``), found without splitting the whole text (a line ends at "\\n")."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        line = text[start:end].strip()
        if line:
            return line
        start = end + 1
    return ""


def lower_in_place(text: str) -> str:
    """Lower case of the same length, so offsets found in it point into ``text``: a character
    whose lower case is longer ("İ" -> "i̇") is kept as it is."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


# A letter answering an ad, not an ad: its skills are the writer's own and it advertises no role.
# transform.roles and transform.context each add this to their own "seeking work" wording.
ANSWERING_AN_AD = r"reaching out regarding your|(my|attached) (resume|cv|portfolio)|hire me"
# Nor is a header that opens with "SEEKING |" ("SEEKING | AI/ML Engineer | Remote").
SEEKING_HEADER = r"^\W*seeking\s*\|"
# Nor is a "Who wants to be hired?" post: its template's fields ("Willing to relocate: No",
# "Résumé/CV: ...") come a few lines down, so they are looked for further in.
WANTS_TO_BE_HIRED = re.compile(
    r"\b(willing to relocate\s*:|r[eé]sum[eé]\s*/\s*cv\s*:|looking for (remote )?jobs in\s*:)",
    re.IGNORECASE,
)
WANTS_TO_BE_HIRED_WITHIN = 1000
_AD_OPENING = re.compile(r"\b(is|are|we're|we are) (hiring|looking for|seeking)\b")
# Nor does an ad that opens with an HN job header ("Careforce AI | Senior Fullstack Engineer |
# REMOTE") and then fills in the template, or that says how to apply.
# (Not a candidate's template on one line, "Berlin | Remote: Yes | Willing to relocate: No", nor a
# candidate's own title first, "Senior Backend Engineer | Python, Go | 10 years".)
_AD_HEADER = re.compile(
    r"^(?![^|\n]*\b(engineer|developer|programmer|designer|scientist|architect|manager)s?\b"
    r"[^|\n]*\|)(?![^\n]*\|\s*[\w /-]+:\s)[^|\n:]+\|[^|\n]+\|",
    re.IGNORECASE,
)
_HOW_TO_APPLY = re.compile(r"\bto apply\s*:")


def opens_with_an_ad_header(text: str) -> bool:
    """Whether the first line is an HN job header ("Acme | Full Stack Engineer | NYC | ONSITE"),
    not a candidate's ("Berlin | Remote: Yes | Willing to relocate: No", "Senior Backend Engineer
    | Python, Go | 10 years")."""
    return _AD_HEADER.match(first_line(text)) is not None


def wants_to_be_hired(text: str) -> bool:
    """Whether ``text`` is a candidate's "Who wants to be hired?" post."""
    head = text[:WANTS_TO_BE_HIRED_WITHIN].lower()
    # A pattern search tries every position; most texts hold none of its words (ten times faster).
    if "relocate" not in head and "cv" not in head and "jobs in" not in head:
        return False
    # "interviewing.io is looking for a back-end engineer. ... Willing to relocate: Yup!": an ad
    # that borrows the template's fields says so in its first line, or says how to apply.
    if WANTS_TO_BE_HIRED.search(head) is None:
        return False
    opening = first_line(head)
    return not (
        _AD_OPENING.search(opening) or _AD_HEADER.match(opening) or _HOW_TO_APPLY.search(head)
    )


_SENTENCE_END = re.compile(r"[.!?;](\s|$)|\n")  # a line break always ends a sentence


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from after the last stop before it to its next
    stop (a line break, or ".", "!", "?" or ";" before a space or the end)."""
    left = start
    while True:  # a stop not followed by a space (".NET", "Node.js", "v2.1") ends no sentence
        stop = -1
        for c in ".\n;!?":  # each looked for only after the nearest stop found so far
            found = text.rfind(c, stop + 1, left)
            if found > stop:
                stop = found
        left = stop
        if left < 0 or text[left] == "\n" or left + 1 >= len(text) or text[left + 1].isspace():
            break
    m = _SENTENCE_END.search(text, end)
    return left + 1, (m.start() + 1 if m else len(text))
