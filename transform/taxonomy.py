"""Load, validate and version the skill taxonomy (``transform/taxonomy/skills.toml``).

The taxonomy is data: categories, skills, aliases with optional case sensitivity, veto
patterns and required nearby context, and ``implies`` edges. ``load_taxonomy()`` validates it
once and returns a frozen ``Taxonomy`` whose ``version`` ("<declared version>+<hash of the file,
the extraction code and the word model>") is stored with every fact.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.errors import ConfigError

DEFAULT_PATH = Path(__file__).parent / "taxonomy" / "skills.toml"
CONTEXT_CHARS = 60  # how far around an alias its required context is looked for, by default


@dataclass(frozen=True)
class Alias:
    text: str
    skill: str
    case_sensitive: bool = False
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    # Required nearby context: the alias only counts when this matches within
    # `context_chars` characters before or after it ("Chef" near "Puppet", "cookbooks").
    context: re.Pattern[str] | None = None
    context_chars: int = CONTEXT_CHARS


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[Alias, ...]
    implies: tuple[str, ...] = ()
    # Also a word for what companies sell ("monitoring"): in a sentence saying what a product
    # does, a hit is the company's business, not a demand (see transform.context.judge).
    product_word: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, cached
class Taxonomy:
    version: str
    categories: dict[str, str]  # name -> description
    skills: dict[str, Skill]

    def category_of(self, skill: str) -> str:
        return self.skills[skill].category


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """Parse and validate a taxonomy file (default: the one shipped with jobtrends)."""
    return _load(Path(path) if path else DEFAULT_PATH)


@cache
def _load(path: Path) -> Taxonomy:
    try:
        raw_bytes = path.read_bytes()
        data = tomllib.loads(raw_bytes.decode("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"taxonomy {path}: cannot read it ({exc})") from exc

    def fail(msg: str) -> ConfigError:
        return ConfigError(f"taxonomy {path}: {msg}")

    declared = data.get("version")
    if not isinstance(declared, str) or not declared:
        raise fail("missing top-level `version` string")
    categories = data.get("categories")
    if not isinstance(categories, dict) or not categories:
        raise fail("missing [categories] table")
    skills: dict[str, Skill] = {}
    for i, entry in enumerate(data.get("skills", [])):
        name = entry.get("name")
        where = f"skills[{i}] ({name!r})"
        if not isinstance(name, str) or not name:
            raise fail(f"{where}: `name` must be a non-empty string")
        if name in skills:
            raise fail(f"{where}: duplicate skill name")
        category = entry.get("category")
        if category not in categories:
            raise fail(f"{where}: unknown category {category!r}; add it to [categories]")
        aliases = []
        for a in entry.get("aliases", []):
            if isinstance(a, str):
                a = {"text": a}
            if not isinstance(a, dict) or not isinstance(a.get("text"), str) or not a["text"]:
                raise fail(f"{where}: every alias needs a non-empty `text`")
            # A skill's own `not_before`/`not_after` hold for each alias that sets none.
            a = {**{k: entry[k] for k in ("not_before", "not_after") if k in entry}, **a}
            try:
                not_before = re.compile(a["not_before"]) if a.get("not_before") else None
                not_after = re.compile(a["not_after"]) if a.get("not_after") else None
            except re.error as exc:
                raise fail(f"{where}: alias {a['text']!r} has a bad veto pattern: {exc}") from exc
            context, context_chars = _context(a, f"{where}: alias {a['text']!r}", fail)
            aliases.append(
                Alias(
                    a["text"],
                    name,
                    bool(a.get("case_sensitive")),
                    not_before,
                    not_after,
                    context,
                    context_chars,
                )
            )
        if not aliases:
            raise fail(f"{where}: needs at least one alias")
        product_word = entry.get("product_word", False)
        if not isinstance(product_word, bool):
            raise fail(f"{where}: `product_word` must be true or false")
        skills[name] = Skill(
            name, category, tuple(aliases), tuple(entry.get("implies", [])), product_word
        )
    for skill in skills.values():
        for target in skill.implies:
            if target not in skills:
                raise fail(f"skill {skill.name!r} implies unknown skill {target!r}")
    # The version names everything that decides a fact: this file, the extraction code and the
    # word model. A change to any makes every stored fact stale, and the next run re-extracts it.
    digest = hashlib.sha256(raw_bytes)
    for module in _EXTRACTION_CODE:
        digest.update((Path(__file__).parent / module).read_bytes())
    return Taxonomy(f"{declared}+{digest.hexdigest()[:8]}", dict(categories), skills)


def _context(
    alias: dict[str, object], where: str, fail: Callable[[str], ConfigError]
) -> tuple[re.Pattern[str] | None, int]:
    """An alias's required context: `context = ["cookbooks?", "puppet", ...]`, each a regular
    expression matched case-insensitively as whole words, and `context_chars` (default 60)."""
    words = alias.get("context")
    chars = alias.get("context_chars", CONTEXT_CHARS)
    if words is None:
        if "context_chars" in alias:
            raise fail(f"{where}: `context_chars` needs a `context` list")
        return None, CONTEXT_CHARS
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise fail(f"{where}: `context` must be a non-empty list of words or regexes")
    if not isinstance(chars, int) or isinstance(chars, bool) or chars <= 0:
        raise fail(f"{where}: `context_chars` must be a positive number of characters")
    try:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{w})" for w in words) + r")(?!\w)", re.I)
    except re.error as exc:
        raise fail(f"{where}: bad `context` pattern: {exc}") from exc
    return pattern, chars


_EXTRACTION_CODE = (
    "text.py",
    "match.py",
    "context.py",
    "header.py",
    "roles.py",
    "facts.py",
    "taxonomy.py",
    "words.py",
    "backend_words.json",  # the word model's terms and weights decide facts too
)
