"""Logs without personal data, as plain lines or JSON."""

import json
import logging

from portal.logging import JsonFormatter, RedactPersonalData, redact


def test_redacts_personal_data():
    text = (
        "Aanmelding van jan.jansen+nb@example.org vanaf 192.168.10.20 en 2001:db8::1:2, "
        "belt 06-12345678 of +31 20 123 4567, woont in 3511 AB"
    )
    clean = redact(text)
    for secret in (
        "jan.jansen",
        "example.org",
        "192.168",
        "2001:db8",
        "12345678",
        "123 4567",
        "3511",
    ):
        assert secret not in clean, secret
    assert "[e-mail]" in clean and "[ip]" in clean and "[telefoon]" in clean
    assert "[postcode]" in clean


def test_keeps_ordinary_text():
    text = "Gepubliceerd: pagina 42 in 2026, 3 diensten, versie 8.0.1, duur 120 ms"
    assert redact(text) == text


def _record(msg, *args, exc_info=None):
    return logging.LogRecord("portal", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_filter_rewrites_message_arguments_and_traceback():
    try:
        raise ValueError("onbekend adres piet@example.org")
    except ValueError:
        import sys

        record = _record("Mislukt voor %s", "piet@example.org", exc_info=sys.exc_info())
    record.request = object()
    assert RedactPersonalData().filter(record)
    assert record.getMessage() == "Mislukt voor [e-mail]"
    assert "piet@example.org" not in record.exc_text and "[e-mail]" in record.exc_text
    assert not hasattr(record, "request")


def test_json_formatter_writes_one_object_per_line():
    record = _record("Pagina %s gepubliceerd", "Over ons")
    RedactPersonalData().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "portal"
    assert entry["message"] == "Pagina Over ons gepubliceerd"
    assert entry["time"].endswith("+00:00")
