"""Fixtures for the submissions: an index page, a live service, a moderator, form helpers."""

import pytest
from django.contrib.auth.models import Group, Permission

from inzendingen import spam


@pytest.fixture(autouse=True)
def _snel_invullen_mag(settings, tmp_path):
    """Tests post forms at once; the fill-time layer has its own tests. Files go to a tmp dir."""
    settings.INZENDINGEN_MIN_INVULTIJD = 0
    settings.INZENDINGEN_BESTANDEN_MAP = tmp_path / "prive"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INZENDINGEN_MELDINGEN_AAN = ["redactie@example.org"]


@pytest.fixture
def index(home_page):
    from inzendingen.demo import load_index

    return load_index(home_page)


@pytest.fixture
def moderator(db, django_user_model, home_page):
    from home.demo import load_groups
    from inzendingen.demo import load_moderatie

    load_groups()
    load_moderatie()
    user = django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "geheim-wachtwoord"
    )
    user.groups.add(Group.objects.get(name="Moderatoren"))
    return user


@pytest.fixture
def redacteur_zonder_rechten(db, django_user_model):
    user = django_user_model.objects.create_user("lezer", "lezer@example.org", "geheim")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def dienst(db):
    from kaart.factories import DienstFactory

    return DienstFactory(
        naam="Wandelgroep De Linde",
        samenvatting="Elke dinsdag wandelen met buurtgenoten.",
        aanbieder="Welzijn De Brug",
        website="https://www.voorbeeld.nl/wandelen",
        kosten_bedrag=0,
        termen={
            "doelgroep": ["ouderen"],
            "activiteit": ["ontmoeting"],
            "frequentie": ["structureel"],
        },
        gemeente_codes=["GM0344"],
    )


def beveiligd(formulier: str, **data) -> dict:
    """POST data with the hidden fields a rendered form carries."""
    bescherming = spam.nieuwe_bescherming(formulier)
    return {spam.TIJD_VELD: bescherming.tijd, spam.HONEYPOT_VELD: "", **data}


def voorbeeld_data(**extra) -> dict:
    data = {
        "gemeente": "GM0344",
        "titel": "Maatjes voor mantelzorgers",
        "samenvatting": "Mantelzorgers krijgen een maatje dat naar hen luistert.",
        "ondersteuning": "Een vrijwilliger komt elke week langs.\n\nSamen zoeken zij wat helpt.",
        "doelgroepen": ["mantelzorgers"],
        "partners": "Mantelzorgcentrum\nHuisartsen",
        "links": "https://www.voorbeeld.nl/maatjes",
        "contact_naam": "Team Mantelzorg",
        "contact_email": "mantelzorg@example.org",
        "inzender_naam": "Petra Bakker",
        "inzender_email": "petra@example.org",
        "toestemming": "on",
    }
    data.update(extra)
    return beveiligd("voorbeeld", **data)


def dienst_data(**extra) -> dict:
    data = {
        "naam": "Belcirkel Zuid",
        "samenvatting": "Elke ochtend belt een vrijwilliger u voor een praatje.",
        "beschrijving": "U krijgt elke dag een telefoontje.\nZo begint u de dag goed.",
        "aanbieder": "Stichting Samen",
        "doelgroep": ["ouderen", "alleenstaanden"],
        "activiteit": ["een-op-een"],
        "plek": ["telefonisch"],
        "frequentie": "structureel",
        "kosten_bedrag": "2,50",
        "kosten_eenheid": "per maand",
        "gemeenten": ["GM0344", "GM0193"],
        "postcode": "3511ab",
        "website": "www.belcirkel.nl",
        "inzender_naam": "Karin Smit",
        "inzender_email": "karin@example.org",
        "toestemming": "on",
    }
    data.update(extra)
    return beveiligd("dienst", **data)
