"""``{% csp_nonce %}``: this response's CSP nonce, also where a template has no ``request``."""

from django import template

from portal.security import current_csp_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    """For Wagtail admin templates and widgets only; public pages have no inline scripts."""
    return current_csp_nonce()
