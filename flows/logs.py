"""Logging for jobtrends: one line per event, quiet by default, never a secret or a payload.

Code logs through ``logger()``: Prefect's run logger inside a flow or task run (so lines reach the
Prefect UI too), the ``jobtrends`` logger outside one. The facts of an event go in ``extra``::

    logger().info("greenhouse: loaded 12 boards", extra={"source": "greenhouse", "new": 40})

``configure()`` (the CLI calls it; every flow calls it again, for runs started by a server):

* the console (stderr) shows nothing but our own summary unless ``-v`` asks for INFO;
* ``JOBTRENDS_LOG_FORMAT=json`` makes each console line one JSON object: ``ts``, ``level``,
  ``logger``, ``event`` (the message), ``flow_run`` / ``task_run`` when inside one, and every
  ``extra`` field as a key; ``text`` (the default) keeps Prefect's readable lines;
* a filter on every handler, the Prefect API's included, masks credentials in URLs, secret-looking
  query parameters and Authorization headers, and cuts any message or field longer than
  ``MAX_CHARS`` characters, so no secret and no full payload reaches a log.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime
from typing import Any

MAX_CHARS = 1000

_SECRETS = [
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@"), r"\1***:***@"),
    (
        re.compile(
            r"(?i)([?&;](?:access_token|api[_-]?key|apikey|auth|key|password|passwd|secret|"
            r"sig|signature|token)=)[^&;\s\"']+"
        ),
        r"\1***",
    ),
    (re.compile(r"(?i)\b(authorization\s*[:=]\s*)(?:bearer|basic|token)?\s*\S+"), r"\1***"),
    (re.compile(r"(?i)\b(bearer\s+)[a-z0-9._~+/=-]{8,}"), r"\1***"),
]

# Attributes every LogRecord has: anything else on a record was passed as ``extra``.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message", "asctime", "color_message", "taskName",
    # Prefect's own run context, reported as flow_run / task_run
    "flow_run_id", "flow_run_name", "flow_name", "task_run_id", "task_run_name", "task_name",
    "send_to_api", "worker_id",
}  # fmt: skip


def redact(text: str) -> str:
    """``text`` with credentials masked and cut to ``MAX_CHARS`` characters."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    if len(text) > MAX_CHARS:
        text = f"{text[:MAX_CHARS]}... ({len(text) - MAX_CHARS} more characters not logged)"
    return text


class Redact(logging.Filter):
    """Masks secrets and cuts long values in the message and in ``extra`` fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "_jobtrends_redacted", False):
            try:
                message = record.getMessage()
            except Exception:  # a bad format string: keep what there is
                message = str(record.msg)
            record.msg, record.args = redact(message), None
            for key, value in list(record.__dict__.items()):
                if key not in _STANDARD and isinstance(value, str):
                    setattr(record, key, redact(value))
            record._jobtrends_redacted = True
        return True


class JsonLines(logging.Formatter):
    """One JSON object per line: ts, level, logger, event, run context, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, name in (("flow_run_name", "flow_run"), ("task_run_name", "task_run")):
            if getattr(record, key, None):
                line[name] = getattr(record, key)
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and key not in line:
                line[key] = value
        if record.exc_info:
            line["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(fmt: str = "text", verbose: bool | None = None) -> None:
    """Put the redaction filter on every handler and, for ``fmt="json"``, JSON lines on the
    console; ``verbose`` lets the ``jobtrends`` logger's INFO lines through. Idempotent."""
    from prefect.logging.configuration import ensure_logging_setup

    ensure_logging_setup()  # Prefect's handlers first, then ours on top of them

    if verbose is None:  # the CLI's -v sets Prefect's console level to INFO
        verbose = os.environ.get("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "").upper() in (
            "INFO", "DEBUG",
        )  # fmt: skip
    logging.getLogger("jobtrends").setLevel(logging.INFO if verbose else logging.WARNING)

    loggers = [logging.getLogger(), *(
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
        if name.startswith(("prefect", "jobtrends"))
    )]  # fmt: skip
    for log in loggers:
        for index, handler in enumerate(list(log.handlers)):
            if fmt == "json" and _is_console(handler) and not isinstance(handler, _JsonConsole):
                replacement = _JsonConsole()
                replacement.setLevel(handler.level)
                log.handlers[index] = handler = replacement
            if not any(isinstance(f, Redact) for f in handler.filters):
                handler.addFilter(Redact())


class _JsonConsole(logging.StreamHandler):  # type: ignore[type-arg]
    """Plain stderr lines (no colours or wrapping) in JSON."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(JsonLines())


def _is_console(handler: logging.Handler) -> bool:
    stream = getattr(handler, "stream", None)
    if type(handler).__name__ == "PrefectConsoleHandler":
        return True
    return stream in (sys.stderr, sys.stdout, sys.__stderr__, sys.__stdout__)


def logger() -> logging.Logger | logging.LoggerAdapter[Any]:
    """Prefect's run logger inside a run, else the plain ``jobtrends`` logger."""
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("jobtrends")
