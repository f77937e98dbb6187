"""The consent text the sign-up form shows, and proof of which exact text someone agreed to.

The text lives here, in code, so the form on every page costs no database query. Its SHA-256 goes
into the signed form token; on sign-up the exact text is stored once as a ``ConsentText`` row that
every consent event points at. Changing a word below therefore creates a new version by itself.
"""

import hashlib
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import Resolver404, resolve

LABEL = "Ja, stuur mij elke twee weken de nieuwsbrief over de aanpak van eenzaamheid."
HELP_TEXT = (
    "In de nieuwsbrief staan nieuwe artikelen, hulpmiddelen en diensten van deze site. U kunt "
    "zich altijd weer afmelden. In de privacyverklaring leest u wat wij met uw gegevens doen."
)

FORM_SALT = "nieuwsbrief.formulier"
FORM_MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Text:
    label: str
    help_text: str
    privacy_url: str

    @property
    def sha256(self) -> str:
        payload = "\n".join([self.label, self.help_text, self.privacy_url])
        return hashlib.sha256(payload.encode()).hexdigest()


def current() -> Text:
    return Text(LABEL, HELP_TEXT, settings.NIEUWSBRIEF_PRIVACY_URL)


def store(text: Text):
    """The ``ConsentText`` row for ``text``, created the first time someone agrees to it."""
    from .models import ConsentText

    row, _ = ConsentText.objects.get_or_create(
        sha256=text.sha256,
        defaults={
            "label": text.label,
            "help_text": text.help_text,
            "privacy_url": text.privacy_url,
        },
    )
    return row


# The form token: when the form was shown, and which consent text it showed.


def form_token(now: float | None = None) -> str:
    shown_at = int(now if now is not None else time.time())
    return signing.Signer(salt=FORM_SALT, algorithm="sha256").sign(
        f"{shown_at}.{current().sha256[:16]}"
    )


@dataclass(frozen=True)
class FormCheck:
    valid: bool  # signed by us, not older than a day, shows the current consent text
    too_fast: bool  # sent back sooner than a person can fill it in


def check_form_token(token: str, now: float | None = None) -> FormCheck:
    now = now if now is not None else time.time()
    try:
        value = signing.Signer(salt=FORM_SALT, algorithm="sha256").unsign(token or "")
        shown_at, _, sha = value.partition(".")
        age = now - int(shown_at)
    except (signing.BadSignature, ValueError):
        return FormCheck(valid=False, too_fast=False)
    if sha != current().sha256[:16] or age > FORM_MAX_AGE or age < -60:
        return FormCheck(valid=False, too_fast=False)
    return FormCheck(valid=True, too_fast=age < settings.NIEUWSBRIEF_MIN_FILL_SECONDS)


# --- Where the form was -------------------------------------------------------------------------

_ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?[^>]+>")
PUBLIC_CONVERTERS = frozenset({"int", "slug"})


def page_path(value: str) -> str:
    """The public page a sign-up came from, kept as evidence of consent; '' when it is not one.

    Only the path is kept, never a query string or fragment, and only when it resolves to a public
    address: a Wagtail page, or a view whose address holds nothing but ids and slugs. Views with
    a secret in their address (the confirm, unsubscribe and manage links take a ``str`` token)
    are refused, so a token never ends up in another subscriber's record.
    """
    parts = urlsplit(value or "")
    path = parts.path
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return ""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if match.url_name == "wagtail_serve":
        return path
    if match.args or "(" in match.route:
        return ""  # a regular expression route: its arguments cannot be told apart
    converters = {m["converter"] or "str" for m in _ROUTE_ARGUMENT.finditer(match.route)}
    return path if converters <= PUBLIC_CONVERTERS else ""
