"""The public forms and the thank-you page; every form works without JavaScript.

Like every public form on the site they set no cookie: instead of a CSRF token they refuse
cross-site posts by the browser's own headers (``portal.security.origin_protected``).

A POST goes: a read-only look at the rate limit (first, so a client already past it costs no file
checks) → form checks (errors shown at the top and at each field) → abuse checks → rate limit
(checked and counted in one step; past it, HTTP 429 with ``Retry-After`` and the form back with
what was typed) → stored in one transaction (mails are queued after the commit) → redirect to a
thank-you page with the reference number. A suspect submission gets the same thank-you page; it
waits in the admin.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kaart.models import Dienst
from portal.security import origin_protected

from . import emails, moderatie, spam
from .forms import (
    BewaarlijstMailForm,
    DienstForm,
    MeldingForm,
    OpgehevenForm,
    TerugbelForm,
    TipForm,
    VoorbeeldForm,
    WijzigingForm,
)

_BEDANKT_SALT = "inzendingen.verzonden"
VERLOPEN_MELDING = (
    "Het formulier stond lang open. Kijk uw gegevens na en klik nog een keer op de knop om te "
    "versturen."
)
BESTANDEN_OPNIEUW = "Kies uw bestanden opnieuw: de browser bewaart ze niet als er iets mis is."
TE_VEEL_STATUS = 429


def bewaartermijnen() -> dict[str, int]:
    return {
        "contact_maanden": settings.INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN,
        "afgewezen_dagen": settings.INZENDINGEN_AFGEWEZEN_BEWAARTERMIJN_DAGEN,
        "terugbel_dagen": settings.INZENDINGEN_TERUGBELLEN_BEWAARTERMIJN_DAGEN,
    }


def _toon(request, template, form, context=None, status=200):
    context = {
        "form": form,
        "bescherming": spam.nieuwe_bescherming(form.naam_formulier),
        "bewaren": bewaartermijnen(),
        "soort": form.naam_formulier,
        **(context or {}),
    }
    if form.is_bound and (form.errors or status == TE_VEEL_STATUS) and request.FILES:
        context["bestanden_opnieuw"] = BESTANDEN_OPNIEUW
    return TemplateResponse(request, template, context, status=status)


def _te_veel(request, template, form, wachten: int, context=None):
    """Past a rate limit: the form again, with what was typed, and when to try again."""
    context = {**(context or {}), "te_veel_minuten": max(1, -(-wachten // 60))}
    response = _toon(request, template, form, context, status=TE_VEEL_STATUS)
    response["Retry-After"] = str(wachten)
    return response


def _behandel(request, form, template, bewaar, email="", context=None):
    """The POST path shared by every form; ``bewaar(oordeel)`` stores and returns the object."""
    # Before the form is validated: checking files (decoding photos, parsing PDFs) is the
    # expensive part, and a client over its limit must not get that work done.
    wachten = spam.al_te_veel(request, email)
    if wachten:
        form.files = MultiValueDict()  # past the limit, uploads are neither checked nor kept
        return _te_veel(request, template, form, wachten, context)
    if not form.is_valid():
        return _toon(request, template, form, context)
    oordeel = spam.beoordeel(request.POST, form.naam_formulier, form.vrije_teksten())
    if oordeel.verlopen:
        form.add_error(None, VERLOPEN_MELDING)
        return _toon(request, template, form, context)
    wachten = spam.tel_en_controleer(request, email)
    if wachten:
        return _te_veel(request, template, form, wachten, context)
    with transaction.atomic():
        obj = bewaar(oordeel)
    return redirect(bedankt_url(form.naam_formulier, obj.referentie, bool(email)))


def bedankt_url(formulier: str, referentie: str, met_email: bool) -> str:
    token = signing.dumps({"f": formulier, "r": referentie, "e": met_email}, salt=_BEDANKT_SALT)
    return f"{reverse('inzendingen:verzonden')}?{_query(token)}"


def _query(token: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"bewijs": token})


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def voorbeeld_insturen(request):
    if request.method == "POST":
        form = VoorbeeldForm(request.POST, request.FILES)
        return _behandel(
            request,
            form,
            "inzendingen/voorbeeld_insturen.html",
            lambda oordeel: moderatie.ontvang_voorbeeld(form, oordeel),
            email=request.POST.get("inzender_email", ""),
        )
    return _toon(request, "inzendingen/voorbeeld_insturen.html", VoorbeeldForm())


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def dienst_aanmelden(request):
    if request.method == "POST":
        form = DienstForm(request.POST)
        return _behandel(
            request,
            form,
            "inzendingen/dienst_aanmelden.html",
            lambda oordeel: moderatie.ontvang_dienst(form, oordeel),
            email=request.POST.get("inzender_email", ""),
        )
    return _toon(request, "inzendingen/dienst_aanmelden.html", DienstForm())


def _live_dienst(pk: int) -> Dienst:
    return get_object_or_404(Dienst.objects.filter(live=True).prefetch_related("gemeenten"), pk=pk)


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def wijziging_doorgeven(request, pk):
    dienst = _live_dienst(pk)
    context = {"dienst": dienst}
    if request.method == "POST":
        form = WijzigingForm(request.POST, dienst=dienst)
        return _behandel(
            request,
            form,
            "inzendingen/wijziging_doorgeven.html",
            lambda oordeel: moderatie.ontvang_wijziging(form, oordeel),
            email=request.POST.get("inzender_email", ""),
            context=context,
        )
    return _toon(
        request, "inzendingen/wijziging_doorgeven.html", WijzigingForm(dienst=dienst), context
    )


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def dienst_opgeheven(request, pk):
    dienst = _live_dienst(pk)
    context = {"dienst": dienst}
    if request.method == "POST":
        form = OpgehevenForm(request.POST)
        return _behandel(
            request,
            form,
            "inzendingen/dienst_opgeheven.html",
            lambda oordeel: moderatie.ontvang_opgeheven(form, oordeel, dienst),
            email=request.POST.get("inzender_email", ""),
            context=context,
        )
    return _toon(request, "inzendingen/dienst_opgeheven.html", OpgehevenForm(), context)


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def klopt_er_iets_niet(request, pk):
    dienst = _live_dienst(pk)
    context = {"dienst": dienst}
    template = "inzendingen/klopt_er_iets_niet.html"
    if request.method == "POST":
        form = MeldingForm(request.POST)
        return _behandel(
            request,
            form,
            template,
            lambda oordeel: moderatie.ontvang_melding(form, oordeel, dienst),
            email=request.POST.get("inzender_email", ""),
            context=context,
        )
    return _toon(request, template, MeldingForm(), context)


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def hulpmiddel_tippen(request):
    if request.method == "POST":
        form = TipForm(request.POST)
        return _behandel(
            request,
            form,
            "inzendingen/hulpmiddel_tippen.html",
            lambda oordeel: moderatie.ontvang_tip(form, oordeel),
            email=request.POST.get("inzender_email", ""),
        )
    return _toon(request, "inzendingen/hulpmiddel_tippen.html", TipForm())


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def bel_mij_terug(request):
    if request.method == "POST":
        form = TerugbelForm(request.POST)
        return _behandel(
            request,
            form,
            "inzendingen/bel_mij_terug.html",
            lambda oordeel: moderatie.ontvang_terugbelverzoek(form, oordeel),
        )
    return _toon(request, "inzendingen/bel_mij_terug.html", TerugbelForm())


@never_cache
def verzonden(request):
    """Thank you, with the reference number (signed in the link, so nothing is looked up)."""
    try:
        bewijs = signing.loads(request.GET.get("bewijs", ""), salt=_BEDANKT_SALT, max_age=86400)
    except signing.BadSignature as exc:
        raise Http404("Deze pagina is verlopen.") from exc
    return TemplateResponse(
        request,
        "inzendingen/verzonden.html",
        {
            "formulier": bewijs.get("f", ""),
            "referentie": bewijs.get("r", ""),
            "met_email": bewijs.get("e", False),
        },
    )


@origin_protected
@never_cache
@require_http_methods(["GET", "POST"])
def bewaarlijst_mailen(request):
    """/inzendingen/bewaarlijst-mailen/?id=..: "Mail deze lijst", once, to an address not kept.

    The mail is a row of the outbox (sent after the commit, again by the sweeper when the mail
    server was down); it holds only the services' names, facts and links, nothing typed. The rate
    limits and spam layers are those of every public form; a suspect post is told it was sent.
    """
    from kaart.bewaarlijst import lijst_query
    from kaart.keuze import MAX_BEWAAR, dienst_ids

    ids, _ = dienst_ids(request.GET.getlist("id"), MAX_BEWAAR)
    gevonden = {d.pk: d for d in Dienst.objects.filter(live=True, pk__in=ids)}
    diensten = [gevonden[pk] for pk in ids if pk in gevonden]
    if not diensten:
        raise Http404("Er staan geen diensten op deze lijst.")
    template = "inzendingen/bewaarlijst_mailen.html"
    lijst_url = f"{reverse('kaart:bewaarlijst')}?{lijst_query(diensten)}"
    context = {"diensten": diensten, "lijst_url": lijst_url}
    if request.method == "GET":
        context["verstuurd"] = request.GET.get("verstuurd") == "1"
        return _toon(request, template, BewaarlijstMailForm(), context)

    form = BewaarlijstMailForm(request.POST)
    email = request.POST.get("email", "")
    wachten = spam.al_te_veel(request, email)
    if wachten:
        return _te_veel(request, template, form, wachten, context)
    if not form.is_valid():
        return _toon(request, template, form, context)
    oordeel = spam.beoordeel(request.POST, form.naam_formulier, form.vrije_teksten())
    if oordeel.verlopen:
        form.add_error(None, VERLOPEN_MELDING)
        return _toon(request, template, form, context)
    wachten = spam.tel_en_controleer(request, email)
    if wachten:
        return _te_veel(request, template, form, wachten, context)
    if not oordeel.verdacht:
        with transaction.atomic():
            emails.bewaarlijst(form.cleaned_data["email"], diensten, lijst_url)
    return redirect(f"{reverse('inzendingen:bewaarlijst')}?{lijst_query(diensten)}&verstuurd=1")
