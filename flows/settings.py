"""The one settings object. Every field is an environment variable with the prefix ``JOBTRENDS_``
(``db`` is ``JOBTRENDS_DB``) and is documented in the README's settings table."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from extract import (
    arbeitnow,
    ashby,
    greenhouse,
    lever,
    recruitee,
    remoteok,
    remotive,
    smartrecruiters,
    workable,
)
from extract.errors import ConfigError
from extract.hn import HNConfig
from extract.http import HttpConfig
from extract.sources import SourcesFile, load_sources_file

CONTACT_URL = "https://github.com/jobtrends/jobtrends"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JOBTRENDS_", extra="ignore", frozen=True)

    db: Path = Field(
        Path("data/jobtrends.duckdb"),
        description="Path of the DuckDB warehouse file (created on first run).",
    )
    lock_timeout: float = Field(
        60.0,
        ge=0,
        description="Seconds a run waits for another process to release the warehouse before failing as busy.",
    )
    metrics_file: Path = Field(
        Path("data/metrics/jobtrends.prom"),
        description="Prometheus textfile written after every run (point node-exporter's textfile collector at its folder).",
    )
    pushgateway_url: str = Field(
        "", description="When set, each run also pushes its metrics to this Prometheus Pushgateway."
    )
    nightly_cron: str = Field(
        "0 3 * * *", description="Cron schedule (UTC) of the nightly run under `jobtrends serve`."
    )
    catchup_cron: str = Field(
        "0 4 3 * *",
        description="Cron schedule (UTC) of the monthly HN catch-up (previous and current month again).",
    )
    serve_port: int = Field(
        4200,
        ge=1,
        le=65535,
        description="Port of the local Prefect server `jobtrends serve` starts (another free one if taken).",
    )
    sources_file: Path | None = Field(
        None,
        description="TOML file saying which sources and job boards to fetch; unset means the shipped `extract/sources.toml`.",
    )
    http_cache: Path | None = Field(
        Path("data/http-cache"),
        description="Folder of the HTTP cache for job boards (conditional requests: unchanged boards answer 304); empty turns the cache off.",
    )
    hn_algolia_url: str = Field(
        "https://hn.algolia.com/api/v1",
        description="Base URL of the HN Algolia search API (primary HN path); point at a mirror or test server.",
    )
    hn_firebase_url: str = Field(
        "https://hacker-news.firebaseio.com/v0",
        description="Base URL of the official HN Firebase API (fallback when Algolia fails).",
    )
    initial_backfill_months: int = Field(
        24,
        ge=0,
        description="On an empty warehouse, `nightly` also backfills this many months of HN threads.",
    )
    greenhouse_url: str = Field(
        greenhouse.DEFAULT_URL,
        description="Base URL of the Greenhouse job board API.",
    )
    lever_url: str = Field(lever.DEFAULT_URL, description="Base URL of the Lever postings API.")
    lever_eu_url: str = Field(
        lever.EU_URL,
        description="Base URL of Lever's EU postings API (boards listed under `eu_boards`).",
    )
    ashby_url: str = Field(ashby.DEFAULT_URL, description="Base URL of the Ashby posting API.")
    smartrecruiters_url: str = Field(
        smartrecruiters.DEFAULT_URL,
        description="Base URL of the SmartRecruiters posting API.",
    )
    workable_url: str = Field(
        workable.DEFAULT_URL,
        description="Base URL of Workable's job widget API.",
    )
    recruitee_url: str = Field(
        recruitee.DEFAULT_URL,
        description="URL template of a Recruitee careers API; `{company}` becomes the board token.",
    )
    remotive_url: str = Field(remotive.DEFAULT_URL, description="Base URL of the Remotive API.")
    remoteok_url: str = Field(remoteok.DEFAULT_URL, description="URL of the RemoteOK API.")
    arbeitnow_url: str = Field(arbeitnow.DEFAULT_URL, description="Base URL of the Arbeitnow API.")
    contact_url: str = Field(
        CONTACT_URL,
        description="Contact URL sent in the User-Agent so site owners can reach whoever runs jobtrends.",
    )
    user_agent: str = Field(
        "",
        description="Full User-Agent header; empty means `jobtrends/<version> (+<contact_url>)`.",
    )
    rate_limit_per_host: float = Field(
        2.0,
        ge=0,
        description="Requests per second per host (0 disables spacing; robots.txt Crawl-delay can only slow it).",
    )
    max_concurrency_per_host: int = Field(
        4, ge=1, description="Requests in flight at once per host."
    )
    timeout: float = Field(20.0, gt=0, description="Seconds before a request times out.")
    max_attempts: int = Field(
        4, ge=1, description="Tries per request on 429, 5xx, timeouts and dropped connections."
    )
    backoff_base: float = Field(
        1.0,
        ge=0,
        description="First retry waits up to this many seconds, doubling each time (with jitter).",
    )
    max_retry_after: float = Field(
        120.0,
        ge=0,
        description="Longest Retry-After (seconds) we honour before giving up on a request.",
    )
    max_response_bytes: int = Field(
        50 * 1024 * 1024, ge=1024, description="Responses larger than this are refused."
    )
    obey_robots: bool = Field(True, description="Fetch and obey each host's robots.txt.")
    task_retries: int = Field(
        2,
        ge=0,
        description="Times the threads or boards that still failed with server errors, 429s, timeouts or dropped connections are fetched again, alone (never 404s or bad payloads; parsing and loading never retry).",
    )
    task_retry_delay: float = Field(
        10.0,
        ge=0,
        description="Seconds before failed threads or boards are fetched again (doubles each time).",
    )
    log_format: Literal["text", "json"] = Field(
        "text",
        description="Console log lines: `text` (readable) or `json` (one JSON object per event, for log shippers). Quiet unless `-v`.",
    )
    dask_address: str = Field(
        "",
        description="Run job-board fetch tasks on Dask (needs the `dask` extra): a scheduler address such as `tcp://host:8786`, or `local` for a temporary local cluster. Empty: threads in the run's process.",
    )
    fetch_timeout: float = Field(
        4 * 3600.0,
        gt=0,
        allow_inf_nan=False,
        description="Seconds a run gives the job-board fetch tasks (on threads or Dask workers): a source still fetching then fails, and the others go on. Its HTTP work stops at that deadline too.",
    )
    close_after_misses: int = Field(
        2,
        ge=1,
        description="A job-board posting closes after this many consecutive successful snapshots of its board miss it (a failed or suddenly empty board closes nothing).",
    )
    fetch_batch: int = Field(
        6, ge=1, description="HN threads fetched per Prefect task (concurrently inside the task)."
    )

    @field_validator(
        "hn_algolia_url", "hn_firebase_url", "contact_url", "greenhouse_url", "lever_url",
        "lever_eu_url", "ashby_url", "smartrecruiters_url", "workable_url", "recruitee_url",
        "remotive_url", "remoteok_url", "arbeitnow_url",
    )  # fmt: skip
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @cached_property
    def http(self) -> HttpConfig:
        from importlib.metadata import PackageNotFoundError, version

        try:
            ver = version("jobtrends")
        except PackageNotFoundError:  # running from a source tree that was never installed
            ver = "dev"
        return HttpConfig(
            user_agent=self.user_agent or f"jobtrends/{ver} (+{self.contact_url})",
            timeout=self.timeout,
            rate_limit_per_host=self.rate_limit_per_host,
            max_concurrency_per_host=self.max_concurrency_per_host,
            max_attempts=self.max_attempts,
            backoff_base=self.backoff_base,
            max_retry_after=self.max_retry_after,
            max_response_bytes=self.max_response_bytes,
            obey_robots=self.obey_robots,
        )

    @field_validator("http_cache", "sources_file", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("recruitee_url")
    @classmethod
    def _template(cls, value: str) -> str:
        if "{company}" not in value:
            raise ValueError("must contain {company}, where the board token goes")
        return value

    @cached_property
    def hn(self) -> HNConfig:
        return HNConfig(self.hn_algolia_url, self.hn_firebase_url, self.http)

    def source_url(self, source: str) -> str:
        """The base URL setting of a job-board source (``""`` for sources without one)."""
        return str(getattr(self, f"{source}_url", ""))

    @cached_property
    def sources_config(self) -> SourcesFile:
        """The sources file, validated (``ConfigError`` naming the file and key)."""
        return load_sources_file(self.sources_file)


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides on top.

    An invalid value raises ``ConfigError`` naming the environment variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"JOBTRENDS_{str(e['loc'][0]).upper()}={e.get('input')!r}: {e['msg']}"
            for e in exc.errors()
        )
        raise ConfigError(f"invalid setting: {problems}") from None
