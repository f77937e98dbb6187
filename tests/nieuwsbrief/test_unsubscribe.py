"""Unsubscribing (RFC 8058 one-click and the button), the manage page, export and erasure."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from nieuwsbrief import tokens
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import (
    ConsentEvent,
    Delivery,
    MailEvent,
    Subscriber,
    Suppression,
    TransactionalMail,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber(clean):
    return SubscriberFactory(email="lezer@example.org", name="Lezer")


def unsubscribe_url(subscriber):
    return reverse("nieuwsbrief:afmelden", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber.key)])


def manage_url(subscriber):
    return reverse("nieuwsbrief:voorkeuren", args=[tokens.make(tokens.MANAGE, subscriber.key)])


def test_a_get_shows_a_button_and_changes_nothing(client, subscriber):
    for _ in range(10):
        response = client.get(unsubscribe_url(subscriber))
        assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("main form")
    assert form["method"] == "post" and form.find("button").get_text(strip=True) == "Afmelden"
    assert soup.find("a", href=manage_url(subscriber))


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_one_click_post_needs_no_cookie_or_csrf_and_answers_200(subscriber, encoding):
    client = Client(enforce_csrf_checks=True)
    url = unsubscribe_url(subscriber)
    if encoding == "urlencoded":
        response = client.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200  # no redirect (RFC 8058)
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert Suppression.objects.get(email_hash=subscriber.email_hash).reason == "unsubscribed"
    assert subscriber.consent_events.filter(kind=ConsentEvent.Kind.WITHDRAWN).count() == 1
    # Idempotent: again 200, nothing new.
    again = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200
    assert subscriber.consent_events.filter(kind=ConsentEvent.Kind.WITHDRAWN).count() == 1
    assert Suppression.objects.count() == 1


def test_an_unsubscribed_address_gets_nothing_until_it_opts_in_again(subscriber):
    Client().post(unsubscribe_url(subscriber))
    assert not Subscriber.objects.eligible().exists()


def test_the_manage_page_pauses_and_resumes(client, subscriber):
    url = manage_url(subscriber)
    page = client.get(url)
    assert page.status_code == 200 and "l•••@example.org" in page.content.decode()
    assert client.post(url, {"actie": "pauzeren"}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PAUSED
    assert not Subscriber.objects.eligible().exists()
    client.post(url, {"actie": "hervatten"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    kinds = list(subscriber.consent_events.values_list("kind", flat=True))
    assert kinds[-2:] == [ConsentEvent.Kind.PAUSED, ConsentEvent.Kind.RESUMED]
    client.post(url, {"actie": "afmelden"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.consent_events.last().channel == ConsentEvent.Channel.WEB


def test_a_get_of_the_manage_page_changes_nothing(client, subscriber):
    for _ in range(5):
        client.get(manage_url(subscriber) + "?actie=afmelden")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_download_my_data(client, subscriber):
    issue = IssueFactory(publish=True)
    Delivery.objects.create(issue=issue, subscriber=subscriber, status=Delivery.Status.SENT)
    response = client.post(manage_url(subscriber), {"actie": "downloaden"})
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["e-mailadres"] == "lezer@example.org" and data["naam"] == "Lezer"
    assert [e["wat"] for e in data["toestemming"]] == ["Aanmelding gevraagd", "Bevestigd"]
    assert data["toestemming"][0]["tekst"]["vinkje"].startswith("Ja, stuur mij")
    assert data["ontvangen_nieuwsbrieven"] == [
        {"editie": issue.title, "status": "Verstuurd", "verstuurd_op": None}
    ]


def test_erasure_leaves_only_the_suppression_row(client, subscriber):
    issue = IssueFactory(publish=True)
    Delivery.objects.create(issue=issue, subscriber=subscriber, status=Delivery.Status.SENT)
    TransactionalMail.objects.create(
        kind="already", subscriber=subscriber, email_hash=subscriber.email_hash
    )
    MailEvent.objects.create(
        dedupe_key="x", esp="Test", event_type="delivered", recipient_hash=subscriber.email_hash
    )
    url = manage_url(subscriber)
    refused = client.post(url, {"actie": "wissen"})
    assert refused.status_code == 400 and Subscriber.objects.exists()
    response = client.post(url, {"actie": "wissen", "zeker": "ja"})
    assert response.status_code == 200 and "gewist" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not ConsentEvent.objects.exists()
    assert not TransactionalMail.objects.exists() and not MailEvent.objects.exists()
    (suppression,) = Suppression.objects.all()
    assert suppression.reason == "erased" and suppression.email_hash == subscriber.email_hash
    # The delivery stays for the issue's counts, without anyone's data.
    assert Delivery.objects.get().subscriber is None
    # The old links now lead nowhere, and say nothing about why.
    assert client.get(url).status_code == 404
    assert client.post(unsubscribe_url(subscriber)).status_code == 200


def test_unknown_manage_actions_are_refused(client, subscriber):
    assert client.post(manage_url(subscriber), {"actie": "alles"}).status_code == 400


def test_one_click_works_from_a_mail_providers_server_or_its_web_app(subscriber):
    """RFC 8058 requests come without cookie, token or same-site headers; nothing may block them."""
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://mail.example.com",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
