"""What the public types becomes safe text: plain text in, sanitised paragraphs out.

The forms accept plain text only. ``als_alineas`` escapes it and turns blank lines into paragraphs
and single line breaks into ``<br>``; ``nh3`` then cleans the result to those two tags, so even a
bug upstream cannot let markup through. Links must be http(s) to a real-looking host.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape

_STUURTEKENS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
_url_validator = URLValidator(schemes=["http", "https"])


def schoon(tekst: str) -> str:
    """Normalised line ends, no control or direction-override characters, trimmed."""
    tekst = (tekst or "").replace("\r\n", "\n").replace("\r", "\n")
    return _STUURTEKENS.sub("", tekst).strip()


def als_alineas(tekst: str) -> str:
    """Plain text as sanitised HTML paragraphs (``<p>`` and ``<br>`` only)."""
    tekst = schoon(tekst)
    if not tekst:
        return ""
    alineas = [deel.strip() for deel in re.split(r"\n\s*\n", tekst) if deel.strip()]
    html = "".join(
        "<p>" + "<br>".join(escape(regel) for regel in alinea.split("\n")) + "</p>"
        for alinea in alineas
    )
    return nh3.clean(html, tags={"p", "br"}, attributes={}, link_rel=None)


def controleer_link(url: str) -> str:
    """An http(s) address with a real-looking host, or ``ValidationError`` in plain Dutch."""
    url = (url or "").strip()
    if url and "://" not in url:
        url = "https://" + url
    foutmelding = "Vul een volledig webadres in, zoals https://www.voorbeeld.nl."
    try:
        _url_validator(url)
    except ValidationError as exc:
        raise ValidationError(foutmelding) from exc
    delen = urlsplit(url)
    host = delen.hostname or ""
    if delen.username or delen.password or "." not in host or host.endswith("."):
        raise ValidationError(foutmelding)
    return url


def link_tekst(url: str) -> str:
    """A readable text for a link: host and path, without ``www.`` and the scheme."""
    delen = urlsplit(url)
    host = (delen.hostname or "").removeprefix("www.")
    pad = delen.path.rstrip("/")
    tekst = f"{host}{pad}"
    return tekst if len(tekst) <= 80 else tekst[:77] + "…"
