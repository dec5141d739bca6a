"""Posting -> PostingFacts: the one entry point flows call. Pure: no network, no database, no clock."""

from __future__ import annotations

from dataclasses import dataclass

from extract.base import Posting
from transform.match import SkillHit, find_skills
from transform.roles import Role, find_roles, header_fields, is_backend
from transform.taxonomy import Taxonomy, load_taxonomy
from transform.text import html_to_text


@dataclass(frozen=True)
class PostingFacts:
    source: str
    source_id: str
    text: str
    company: str | None
    roles: tuple[Role, ...]
    backend: bool | None
    hits: tuple[SkillHit, ...]
    taxonomy_version: str

    def categories(self) -> set[str]:
        """Categories the posting demands (mentions about the company do not count)."""
        return {h.category for h in self.hits if h.demanded}


def extract_facts(posting: Posting, taxonomy: Taxonomy | None = None) -> PostingFacts:
    """Clean text, roles, backend decision and skill hits of one posting."""
    taxonomy = taxonomy or load_taxonomy()
    text = html_to_text(posting.html)
    roles = find_roles(text, posting.title)
    company = posting.company
    if company is None and posting.source == "hn":
        fields = header_fields(text)
        company = fields[0][:200] if fields else None
    return PostingFacts(
        source=posting.source,
        source_id=posting.source_id,
        text=text,
        company=company,
        roles=tuple(roles),
        backend=is_backend(roles, text, title=posting.title),
        hits=tuple(find_skills(text, taxonomy, posting.board_company)),
        taxonomy_version=taxonomy.version,
    )


def facts_record(facts: PostingFacts, taxonomy: Taxonomy, record_id: object) -> dict[str, object]:
    """The JSON shape `jobtrends extract` writes for one posting."""
    demanded = facts.categories()
    return {
        "id": record_id,
        "backend": facts.backend,
        "roles": [role_record(r) for r in facts.roles],
        "categories": {c: c in demanded for c in taxonomy.categories},
        "skills": [
            {
                "name": h.skill,
                "category": h.category,
                "level": h.level,
                "evidence": h.evidence,
                **({"implied_by": h.implied_by} if h.implied_by else {}),
            }
            for h in facts.hits
        ],
        "taxonomy_version": facts.taxonomy_version,
    }


def role_record(role: Role) -> dict[str, object]:
    """One role as `jobtrends extract` writes it; ``salary`` is ``null`` when none is given."""
    salary = None
    if role.salary_min is not None or role.salary_max is not None:
        salary = {
            "min": role.salary_min,
            "max": role.salary_max,
            "currency": role.salary_currency,
            "period": role.salary_period,
        }
    return {
        "title": role.title,
        "backend": role.backend,
        "seniority": role.seniority,
        "location": role.location,
        "remote": role.remote,
        "salary": salary,
    }
