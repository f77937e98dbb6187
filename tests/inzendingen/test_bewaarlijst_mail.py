""" "Mail deze lijst": the bewaarlijst once to an address that is not kept, through the outbox,
behind the spam layers and rate limits of every public form."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail as django_mail

from inzendingen.models import Mail
from kaart.factories import DienstFactory
from tests.inzendingen.conftest import beveiligd


@pytest.fixture
def lijst(home_page):
    from kaart.models import zorg_voor_basisgegevens

    zorg_voor_basisgegevens()
    een = DienstFactory(naam="Luisterlijn", kosten_bedrag=Decimal("0"), telefoon="0800-0000-101")
    twee = DienstFactory(naam="Koffieochtend", kosten_bedrag=Decimal("2"))
    return f"/inzendingen/bewaarlijst-mailen/?id={een.pk}&id={twee.pk}", (een, twee)


def test_the_bewaarlijst_links_to_mail_this_list(client, lijst):
    url, (een, twee) = lijst
    soup = BeautifulSoup(
        client.get(f"/kaart/bewaarlijst/?id={een.pk}&id={twee.pk}").content, "html.parser"
    )
    assert soup.find("a", string="Mail deze lijst")["href"] == url


def test_the_list_is_mailed_once_and_the_address_is_not_kept(
    client, lijst, django_capture_on_commit_callbacks
):
    url, (een, twee) = lijst
    pagina = BeautifulSoup(client.get(url).content, "html.parser")
    assert pagina.select_one("input[name=email]") is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, beveiligd("bewaarlijst", email="client@example.org"))
    assert response.status_code == 302
    assert response["Location"].endswith("&verstuurd=1")
    assert "De lijst is verstuurd" in client.get(response["Location"]).content.decode()
    assert len(django_mail.outbox) == 1
    bericht = django_mail.outbox[0]
    assert bericht.to == ["client@example.org"]
    assert "Luisterlijn" in bericht.body and "Koffieochtend" in bericht.body
    assert f"/kaart/dienst/{een.pk}/" in bericht.body and "0800-0000-101" in bericht.body
    assert Mail.objects.get().status == Mail.Status.VERZONDEN


def test_a_bad_address_is_said_and_nothing_is_sent(client, lijst):
    url, _ = lijst
    response = client.post(url, beveiligd("bewaarlijst", email="geen-adres"))
    assert response.status_code == 200
    assert "e-mailadres" in response.content.decode()
    assert not Mail.objects.exists()


def test_a_filled_honeypot_sends_nothing(client, lijst, django_capture_on_commit_callbacks):
    from inzendingen import spam

    url, _ = lijst
    data = beveiligd("bewaarlijst", email="client@example.org")
    data[spam.HONEYPOT_VELD] = "spam"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert not Mail.objects.exists() and not django_mail.outbox


def test_the_rate_limit_holds(client, lijst, settings):
    settings.INZENDINGEN_MAX_PER_EMAIL_PER_UUR = 1
    url, _ = lijst
    assert client.post(url, beveiligd("bewaarlijst", email="a@example.org")).status_code == 302
    response = client.post(url, beveiligd("bewaarlijst", email="a@example.org"))
    assert response.status_code == 429
    assert Mail.objects.count() == 1


def test_an_empty_list_cannot_be_mailed(client, lijst):
    assert client.get("/inzendingen/bewaarlijst-mailen/").status_code == 404
