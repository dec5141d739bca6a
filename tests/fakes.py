"""A semantic fake of the Hacker News APIs, served by pytest-httpserver on 127.0.0.1.

``FakeHN`` holds stories and comments in memory and answers like the real services do:

* Algolia ``GET {prefix}/algolia/search_by_date``: ``tags`` (comma = AND, ``(a,b)`` = OR),
  ``numericFilters`` (``created_at_i>=N`` etc., comma = AND), ``query`` (all words, case-insensitive),
  ``hitsPerPage`` (capped at 1000), ``page``; newest first; at most 1000 hits reachable per query
  (Algolia's ``paginationLimitedTo``) while ``nbHits`` counts every match. Deleted and dead comments
  are not in the index (``algolia_includes_deleted`` serves deleted ones as stale hits with
  ``author``/``comment_text`` null).
* Firebase ``GET {prefix}/firebase/item/<id>.json`` (``null`` when unknown) and
  ``{prefix}/firebase/user/<name>.json``.
* ``/robots.txt`` (allow all unless ``robots_txt`` says otherwise).

Faults: ``inject(path, *responses, when=...)`` queues canned responses (see ``rate_limited``,
``server_error``, ``malformed``) that are served before the real handler; ``algolia_down`` and
``firebase_down`` make a whole API answer 500. Every request is logged (``calls``, ``searches``).

In a test::

    fake = FakeHN([Story(1, "Ask HN: Who is hiring? (March 2024)", ts)], comments).install(httpserver)
    cfg = fake.hn_config(http=HttpConfig(...))

From a plain script (a benchmark serving real data: ``add_algolia_hit`` takes search hits,
``add_items_tree`` an Algolia ``items/<id>`` tree)::

    fake = FakeHN()
    fake.add_items_tree(json.load(gzip.open(path)))
    with serve(fake):  # threaded, on 127.0.0.1 and a free port
        cfg = fake.hn_config(http=HttpConfig(rate_limit_per_host=0))
"""

from __future__ import annotations

import json
import logging
import math
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

ALGOLIA_PAGINATION_LIMIT = 1000
ALGOLIA_MAX_HITS_PER_PAGE = 1000
ALLOW_ALL = "User-agent: *\nAllow: /\n"

Handler = Callable[[Request], Response]
When = Mapping[str, str] | Callable[[Request], bool] | None


# ---------------------------------------------------------------- time


class VirtualTime:
    """For PoliteClient(sleep=..., clock=...): waits are recorded instead of slept, and the
    clock moves only when the client "sleeps", so rate limits and Retry-After are testable
    without timing anything."""

    def __init__(self, waits: list[float] | None = None) -> None:
        self.waits = waits if waits is not None else []
        self._elapsed = 0.0

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self._elapsed += max(seconds, 0.0)

    def clock(self) -> float:
        return time.monotonic() + self._elapsed


# ---------------------------------------------------------------- the data


@dataclass
class Story:
    id: int
    title: str
    created_at_i: int
    author: str = "whoishiring"
    text: str | None = None  # the story_text of an Ask HN
    points: int = 100
    url: str | None = None


@dataclass
class Comment:
    """A comment; ``comment_text is None`` means deleted (HN drops author and text)."""

    id: int
    parent_id: int
    story_id: int
    author: str | None
    comment_text: str | None
    created_at_i: int
    dead: bool = False

    @property
    def deleted(self) -> bool:
        return self.comment_text is None


@dataclass(frozen=True)
class LoggedRequest:
    path: str
    query: dict[str, str]
    status: int


@dataclass
class _Fault:
    response: Response
    when: When


# ---------------------------------------------------------------- canned responses


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(data),
        status=status,
        headers=dict(headers or {}),
        content_type="application/json",
    )


def rate_limited(retry_after: int | str | None = 1, status: int = 429) -> Response:
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    return json_response({"message": "Too many requests", "status": status}, status, headers)


def server_error(status: int = 503, retry_after: int | str | None = None) -> Response:
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    return json_response({"message": "Service unavailable", "status": status}, status, headers)


def malformed(body: str = "{not json", status: int = 200) -> Response:
    return Response(body, status=status, content_type="application/json")


# ---------------------------------------------------------------- the fake


class FakeHN:
    """In-memory Hacker News behind Algolia- and Firebase-shaped endpoints."""

    def __init__(
        self,
        stories: Iterable[Story] = (),
        comments: Iterable[Comment] = (),
        *,
        prefix: str = "",
        robots_txt: str = ALLOW_ALL,
        serve_robots: bool = True,
    ) -> None:
        self.prefix = prefix.rstrip("/")
        self.stories: dict[int, Story] = {}
        self.comments: dict[int, Comment] = {}
        self._children: dict[int, list[int]] = {}
        self.robots_txt = robots_txt
        self.serve_robots = serve_robots
        self.algolia_down = False
        self.firebase_down = False
        self.algolia_includes_deleted = False
        self.log: list[LoggedRequest] = []
        self.server: HTTPServer | None = None
        self._faults: dict[str, deque[_Fault]] = {}
        self._lock = threading.RLock()
        for s in stories:
            self.add_story(s)
        for c in comments:
            self.add_comment(c)

    # -- building

    def add_story(self, story: Story) -> Story:
        with self._lock:
            self.stories[story.id] = story
        return story

    def add_comment(self, comment: Comment) -> Comment:
        with self._lock:
            if comment.id in self.comments:
                old = self.comments[comment.id]
                self._children[old.parent_id].remove(old.id)
            self.comments[comment.id] = comment
            self._children.setdefault(comment.parent_id, []).append(comment.id)
        return comment

    def add_algolia_hit(self, hit: Mapping[str, Any]) -> None:
        """Add a story or comment from an Algolia search hit (e.g. a recorded real response)."""
        tags = hit.get("_tags") or []
        if "comment" in tags:
            self.add_comment(
                Comment(
                    id=int(hit["objectID"]),
                    parent_id=int(hit["parent_id"]),
                    story_id=int(hit["story_id"]),
                    author=hit.get("author"),
                    comment_text=hit.get("comment_text"),
                    created_at_i=int(hit["created_at_i"]),
                )
            )
        else:
            self.add_story(
                Story(
                    id=int(hit["objectID"]),
                    title=hit.get("title") or "",
                    created_at_i=int(hit["created_at_i"]),
                    author=hit.get("author") or "",
                    text=hit.get("story_text"),
                    points=hit.get("points") or 0,
                    url=hit.get("url"),
                )
            )

    def add_items_tree(self, node: Mapping[str, Any], story_id: int | None = None) -> None:
        """Add a story and its whole comment tree from an Algolia ``items/<id>`` response."""
        if node.get("type") == "story":
            story_id = int(node["id"])
            self.add_story(
                Story(
                    id=story_id,
                    title=node.get("title") or "",
                    created_at_i=int(node["created_at_i"]),
                    author=node.get("author") or "",
                    text=node.get("text"),
                    points=node.get("points") or 0,
                    url=node.get("url") or None,
                )
            )
        elif node.get("type") == "comment":
            self.add_comment(
                Comment(
                    id=int(node["id"]),
                    parent_id=int(node["parent_id"]),
                    story_id=int(node.get("story_id") or story_id or 0),
                    author=node.get("author"),
                    comment_text=node.get("text"),
                    created_at_i=int(node["created_at_i"]),
                )
            )
        for child in node.get("children") or []:
            self.add_items_tree(child, story_id)

    # -- serving

    def install(self, server: HTTPServer) -> FakeHN:
        """Register the endpoints on a started pytest-httpserver; returns self."""
        self.server = server
        p = re.escape(self.prefix)
        if self.serve_robots:
            server.expect_request("/robots.txt").respond_with_handler(self._wrap(self._robots))
        server.expect_request(self.search_path).respond_with_handler(self._wrap(self._search))
        server.expect_request(re.compile(rf"^{p}/algolia/.*$")).respond_with_handler(
            self._wrap(self._algolia_other)
        )
        server.expect_request(re.compile(rf"^{p}/firebase/item/[^/]+\.json$")).respond_with_handler(
            self._wrap(self._item)
        )
        server.expect_request(re.compile(rf"^{p}/firebase/user/[^/]+\.json$")).respond_with_handler(
            self._wrap(self._user)
        )
        return self

    @property
    def algolia_url(self) -> str:
        return self._url(f"{self.prefix}/algolia")

    @property
    def firebase_url(self) -> str:
        return self._url(f"{self.prefix}/firebase")

    @property
    def search_path(self) -> str:
        return f"{self.prefix}/algolia/search_by_date"

    def item_path(self, item_id: int | str) -> str:
        return f"{self.prefix}/firebase/item/{item_id}.json"

    def user_path(self, name: str) -> str:
        return f"{self.prefix}/firebase/user/{name}.json"

    def hn_config(self, http: Any = None) -> Any:
        """An ``extract.hn.HNConfig`` pointing at this fake."""
        from extract.hn import HNConfig
        from extract.http import HttpConfig

        return HNConfig(
            algolia_url=self.algolia_url,
            firebase_url=self.firebase_url,
            http=http if http is not None else HttpConfig(),
        )

    # -- faults and the log

    def inject(self, path: str, *responses: Response, when: When = None) -> None:
        """Serve ``responses`` in order, before the real handler, to requests for ``path``.

        ``when`` narrows which requests consume them: a mapping of query parameters that must
        all be equal (``{"tags": "comment,story_42"}``) or a predicate on the werkzeug Request.
        """
        with self._lock:
            queue = self._faults.setdefault(path, deque())
            queue.extend(_Fault(r, when) for r in responses)

    def pending_faults(self, path: str | None = None) -> int:
        with self._lock:
            if path is not None:
                return len(self._faults.get(path, ()))
            return sum(len(q) for q in self._faults.values())

    def calls(self, path: str | None = None, **query: str) -> list[LoggedRequest]:
        """Logged requests, optionally only those for ``path`` whose query contains ``query``."""
        with self._lock:
            return [
                r
                for r in self.log
                if (path is None or r.path == path)
                and all(r.query.get(k) == v for k, v in query.items())
            ]

    def searches(self, tags: str | None = None) -> list[LoggedRequest]:
        """Logged Algolia searches, optionally only those with exactly these ``tags``."""
        if tags is None:
            return self.calls(self.search_path)
        return self.calls(self.search_path, tags=tags)

    # -- internals

    def _url(self, path: str) -> str:
        if self.server is None:
            raise RuntimeError("FakeHN.install(server) first")
        return self.server.url_for(path)

    def _wrap(self, handler: Handler) -> Handler:
        def respond(request: Request) -> Response:
            response = self._take_fault(request)
            if response is None:
                response = handler(request)
            with self._lock:
                self.log.append(
                    LoggedRequest(request.path, request.args.to_dict(), response.status_code)
                )
            return response

        return respond

    def _take_fault(self, request: Request) -> Response | None:
        with self._lock:
            queue = self._faults.get(request.path)
            if not queue:
                return None
            for fault in queue:
                if _matches(fault.when, request):
                    queue.remove(fault)
                    return fault.response
        return None

    def _robots(self, request: Request) -> Response:
        return Response(self.robots_txt, content_type="text/plain")

    def _algolia_other(self, request: Request) -> Response:
        if self.algolia_down:
            return server_error(500)
        return json_response({"message": "Not Found", "status": 404}, 404)

    def _search(self, request: Request) -> Response:
        if self.algolia_down:
            return server_error(500)
        args = request.args
        try:
            tag_groups = _parse_tags(args.get("tags", ""))
            filters = _parse_numeric_filters(args.get("numericFilters", ""))
            hits_per_page = min(int(args.get("hitsPerPage", "20")), ALGOLIA_MAX_HITS_PER_PAGE)
            page = int(args.get("page", "0"))
            if hits_per_page < 0 or page < 0:
                raise ValueError("hitsPerPage and page must not be negative")
        except ValueError as exc:
            return json_response({"message": str(exc), "status": 400}, 400)
        words = args.get("query", "").lower().split()

        with self._lock:
            matches = [e for e in self._entries() if _entry_matches(e, tag_groups, filters, words)]
            matches.sort(key=lambda e: (e.numbers["created_at_i"], e.id), reverse=True)
            reachable = min(len(matches), ALGOLIA_PAGINATION_LIMIT)
            start = page * hits_per_page
            end = min(start + hits_per_page, reachable)
            page_hits = [e.hit() for e in matches[start:end]] if start < reachable else []
        nb_pages = math.ceil(reachable / hits_per_page) if hits_per_page else 0
        params = "advancedSyntax=true&analytics=true&analyticsTags=backend&" + urlencode(
            sorted(args.items(multi=True))
        )
        return json_response(
            {
                "hits": page_hits,
                "nbHits": len(matches),
                "page": page,
                "nbPages": nb_pages,
                "hitsPerPage": hits_per_page,
                "exhaustiveNbHits": True,
                "exhaustiveTypo": True,
                "exhaustive": {"nbHits": True, "typo": True},
                "query": args.get("query", ""),
                "params": params,
                "processingTimeMS": 1,
                "serverTimeMS": 2,
            }
        )

    def _entries(self) -> Iterator[_Entry]:
        """What the search index holds: every story, and comments that are neither dead nor
        deleted (deleted ones too, as stale null hits, with ``algolia_includes_deleted``)."""
        counts = self._descendants()
        for s in self.stories.values():
            n = counts.get(s.id, 0)
            yield _Entry(
                s.id,
                _story_tags(s),
                {"created_at_i": s.created_at_i, "points": s.points, "num_comments": n},
                (s.title, s.text, s.author),
                lambda s=s, n=n: _story_hit(s, n),
            )
        for c in self.comments.values():
            if c.dead or (c.deleted and not self.algolia_includes_deleted):
                continue
            story = self.stories.get(c.story_id)
            yield _Entry(
                c.id,
                _comment_tags(c),
                {"created_at_i": c.created_at_i, "parent_id": c.parent_id, "story_id": c.story_id},
                (c.comment_text, c.author),
                lambda c=c, story=story: _comment_hit(c, story),
            )

    def _descendants(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for c in self.comments.values():
            if not c.dead and not c.deleted:
                counts[c.story_id] = counts.get(c.story_id, 0) + 1
        return counts

    def _item(self, request: Request) -> Response:
        if self.firebase_down:
            return server_error(500)
        raw = request.path.rsplit("/", 1)[-1].removesuffix(".json")
        if not raw.isdigit():
            return json_response({"error": "Invalid path"}, 400)
        item_id = int(raw)
        with self._lock:
            if item_id in self.stories:
                return json_response(self._story_item(self.stories[item_id]))
            if item_id in self.comments:
                return json_response(self._comment_item(self.comments[item_id]))
        return json_response(None)

    def _user(self, request: Request) -> Response:
        if self.firebase_down:
            return server_error(500)
        name = request.path.rsplit("/", 1)[-1].removesuffix(".json")
        with self._lock:
            stories = [s for s in self.stories.values() if s.author == name]
            comments = [c for c in self.comments.values() if c.author == name]
            if not stories and not comments:
                return json_response(None)
            submitted = sorted([s.id for s in stories] + [c.id for c in comments], reverse=True)
            created = min([s.created_at_i for s in stories] + [c.created_at_i for c in comments])
        return json_response(
            {"about": "", "created": created, "id": name, "karma": 1, "submitted": submitted}
        )

    def _kids(self, parent_id: int) -> list[int]:
        return list(self._children.get(parent_id, ()))

    def _story_item(self, s: Story) -> dict[str, Any]:
        item: dict[str, Any] = {
            "by": s.author,
            "descendants": self._descendants().get(s.id, 0),
            "id": s.id,
            "score": s.points,
            "time": s.created_at_i,
            "title": s.title,
            "type": "story",
        }
        kids = self._kids(s.id)
        if kids:
            item["kids"] = kids
        if s.text is not None:
            item["text"] = s.text
        if s.url is not None:
            item["url"] = s.url
        return dict(sorted(item.items()))

    def _comment_item(self, c: Comment) -> dict[str, Any]:
        item: dict[str, Any] = {"id": c.id, "parent": c.parent_id, "time": c.created_at_i}
        if c.deleted:
            item["deleted"] = True
        else:
            item["by"] = c.author
            item["text"] = c.comment_text
        if c.dead:
            item["dead"] = True
        kids = self._kids(c.id)
        if kids:
            item["kids"] = kids
        item["type"] = "comment"
        return dict(sorted(item.items()))


class LocalHTTPServer(HTTPServer):
    """pytest-httpserver's server, stopping in ~50 ms instead of its 0.5 s poll interval."""

    def thread_target(self) -> None:
        assert self.server is not None
        self.server.serve_forever(poll_interval=0.05)


@contextmanager
def serve(fake: FakeHN, *, threaded: bool = True, quiet: bool = True) -> Iterator[HTTPServer]:
    """Serve ``fake`` on 127.0.0.1 (a free port) outside pytest, e.g. from a benchmark script."""
    if quiet:  # werkzeug logs every request to stderr
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = LocalHTTPServer(host="127.0.0.1", port=0, threaded=threaded)
    server.start()
    try:
        fake.install(server)
        yield server
    finally:
        server.clear()
        server.stop()


class RawServer:
    """A TCP server on 127.0.0.1 that drops the first ``drop`` connections without answering,
    then answers every request with ``body`` (JSON)."""

    def __init__(self, drop: int, body: bytes = b'{"ok":true}') -> None:
        self.drop = drop
        self.body = body
        self.connections = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with conn:
                self.connections += 1
                conn.settimeout(1.0)
                try:
                    conn.recv(65536)
                    if self.connections > self.drop:
                        conn.sendall(
                            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + f"Content-Length: {len(self.body)}\r\n".encode()
                            + b"Connection: close\r\n\r\n"
                            + self.body
                        )
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._sock.close()


# ---------------------------------------------------------------- Algolia semantics


def _iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _highlight(value: str) -> dict[str, Any]:
    return {"value": value, "matchLevel": "none", "matchedWords": []}


@dataclass(frozen=True)
class _Entry:
    """One indexed record: what search filters on, and how to render its hit."""

    id: int
    tags: list[str]
    numbers: dict[str, int]
    texts: tuple[str | None, ...]
    hit: Callable[[], dict[str, Any]]


def _story_tags(s: Story) -> list[str]:
    tags = ["story", f"author_{s.author}", f"story_{s.id}"]
    if s.title.startswith("Ask HN"):
        tags.append("ask_hn")
    return tags


def _comment_tags(c: Comment) -> list[str]:
    if c.author is None:
        return ["comment", f"story_{c.story_id}"]
    return ["comment", f"author_{c.author}", f"story_{c.story_id}"]


def _story_hit(s: Story, num_comments: int) -> dict[str, Any]:
    highlight = {"title": _highlight(s.title), "author": _highlight(s.author)}
    if s.text is not None:
        highlight["story_text"] = _highlight(s.text)
    return {
        "created_at": _iso(s.created_at_i),
        "title": s.title,
        "url": s.url,
        "author": s.author,
        "points": s.points,
        "story_text": s.text,
        "comment_text": None,
        "num_comments": num_comments,
        "story_id": None,
        "story_title": None,
        "story_url": None,
        "parent_id": None,
        "created_at_i": s.created_at_i,
        "_tags": _story_tags(s),
        "objectID": str(s.id),
        "_highlightResult": highlight,
    }


def _comment_hit(c: Comment, story: Story | None) -> dict[str, Any]:
    highlight: dict[str, Any] = {}
    if c.author is not None:
        highlight["author"] = _highlight(c.author)
    if c.comment_text is not None:
        highlight["comment_text"] = _highlight(c.comment_text)
    if story is not None:
        highlight["story_title"] = _highlight(story.title)
    return {
        "created_at": _iso(c.created_at_i),
        "title": None,
        "url": None,
        "author": c.author,
        "points": None,
        "story_text": None,
        "comment_text": c.comment_text,
        "num_comments": None,
        "story_id": c.story_id,
        "story_title": story.title if story else None,
        "story_url": story.url if story else None,
        "parent_id": c.parent_id,
        "created_at_i": c.created_at_i,
        "_tags": _comment_tags(c),
        "objectID": str(c.id),
        "_highlightResult": highlight,
    }


def _parse_tags(value: str) -> list[set[str]]:
    """``story,(author_a,author_b)`` -> [{"story"}, {"author_a", "author_b"}] (AND of ORs)."""
    groups: list[set[str]] = []
    for term in re.findall(r"\([^)]*\)|[^,()]+", value):
        term = term.strip()
        if term.startswith("("):
            options = {t.strip() for t in term[1:-1].split(",") if t.strip()}
            if options:
                groups.append(options)
        elif term:
            groups.append({term})
    return groups


_NUMERIC = re.compile(r"^\s*(\w+)\s*(<=|>=|!=|<|>|=)\s*(-?\d+(?:\.\d+)?)\s*$")
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _parse_numeric_filters(value: str) -> list[tuple[str, str, float]]:
    filters = []
    for term in value.split(","):
        if not term.strip():
            continue
        m = _NUMERIC.match(term)
        if not m:
            raise ValueError(f"invalid numericFilters term {term!r}")
        filters.append((m.group(1), m.group(2), float(m.group(3))))
    return filters


def _entry_matches(
    entry: _Entry,
    tag_groups: list[set[str]],
    filters: list[tuple[str, str, float]],
    words: list[str],
) -> bool:
    tags = set(entry.tags)
    if any(not (group & tags) for group in tag_groups):
        return False
    for attr, op, number in filters:
        value = entry.numbers.get(attr)
        if value is None or not _OPS[op](value, number):
            return False
    if words:
        text = " ".join(t for t in entry.texts if t).lower()
        if not all(w in text for w in words):
            return False
    return True


def _matches(when: When, request: Request) -> bool:
    if when is None:
        return True
    if callable(when):
        return bool(when(request))
    return all(request.args.get(k) == v for k, v in when.items())


# ---------------------------------------------------------------- synthetic threads


@dataclass
class ThreadSpec:
    """A synthetic thread: its story, top-level comments (postings) and replies."""

    story: Story
    top_level: list[Comment] = field(default_factory=list)
    replies: list[Comment] = field(default_factory=list)

    @property
    def comments(self) -> list[Comment]:
        return self.top_level + self.replies


def build_thread(
    story: Story,
    n_top: int,
    *,
    first_id: int,
    replies_every: int = 0,
    same_second: int = 1,
    text: Callable[[int], str] = lambda i: f"<p>Acme Corp | Backend engineer #{i} | REMOTE</p>",
) -> ThreadSpec:
    """``n_top`` live top-level comments on ``story`` (``same_second`` share each timestamp), plus
    one reply under every ``replies_every``-th of them (0: none)."""
    spec = ThreadSpec(story)
    next_id = first_id
    for i in range(n_top):
        ts = story.created_at_i + 60 + i // max(same_second, 1)
        top = Comment(next_id, story.id, story.id, f"user{i}", text(i), ts)
        spec.top_level.append(top)
        next_id += 1
        if replies_every and i % replies_every == 0:
            spec.replies.append(
                Comment(next_id, top.id, story.id, f"replier{i}", "<p>Is this remote?</p>", ts + 5)
            )
            next_id += 1
    return spec
