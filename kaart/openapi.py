"""The OpenAPI 3.1 description of the kaart's open JSON API, served at ``/api/kaart/openapi.json``.

Built in Python from the same constants the API answers with (the facets, the cost bands, the
sorts, the limits of :mod:`kaart.queries` and :mod:`kaart.api`), so the two cannot drift apart
there. What the code does not hold as a constant (the answer's fields) the tests hold: every
route is described and every field of a real answer too, and Schemathesis checks the answers to
requests it generates from this description (``tests/kaart/test_openapi.py``).

The values of the editors' vocabularies (doelgroep, thema, ...) are not an ``enum``: editors can
add terms, and an unknown value answers 400. The description lists the standard values instead.
"""

from functools import cache

from .hsds import HSDS_MAX_PAGE_SIZE, HSDS_PAGE_SIZE
from .models import BEREIK, ENKELVOUDIG, KOSTEN, LEEFTIJD_MAX, STANDAARD_TERMEN, VOCABULAIRES
from .plaatsen import MAX_SUGGESTIES as MAX_PLAATSEN
from .queries import (
    AFSTANDEN,
    DEFAULT_PAGE_SIZE,
    FACET_LABELS,
    FACETS,
    MAX_PAGE_SIZE,
    MAX_Q_LENGTH,
    SORTS,
)
from .suggesties import MAX_SUGGESTIES, MIN_LENGTE

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0"  # of /api/kaart/ (the kaart contract's description, unchanged)
API_V1_VERSION = "1.0.0"  # of /api/v1/, semver as the ADR asks; also its API-Version header
V1_SERVER = "/api/v1"
CONTACT = {
    "name": "Redactie Sociale kaart aanpak eenzaamheid",
    "email": "kaart@aanpakeenzaamheid.nl",
    "url": "https://aanpakeenzaamheid.nl/kaart/",
}
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "identifier": "CC-BY-4.0",
}
HSDS_DOCS = "https://docs.openreferral.org/en/latest/"
MAX_DIGITS = 9  # page, leeftijd and page_size are read as at most nine digits

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def _object(properties: dict, optional: tuple[str, ...] = (), **extra) -> dict:
    """An object whose properties are all required, except those named in ``optional``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        **extra,
    }


def _json_content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _response(description: str, schema: dict) -> dict:
    return {"description": description, "content": _json_content(schema)}


TEKST = {"type": "string"}
LEEFTIJD = {"type": "integer", "minimum": 0, "maximum": LEEFTIJD_MAX}


def _facet_waarden(facet: str) -> tuple[dict, str]:
    """The schema of one facet's slugs and a sentence listing its values."""
    if facet == "kosten":
        return {"type": "string", "enum": list(KOSTEN)}, f"Waarden: {', '.join(KOSTEN)}."
    if facet == "bereik":
        return {"type": "string", "enum": list(BEREIK)}, f"Waarden: {', '.join(BEREIK)}."
    standaard = ", ".join(slug for slug, _ in STANDAARD_TERMEN.get(facet, []))
    return (
        {"type": "string", "minLength": 1},
        f"De slug van een term; redacteuren kunnen termen toevoegen. Standaard: {standaard}.",
    )


def _facet_parameter(facet: str) -> dict:
    items, waarden = _facet_waarden(facet)
    return {
        "name": facet,
        "in": "query",
        "required": False,
        "style": "form",
        "explode": True,
        "description": (
            f"Filter '{FACET_LABELS[facet]}'. Mag herhaald worden: binnen één facet OF, tussen "
            f"facetten EN. {waarden} Een onbekende waarde geeft 400."
        ),
        "schema": {"type": "array", "items": items},
    }


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def _zoek_parameters(page_size: str = "page_size") -> list[dict]:
    return [
        _query(
            "q",
            TEKST,
            "Zoektekst over naam, samenvatting, beschrijving, aanbieder en de labels van de "
            "kenmerken; elk woord moet voorkomen. Leestekens tellen als spatie; na "
            f"{MAX_Q_LENGTH} tekens wordt de tekst afgekapt.",
        ),
        *[_facet_parameter(facet) for facet in FACETS],
        _query(
            "plaats",
            {"type": "string", "maxLength": 200, "examples": ["Den Haag", "Lunteren", "3511 AB"]},
            "Waar u woont: een gemeente (ook Den Haag, Den Bosch), woonplaats, wijk, postcode "
            "(3511, 3511AB) of CBS-code. Diensten in die gemeente plus de landelijke; het "
            "antwoord zegt in `locatie` wat het werd. Een naam in meer gemeenten geeft de keuzes "
            "zonder filter. Onbekend geeft 400 met `suggesties`. Gaat voor `gemeente`.",
        ),
        _query(
            "gemeente",
            {"type": "string", "examples": ["GM0344", "Utrecht"]},
            "CBS-code (zoals GM0344), of wat `plaats` neemt: diensten in die gemeente plus de "
            "landelijke. Een onbekende gemeente geeft 400.",
        ),
        _query(
            "afstand",
            {"type": "integer", "enum": list(AFSTANDEN)},
            "Kilometers, alleen met een `plaats` die een punt heeft: ook elke lokale dienst "
            "binnen die afstand, in welke gemeente ook.",
        ),
        _query(
            "leeftijd",
            LEEFTIJD,
            "Alleen diensten waarvan de leeftijdsgrenzen deze leeftijd insluiten (een lege grens "
            "is open).",
        ),
        _query(
            "sort",
            {"type": "string", "enum": list(SORTS)},
            "Volgorde: "
            + ", ".join(f"{slug} ({label.lower()})" for slug, label in SORTS.items())
            + ". Standaard relevantie met q, anders afstand met een plaats, anders naam. "
            "afstand (dichtbij) kan alleen met een plaats; landelijke diensten komen eerst.",
        ),
        _query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": 10**MAX_DIGITS - 1, "default": 1},
            "Paginanummer, vanaf 1. Een pagina na de laatste geeft 200 zonder resultaten.",
        ),
        _query(
            page_size,
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
            "Aantal resultaten per pagina.",
        ),
    ]


def _dienst_kort() -> dict:
    facetten = {}
    for facet in FACETS:
        items, _ = _facet_waarden(facet)
        schema = {"type": "array", "items": items, "description": FACET_LABELS[facet]}
        if facet in ("kosten", "bereik"):
            schema.update(minItems=1, maxItems=1)
        elif facet in ENKELVOUDIG:
            schema["maxItems"] = 1
        facetten[facet] = schema
    return _object(
        {
            "id": {"type": "integer", "minimum": 1},
            "url": {
                "type": "string",
                "description": "De pagina van de dienst op deze site (pad).",
                "examples": ["/kaart/dienst/12/"],
            },
            "naam": TEKST,
            "samenvatting": TEKST,
            "aanbieder": {"type": "string", "description": "Leeg als onbekend."},
            **facetten,
            "kosten_bedrag": {
                "type": ["string", "null"],
                "pattern": r"^\d+\.\d{2}$",
                "description": "Bedrag in euro met twee decimalen; null als onbekend, 0.00 is "
                "gratis.",
                "examples": ["1.50"],
            },
            "kosten_eenheid": {"type": "string", "examples": ["per keer"]},
            "landelijk": {"type": "boolean"},
            "lat": {"type": ["number", "null"], "description": "Punt van de dienst (WGS84)."},
            "lon": {"type": ["number", "null"]},
            "gemeenten": {
                "type": "array",
                "items": {"type": "string", "pattern": r"^GM\d{4}$"},
                "uniqueItems": True,
                "description": "CBS-codes van de gemeenten waar de dienst is.",
            },
            "website": {"type": "string", "description": "Leeg als onbekend."},
            "email": {"type": "string", "description": "Leeg als onbekend."},
            "telefoon": {"type": "string", "description": "Leeg als onbekend."},
            "laatst_gecontroleerd": {"type": ["string", "null"], "format": "date"},
            "mogelijk_niet_actueel": {
                "type": "boolean",
                "description": "De beheerder antwoordde niet op de jaarlijkse vraag of de "
                "gegevens kloppen, ook niet na twee herinneringen.",
            },
        },
        description="Een dienst als zoekresultaat.",
    )


def _dienst() -> dict:
    labels = {
        vocabulaire: {
            "type": "object",
            "additionalProperties": TEKST,
            "description": f"{label}: slug → label.",
        }
        for vocabulaire, (label, _) in VOCABULAIRES.items()
    }
    return {
        "description": "Een dienst met alle velden, en de labels van zijn kenmerken.",
        "allOf": [
            _ref("DienstKort"),
            _object(
                {
                    "beschrijving": {"type": "string", "description": "HTML (rich text)."},
                    "leeftijd_min": _nullable(LEEFTIJD),
                    "leeftijd_max": _nullable(LEEFTIJD),
                    "voorwaarden": TEKST,
                    "indicatie_nodig": {"type": "boolean"},
                    "verwijzing_nodig": {"type": "boolean"},
                    "inkomensgrens": {"type": "boolean"},
                    "kosten_toelichting": TEKST,
                    "adres": TEKST,
                    "postcode": {"type": "string", "examples": ["3511 AB"]},
                    "plaats": TEKST,
                    "extern_id": {
                        "type": "string",
                        "pattern": "^[A-Za-z0-9._:-]+$",
                        "description": "Vaste sleutel van de dienst (ook in de CSV-export).",
                    },
                    "labels": _object(labels),
                }
            ),
        ],
    }


def _diensten() -> dict:
    facet_waarde = _object(
        {
            "value": TEKST,
            "label": TEKST,
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        }
    )
    locatie = {
        "description": "De gegeven plaats: opgelost, of de keuzes bij een naam in meer "
        "gemeenten; null zonder plaats.",
        "anyOf": [
            {"type": "null"},
            _object(
                {
                    "invoer": TEKST,
                    "gemeente": {"type": "string", "pattern": r"^GM\d{4}$"},
                    "gemeente_naam": TEKST,
                    "woonplaats": {"type": ["string", "null"]},
                    "postcode": {"type": ["string", "null"], "pattern": r"^\d{4}$"},
                    "lat": {"type": ["number", "null"]},
                    "lon": {"type": ["number", "null"]},
                }
            ),
            _object(
                {
                    "invoer": TEKST,
                    "keuzes": {
                        "type": "array",
                        "minItems": 2,
                        "items": _object(
                            {
                                "gemeente": {"type": "string", "pattern": r"^GM\d{4}$"},
                                "gemeente_naam": TEKST,
                                "provincie": TEKST,
                                "waarde": {
                                    "type": "string",
                                    "description": "De plaats die precies deze bedoelt.",
                                },
                            }
                        ),
                    },
                }
            ),
        ],
    }
    return _object(
        {
            "locatie": locatie,
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "num_pages": {"type": "integer", "minimum": 1},
            "backend": {
                "type": "string",
                "enum": ["database", "opensearch", "elasticsearch"],
                "description": "Wat de zoekvraag beantwoordde.",
            },
            "results": {
                "type": "array",
                "items": {
                    "allOf": [
                        _ref("DienstKort"),
                        _object(
                            {
                                "afstand_km": {
                                    "type": ["number", "null"],
                                    "minimum": 0,
                                    "description": "Afstand tot de gegeven plaats in km; null "
                                    "zonder plaats, zonder punt en bij landelijke diensten.",
                                }
                            }
                        ),
                    ]
                },
                "maxItems": MAX_PAGE_SIZE,
            },
            "facets": _object(
                {
                    facet: {
                        "type": "array",
                        "items": facet_waarde,
                        "description": f"{FACET_LABELS[facet]}: de waarden met diensten, en "
                        "de gekozen waarden. Elke telling houdt rekening met de andere facetten, "
                        "niet met de keuze in dit facet.",
                    }
                    for facet in FACETS
                }
            ),
        },
        description="Eén pagina zoekresultaten met de tellingen van elk facet.",
    )


def _hsds_schemas() -> dict:
    uuid = {"type": "string", "format": "uuid"}
    taal = _object({"id": uuid, "name": TEKST, "code": TEKST})
    phone = _object(
        {
            "id": uuid,
            "service_id": uuid,
            "number": TEKST,
            "type": TEKST,
            "languages": {"type": "array", "items": taal},
        }
    )
    taxonomy = _object({"id": uuid, "name": TEKST, "description": TEKST, "version": TEKST})
    taxonomy_term = _object(
        {
            "id": uuid,
            "code": TEKST,
            "name": TEKST,
            "description": TEKST,
            "taxonomy": TEKST,
            "taxonomy_id": uuid,
            "taxonomy_detail": taxonomy,
            "language": TEKST,
        }
    )
    return {
        "HsdsOrganization": _object({"id": uuid, "name": TEKST, "description": TEKST}),
        "HsdsServiceBasis": _object(
            {
                "id": uuid,
                "organization_id": uuid,
                "name": TEKST,
                "description": TEKST,
                "status": {"type": "string", "enum": ["active", "inactive"]},
                "fees_description": TEKST,
                "eligibility_description": TEKST,
                "url": TEKST,
                "email": TEKST,
                "minimum_age": LEEFTIJD,
                "maximum_age": LEEFTIJD,
                "assured_date": {"type": "string", "format": "date"},
                "accreditations": TEKST,
                "last_modified": {"type": "string", "format": "date-time"},
                "organization": _ref("HsdsOrganization"),
            },
            optional=(
                "url",
                "email",
                "minimum_age",
                "maximum_age",
                "assured_date",
                "accreditations",
                "last_modified",
            ),
            description="Een HSDS 3.0-service in de lijstvorm (service_list): de velden van de "
            "dienst en zijn organisatie. Velden zonder waarde ontbreken.",
        ),
        "HsdsService": {
            "description": "Een HSDS 3.0-service in de volledige vorm (service_with_definitions).",
            "allOf": [
                _ref("HsdsServiceBasis"),
                _object(
                    {
                        "phones": {"type": "array", "items": phone},
                        "contacts": {
                            "type": "array",
                            "items": _object(
                                {
                                    "id": uuid,
                                    "service_id": uuid,
                                    "name": TEKST,
                                    "email": TEKST,
                                    "phones": {"type": "array", "items": phone},
                                },
                                optional=("email",),
                            ),
                        },
                        "cost_options": {
                            "type": "array",
                            "items": _object(
                                {
                                    "id": uuid,
                                    "service_id": uuid,
                                    "option": TEKST,
                                    "currency": {"type": "string", "const": "EUR"},
                                    "amount": {"type": "number", "minimum": 0},
                                    "amount_description": TEKST,
                                },
                                optional=("amount_description",),
                            ),
                        },
                        "service_areas": {
                            "type": "array",
                            "items": _object(
                                {
                                    "id": uuid,
                                    "service_id": uuid,
                                    "name": TEKST,
                                    "description": TEKST,
                                }
                            ),
                        },
                        "service_at_locations": {
                            "type": "array",
                            "description": "Waar de dienst is: adres en punt, als bekend.",
                            "items": _object(
                                {
                                    "id": uuid,
                                    "service_id": uuid,
                                    "location_id": uuid,
                                    "location": _object(
                                        {
                                            "id": uuid,
                                            "location_type": {
                                                "type": "string",
                                                "const": "physical",
                                            },
                                            "name": TEKST,
                                            "description": TEKST,
                                            "latitude": {"type": "number"},
                                            "longitude": {"type": "number"},
                                            "addresses": {
                                                "type": "array",
                                                "items": _object(
                                                    {
                                                        "id": uuid,
                                                        "location_id": uuid,
                                                        "address_1": TEKST,
                                                        "city": TEKST,
                                                        "state_province": TEKST,
                                                        "postal_code": TEKST,
                                                        "country": {
                                                            "type": "string",
                                                            "const": "NL",
                                                        },
                                                        "address_type": {
                                                            "type": "string",
                                                            "const": "physical",
                                                        },
                                                    }
                                                ),
                                            },
                                        },
                                        optional=(
                                            "description",
                                            "latitude",
                                            "longitude",
                                            "addresses",
                                        ),
                                    ),
                                }
                            ),
                        },
                        "languages": {"type": "array", "items": taal},
                        "attributes": {
                            "type": "array",
                            "items": _object(
                                {
                                    "id": uuid,
                                    "link_id": uuid,
                                    "link_type": {"type": "string", "enum": list(VOCABULAIRES)},
                                    "link_entity": {"type": "string", "const": "service"},
                                    "taxonomy_term_id": uuid,
                                    "taxonomy_term": taxonomy_term,
                                    "value": TEKST,
                                }
                            ),
                        },
                    }
                ),
            ],
        },
        "HsdsPagina": _object(
            {
                "total_items": {"type": "integer", "minimum": 0},
                "total_pages": {"type": "integer", "minimum": 1},
                "page_number": {"type": "integer", "minimum": 1},
                "size": {"type": "integer", "minimum": 0, "maximum": HSDS_MAX_PAGE_SIZE},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean"},
                "contents": {
                    "type": "array",
                    "items": _ref("HsdsServiceBasis"),
                    "maxItems": HSDS_MAX_PAGE_SIZE,
                },
            },
            description="Eén pagina van de HSDS 3.0-lijst /services.",
        ),
    }


def _suggestie() -> dict:
    return _object(
        {
            "label": TEKST,
            "type": {
                "type": "string",
                "enum": ["dienst", *VOCABULAIRES, "plaats"],
                "description": "dienst, de lijst waar het label uit komt, of plaats.",
            },
            "value": {
                "type": "string",
                "description": "Het id van de dienst, de slug, of de plaats (voor `plaats=`).",
            },
            "url": {"type": "string", "description": "Waar de suggestie heen leidt (pad)."},
        },
        examples=[
            {
                "label": "Koffieochtend Noord",
                "type": "dienst",
                "value": "12",
                "url": "/kaart/dienst/12/",
            }
        ],
    )


FOUT = _response("Een parameter klopt niet; `parameter` zegt welke.", _ref("Fout"))
NIET_GEVONDEN = _response("De dienst bestaat niet of is niet (meer) gepubliceerd.", _ref("Fout"))


def _link(operation_id: str, pointer: str, description: str) -> dict:
    """A link from an answer to the operation that reads one of the services in it."""
    return {
        "operationId": operation_id,
        "parameters": {"id": f"$response.body#/{pointer}"},
        "description": description,
    }


def _id_parameter(schema: dict, description: str) -> dict:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


def _paths() -> dict:
    dienst_id = {"type": "integer", "minimum": 1}
    return {
        "/api/kaart/diensten/": {
            "get": {
                "operationId": "diensten",
                "tags": ["Sociale kaart"],
                "summary": "Zoeken in de sociale kaart",
                "description": "Dezelfde zoekvraag als de pagina /kaart/, met dezelfde "
                "parameters. Lege parameters tellen als afwezig, onbekende worden genegeerd, en "
                "van een herhaalde enkelvoudige parameter telt de laatste.",
                "parameters": _zoek_parameters(),
                "responses": {
                    "200": {
                        **_response("Eén pagina resultaten.", _ref("Diensten")),
                        "links": {
                            "dienst": _link("dienst", "results/0/id", "De eerste dienst."),
                            "hsds_service": _link(
                                "hsds_service", "results/0/id", "De eerste dienst in HSDS."
                            ),
                        },
                    },
                    "400": FOUT,
                },
            }
        },
        "/api/kaart/diensten/{id}/": {
            "get": {
                "operationId": "dienst",
                "tags": ["Sociale kaart"],
                "summary": "Eén gepubliceerde dienst",
                "parameters": [_id_parameter(dienst_id, "Het id van de dienst.")],
                "responses": {
                    "200": _response("De dienst met alle velden.", _ref("Dienst")),
                    "404": NIET_GEVONDEN,
                },
            }
        },
        "/api/kaart/hsds/services/": {
            "get": {
                "operationId": "hsds_services",
                "tags": ["HSDS 3.0"],
                "summary": "De gepubliceerde diensten als HSDS 3.0-services",
                "description": "Gesorteerd op naam. Een pagina na de laatste is leeg.",
                "parameters": [
                    _query(
                        "page",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 10**MAX_DIGITS - 1,
                            "default": 1,
                        },
                        "Paginanummer, vanaf 1.",
                    ),
                    _query(
                        "per_page",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": HSDS_MAX_PAGE_SIZE,
                            "default": HSDS_PAGE_SIZE,
                        },
                        "Aantal services per pagina.",
                    ),
                ],
                "responses": {
                    "200": {
                        **_response("Eén pagina services.", _ref("HsdsPagina")),
                        "links": {
                            "hsds_service": _link(
                                "hsds_service", "contents/0/id", "De eerste service, volledig."
                            ),
                        },
                    },
                    "400": FOUT,
                },
            }
        },
        "/api/kaart/hsds/services/{id}/": {
            "get": {
                "operationId": "hsds_service",
                "tags": ["HSDS 3.0"],
                "summary": "Eén gepubliceerde dienst als HSDS 3.0-service",
                "parameters": [
                    _id_parameter(
                        {
                            "anyOf": [
                                dienst_id,
                                {"type": "string", "format": "uuid", "pattern": UUID_PATTERN},
                            ]
                        },
                        "Het id van de dienst in de kaart, of de HSDS-UUID van de service "
                        "(kleine letters).",
                    )
                ],
                "responses": {
                    "200": _response("De service in de volledige vorm.", _ref("HsdsService")),
                    "404": NIET_GEVONDEN,
                },
            }
        },
        "/api/kaart/plaatsen/": {
            "get": {
                "operationId": "plaatsen_suggest",
                "tags": ["Zoeken"],
                "summary": "Suggesties voor het veld 'Waar woont u?'",
                "description": "Gemeenten, woonplaatsen, wijken en postcodes die beginnen met wat "
                "getypt is. Volgorde: precies de naam; dan gemeenten, woonplaatsen, wijken; begin "
                "van de naam voor een later woord; kortere namen eerst; dan A-Z. Minder dan 2 "
                "tekens geeft een lege lijst.",
                "parameters": [_query("q", TEKST, "Wat tot nu toe getypt is.")],
                "responses": {
                    "200": _response(
                        f"Hooguit {MAX_PLAATSEN} plaatsen.",
                        {"type": "array", "items": _ref("Plaats"), "maxItems": MAX_PLAATSEN},
                    ),
                },
            }
        },
        "/api/kaart/suggest/": {
            "get": {
                "operationId": "kaart_suggest",
                "tags": ["Zoeken"],
                "summary": "Suggesties voor het zoekveld van de kaart",
                "description": "Namen van diensten die beginnen met wat getypt is, daarna labels "
                f"van de kenmerken. Minder dan {MIN_LENGTE} letters geeft een lege lijst.",
                "parameters": [_query("q", TEKST, "Wat tot nu toe getypt is.")],
                "responses": {
                    "200": _response(
                        f"Hooguit {MAX_SUGGESTIES} suggesties, diensten eerst.",
                        {"type": "array", "items": _ref("Suggestie"), "maxItems": MAX_SUGGESTIES},
                    ),
                },
            }
        },
    }


@cache
def beschrijving() -> dict:
    """The OpenAPI document, built once per process (it depends on code only)."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Sociale kaart aanpak eenzaamheid",
            "version": API_VERSION,
            "description": "De open API van de sociale kaart: zoeken zoals op /kaart/, één "
            "dienst, en dezelfde diensten in Open Referral's HSDS 3.0. Alles is openbaar en "
            "alleen te lezen; de antwoorden van de kaart en HSDS mogen van elke herkomst gelezen "
            "worden (CORS). Geslaagde antwoorden mogen een minuut bewaard worden. Foute invoer "
            'geeft 400 met {"error": ..., "parameter": ...}, een onbekende dienst 404 in '
            "dezelfde vorm.",
        },
        "tags": [
            {"name": "Sociale kaart", "description": "Zoeken en diensten."},
            {
                "name": "HSDS 3.0",
                "description": "De diensten in Open Referral's HSDS 3.0.",
                "externalDocs": {"description": "HSDS 3.0", "url": HSDS_DOCS},
            },
            {"name": "Zoeken", "description": "Hulp bij het typen van een zoekvraag."},
        ],
        "paths": _paths(),
        "components": {
            "schemas": {
                "Fout": _object(
                    {
                        "error": {
                            "type": "string",
                            "description": "Wat er mis is, in het Nederlands.",
                        },
                        "parameter": {
                            "type": "string",
                            "description": "De parameter die niet klopt.",
                        },
                        "suggesties": {
                            "type": "array",
                            "items": TEKST,
                            "description": "Bij plaats en gemeente: wat u misschien bedoelt "
                            "(elk een geldige plaats); anders leeg.",
                        },
                    },
                    examples=[
                        {"error": "Sorteren kan op: ...", "parameter": "sort", "suggesties": []}
                    ],
                ),
                "DienstKort": _dienst_kort(),
                "Dienst": _dienst(),
                "Diensten": _diensten(),
                "Suggestie": _suggestie(),
                "Plaats": _object(
                    {
                        "naam": TEKST,
                        "waarde": {
                            "type": "string",
                            "description": "Wat in het veld komt; `plaats=` met deze waarde "
                            "bedoelt precies deze plaats.",
                        },
                        "label": TEKST,
                        "soort": {
                            "type": "string",
                            "enum": ["gemeente", "woonplaats", "wijk of buurtschap", "postcode"],
                        },
                        "gemeente": {"type": "string", "pattern": r"^GM\d{4}$"},
                        "gemeente_naam": TEKST,
                        "provincie": TEKST,
                    }
                ),
                **_hsds_schemas(),
            }
        },
    }


# -- /api/v1/: the same API under the Dutch API Design Rules --------------------------------


def _v1_headers() -> dict:
    return {"API-Version": {"$ref": "#/components/headers/API-Version"}}


def _v1_response(description: str, schema: dict) -> dict:
    return {**_response(description, schema), "headers": _v1_headers()}


def _v1_probleem(description: str) -> dict:
    return {
        "description": description,
        "headers": _v1_headers(),
        "content": {"application/problem+json": {"schema": _ref("Probleem")}},
    }


def _probleem_schema() -> dict:
    return _object(
        {
            "type": {"type": "string", "format": "uri-reference", "const": "about:blank"},
            "title": {"type": "string", "description": "Het soort fout."},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "Wat er mis is, in het Nederlands."},
            "instance": {"type": "string", "description": "Het pad van de vraag."},
            "invalidParams": {
                "type": "array",
                "minItems": 1,
                "description": "De parameter die niet klopt (alleen bij foute invoer).",
                "items": _object(
                    {
                        "type": {"type": "string", "const": "about:blank"},
                        "name": {"type": "string", "description": "De naam van de parameter."},
                        "reason": {"type": "string", "description": "Wat er mis mee is."},
                    }
                ),
            },
        },
        optional=("instance", "invalidParams"),
        description="Een fout volgens RFC 9457 (application/problem+json).",
        examples=[
            {
                "type": "about:blank",
                "title": "Ongeldige invoer",
                "status": 400,
                "detail": "Sorteren kan op: relevantie, naam, kosten, recent.",
                "instance": "/api/v1/diensten",
                "invalidParams": [
                    {
                        "type": "about:blank",
                        "name": "sort",
                        "reason": "Sorteren kan op: relevantie, naam, kosten, recent.",
                    }
                ],
            }
        ],
    )


def _v1_paths() -> dict:
    dienst_id = {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    ongeldig = _v1_probleem("Een parameter klopt niet; `invalidParams` zegt welke.")
    return {
        "/diensten": {
            "get": {
                "operationId": "diensten",
                "tags": ["Sociale kaart"],
                "summary": "Zoeken in de sociale kaart",
                "description": "Dezelfde zoekvraag als de pagina /kaart/, met dezelfde "
                "parameters (pageSize in plaats van page_size). Lege parameters tellen als "
                "afwezig, onbekende worden genegeerd, en van een herhaalde enkelvoudige "
                "parameter telt de laatste.",
                "parameters": _zoek_parameters(page_size="pageSize"),
                "responses": {
                    "200": {
                        **_v1_response("Eén pagina resultaten.", _ref("Diensten")),
                        "links": {
                            "dienst": _link("dienst", "results/0/id", "De eerste dienst."),
                        },
                    },
                    "400": ongeldig,
                },
            }
        },
        "/diensten/{id}": {
            "get": {
                "operationId": "dienst",
                "tags": ["Sociale kaart"],
                "summary": "Eén gepubliceerde dienst",
                "parameters": [_id_parameter(dienst_id, "Het id van de dienst.")],
                "responses": {
                    "200": _v1_response("De dienst met alle velden.", _ref("Dienst")),
                    "400": _v1_probleem("Het id is geen getal."),
                    "404": _v1_probleem("De dienst bestaat niet of is niet (meer) gepubliceerd."),
                },
            }
        },
        "/suggesties": {
            "get": {
                "operationId": "suggesties",
                "tags": ["Zoeken"],
                "summary": "Suggesties voor het zoekveld van de kaart",
                "description": "Namen van diensten die beginnen met wat getypt is, daarna labels "
                f"van de kenmerken. Minder dan {MIN_LENGTE} letters geeft een lege lijst.",
                "parameters": [
                    _query(
                        "q",
                        {"type": "string", "maxLength": MAX_Q_LENGTH},
                        "Wat tot nu toe getypt is.",
                    )
                ],
                "responses": {
                    "200": _v1_response(
                        f"Hooguit {MAX_SUGGESTIES} suggesties, diensten eerst.",
                        {"type": "array", "items": _ref("Suggestie"), "maxItems": MAX_SUGGESTIES},
                    ),
                    "400": _v1_probleem(f"De tekst is langer dan {MAX_Q_LENGTH} tekens."),
                },
            }
        },
    }


@cache
def beschrijving_v1() -> dict:
    """The OpenAPI document of ``/api/v1/``, built once per process."""
    schemas = beschrijving()["components"]["schemas"]
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Sociale kaart aanpak eenzaamheid",
            "version": API_V1_VERSION,
            "description": "De open API van de sociale kaart, versie 1, volgens de API Design "
            "Rules van de Nederlandse overheid: zoeken zoals op /kaart/, één dienst, en de "
            "suggesties van het zoekveld. Alles is openbaar en alleen te lezen; elke herkomst "
            "mag de antwoorden lezen (CORS). Geslaagde antwoorden mogen een minuut bewaard "
            "worden. Foute invoer geeft 400 als application/problem+json (RFC 9457) met de "
            "parameter in invalidParams. Dezelfde diensten staan in Open Referral's HSDS 3.0 "
            "op /api/hsds/. De gegevens vallen onder CC BY 4.0.",
            "contact": CONTACT,
            "license": DATA_LICENSE,
        },
        "servers": [{"url": V1_SERVER, "description": "Deze site."}],
        "security": [],
        "tags": [
            {"name": "Sociale kaart", "description": "Zoeken en diensten."},
            {"name": "Zoeken", "description": "Hulp bij het typen van een zoekvraag."},
        ],
        "paths": _v1_paths(),
        "components": {
            "headers": {
                "API-Version": {
                    "description": "De volledige versie van de API (semver).",
                    "required": True,
                    "schema": {"type": "string", "const": API_V1_VERSION},
                }
            },
            "schemas": {
                "Probleem": _probleem_schema(),
                "DienstKort": schemas["DienstKort"],
                "Dienst": schemas["Dienst"],
                "Diensten": schemas["Diensten"],
                "Suggestie": schemas["Suggestie"],
            },
        },
    }
