"""Validation shared by the hulpmiddelen models and blocks."""

from django.core.validators import URLValidator


def validate_link(value: str) -> None:
    """A web address (http or https) or a path on this site such as ``/kaart/``."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)
