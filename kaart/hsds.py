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


def organization(dienst: Dienst) -> dict:
    naam = dienst.aanbieder or "Aanbieder onbekend"
    return {
        "id": _id("organisatie", naam),
        "name": naam,
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


def taxonomy(vocabulaire: str) -> dict:
    label, _ = VOCABULAIRES[vocabulaire]
    return {
        "id": _id("taxonomie", vocabulaire),
        "name": f"{TAXONOMY_PREFIX}-{vocabulaire}",
        "description": f"Sociale kaart aanpak eenzaamheid: {label.lower()} ({vocabulaire}).",
        "version": "1",
    }


def taxonomy_term(term: Term) -> dict:
    return {
        "id": _id("term", term.vocabulaire, term.slug),
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
        data["last_modified"] = dienst.last_published_at.isoformat().replace("+00:00", "Z")
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
        "languages": [_taal(dienst, "dienst")],
        "attributes": attributes(dienst),
    }
