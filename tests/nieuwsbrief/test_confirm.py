"""Confirming: a GET never confirms (mail scanners), one POST does; links expire, are personal."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from nieuwsbrief import subscriptions, tokens
from nieuwsbrief.factories import SubscriberFactory
from nieuwsbrief.models import ConsentEvent, Subscriber, Suppression

from .conftest import signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_up(client, clean, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/nieuwsbrief/", signup_data(email="nieuw@example.org"))
    (mail,) = mailoutbox
    url = re.search(r"https://portal\.example(/nieuwsbrief/bevestigen/[^/\s]+/)", mail.body)
    return Subscriber.objects.get(email="nieuw@example.org"), url.group(1), mail


def test_the_confirmation_mail(signed_up):
    subscriber, url, mail = signed_up
    assert mail.subject == "Bevestig uw aanmelding voor de nieuwsbrief"
    assert "nieuw@example.org" not in url
    assert "7 dagen" in mail.body
    html = mail.alternatives[0][0]
    assert f'href="https://portal.example{url}"' in html
    # A service mail carries no one-click unsubscribe (it would do nothing: RFC 8058, U7).
    headers = {k.lower() for k in mail.message()}
    assert "list-unsubscribe" not in headers and "list-unsubscribe-post" not in headers


def test_scanner_gets_do_not_confirm(client, signed_up):
    subscriber, url, _ = signed_up
    for _ in range(10):
        response = client.get(url)
        assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    soup = BeautifulSoup(response.content, "html.parser")
    (form,) = soup.select("main form")
    assert form["method"] == "post" and form.find("button").get_text(strip=True) == "Bevestig"
    assert "n•••@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_one_post_confirms_and_a_second_changes_nothing(signed_up):
    subscriber, url, _ = signed_up
    client = Client(enforce_csrf_checks=True)
    first = client.post(url)
    assert first.status_code == 200
    assert "U bent ingeschreven" in first.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    events = list(subscriber.consent_events.values_list("kind", flat=True))
    assert events == [ConsentEvent.Kind.REQUESTED, ConsentEvent.Kind.CONFIRMED]
    second = client.post(url)
    assert second.status_code == 200
    assert subscriber.consent_events.count() == 2


def test_an_expired_link_offers_a_new_one(
    client, signed_up, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber, url, _ = signed_up
    later = time.time() + 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(url)
        assert response.status_code == 410
        assert client.post(url).status_code == 410  # nor does a POST confirm it
        action = BeautifulSoup(response.content, "html.parser").select_one("main form")["action"]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    future = subscriber.status_changed_at + timedelta(minutes=20)
    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        mock.patch("nieuwsbrief.subscriptions.timezone.now", return_value=future),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.post(action).status_code == 302
    assert len(mailoutbox) == 2 and mailoutbox[1].to == ["nieuw@example.org"]


def test_tampered_and_foreign_tokens_get_the_same_generic_page(client, signed_up):
    subscriber, url, _ = signed_up
    unsubscribe = tokens.make(tokens.UNSUBSCRIBE, subscriber.key)
    confirm = tokens.make_confirm(subscriber.key, subscriber.confirm_round)
    pages = [
        client.get(url[:-3] + "xx/"),
        client.post(url[:-3] + "xx/"),
        client.get(f"/nieuwsbrief/bevestigen/{unsubscribe}/"),
        client.post(f"/nieuwsbrief/afmelden/{confirm}/"),
        client.get("/nieuwsbrief/voorkeuren/onzin/"),
    ]
    assert {p.status_code for p in pages} == {404}
    # The same page for all (the footer form differs only in its timestamp and path).
    mains = {str(BeautifulSoup(p.content, "html.parser").find("main")) for p in pages}
    assert len(mains) == 1 and "Deze link werkt niet" in mains.pop()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_an_old_link_does_not_undo_an_unsubscribe(client, signed_up):
    subscriber, url, _ = signed_up
    client.post(url)
    subscriptions.unsubscribe(subscriber.key)
    assert client.post(url).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_confirming_a_new_opt_in_lifts_the_suppression(clean):
    subscriber = SubscriberFactory(email="terug@example.org")
    subscriptions.unsubscribe(subscriber.key)
    assert Suppression.objects.filter(email_hash=subscriber.email_hash).exists()
    subscriber.refresh_from_db()
    assert not Subscriber.objects.eligible().filter(pk=subscriber.pk).exists()
    from nieuwsbrief import consent

    subscriptions.request_subscription(
        subscriptions.SignupRequest("terug@example.org", "", consent.current())
    )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert Suppression.objects.filter(email_hash=subscriber.email_hash).exists()
    subscriptions.confirm(tokens.make_confirm(subscriber.key, subscriber.confirm_round))
    assert not Suppression.objects.filter(email_hash=subscriber.email_hash).exists()
    assert Subscriber.objects.eligible().filter(pk=subscriber.pk).exists()
