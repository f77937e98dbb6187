"""The kaart's services in Open Referral's Human Services Data Specification (HSDS) 3.0.

So that other directories can reuse the data, each service maps onto HSDS objects: ``service``
with its ``organization`` (the aanbieder), ``eligibility_description`` and ages (the conditions),
``cost_options`` (the cost), ``contacts`` and ``phones`` (direct contact), ``service_areas``
(the gemeenten, or all of the Netherlands) and ``attributes`` with ``taxonomy_term`` objects for
every vocabulary value (doelgroep, thema, vorm, ...).

HSDS identifiers are UUIDs. They are derived (UUID 5) from the service's ``extern_id`` and the
values themselves, so the same service has the same identifiers on every installation and after
every export.
"""

import re
import uuid
from html import unescape

from . import plaatsen
from .models import VOCABULAIRES, Dienst, Term

HSDS_PAGE_SIZE = 50
HSDS_MAX_PAGE_SIZE = 100

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://aanpakeenzaamheid.nl/kaart/hsds")
TAXONOMY_PREFIX = "aanpak-eenzaamheid"


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def _tekst(html: str) -> str:
    """Rich text as plain text: paragraphs on their own lines, no tags."""
    text = re.sub(r"</(p|h[1-6]|li)>|<br\s*/?>", "\n", html or "")
    text = unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def service_id_voor(extern_id: str) -> str:
    return _id("dienst", extern_id)


def service_id(dienst: Dienst) -> str:
    return service_id_voor(dienst.extern_id)


ONBEKENDE_AANBIEDER = "Aanbieder onbekend"


def aanbieder_sleutel(aanbieder: str) -> str:
    """The provider's name as its key: case and spacing do not make another organization."""
    return " ".join((aanbieder or ONBEKENDE_AANBIEDER).split()).casefold()


def organization_id_voor(aanbieder: str) -> str:
    """The provider's stable id (UUID 5 of its normalised name; the same on every installation)."""
    return _id("organisatie", aanbieder_sleutel(aanbieder))


def organization_kort(aanbieder: str, aantal: int = 1) -> dict:
    """An organization as ``organization_list``: one provider of the kaart by its name."""
    naam = " ".join(aanbieder.split()) or ONBEKENDE_AANBIEDER
    diensten = "één dienst" if aantal == 1 else f"{aantal} diensten"
    return {
        "id": organization_id_voor(aanbieder),
        "name": naam,
        "description": f"Aanbieder van {diensten} in de sociale kaart.",
    }


def organization(dienst: Dienst) -> dict:
    return {
        "id": organization_id_voor(dienst.aanbieder),
        "name": " ".join(dienst.aanbieder.split()) or ONBEKENDE_AANBIEDER,
        "description": f"Aanbieder van '{dienst.naam}' in de sociale kaart.",
    }


def eligibility_description(dienst: Dienst) -> str:
    """The conditions for taking part, in plain Dutch."""
    delen = []
    doelgroep = [t.label for t in dienst.terms("doelgroep")]
    if doelgroep:
        delen.append("Voor: " + ", ".join(doelgroep) + ".")
    if dienst.leeftijd_min is not None and dienst.leeftijd_max is not None:
        delen.append(f"Leeftijd {dienst.leeftijd_min} tot en met {dienst.leeftijd_max} jaar.")
    elif dienst.leeftijd_min is not None:
        delen.append(f"Vanaf {dienst.leeftijd_min} jaar.")
    elif dienst.leeftijd_max is not None:
        delen.append(f"Tot en met {dienst.leeftijd_max} jaar.")
    if dienst.indicatie_nodig:
        delen.append("U heeft een indicatie nodig.")
    if dienst.verwijzing_nodig:
        delen.append("U heeft een verwijzing nodig.")
    if dienst.inkomensgrens:
        delen.append("Er is een inkomensgrens.")
    if dienst.voorwaarden:
        delen.append(dienst.voorwaarden.strip())
    return " ".join(delen)


def _phone(dienst: Dienst) -> dict:
    return {
        "id": _id("telefoon", dienst.extern_id, dienst.telefoon),
        "service_id": service_id(dienst),
        "number": dienst.telefoon,
        "type": "voice",
        "languages": [_taal(dienst, "telefoon")],
    }


def _taal(dienst: Dienst, waar: str) -> dict:
    return {"id": _id("taal", dienst.extern_id, waar), "name": "Nederlands", "code": "nl"}


def phones(dienst: Dienst) -> list[dict]:
    return [_phone(dienst)] if dienst.telefoon else []


def contacts(dienst: Dienst) -> list[dict]:
    if not (dienst.email or dienst.telefoon):
        return []
    contact = {
        "id": _id("contact", dienst.extern_id),
        "service_id": service_id(dienst),
        "name": dienst.aanbieder or dienst.naam,
        "phones": phones(dienst),
    }
    if dienst.email:
        contact["email"] = dienst.email
    return [contact]


def cost_options(dienst: Dienst) -> list[dict]:
    if dienst.kosten_bedrag is None:
        return []
    option = {
        "id": _id("kosten", dienst.extern_id),
        "service_id": service_id(dienst),
        "option": dienst.kosten_eenheid or ("gratis" if dienst.kosten_bedrag == 0 else ""),
        "currency": "EUR",
        "amount": float(dienst.kosten_bedrag),
    }
    if dienst.kosten_toelichting:
        option["amount_description"] = dienst.kosten_toelichting
    return [option]


def fees_description(dienst: Dienst) -> str:
    if dienst.kosten_bedrag is None:
        bedrag = "Kosten onbekend."
    elif dienst.kosten_bedrag == 0:
        bedrag = "Gratis."
    else:
        bedrag = f"€ {dienst.kosten_bedrag:.2f}".replace(".", ",")
        bedrag = f"{bedrag} {dienst.kosten_eenheid}".strip() + "."
    return f"{bedrag} {dienst.kosten_toelichting}".strip()


def service_areas(dienst: Dienst) -> list[dict]:
    if dienst.landelijk:
        return [
            {
                "id": _id("gebied", dienst.extern_id, "NL"),
                "service_id": service_id(dienst),
                "name": "Nederland",
                "description": "Landelijk: overal in Nederland te gebruiken.",
            }
        ]
    return [
        {
            "id": _id("gebied", dienst.extern_id, gemeente.code),
            "service_id": service_id(dienst),
            "name": gemeente.naam,
            "description": f"Gemeente {gemeente.naam} (CBS-code {gemeente.code}), "
            f"provincie {gemeente.provincie}.",
        }
        for gemeente in sorted(dienst.gemeenten.all(), key=lambda g: g.code)
    ]


def _provincie(dienst: Dienst) -> str:
    """The province of the service's address: of its postcode's gemeente, else its gemeente's."""
    if dienst.postcode:
        try:
            gevonden = plaatsen.los_op(dienst.postcode)
        except plaatsen.PlaatsOnbekend:
            gevonden = None
        if isinstance(gevonden, plaatsen.Locatie):
            return plaatsen.index().gemeenten[gevonden.gemeente][1]
    gemeenten = sorted(dienst.gemeenten.all(), key=lambda g: g.code)
    return gemeenten[0].provincie if gemeenten else ""


def taxonomy(vocabulaire: str) -> dict:
    label, _ = VOCABULAIRES[vocabulaire]
    return {
        "id": _id("taxonomie", vocabulaire),
        "name": f"{TAXONOMY_PREFIX}-{vocabulaire}",
        "description": f"Sociale kaart aanpak eenzaamheid: {label.lower()} ({vocabulaire}).",
        "version": "1",
    }


def taxonomy_term_id(term: Term) -> str:
    return _id("term", term.vocabulaire, term.slug)


def taxonomy_term(term: Term) -> dict:
    return {
        "id": taxonomy_term_id(term),
        "code": term.slug,
        "name": term.label,
        "description": term.toelichting or term.label,
        "taxonomy": f"{TAXONOMY_PREFIX}-{term.vocabulaire}",
        "taxonomy_id": taxonomy(term.vocabulaire)["id"],
        "taxonomy_detail": taxonomy(term.vocabulaire),
        "language": "nl",
    }


def attributes(dienst: Dienst) -> list[dict]:
    sid = service_id(dienst)
    return [
        {
            "id": _id("kenmerk", dienst.extern_id, term.vocabulaire, term.slug),
            "link_id": sid,
            "link_type": term.vocabulaire,
            "link_entity": "service",
            "taxonomy_term_id": taxonomy_term(term)["id"],
            "taxonomy_term": taxonomy_term(term),
            "value": term.slug,
        }
        for vocabulaire in VOCABULAIRES
        for term in dienst.terms(vocabulaire)
    ]


def heeft_locatie(dienst: Dienst) -> bool:
    """Whether the service has a place of its own: a point (from its postcode or place) or an
    address."""
    return dienst.lat is not None or bool(dienst.adres or dienst.postcode or dienst.plaats)


def location(dienst: Dienst) -> dict:
    """Where the service is, as an HSDS ``location``: its point (PC4 centroid or place) and,
    when complete, its one physical address."""
    heeft_adres = bool(dienst.adres and dienst.postcode and dienst.plaats)
    location_id = _id("locatie", dienst.extern_id)
    location = {
        "id": location_id,
        "location_type": "physical",
        "name": dienst.aanbieder or dienst.naam,
    }
    if dienst.lat is not None:
        location["latitude"] = dienst.lat
        location["longitude"] = dienst.lon
        location["description"] = "Plaats bij benadering: het midden van de postcode of plaats."
    provincie = _provincie(dienst) if heeft_adres else ""
    if provincie:
        location["addresses"] = [
            {
                "id": _id("adres", dienst.extern_id),
                "location_id": location_id,
                "address_1": dienst.adres,
                "city": dienst.plaats,
                "state_province": provincie,
                "postal_code": dienst.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ]
    return location


def service_at_location_id_voor(extern_id: str) -> str:
    return _id("dienst-op-locatie", extern_id)


def service_at_location_id(dienst: Dienst) -> str:
    return service_at_location_id_voor(dienst.extern_id)


def service_at_location(dienst: Dienst, full: bool = False) -> dict:
    """The service at its place: ``service_at_location_list``, or in full with contacts."""
    data = {
        "id": service_at_location_id(dienst),
        "service_id": service_id(dienst),
        "location_id": location(dienst)["id"],
        "location": location(dienst),
    }
    if full:
        data.update(phones=phones(dienst), contacts=contacts(dienst), service=service(dienst))
    else:
        data["service"] = service_kort(dienst)
    return data


def service_at_locations(dienst: Dienst) -> list[dict]:
    if not heeft_locatie(dienst):
        return []
    return [{k: v for k, v in service_at_location(dienst).items() if k != "service"}]


def service_minimal(dienst: Dienst) -> dict:
    """``minimal=true``: what a client needs to see what changed (and the list form's musts)."""
    data = {"id": service_id(dienst), "name": dienst.naam, "status": "active"}
    if dienst.last_published_at:
        data["last_modified"] = _tijd(dienst.last_published_at)
    return data


def _tijd(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


NIET_ACTUEEL_ALERT = (
    "Mogelijk niet meer actueel: de aanbieder heeft de gegevens niet bevestigd. "
    "Neem voor de zekerheid eerst contact op."
)


def _base(dienst: Dienst) -> dict:
    data = {
        "id": service_id(dienst),
        "organization_id": organization(dienst)["id"],
        "name": dienst.naam,
        "description": "\n".join(filter(None, [dienst.samenvatting, _tekst(dienst.beschrijving)])),
        "status": "active" if dienst.live else "inactive",
        "fees_description": fees_description(dienst),
        "eligibility_description": eligibility_description(dienst),
    }
    if dienst.website:
        data["url"] = dienst.website
    if dienst.email:
        data["email"] = dienst.email
    if dienst.leeftijd_min is not None:
        data["minimum_age"] = dienst.leeftijd_min
    if dienst.leeftijd_max is not None:
        data["maximum_age"] = dienst.leeftijd_max
    if dienst.laatst_gecontroleerd:
        data["assured_date"] = dienst.laatst_gecontroleerd.isoformat()
    if dienst.mogelijk_niet_actueel():
        data["alert"] = NIET_ACTUEEL_ALERT
    if dienst.erkenning:
        data["accreditations"] = f"Erkenning: {dienst.erkenning.label}"
    if dienst.last_published_at:
        data["last_modified"] = _tijd(dienst.last_published_at)
    return data


def service_kort(dienst: Dienst) -> dict:
    """The list form of HSDS (``service_list``): the service with its organization inline."""
    return {**_base(dienst), "organization": organization(dienst)}


def service(dienst: Dienst) -> dict:
    """The full form of HSDS (``service_with_definitions``)."""
    return {
        **_base(dienst),
        "organization": organization(dienst),
        "phones": phones(dienst),
        "contacts": contacts(dienst),
        "cost_options": cost_options(dienst),
        "service_areas": service_areas(dienst),
        "service_at_locations": service_at_locations(dienst),
        "languages": [_taal(dienst, "dienst")],
        "attributes": attributes(dienst),
    }
