"""The HSDS 3.0 API of the sociale kaart, at ``/api/hsds/`` (and ``/api/kaart/hsds/``).

Open Referral's API specification (``openapi.json`` of HSDS 3.0), complete for what the kaart
holds: the root ``/`` (version, profile, the description), ``/services`` with every parameter
of the specification, ``/services/{id}``, the providers as ``/organizations``, the
vocabularies as ``/taxonomies`` and their terms as ``/taxonomy_terms``, and the services that
have a place of their own as ``/service_at_locations``. The objects themselves are built by
:mod:`kaart.hsds`.

Paths answer with and without a trailing slash (no redirect), ids in any case, and every
answer, preflights and errors included, allows any origin. ``search`` is the kaart's own Dutch
text search (:func:`kaart.queries.tekst_treffers`: accents, stemming, compounds, synonyms).
Bad input answers 400 as ``application/problem+json`` naming the parameter; under the old
prefix ``/api/kaart/hsds/`` errors keep the kaart contract's shape.
"""

import datetime
import math
import re
import uuid
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from . import hsds, plaatsen
from .antwoord import json_antwoord, ndjson, open_data, probleem
from .api import MAX_ID, live_diensten
from .hsds import HSDS_MAX_PAGE_SIZE, HSDS_PAGE_SIZE
from .models import ENKELVOUDIG, VOCABULAIRES, Dienst, Term, term_koppeltabel
from .queries import KaartParamError, alle_termen, schoon_q, tekst_treffers
from .queries.afstand import afstand_sql, kader_q

HSDS_VERSION = "3.0"
HSDS_OPENAPI = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)
HSDS_PROFILE = "https://docs.openreferral.org/en/3.0/hsds/overview.html"
FORMATS = ("json", "ndjson")
VOORBEELD_UUID = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
WAAR = {"ja": True, "true": True, "1": True, "nee": False, "false": False, "0": False}


def _fout(status: int, message: str, parameter: str | None = None, oud: bool = False):
    if oud:  # the kaart contract's errors, for the users of /api/kaart/hsds/
        fout = {"error": message, "parameter": parameter or "", "suggesties": []}
        return json_antwoord(fout, status)
    return probleem(status, message, parameter)


def _fout_nieuw(status: int, message: str):
    return _fout(status, message)


def hsds_view(view):
    """CORS, preflight, read-only, and a 400 for every :class:`KaartParamError`."""

    @open_data(fout=_fout_nieuw)
    def wrapped(request, *args, oud: bool = False, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except KaartParamError as fout:
            return _fout(400, fout.message, fout.parameter, oud=oud)
        except NietGevonden as fout:
            return _fout(404, fout.message, "id", oud=oud)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


class NietGevonden(Exception):
    def __init__(self, message: str = "Deze dienst bestaat niet of is niet (meer) gepubliceerd."):
        super().__init__(message)
        self.message = message


# -- parameters ------------------------------------------------------------------------------


def _raw(request, name: str) -> str:
    values = request.GET.getlist(name)
    return values[-1].strip() if values else ""


def _positive(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = _raw(request, name)
    if not raw:
        return default
    # Digits 0-9 only: str.isdigit() also takes "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
        raise KaartParamError(name, f"'{name}' moet een heel getal zijn, vanaf 1.")
    if maximum is not None and int(raw) > maximum:
        raise KaartParamError(name, f"'{name}' mag hooguit {maximum} zijn.")
    return int(raw)


def _boolean(request, name: str) -> bool:
    raw = _raw(request, name).lower()
    if not raw:
        return False
    if raw not in WAAR:
        raise KaartParamError(name, f"'{name}' is true of false.")
    return WAAR[raw]


def _uuid(raw: str, name: str) -> str:
    """A UUID in any case (or with braces or without dashes), as the lower-case text form."""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise KaartParamError(
            name, f"'{name}' moet een UUID zijn, zoals {VOORBEELD_UUID}."
        ) from None


def _moment(request, name: str) -> datetime.datetime | None:
    """A date or date-time (ISO 8601); without a zone it is Dutch time."""
    raw = _raw(request, name)
    if not raw:
        return None
    # A "+" of the zone offset that was not encoded arrives as a space.
    raw = re.sub(r" (\d{2}:?\d{2})$", r"+\1", raw)
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise KaartParamError(
            name,
            f"'{name}' moet een datum of tijdstip zijn, zoals 2026-05-01 of 2026-05-01T09:00:00Z.",
        )
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # a moment at the calendar's very end, past it in UTC
        edge = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


@dataclass
class Lijstvraag:
    """The checked parameters of an HSDS list: the page and how to write it."""

    page: int
    per_page: int
    format: str
    full: bool
    minimal: bool = False


def _lijstvraag(request) -> Lijstvraag:
    page = _positive(request, "page", 1)
    per_page = _positive(request, "per_page", HSDS_PAGE_SIZE, HSDS_MAX_PAGE_SIZE)
    formaat = _raw(request, "format").lower() or "json"
    if formaat not in FORMATS:
        raise KaartParamError("format", f"'format' is json of ndjson, niet '{formaat[:20]}'.")
    return Lijstvraag(page, per_page, formaat, _boolean(request, "full"))


def _pagina(vraag: Lijstvraag, items, total: int, serialise):
    """The HSDS ``Page`` envelope around one page of ``items`` (a queryset or a list)."""
    if vraag.format == "ndjson":  # every result, no pages
        return ndjson(serialise(item) for item in items)
    total_pages = max(1, math.ceil(total / vraag.per_page))
    page = []
    if vraag.page <= total_pages:
        page = list(items[(vraag.page - 1) * vraag.per_page : vraag.page * vraag.per_page])
    return json_antwoord(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": vraag.page,
            "size": len(page),
            "first_page": vraag.page == 1,
            "last_page": vraag.page >= total_pages,
            "empty": not page,
            "contents": [serialise(item) for item in page],
        }
    )


# -- what the ids point at -------------------------------------------------------------------


def taxonomie_van(taxonomy_id: str) -> str | None:
    return next(
        (v for v in VOCABULAIRES if hsds.taxonomy(v)["id"] == taxonomy_id),
        None,
    )


def alle_termen_op_id() -> dict[str, Term]:
    return {
        hsds.taxonomy_term_id(term): term
        for termen in alle_termen().values()
        for term in termen.values()
        if term.vocabulaire in VOCABULAIRES
    }


def aanbieders() -> dict[str, tuple[str, int]]:
    """Every provider of a live service: organization id → (its name as most write it, count)."""
    spellingen: dict[str, dict[str, int]] = {}
    rijen = Dienst.objects.filter(live=True).values_list("aanbieder", flat=True)
    for aanbieder in rijen:
        naam = " ".join(aanbieder.split())
        per_id = spellingen.setdefault(hsds.organization_id_voor(naam), {})
        per_id[naam] = per_id.get(naam, 0) + 1
    return {
        organization_id: (
            min(per_id, key=lambda naam: (-per_id[naam], naam)),
            sum(per_id.values()),
        )
        for organization_id, per_id in spellingen.items()
    }


def aanbieder_namen(organization_id: str) -> list[str]:
    """Every spelling of the provider's name among the live services."""
    return [
        aanbieder
        for aanbieder in Dienst.objects.filter(live=True)
        .values_list("aanbieder", flat=True)
        .distinct()
        if hsds.organization_id_voor(aanbieder) == organization_id
    ]


def _term_q(term: Term) -> Q:
    if term.vocabulaire in ENKELVOUDIG:
        return Q(**{f"{term.vocabulaire}_id": term.pk})
    koppel = term_koppeltabel(term.vocabulaire)
    return Q(pk__in=koppel.objects.filter(term_id=term.pk).values("dienst_id"))


def _taxonomie_q(vocabulaire: str) -> Q:
    if vocabulaire in ENKELVOUDIG:
        return Q(**{f"{vocabulaire}__isnull": False})
    return Q(pk__in=term_koppeltabel(vocabulaire).objects.values("dienst_id"))


def gefilterde_diensten(request):
    """The live services the filters of ``/services`` (and ``/service_at_locations``) ask for.

    ``search`` through the kaart's text search; ``taxonomy_term_id``, ``taxonomy_id``,
    ``organization_id`` and ``modified_after`` as filters. In the kaart's order (name, id).
    """
    queryset = live_diensten()
    zoektekst = schoon_q(_raw(request, "search"))
    if zoektekst:
        queryset = queryset.filter(pk__in=tekst_treffers(zoektekst).values("pk"))
    if raw := _raw(request, "taxonomy_term_id"):
        term = alle_termen_op_id().get(_uuid(raw, "taxonomy_term_id"))
        queryset = queryset.filter(_term_q(term)) if term else queryset.none()
    if raw := _raw(request, "taxonomy_id"):
        vocabulaire = taxonomie_van(_uuid(raw, "taxonomy_id"))
        queryset = queryset.filter(_taxonomie_q(vocabulaire)) if vocabulaire else queryset.none()
    if raw := _raw(request, "organization_id"):
        namen = aanbieder_namen(_uuid(raw, "organization_id"))
        queryset = queryset.filter(aanbieder__in=namen)
    if moment := _moment(request, "modified_after"):
        queryset = queryset.filter(last_published_at__gte=moment)
    return queryset.order_by("naam", "pk")


def _dienst(key: str) -> Dienst:
    """A live service by its kaart id or its HSDS UUID (any case)."""
    if re.fullmatch(r"[0-9]{1,19}", key) and int(key) <= MAX_ID:
        found = live_diensten().filter(pk=int(key)).first()
    else:
        try:
            wanted = str(uuid.UUID(key))
        except ValueError:
            raise NietGevonden() from None
        # The UUID is derived from extern_id; find it among the live services' keys.
        pk = next(
            (
                found_pk
                for found_pk, extern_id in Dienst.objects.filter(live=True).values_list(
                    "pk", "extern_id"
                )
                if hsds.service_id_voor(extern_id) == wanted
            ),
            None,
        )
        found = live_diensten().filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NietGevonden()
    return found


def _id_of_404(key: str, wat: str) -> str:
    try:
        return str(uuid.UUID(key))
    except ValueError:
        raise NietGevonden(f"Deze {wat} bestaat niet.") from None


# -- the views -------------------------------------------------------------------------------


@hsds_view
def root(request):
    """The API's meta information: the HSDS version, its profile and its description."""
    return json_antwoord(
        {
            "version": HSDS_VERSION,
            "profile": HSDS_PROFILE,
            "openapi_url": HSDS_OPENAPI,
        }
    )


@hsds_view
def services(request):
    """``/services``: one page of live services in the list form (or full, or minimal)."""
    vraag = _lijstvraag(request)
    vraag.minimal = _boolean(request, "minimal")
    queryset = gefilterde_diensten(request)
    if vraag.minimal:
        serialise = hsds.service_minimal
    elif vraag.full:
        serialise = hsds.service
    else:
        serialise = hsds.service_kort
    return _pagina(vraag, queryset, queryset.count(), serialise)


@hsds_view
def service(request, key: str):
    """``/services/{id}``: one live service in full, by its HSDS UUID or its kaart id."""
    return json_antwoord(hsds.service(_dienst(key)))


@hsds_view
def organizations(request):
    """``/organizations``: the providers of the live services, by name."""
    vraag = _lijstvraag(request)
    full_service = _boolean(request, "full_service")
    zoektekst = _raw(request, "search").casefold()
    items = sorted(
        (
            (organization_id, naam, aantal)
            for organization_id, (naam, aantal) in aanbieders().items()
            if zoektekst in naam.casefold()
        ),
        key=lambda item: (item[1].casefold(), item[0]),
    )

    def serialise(item):
        organization_id, naam, aantal = item
        if vraag.full or full_service:
            return _organization_volledig(organization_id, naam, aantal, full_service)
        return hsds.organization_kort(naam, aantal)

    return _pagina(vraag, items, len(items), serialise)


def _organization_volledig(organization_id: str, naam: str, aantal: int, full_service: bool):
    diensten = live_diensten().filter(aanbieder__in=aanbieder_namen(organization_id))
    serialise = hsds.service if full_service else hsds.service_kort
    return {
        **hsds.organization_kort(naam, aantal),
        "services": [serialise(d) for d in diensten.order_by("naam", "pk")],
    }


@hsds_view
def organization(request, key: str):
    """``/organizations/{id}``: one provider with its services (in full with full_service)."""
    wanted = _id_of_404(key, "organisatie")
    found = aanbieders().get(wanted)
    if found is None:
        raise NietGevonden("Deze organisatie bestaat niet, of heeft geen gepubliceerde diensten.")
    naam, aantal = found
    return json_antwoord(
        _organization_volledig(wanted, naam, aantal, _boolean(request, "full_service"))
    )


@hsds_view
def taxonomies(request):
    """``/taxonomies``: the kaart's vocabularies (doelgroep, thema, ...)."""
    vraag = _lijstvraag(request)
    zoektekst = _raw(request, "search").casefold()
    items = [
        hsds.taxonomy(v)
        for v in VOCABULAIRES
        if zoektekst in f"{hsds.taxonomy(v)['name']} {hsds.taxonomy(v)['description']}".casefold()
    ]
    return _pagina(vraag, items, len(items), lambda item: item)


@hsds_view
def taxonomy(request, key: str):
    """``/taxonomies/{id}``: one vocabulary."""
    vocabulaire = taxonomie_van(_id_of_404(key, "taxonomie"))
    if vocabulaire is None:
        raise NietGevonden("Deze taxonomie bestaat niet.")
    return json_antwoord(hsds.taxonomy(vocabulaire))


@hsds_view
def taxonomy_terms(request):
    """``/taxonomy_terms``: every term of every vocabulary (a flat list: no term has a parent)."""
    vraag = _lijstvraag(request)
    zoektekst = _raw(request, "search").casefold()
    vocabulaire = None
    if raw := _raw(request, "taxonomy_id"):
        vocabulaire = taxonomie_van(_uuid(raw, "taxonomy_id")) or ""
    _boolean(request, "top_only")  # every term is a top term: the answer is the same
    parent = _raw(request, "parent_id")
    if parent:
        _uuid(parent, "parent_id")
    items = [
        term
        for v, termen in alle_termen().items()
        if v in VOCABULAIRES and vocabulaire in (None, v)
        for term in termen.values()
        if not parent and zoektekst in f"{term.slug} {term.label}".casefold()
    ]
    return _pagina(vraag, items, len(items), hsds.taxonomy_term)


@hsds_view
def taxonomy_term(request, key: str):
    """``/taxonomy_terms/{id}``: one term."""
    term = alle_termen_op_id().get(_id_of_404(key, "term"))
    if term is None:
        raise NietGevonden("Deze term bestaat niet.")
    return json_antwoord(hsds.taxonomy_term(term))


MAX_PROXIMITY_METERS = 100_000


def _centroide(pc4: str) -> tuple[float, float]:
    """The centroid of a four-digit postcode area (:mod:`kaart.plaatsen`'s data)."""
    try:
        gevonden = plaatsen.los_op(pc4)
    except plaatsen.PlaatsOnbekend:
        gevonden = None
    if not isinstance(gevonden, plaatsen.Locatie) or not gevonden.heeft_punt:
        raise KaartParamError("postcode", f"Postcode {pc4} kennen wij niet.")
    return gevonden.lat, gevonden.lon


def _met_locatie(queryset):
    return queryset.exclude(adres="", postcode="", plaats="")


@hsds_view
def service_at_locations(request):
    """``/service_at_locations``: the live services that have a place (address, postcode,
    plaats), with the same filters as ``/services``; ``postcode`` narrows to that area (its
    four digits)."""
    vraag = _lijstvraag(request)
    queryset = _met_locatie(gefilterde_diensten(request))
    cijfers = None
    if raw := _raw(request, "postcode"):
        cijfers = re.match(r"^\s*([1-9][0-9]{3})", raw)
        if not cijfers:
            raise KaartParamError("postcode", "'postcode' begint met vier cijfers, zoals 3511.")
    if _raw(request, "proximity"):
        # Within so many metres of the postcode's centroid, nearest first (the spec's meaning).
        meters = _positive(request, "proximity", 0, maximum=MAX_PROXIMITY_METERS)
        if cijfers is None:
            raise KaartParamError("proximity", "'proximity' kan alleen samen met 'postcode'.")
        lat, lon = _centroide(cijfers.group(1))
        km = meters / 1000
        queryset = (
            queryset.filter(kader_q(lat, lon, km))
            .annotate(afstand=afstand_sql(lat, lon))
            .filter(afstand__lte=km)
            .order_by("afstand", "naam", "pk")
        )
    elif cijfers is not None:
        queryset = queryset.filter(postcode__startswith=cijfers.group(1))

    def serialise(dienst):
        return hsds.service_at_location(dienst, full=vraag.full)

    return _pagina(vraag, queryset, queryset.count(), serialise)


@hsds_view
def service_at_location(request, key: str):
    """``/service_at_locations/{id}``: one service at its place, in full."""
    wanted = _id_of_404(key, "dienst op deze locatie")
    # The id is derived from extern_id; find it among the keys, then read that one service.
    sleutels = _met_locatie(Dienst.objects.filter(live=True)).values_list("pk", "extern_id")
    for pk, extern_id in sleutels:
        if hsds.service_at_location_id_voor(extern_id) == wanted:
            dienst = live_diensten().get(pk=pk)
            return json_antwoord(hsds.service_at_location(dienst, full=True))
    raise NietGevonden("Deze dienst op deze locatie bestaat niet.")


@hsds_view
def niet_gevonden(request, rest: str = ""):
    """Anything else under the prefix: the API's 404 (JSON with CORS), not the site's page."""
    raise NietGevonden("Dit adres bestaat niet in de HSDS-API. Begin bij " + reverse("hsds:root"))
