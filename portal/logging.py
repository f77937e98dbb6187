"""Log records without personal data, as plain lines or as one JSON object per line.

``LOG_FORMAT=json`` (production's default) writes JSON for a log collector. Either way the
``RedactPersonalData`` filter replaces e-mail addresses, IP addresses, Dutch phone numbers and
postcodes in the message and in tracebacks before anything is written, and the ``request`` that
Django attaches to its records is never written (it carries addresses, cookies and form data).
"""

import json
import logging
import re
from datetime import UTC, datetime

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "[ip]"),
    (re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){4,7}[0-9a-fA-F]{1,4}\b"), "[ip]"),
    (
        re.compile(
            r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4}::"
            r"(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4}(?![\w:])"
        ),
        "[ip]",
    ),
    (re.compile(r"(?<![\w/])(?:\+31|0031|0)[\s-]?[1-9](?:[\s-]?\d){8}\b"), "[telefoon]"),
    (re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"), "[postcode]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalData(logging.Filter):
    """Rewrites the record's message (arguments merged in) and traceback without personal data."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if hasattr(record, "request"):
            del record.request
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)
