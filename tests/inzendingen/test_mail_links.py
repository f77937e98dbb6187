"""The submissions' mails link to the public site (``SITE_URL``), not to the Wagtail site record's
placeholder host, and are signed by the organisation, not by an address."""

import re

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from inzendingen import emails
from inzendingen.factories import InzendingFactory, TipFactory, VoorbeeldPageFactory
from inzendingen.models import Beoordeling, Inzending, Tip

pytestmark = pytest.mark.django_db
SITE = "https://portal.example"


@pytest.fixture
def site_url(settings, home_page):
    settings.SITE_URL = SITE
    # The demo's site record, as a fresh install has it: a placeholder host on port 80.
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"
    instellingen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    instellingen.organisation_name = "Stichting Samen Verder"
    instellingen.save()
    return SITE


def _adressen(tekst: str) -> list[str]:
    return re.findall(r"https?://[^\s)]+", tekst)


def test_every_mail_links_to_site_url_and_is_signed_by_the_organisation(
    site_url, index, moderator, django_capture_on_commit_callbacks
):
    voorbeeld = VoorbeeldPageFactory(parent=index)
    inzending = InzendingFactory(
        soort=Inzending.Soort.VOORBEELD, voorbeeld=voorbeeld, status=Beoordeling.GOEDGEKEURD
    )
    tip = TipFactory(status=Tip.Status.VERWERKT)
    mails = [
        emails.ontvangstbevestiging(inzending),
        *emails.melding_redactie(inzending),
        emails.besluit(inzending),
        emails.besluit(tip),
    ]
    ontvangst, melding, besluit, besluit_tip = (m.tekst for m in (*mails[:2], *mails[-2:]))
    assert f"{SITE}/{index.slug}/{voorbeeld.slug}/" in besluit
    assert f"{SITE}/beheer/" in melding
    for mail in mails:
        for adres in _adressen(mail.tekst):
            assert adres.startswith(f"{SITE}/"), (mail.onderwerp, adres)
        assert "localhost" not in mail.tekst and "127.0.0.1" not in mail.tekst
    for tekst in (ontvangst, besluit, besluit_tip):
        assert "De redactie van Stichting Samen Verder" in tekst
        assert "De redactie van http" not in tekst
