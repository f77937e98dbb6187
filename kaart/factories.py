"""Test and benchmark data for the sociale kaart, from a fixed seed.

``DienstFactory`` makes one service for a test. ``genereer_specs`` describes many services as plain
dictionaries (slugs, numbers, codes), so a test can compute expected answers from them with plain
Python, independently of the code under test; ``maak_diensten`` writes such specs to the database
in bulk and indexes them for the text search.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import factory

from . import plaatsen
from .models import (
    ENKELVOUDIG,
    MEERVOUDIG,
    STANDAARD_TERMEN,
    Dienst,
    Gemeente,
    Term,
    lees_gemeenten_csv,
    term_koppeltabel,
)
from .versies import DIENSTEN, gewijzigd
from .zoekindex import indexeer

SEED = 20260101
VANDAAG = datetime.date(2026, 5, 1)

_ACTIVITEITEN = [
    "Koffieochtend",
    "Wandelgroep",
    "Maatjesproject",
    "Buurtmaaltijd",
    "Belcirkel",
    "Rouwgroep",
    "Computerhulp",
    "Taalcafé",
    "Moestuin",
    "Zangkoor",
    "Huisbezoek",
    "Gespreksgroep",
    "Klusdienst",
    "Spelletjesmiddag",
    "Fietsmaatjes",
]
_WIJKEN = ["Noord", "Zuid", "Oost", "West", "Centrum", "Dorp", "Haven", "Park", "Molen", "Beek"]
_AANBIEDERS = [
    "Stichting Samen Verder",
    "Welzijn De Brug",
    "Vereniging Buurtkracht",
    "Zorgcoöperatie Naober",
    "Praktijk Nieuwe Kansen",
    "Bibliotheek De Boekenkast",
]
_ZINNEN = [
    "U ontmoet andere mensen in een rustige en vriendelijke sfeer.",
    "Een vrijwilliger komt bij u langs voor een praatje en een kop koffie.",
    "Samen wandelen houdt u fit en brengt u in contact met buurtgenoten.",
    "U leert omgaan met verlies, samen met mensen die hetzelfde meemaken.",
    "Wij helpen u met uw telefoon, tablet of computer.",
    "U oefent Nederlands in een ontspannen groep.",
]


def _term_slugs(vocabulaire: str) -> list[str]:
    return [slug for slug, _ in STANDAARD_TERMEN[vocabulaire]]


def _postcodes(gemeente: str) -> list[str]:
    """The four-digit postcodes of a gemeente, in order."""
    return sorted(pc for pc, (code, *_) in plaatsen.index().postcodes.items() if code == gemeente)


def genereer_specs(n: int, seed: int = SEED, gemeenten: int = 12) -> list[dict]:
    """``n`` services as plain data, the same for the same seed.

    The services share a few gemeenten (``gemeenten`` of them) so that gemeente filters have
    something to find. Names repeat now and then, so sorting has ties to break.
    """
    rng = random.Random(seed)
    codes = [row["code"] for row in lees_gemeenten_csv()]
    pool = rng.sample(codes, gemeenten)
    specs = []
    for i in range(n):
        activiteit_woord = rng.choice(_ACTIVITEITEN)
        naam = f"{activiteit_woord} {rng.choice(_WIJKEN)}"
        if rng.random() < 0.7:
            naam = f"{naam} {rng.randint(1, max(2, n // 3))}"
        spec: dict = {
            "extern_id": f"gen-{seed}-{i:06d}",
            "naam": naam,
            "samenvatting": f"{activiteit_woord}: {rng.choice(_ZINNEN)}",
            "beschrijving": f"<p>{rng.choice(_ZINNEN)} {rng.choice(_ZINNEN)}</p>",
            "aanbieder": rng.choice(_AANBIEDERS),
        }
        for vocabulaire in MEERVOUDIG:
            slugs = _term_slugs(vocabulaire)
            k = rng.choice([0, 1, 1, 2, 2, 3]) if vocabulaire != "vorm" else rng.choice([1, 1, 2])
            spec[vocabulaire] = sorted(rng.sample(slugs, min(k, len(slugs))))
        for vocabulaire in ENKELVOUDIG:
            slugs = _term_slugs(vocabulaire)
            spec[vocabulaire] = [rng.choice(slugs)] if rng.random() < 0.9 else []
        roll = rng.random()
        if roll < 0.3:
            spec["kosten_bedrag"] = Decimal("0.00")
        elif roll < 0.45:
            spec["kosten_bedrag"] = None
        else:
            spec["kosten_bedrag"] = rng.choice(
                [Decimal("2.50"), Decimal("10.00"), Decimal("10.01"), Decimal("25"), Decimal("50")]
                + [Decimal("50.01"), Decimal("75"), Decimal("120.00"), Decimal("5")]
            )
        spec["leeftijd_min"] = rng.choice([None, None, 12, 18, 55, 65])
        top = rng.choice([None, None, 27, 64, 99])
        if top is not None and spec["leeftijd_min"] is not None and top < spec["leeftijd_min"]:
            top = None
        spec["leeftijd_max"] = top
        spec["landelijk"] = rng.random() < 0.2
        spec["gemeenten"] = [] if spec["landelijk"] else sorted(rng.sample(pool, rng.randint(1, 3)))
        # A postcode in its first gemeente (no random draw: the other fields stay as they were),
        # so distances have something to measure; every seventh service has none.
        spec["postcode"] = ""
        if spec["gemeenten"] and i % 7:
            postcodes = _postcodes(spec["gemeenten"][0])
            spec["postcode"] = f"{postcodes[i % len(postcodes)]} AB"
        spec["laatst_gecontroleerd"] = (
            None if rng.random() < 0.1 else VANDAAG - datetime.timedelta(days=rng.randint(0, 800))
        )
        specs.append(spec)
    return specs


def maak_diensten(specs: list[dict], index: bool = True, batch_size: int = 1000) -> list[Dienst]:
    """Write ``specs`` as live services in bulk (no revisions) and index them for text search."""
    termen = {(t.vocabulaire, t.slug): t for t in Term.objects.all()}
    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    diensten = [
        Dienst(
            extern_id=spec["extern_id"],
            naam=spec["naam"],
            samenvatting=spec["samenvatting"],
            beschrijving=spec.get("beschrijving", ""),
            aanbieder=spec.get("aanbieder", ""),
            kosten_bedrag=spec.get("kosten_bedrag"),
            leeftijd_min=spec.get("leeftijd_min"),
            leeftijd_max=spec.get("leeftijd_max"),
            landelijk=spec.get("landelijk", False),
            laatst_gecontroleerd=spec.get("laatst_gecontroleerd"),
            live=spec.get("live", True),
            postcode=spec.get("postcode", ""),
            plaats=spec.get("plaats", ""),
            **{
                f"{vocabulaire}_id": termen[(vocabulaire, spec[vocabulaire][0])].pk
                for vocabulaire in ENKELVOUDIG
                if spec.get(vocabulaire)
            },
        )
        for spec in specs
    ]
    for dienst, spec in zip(diensten, specs, strict=True):
        dienst.vul_punt(spec.get("gemeenten", []))  # a bulk insert does not call save()
    Dienst.objects.bulk_create(diensten, batch_size=batch_size)
    if any(d.pk is None for d in diensten):  # databases that do not return ids from bulk_create
        by_extern = dict(Dienst.objects.values_list("extern_id", "pk"))
        for dienst in diensten:
            dienst.pk = by_extern[dienst.extern_id]
    for vocabulaire in MEERVOUDIG:
        koppel = term_koppeltabel(vocabulaire)
        koppel.objects.bulk_create(
            [
                koppel(dienst_id=dienst.pk, term_id=termen[(vocabulaire, slug)].pk)
                for dienst, spec in zip(diensten, specs, strict=True)
                for slug in spec.get(vocabulaire, [])
            ],
            batch_size=batch_size,
        )
    koppel = Dienst.gemeenten.through
    koppel.objects.bulk_create(
        [
            koppel(dienst_id=dienst.pk, gemeente_id=gemeenten[code].pk)
            for dienst, spec in zip(diensten, specs, strict=True)
            for code in spec.get("gemeenten", [])
        ],
        batch_size=batch_size,
    )
    gewijzigd(DIENSTEN)  # bulk inserts send no signals
    _statistieken_bijwerken(diensten[0]._state.db if diensten else "default")
    if index:
        indexeer([d.pk for d in diensten])
    return diensten


def _statistieken_bijwerken(db: str) -> None:
    """Give PostgreSQL's planner statistics of the rows just written, as autovacuum would later.

    Without them, tables last analysed while empty are planned as empty: nested loops of
    sequential scans, seconds per facet count at a few hundred services. ANALYZE in a
    transaction counts that transaction's own new rows.
    """
    from django.db import connections

    connection = connections[db]
    if connection.vendor != "postgresql":
        return
    tabellen = [Dienst._meta.db_table, Dienst.gemeenten.through._meta.db_table]
    tabellen += [term_koppeltabel(vocabulaire)._meta.db_table for vocabulaire in MEERVOUDIG]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tabellen))


class DienstFactory(factory.django.DjangoModelFactory):
    """One live service; pass ``termen={"doelgroep": ["ouderen"], ...}`` and ``gemeente_codes``."""

    class Meta:
        model = Dienst
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Voorbeelddienst {n}")
    samenvatting = "Een dienst om mensen met elkaar in contact te brengen."
    aanbieder = "Stichting Voorbeeld"
    extern_id = factory.Sequence(lambda n: f"fabriek-{n}")
    live = True

    @factory.post_generation
    def termen(obj, create, extracted, **kwargs):
        if not extracted:
            return
        for vocabulaire, slugs in extracted.items():
            terms = [Term.objects.get(vocabulaire=vocabulaire, slug=slug) for slug in slugs]
            if vocabulaire in ENKELVOUDIG:
                setattr(obj, vocabulaire, terms[0] if terms else None)
            else:
                getattr(obj, vocabulaire).set(terms)
        if create:
            obj.save()

    @factory.post_generation
    def gemeente_codes(obj, create, extracted, **kwargs):
        if not extracted:
            return
        obj.gemeenten.set(list(Gemeente.objects.filter(code__in=extracted)))
        if create:
            obj.save()
