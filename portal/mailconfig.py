"""The mail backend from ``EMAIL_URL``, read by the settings before any app is loaded.

``smtp://user:pass@host:587/?tls=True`` (or ``smtp+tls://…``; ``smtp+ssl://…`` for SSL; the other
django-environ schemes) configure Django's own backends. ``anymail+<esp>://`` chooses a
django-anymail provider; the query string holds its settings, for example
``anymail+brevo://?api_key=xkeysib-…`` or ``anymail+amazon_ses://?region_name=eu-west-1``.
"""

import re
from urllib.parse import parse_qsl, urlsplit

import environ

_ESP_NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
_TRUE = {"1", "true", "yes", "on"}


def email_settings_from_url(url: str) -> dict:
    """Django settings (``EMAIL_BACKEND`` and friends, or ``ANYMAIL``) for one mail URL."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not scheme.startswith("anymail+"):
        config = dict(environ.Env.email_url_config(url))
        # django-environ leaves ?tls=… and ?ssl=… in OPTIONS, which Django does not read.
        options = config.pop("OPTIONS", None) or {}
        for name, setting in (("TLS", "EMAIL_USE_TLS"), ("SSL", "EMAIL_USE_SSL")):
            if name in options:
                config[setting] = str(options[name]).lower() in _TRUE
        return config
    esp = scheme.removeprefix("anymail+")
    if not _ESP_NAME.match(esp):
        raise ValueError(f"EMAIL_URL: unknown anymail provider {esp!r}")
    query = url.split("?", 1)[1] if "?" in url else urlsplit(url).query
    options = {f"{esp.upper()}_{key.upper()}": value for key, value in parse_qsl(query)}
    return {"EMAIL_BACKEND": f"anymail.backends.{esp}.EmailBackend", "ANYMAIL": options}
