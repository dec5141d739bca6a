"""Every source jobtrends knows, and the sources file that says which to fetch.

The sources file (TOML; the default ships as ``extract/sources.toml``, another path is set with
``JOBTRENDS_SOURCES_FILE``) has one table per source::

    [hn]
    enabled = true
    [greenhouse]
    boards = ["airbnb", "stripe"]
    [lever]
    boards = ["palantir"]
    eu_boards = ["mistral"]          # boards served from api.eu.lever.co
    [remotive]
    enabled = true
    min_interval_hours = 6           # Remotive asks for at most a few calls a day
    [jsonld]
    urls = ["https://example.com/careers/backend-engineer"]

A table without ``enabled`` is enabled; a source without a table is not fetched.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extract import (
    arbeitnow,
    ashby,
    greenhouse,
    jsonld,
    lever,
    recruitee,
    remoteok,
    remotive,
    smartrecruiters,
    workable,
)
from extract.boards import BoardSource
from extract.errors import ConfigError

HN = "hn"

# Every job-board source, by name, in the order runs fetch them.
BOARD_SOURCES: dict[str, BoardSource] = {
    s.name: s
    for s in (
        greenhouse.SOURCE,
        lever.SOURCE,
        ashby.SOURCE,
        smartrecruiters.SOURCE,
        workable.SOURCE,
        recruitee.SOURCE,
        remotive.SOURCE,
        remoteok.SOURCE,
        arbeitnow.SOURCE,
        jsonld.SOURCE,
    )
}
ALL_SOURCES = (HN, *BOARD_SOURCES)


class SourceConfig(BaseModel):
    """One table of the sources file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    boards: tuple[str, ...] = ()
    eu_boards: tuple[str, ...] = ()  # lever only
    urls: tuple[str, ...] = ()  # jsonld only
    min_interval_hours: float = Field(0.0, ge=0)

    @field_validator("boards", "eu_boards", "urls")
    @classmethod
    def _clean(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = [v.strip() for v in values]
        if any(not v for v in cleaned):
            raise ValueError("contains an empty entry")
        return tuple(dict.fromkeys(cleaned))  # duplicates would be fetched twice

    @field_validator("urls")
    @classmethod
    def _http(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        bad = [v for v in values if not v.startswith(("http://", "https://"))]
        if bad:
            raise ValueError(f"not http(s) URLs: {', '.join(bad)}")
        return values


# Defaults for feeds that ask to be called rarely.
FEED_DEFAULTS: dict[str, dict[str, Any]] = {"remotive": {"min_interval_hours": 6.0}}


class SourcesFile(BaseModel):
    """The parsed sources file: which sources are on and which boards each watches."""

    model_config = ConfigDict(frozen=True)

    path: str
    sources: dict[str, SourceConfig]

    def enabled(self) -> list[str]:
        """Enabled sources in run order."""
        return [n for n in ALL_SOURCES if n in self.sources and self.sources[n].enabled]

    def get(self, name: str) -> SourceConfig:
        """The table of ``name``; a source without one is disabled but keeps its defaults
        (so `--sources remotive` still spaces out Remotive calls)."""
        return self.sources.get(name) or SourceConfig(enabled=False, **FEED_DEFAULTS.get(name, {}))

    def board_count(self) -> int:
        return sum(len(c.boards) + len(c.eu_boards) + len(c.urls) for c in self.sources.values())


def default_sources_path() -> Path:
    return Path(str(resources.files("extract").joinpath("sources.toml")))


def load_sources_file(path: Path | None = None) -> SourcesFile:
    """Read and validate a sources file; every problem is a ConfigError naming the file and key."""
    path = path or default_sources_path()
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(
            f"sources file {path} does not exist: fix JOBTRENDS_SOURCES_FILE or unset it to use "
            f"the default ({default_sources_path()})"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"sources file {path} is not valid TOML: {exc}") from None
    return parse_sources(data, str(path))


def parse_sources(data: Mapping[str, Any], path: str = "<sources>") -> SourcesFile:
    unknown = [k for k in data if k not in ALL_SOURCES]
    if unknown:
        raise ConfigError(
            f"sources file {path}: unknown source table(s) [{'], ['.join(unknown)}]: "
            f"choose from {', '.join(ALL_SOURCES)}"
        )
    sources: dict[str, SourceConfig] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"sources file {path}: [{name}] must be a table")
        try:
            sources[name] = SourceConfig(**{**FEED_DEFAULTS.get(name, {}), **table})
        except ValidationError as exc:
            problems = "; ".join(
                f"[{name}] {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
            )
            raise ConfigError(f"sources file {path}: {problems}") from None
        misplaced = _misplaced_keys(name, sources[name])
        if misplaced:
            raise ConfigError(f"sources file {path}: [{name}] {misplaced}")
    return SourcesFile(path=path, sources=sources)


def _misplaced_keys(name: str, cfg: SourceConfig) -> str | None:
    source = BOARD_SOURCES.get(name)
    if cfg.eu_boards and name != "lever":
        return "eu_boards is only for [lever]"
    both = sorted(set(cfg.boards) & set(cfg.eu_boards))
    if both:
        return f"lists {', '.join(both)} in both boards and eu_boards: keep each in one"
    if cfg.urls and name != "jsonld":
        return "urls is only for [jsonld]"
    if cfg.boards and (name == HN or (source is not None and source.feed)):
        return "takes no boards: it is one feed"
    return None
