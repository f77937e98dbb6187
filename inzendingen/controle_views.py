"""The beheerder's pages of the verification cycle, reached by the signed link of a round.

No account: the link is the key (``inzendingen.controle.lees_token``). A GET only shows; each of
the three choices is a POST, and each answer ends the round, so a link works once. A link that is
expired, already used, or not a link of ours gets a page that says so and what to do (status
410 or 404), never an error.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.security import origin_protected

from . import controle, moderatie
from .forms import OpgehevenForm, WijzigingForm
from .models import Controleronde
from .spam import Oordeel
from .views import _toon

STATUS = {"verlopen": 410, "beantwoord": 410, "ongeldig": 404}
KLAAR = {
    "klopt": "Dank u wel. De dienst staat nu als gecontroleerd op de kaart.",
    "gewijzigd": (
        "Dank u wel. De redactie kijkt uw wijziging na. Tot die tijd blijft de dienst op de "
        "kaart staan zoals hij was."
    ),
    "opgeheven": (
        "Dank u wel. De redactie kijkt uw melding na en haalt de dienst daarna van de kaart."
    ),
}


def _ongeldig(request, fout: controle.OngeldigeLink):
    return TemplateResponse(
        request,
        "inzendingen/controle/ongeldig.html",
        {"reden": fout.reden, "ronde": fout.ronde},
        status=STATUS[fout.reden],
    )


def _met_ronde(view):
    """Reads the round of the link, or shows why the link does not work."""

    def wrapper(request, token, *args, **kwargs):
        try:
            ronde = controle.lees_token(token)
        except controle.OngeldigeLink as fout:
            return _ongeldig(request, fout)
        try:
            return view(request, token, ronde, *args, **kwargs)
        except controle.OngeldigeLink as fout:  # answered meanwhile, in another tab
            return _ongeldig(request, fout)

    wrapper.__name__ = view.__name__
    return wrapper


def _klaar(uitkomst: str):
    return redirect(f"{reverse('inzendingen:controle_klaar')}?uitkomst={uitkomst}")


@never_cache
@require_http_methods(["GET"])
@_met_ronde
def vraag(request, token, ronde):
    dienst = ronde.dienst
    return TemplateResponse(
        request,
        "inzendingen/controle/vraag.html",
        {"ronde": ronde, "dienst": dienst, "kenmerken": dienst.kenmerk_rijen(), "token": token},
    )


@origin_protected
@never_cache
@require_POST
@_met_ronde
def klopt(request, token, ronde):
    controle.alles_klopt(ronde)
    return _klaar("klopt")


def _beheerder(ronde: Controleronde) -> dict:
    return {
        "inzender_naam": ronde.dienst.beheerder_naam,
        "inzender_email": ronde.aan,
    }


@origin_protected
@never_cache
@require_POST
@_met_ronde
def gewijzigd(request, token, ronde):
    """The first POST (the choice) shows the pre-filled form; its own POST sends it."""
    dienst = ronde.dienst
    context = {"dienst": dienst, "token": token}
    template = "inzendingen/controle/gewijzigd.html"
    if "naam" not in request.POST:
        form = WijzigingForm(dienst=dienst, initial={**_beheerder(ronde), "toestemming": True})
        return _toon(request, template, form, context)
    form = WijzigingForm(request.POST, dienst=dienst)
    if not form.is_valid():
        return _toon(request, template, form, context)
    with transaction.atomic():
        inzending = moderatie.ontvang_wijziging(form, Oordeel())
        controle.beantwoord_met(ronde, Controleronde.Uitkomst.GEWIJZIGD, inzending)
    return _klaar("gewijzigd")


@origin_protected
@never_cache
@require_POST
@_met_ronde
def opgeheven(request, token, ronde):
    """The first POST (the choice) asks for a short explanation; its own POST sends it."""
    dienst = ronde.dienst
    context = {"dienst": dienst, "token": token}
    template = "inzendingen/controle/opgeheven.html"
    if "toelichting" not in request.POST:
        form = OpgehevenForm(initial={**_beheerder(ronde), "toestemming": True})
        return _toon(request, template, form, context)
    form = OpgehevenForm(request.POST)
    if not form.is_valid():
        return _toon(request, template, form, context)
    with transaction.atomic():
        inzending = moderatie.ontvang_opgeheven(form, Oordeel(), dienst)
        controle.beantwoord_met(ronde, Controleronde.Uitkomst.OPGEHEVEN, inzending)
    return _klaar("opgeheven")


@never_cache
def klaar(request):
    tekst = KLAAR.get(request.GET.get("uitkomst", ""), KLAAR["klopt"])
    return TemplateResponse(request, "inzendingen/controle/klaar.html", {"tekst": tekst})
