"""A semantic fake of the job-board APIs, served by pytest-httpserver on 127.0.0.1.

``FakeBoards`` holds each source's boards in memory (``boards[source][token] = [job, ...]``, each
job in that API's full, documented shape) and answers the way the real APIs do, each under its
own path prefix so one server plays every host:

=================  ==========================================================================
greenhouse         ``/greenhouse/v1/boards/{token}/jobs`` (``content=true`` keeps ``content``)
lever              ``/lever/v0/postings/{site}?mode=json&skip=&limit=`` (a JSON list); the EU
                   host is ``/lever-eu/v0/...``
ashby              ``/ashby/posting-api/job-board/{board}`` (``includeCompensation=true``)
smartrecruiters    ``/smartrecruiters/v1/companies/{id}/postings?limit=&offset=`` (summaries,
                   no ``jobAd``) and ``.../postings/{postingId}`` (the full posting)
workable           ``/workable/api/v1/widget/accounts/{slug}`` (``details=true`` keeps
                   ``description``)
recruitee          ``/recruitee/{company}/api/offers/``
remotive           ``/remotive/api/remote-jobs`` (the feed; board token ``remotive``)
remoteok           ``/remoteok/api`` (element 0 is the legal notice; token ``remoteok``)
arbeitnow          ``/arbeitnow/api/job-board-api?page=N`` (``links.next``; token ``arbeitnow``)
jsonld             ``/careers/{path}``: HTML pages from ``pages[path]`` (``jsonld_page``)
=================  ==========================================================================

An unknown board answers 404 the way each API does. Every JSON answer carries an ``ETag``; a
request with a matching ``If-None-Match`` gets ``304 Not Modified`` (``etags=False`` turns that
off). Faults: ``inject(path, *responses)`` queues canned responses served before the real
handler (``tests.fakes.rate_limited``, ``server_error``, ``malformed``); ``fail_rate=0.2``
answers that share of requests (robots.txt included) with a 503, from a seeded RNG; ``down``
makes a source answer 500 to everything. Every request is logged (``calls``).

    fake = FakeBoards().install(httpserver)
    fake.boards["greenhouse"]["acme"] = [greenhouse_job(1, "Backend Engineer")]
    settings = load_settings(**fake.settings())   # every *_url setting points here
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.fakes import ALLOW_ALL, LocalHTTPServer, LoggedRequest, json_response, server_error

# source -> (path prefix under the server, setting name, base-URL suffix after the prefix)
PREFIXES = {
    "greenhouse": "/greenhouse/v1",
    "lever": "/lever/v0",
    "lever_eu": "/lever-eu/v0",
    "ashby": "/ashby/posting-api",
    "smartrecruiters": "/smartrecruiters/v1",
    "workable": "/workable/api/v1/widget",
    "recruitee": "/recruitee/{company}/api",
    "remotive": "/remotive/api",
    "remoteok": "/remoteok/api",
    "arbeitnow": "/arbeitnow/api",
}

LEVER_MAX_LIMIT = 100
SMARTRECRUITERS_MAX_LIMIT = 100
ARBEITNOW_PER_PAGE = 100


@dataclass
class FakeBoards:
    boards: dict[str, dict[str, list[dict[str, Any]]]] = field(
        default_factory=lambda: {s: {} for s in PREFIXES if s != "lever_eu"}
    )
    eu_lever: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # jsonld: path -> HTML
    robots_txt: str = ALLOW_ALL
    etags: bool = True
    fail_rate: float = 0.0
    seed: int = 7
    down: set[str] = field(default_factory=set)
    remoteok_notice: dict[str, Any] = field(
        default_factory=lambda: {
            "last_updated": 1767225600,
            "legal": "API Terms of Service: Please link back to the URL on Remote OK ...",
        }
    )
    server: HTTPServer | None = None
    log: list[LoggedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: dict[str, deque[Response]] = {}
        self._rng = random.Random(self.seed)
        self.failed_randomly = 0

    # -- wiring

    def install(self, server: HTTPServer) -> FakeBoards:
        self.server = server
        routes: list[tuple[str, Callable[[Request, re.Match[str]], Response]]] = [
            (r"^/robots\.txt$", self._robots),
            (r"^/greenhouse/v1/boards/(?P<token>[^/]+)/jobs$", self._greenhouse),
            (r"^/(?P<host>lever|lever-eu)/v0/postings/(?P<token>[^/]+)$", self._lever),
            (r"^/ashby/posting-api/job-board/(?P<token>[^/]+)$", self._ashby),
            (
                r"^/smartrecruiters/v1/companies/(?P<token>[^/]+)/postings(?:/(?P<id>[^/]+))?$",
                self._smartrecruiters,
            ),
            (r"^/workable/api/v1/widget/accounts/(?P<token>[^/]+)$", self._workable),
            (r"^/recruitee/(?P<token>[^/]+)/api/offers/?$", self._recruitee),
            (r"^/remotive/api/remote-jobs$", self._remotive),
            (r"^/remoteok/api/?$", self._remoteok),
            (r"^/arbeitnow/api/job-board-api$", self._arbeitnow),
            (r"^/careers/(?P<path>.+)$", self._page),
        ]
        for pattern, handler in routes:
            regex = re.compile(pattern)
            server.expect_request(regex).respond_with_handler(self._wrap(regex, handler))
        return self

    def url(self, source: str) -> str:
        """Base URL of ``source`` on this server, as its ``JOBTRENDS_<SOURCE>_URL`` wants it."""
        assert self.server is not None, "FakeBoards.install(server) first"
        return self.server.url_for(PREFIXES[source]).replace("%7B", "{").replace("%7D", "}")

    def page_url(self, path: str) -> str:
        assert self.server is not None
        return self.server.url_for(f"/careers/{path}")

    def settings(self) -> dict[str, str]:
        """Keyword overrides for ``load_settings``: every job-board base URL points here."""
        return {f"{s}_url": self.url(s) for s in PREFIXES}

    # -- faults and the log

    def inject(self, path: str, *responses: Response) -> None:
        """Serve ``responses`` in order, before the real handler, to requests for ``path``."""
        with self._lock:
            self._faults.setdefault(path, deque()).extend(responses)

    def settle(self, quiet: float = 0.3, limit: float = 5.0) -> None:
        """Wait until no request has arrived for ``quiet`` seconds: requests a test's client
        cancelled (a failed detail cancels its siblings) may still reach the server, and must
        not land in the next test's log or use up its injected faults."""
        deadline = time.monotonic() + limit
        seen = -1
        while time.monotonic() < deadline:
            with self._lock:
                now = len(self.log)
            if now == seen:
                return
            seen = now
            time.sleep(quiet)

    def calls(self, path: str | None = None, prefix: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            return [
                r
                for r in self.log
                if (path is None or r.path == path)
                and (prefix is None or r.path.startswith(prefix))
            ]

    def _wrap(
        self, regex: re.Pattern[str], handler: Callable[[Request, re.Match[str]], Response]
    ) -> Callable[[Request], Response]:
        def respond(request: Request) -> Response:
            response = self._fault(request)
            if response is None:
                match = regex.match(request.path)
                assert match is not None
                source = request.path.split("/")[1]
                if source in self.down:
                    response = server_error(500)
                else:
                    response = self._conditional(request, handler(request, match))
            with self._lock:
                self.log.append(
                    LoggedRequest(request.path, request.args.to_dict(), response.status_code)
                )
            return response

        return respond

    def _fault(self, request: Request) -> Response | None:
        with self._lock:
            queue = self._faults.get(request.path)
            if queue:
                return queue.popleft()
            if self.fail_rate and self._rng.random() < self.fail_rate:
                self.failed_randomly += 1
                return server_error(503)
        return None

    def _conditional(self, request: Request, response: Response) -> Response:
        if not self.etags or response.status_code != 200 or request.path == "/robots.txt":
            return response
        etag = '"' + hashlib.sha256(response.get_data()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = "max-age=0, must-revalidate"
        return response

    # -- the APIs

    def _robots(self, request: Request, match: re.Match[str]) -> Response:
        return Response(self.robots_txt, content_type="text/plain")

    def _board(self, source: str, token: str) -> list[dict[str, Any]] | None:
        return self.boards.get(source, {}).get(token)

    def _greenhouse(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("greenhouse", match["token"])
        if jobs is None:
            return json_response({"status": 404, "error": "Job board not found"}, 404)
        content = request.args.get("content") == "true"
        out = [j if content else {k: v for k, v in j.items() if k != "content"} for j in jobs]
        return json_response({"jobs": out, "meta": {"total": len(out)}})

    def _lever(self, request: Request, match: re.Match[str]) -> Response:
        store = self.eu_lever if match["host"] == "lever-eu" else self.boards["lever"]
        jobs = store.get(match["token"])
        if jobs is None:
            return json_response({"ok": False, "error": "Document not found"}, 404)
        if request.args.get("mode") != "json":
            return Response("<html>job list</html>", content_type="text/html")
        skip = int(request.args.get("skip", 0))
        limit = request.args.get("limit")
        page = (
            jobs[skip:] if limit is None else jobs[skip : skip + min(int(limit), LEVER_MAX_LIMIT)]
        )
        return json_response(page)

    def _ashby(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("ashby", match["token"])
        if jobs is None:
            return json_response({"success": False, "error": "Job board not found"}, 404)
        comp = request.args.get("includeCompensation") == "true"
        out = [j if comp else {k: v for k, v in j.items() if k != "compensation"} for j in jobs]
        return json_response({"jobs": out, "apiVersion": "1"})

    def _smartrecruiters(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("smartrecruiters", match["token"]) or []
        if match["id"]:
            job = next((j for j in jobs if str(j.get("id")) == match["id"]), None)
            if job is None:
                return json_response(
                    {"errors": [{"code": "NOT_FOUND", "message": "Posting not found"}]}, 404
                )
            return json_response(job)
        # An unknown company is not a 404 here: it simply has no postings.
        offset = int(request.args.get("offset", 0))
        limit = min(int(request.args.get("limit", 10)), SMARTRECRUITERS_MAX_LIMIT)
        # Summaries leave out what only the detail has: the ad text and the public URLs.
        detail_only = {"jobAd", "postingUrl", "applyUrl", "referralUrl"}
        summaries = [{k: v for k, v in j.items() if k not in detail_only} for j in jobs]
        return json_response(
            {
                "offset": offset,
                "limit": limit,
                "totalFound": len(jobs),
                "content": summaries[offset : offset + limit],
            }
        )

    def _workable(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("workable", match["token"])
        if jobs is None:
            return json_response({"error": "Not found"}, 404)
        details = request.args.get("details") == "true"
        out = [j if details else {k: v for k, v in j.items() if k != "description"} for j in jobs]
        return json_response({"name": match["token"].title(), "description": None, "jobs": out})

    def _recruitee(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("recruitee", match["token"])
        if jobs is None:
            return json_response({"error": "Not found"}, 404)
        return json_response({"offers": jobs})

    def _remotive(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("remotive", "remotive") or []
        return json_response(
            {
                "00-warning": "Remotive API: please do not request more than 4 times a day.",
                "0-legal-notice": "Remotive job listings are the property of Remotive ...",
                "job-count": len(jobs),
                "total-job-count": len(jobs),
                "jobs": jobs,
            }
        )

    def _remoteok(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("remoteok", "remoteok") or []
        return json_response([self.remoteok_notice, *jobs])

    def _arbeitnow(self, request: Request, match: re.Match[str]) -> Response:
        jobs = self._board("arbeitnow", "arbeitnow") or []
        page = int(request.args.get("page", 1))
        start = (page - 1) * ARBEITNOW_PER_PAGE
        chunk = jobs[start : start + ARBEITNOW_PER_PAGE]
        last = max(1, -(-len(jobs) // ARBEITNOW_PER_PAGE))
        base = self.server.url_for("/arbeitnow/api/job-board-api") if self.server else ""
        return json_response(
            {
                "data": chunk,
                "links": {
                    "first": f"{base}?page=1",
                    "last": None,
                    "prev": f"{base}?page={page - 1}" if page > 1 else None,
                    "next": f"{base}?page={page + 1}" if page < last else None,
                },
                "meta": {
                    "current_page": page,
                    "from": start + 1 if chunk else None,
                    "path": base,
                    "per_page": ARBEITNOW_PER_PAGE,
                    "to": start + len(chunk) if chunk else None,
                    "terms": "This is a free public API for jobs ...",
                    "info": "Jobs are updated every hour ...",
                },
            }
        )

    def _page(self, request: Request, match: re.Match[str]) -> Response:
        page = self.pages.get(match["path"])
        if page is None:
            return Response("<html><body>Not found</body></html>", 404, content_type="text/html")
        return Response(page, content_type="text/html; charset=utf-8")


@contextmanager
def serve_boards(fake: FakeBoards) -> Iterator[HTTPServer]:
    """Serve ``fake`` on 127.0.0.1 (a free port) outside pytest, e.g. from a benchmark script."""
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = LocalHTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        fake.install(server)
        yield server
    finally:
        server.clear()
        server.stop()


FIXTURES = Path(__file__).parent / "fixtures" / "boards"


def load_fixture(source: str, name: str) -> Any:
    """``tests/fixtures/boards/<source>/<name>``, parsed as JSON."""
    return json.loads((FIXTURES / source / name).read_text(encoding="utf-8"))


def posting_dict(posting: Any) -> dict[str, Any]:
    """A Posting as JSON-able data, the shape of the golden files."""
    from dataclasses import asdict
    from datetime import datetime

    out = asdict(posting)
    for key, value in out.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
        elif isinstance(value, tuple):
            out[key] = list(value)
    return out


# ---------------------------------------------------------------- job builders (real shapes)


def greenhouse_job(
    job_id: int, title: str, html: str, *, company: str = "Acme", location: str = "Remote"
) -> dict[str, Any]:
    """A job as Greenhouse's ``/boards/{token}/jobs?content=true`` lists it (content escaped)."""
    import html as html_lib

    return {
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{job_id}",
        "data_compliance": [{"type": "gdpr", "requires_consent": False, "retention_period": None}],
        "internal_job_id": job_id + 1000,
        "location": {"name": location},
        "metadata": None,
        "id": job_id,
        "updated_at": "2026-11-20T10:00:00-05:00",
        "requisition_id": f"REQ-{job_id}",
        "title": title,
        "company_name": company,
        "first_published": "2026-11-02T09:00:00-05:00",
        "language": "en",
        "content": html_lib.escape(html),
        "departments": [{"id": 7, "name": "Engineering", "child_ids": [], "parent_id": None}],
        "offices": [
            {"id": 9, "name": location, "location": location, "child_ids": [], "parent_id": None}
        ],
    }


def ashby_job(job_uuid: str, title: str, html: str, *, board: str = "acme") -> dict[str, Any]:
    """A job as Ashby's posting API lists it (``includeCompensation=true``)."""
    return {
        "id": job_uuid,
        "title": title,
        "department": "Engineering",
        "team": "Platform",
        "employmentType": "FullTime",
        "location": "Berlin",
        "shouldDisplayCompensationOnJobPostings": True,
        "secondaryLocations": [],
        "publishedAt": "2026-11-03T08:00:00.000+00:00",
        "isListed": True,
        "isRemote": False,
        "address": {"postalAddress": {"addressCountry": "Germany", "addressLocality": "Berlin"}},
        "jobUrl": f"https://jobs.ashbyhq.com/{board}/{job_uuid}",
        "applyUrl": f"https://jobs.ashbyhq.com/{board}/{job_uuid}/application",
        "descriptionHtml": html,
        "descriptionPlain": html,
        "compensation": {
            "compensationTierSummary": "€80K – €100K",
            "scrapeableCompensationSalarySummary": "€80K - €100K",
            "compensationTiers": [],
            "summaryComponents": [
                {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "EUR",
                 "minValue": 80000, "maxValue": 100000}
            ],
        },
    }  # fmt: skip


def remotive_job(job_id: int, title: str, html: str) -> dict[str, Any]:
    """A job as Remotive's ``/remote-jobs`` feed lists it."""
    return {
        "id": job_id,
        "url": f"https://remotive.com/remote-jobs/software-dev/job-{job_id}",
        "title": title,
        "company_name": "Remoteco",
        "company_logo": f"https://remotive.com/job/{job_id}/logo",
        "category": "Software Development",
        "tags": ["python", "aws"],
        "job_type": "full_time",
        "publication_date": "2026-11-10T12:00:00",
        "candidate_required_location": "Europe",
        "salary": "",
        "description": html,
    }


def jsonld_posting(**fields: Any) -> dict[str, Any]:
    """A schema.org JobPosting as a career page embeds it, with ``fields`` added or changed."""
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Backend Engineer",
        "description": "<p>Go and PostgreSQL.</p>",
        **fields,
    }


def jsonld_page(*blocks: Any, raw: str = "") -> str:
    """A career page with one JSON-LD block per value (and ``raw`` inserted verbatim)."""
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks
    )
    return f"<!DOCTYPE html><html><head>{scripts}{raw}</head><body><h1>Jobs</h1></body></html>"
