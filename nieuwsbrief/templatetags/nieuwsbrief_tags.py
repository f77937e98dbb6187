"""The sign-up form for the footer of every page (no database query, no cookie)."""

from django import template

from nieuwsbrief.forms import SubscribeForm

register = template.Library()


@register.simple_tag(takes_context=True)
def aanmeldformulier(context, form_id: str = "footer"):
    request = context.get("request")
    return SubscribeForm(form_id=form_id, source=request.path if request is not None else "")


@register.simple_tag(takes_context=True)
def op_aanmeldpagina(context) -> bool:
    """True on /nieuwsbrief/ itself, where the footer need not repeat the form."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return bool(match and match.view_name == "nieuwsbrief:aanmelden")
