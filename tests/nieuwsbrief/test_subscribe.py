"""Signing up: the form on every page, consent, enumeration, flooding, bots, and the record."""

import hashlib
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nieuwsbrief import consent, subscriptions
from nieuwsbrief.factories import SubscriberFactory
from nieuwsbrief.hashing import email_hash
from nieuwsbrief.models import ConsentEvent, Subscriber, Suppression, TransactionalMail

from .conftest import signup_data

pytestmark = pytest.mark.django_db
URL = "/nieuwsbrief/"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(data, client=client, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data, **extra)

    return send


def test_the_footer_of_every_page_has_the_form_and_sets_no_cookie(client, home_page, clean):
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", action=URL)
    assert form is not None and form["method"] == "post"
    assert form.find("input", id="nb-footer-email")["type"] == "email"
    consent_box = form.find("input", type="checkbox", attrs={"name": "consent"})
    assert not consent_box.has_attr("checked")
    assert form.find("a", href="/privacy/")
    honeypot = form.find("input", attrs={"name": "website"})
    assert honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert honeypot.find_parent(attrs={"aria-hidden": "true"}) is not None
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_the_signup_page_does_not_repeat_the_form_in_the_footer(client, home_page):
    response = client.get(URL)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("form", action=URL)) == 1
    assert soup.find("input", id="nb-pagina-email")


def test_consent_is_required_and_errors_are_linked(post, clean):
    response = post(signup_data(consent=None))
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(class_="portal-error-summary")
    assert summary["role"] == "alert"
    assert summary.find("a", href="#nb-pagina-consent")
    box = soup.find("input", id="nb-pagina-consent")
    assert box["aria-invalid"] == "true"
    assert "nb-pagina-consent-fout" in box["aria-describedby"]
    assert soup.find(id="nb-pagina-consent-fout").get_text(strip=True).startswith("Zet een vinkje")
    assert not Subscriber.objects.exists()


def test_an_invalid_address_is_explained(post, clean):
    response = post(signup_data(email="geen-adres"))
    assert response.status_code == 400
    assert "naam@voorbeeld.nl" in response.content.decode()


def make_states():
    """One address in each state a sign-up can meet."""
    SubscriberFactory(email="wacht@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="lid@example.org", status=Subscriber.Status.CONFIRMED)
    gone = SubscriberFactory(email="weg@example.org", status=Subscriber.Status.CONFIRMED)
    subscriptions.unsubscribe(gone.key)
    erased = SubscriberFactory(email="gewist@example.org")
    subscriptions.erase(erased)


def test_the_answer_is_the_same_for_every_address(post, clean, mailoutbox):
    make_states()
    strict = Client(enforce_csrf_checks=True)
    answers = {}
    for email in [
        "nieuw@example.org",
        "wacht@example.org",
        "lid@example.org",
        "weg@example.org",
        "gewist@example.org",
    ]:
        response = post(signup_data(email=email), client=strict)
        answers[email] = (response.status_code, response["Location"], response.content)
    assert len(set(answers.values())) == 1
    assert answers["nieuw@example.org"][:2] == (302, reverse("nieuwsbrief:bedankt"))
    # What differs is only the mail that goes out.
    kinds = {m.to[0]: m.subject for m in mailoutbox}
    assert kinds["lid@example.org"] == "U bent al ingeschreven voor de nieuwsbrief"
    for email in [
        "nieuw@example.org",
        "wacht@example.org",
        "weg@example.org",
        "gewist@example.org",
    ]:
        assert kinds[email] == "Bevestig uw aanmelding voor de nieuwsbrief"
    # An unsubscribed or erased address is only pending now: it must opt in again.
    assert Subscriber.objects.get(email="weg@example.org").status == Subscriber.Status.PENDING
    assert Subscriber.objects.get(email="gewist@example.org").status == Subscriber.Status.PENDING
    assert Suppression.objects.filter(email_hash=email_hash("weg@example.org")).exists()


def test_one_mail_per_address_per_quarter_whatever_ip_asks(post, clean, mailoutbox):
    answers = set()
    for n in range(5):
        response = post(signup_data(email="doelwit@example.org"), REMOTE_ADDR=f"198.51.100.{n}")
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, reverse("nieuwsbrief:bedankt"))}
    assert [m.to for m in mailoutbox] == [["doelwit@example.org"]]
    assert Subscriber.objects.count() == 1


def test_at_most_three_mails_a_day_per_address(
    clean, mailoutbox, django_capture_on_commit_callbacks
):
    start = timezone.now()
    request = subscriptions.SignupRequest("doelwit@example.org", "", consent.current())
    outcomes = []
    for minutes in (0, 10, 16, 32, 48, 60 * 25):
        with django_capture_on_commit_callbacks(execute=True):
            outcomes.append(
                subscriptions.request_subscription(request, now=start + timedelta(minutes=minutes))
            )
    assert [o.split(":")[1] for o in outcomes] == [
        "mailed",
        "rate-limited",
        "mailed",
        "mailed",
        "rate-limited",
        "mailed",
    ]
    assert len(mailoutbox) == 4


def test_one_client_gets_at_most_its_hourly_cap_of_mails(post, clean, mailoutbox, settings):
    """Issue 11: 100 different addresses from one client gave 100 confirmation mails."""
    settings.NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR = 10
    answers = set()
    for n in range(100):
        response = post(signup_data(email=f"vreemde{n}@example.org"), REMOTE_ADDR="203.0.113.7")
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, reverse("nieuwsbrief:bedankt"))}
    assert len(mailoutbox) == 10
    assert Subscriber.objects.count() == 10
    # Another client is not held up by this one.
    post(signup_data(email="buurman@example.org"), REMOTE_ADDR="203.0.113.8")
    assert mailoutbox[-1].to == ["buurman@example.org"]


def test_the_whole_site_mails_at_most_its_hourly_cap(post, clean, mailoutbox, settings):
    settings.NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR = 10
    settings.NIEUWSBRIEF_SIGNUPS_PER_HOUR = 25
    for n in range(40):
        response = post(signup_data(email=f"lezer{n}@example.org"), REMOTE_ADDR=f"198.51.100.{n}")
        assert (response.status_code, response["Location"]) == (302, reverse("nieuwsbrief:bedankt"))
    assert len(mailoutbox) == 25
    assert Subscriber.objects.count() == 25


def test_a_client_past_its_cap_does_not_use_up_the_sites(post, clean, mailoutbox, settings):
    settings.NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR = 2
    settings.NIEUWSBRIEF_SIGNUPS_PER_HOUR = 3
    for n in range(10):
        post(signup_data(email=f"script{n}@example.org"), REMOTE_ADDR="203.0.113.7")
    post(signup_data(email="echt@example.org"), REMOTE_ADDR="203.0.113.8")
    assert [m.to[0] for m in mailoutbox] == [
        "script0@example.org",
        "script1@example.org",
        "echt@example.org",
    ]


def test_the_answer_is_the_same_new_existing_or_past_a_cap(post, clean, mailoutbox, settings):
    settings.NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR = 2
    SubscriberFactory(email="lid@example.org", status=Subscriber.Status.CONFIRMED)
    strict = Client(enforce_csrf_checks=True)

    def answer(email, ip):
        response = post(signup_data(email=email), client=strict, REMOTE_ADDR=ip)
        return (response.status_code, response["Location"], response.content)

    answers = {
        "new": answer("nieuw@example.org", "192.0.2.1"),
        "existing": answer("lid@example.org", "192.0.2.1"),
        "past the client's cap, new": answer("later@example.org", "192.0.2.1"),
        "past the client's cap, existing": answer("lid@example.org", "192.0.2.1"),
    }
    settings.NIEUWSBRIEF_SIGNUPS_PER_HOUR = 2  # the two handled so far
    answers["past the site's cap"] = answer("ander@example.org", "192.0.2.2")
    assert len(set(answers.values())) == 1, answers.keys()
    assert sorted(m.to[0] for m in mailoutbox) == ["lid@example.org", "nieuw@example.org"]
    assert not Subscriber.objects.filter(email__in=["later@example.org", "ander@example.org"])


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(post, clean, mailoutbox):
    response = post(signup_data(website="https://spam.example"))
    assert (response.status_code, response["Location"]) == (302, reverse("nieuwsbrief:bedankt"))
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_a_form_sent_back_too_fast_asks_to_check_and_keeps_the_form(post, clean, mailoutbox):
    data = signup_data(age=1)
    response = post(data)
    assert response.status_code == 400
    assert "klik dan nog een keer op Aanmelden" in response.content.decode()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "email"})["value"] == "lezer@example.org"
    assert soup.find("input", attrs={"name": "formulier"})["value"] == data["formulier"]
    assert not Subscriber.objects.exists() and not mailoutbox


def test_a_form_left_open_for_a_day_gets_a_fresh_token(post, clean):
    data = signup_data(age=25 * 3600)
    response = post(data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    fresh = soup.find("input", attrs={"name": "formulier"})["value"]
    assert fresh != data["formulier"]
    assert consent.check_form_token(fresh, now=timezone.now().timestamp() + 5).valid
    assert not Subscriber.objects.exists()


def test_the_consent_record_points_at_the_exact_text_shown(client, post, clean, home_page):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    box = soup.find("input", id="nb-pagina-consent")
    shown_label = box.find_parent("label").get_text(" ", strip=True)
    description = soup.find(id="nb-pagina-consent-uitleg")
    privacy_url = description.find("a")["href"]
    description.find("a").extract()
    shown_help = description.get_text(" ", strip=True).removesuffix(".").strip()

    post(signup_data(email="bewijs@example.org", bron="/artikelen/"))
    subscriber = Subscriber.objects.get(email="bewijs@example.org")
    (requested,) = subscriber.consent_events.all()
    assert requested.kind == ConsentEvent.Kind.REQUESTED
    assert requested.page_url == "/artikelen/"
    assert requested.ip_prefix == ""  # not recorded unless the setting says so
    text = requested.consent_text
    assert (text.label, text.help_text, text.privacy_url) == (shown_label, shown_help, privacy_url)
    payload = "\n".join([shown_label, shown_help, privacy_url]).encode()
    assert text.sha256 == hashlib.sha256(payload).hexdigest()

    subscriptions.confirm(_confirm_token(subscriber))
    kinds = list(subscriber.consent_events.values_list("kind", "consent_text"))
    assert kinds == [(ConsentEvent.Kind.REQUESTED, text.pk), (ConsentEvent.Kind.CONFIRMED, text.pk)]


def test_a_page_behind_a_token_is_never_kept_as_where_someone_signed_up(client, post, clean):
    from nieuwsbrief import tokens

    owner = SubscriberFactory()
    manage_path = reverse("nieuwsbrief:voorkeuren", args=[tokens.make(tokens.MANAGE, owner.key)])
    page = client.get(manage_path)
    assert page.status_code == 200
    footer_form = BeautifulSoup(page.content, "html.parser").find("form", action=URL)
    assert footer_form.find("input", attrs={"name": "bron"}).get("value", "") == ""

    # A form that still sends the path (an old page, a script) is not believed either.
    post(signup_data(email="nieuw@example.org", bron=manage_path))
    (requested,) = Subscriber.objects.get(email="nieuw@example.org").consent_events.all()
    assert requested.page_url == ""
    assert not ConsentEvent.objects.filter(page_url__contains=tokens.make(tokens.MANAGE, owner.key))


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("/artikelen/", "/artikelen/"),
        ("/kaart/?q=koffie&token=geheim#resultaten", "/kaart/"),
        ("/kaart/dienst/12/", "/kaart/dienst/12/"),
        ("/nieuwsbrief/archief/editie-1/", "/nieuwsbrief/archief/editie-1/"),
        ("/nieuwsbrief/afmelden/abc.def/", ""),
        ("/nieuwsbrief/bevestigen/abc.def/", ""),
        ("/nieuwsbrief/bevestigen/abc.def/nieuwe-link/", ""),
        ("/nieuwsbrief/voorkeuren/abc.def/", ""),
        ("https://elders.example/", ""),
        ("//elders.example/", ""),
        ("kaart/", ""),
    ],
)
def test_only_the_path_of_a_public_page_is_kept(source, kept):
    assert consent.page_path(source) == kept


def _confirm_token(subscriber):
    from nieuwsbrief import tokens

    subscriber.refresh_from_db()
    return tokens.make_confirm(subscriber.key, subscriber.confirm_round)


def test_consent_events_are_never_changed(clean):
    subscriber = SubscriberFactory()
    event = subscriber.consent_events.first()
    event.page_url = "/anders/"
    with pytest.raises(ValueError):
        event.save()


def test_the_ip_address_is_kept_only_shortened_and_only_when_asked(post, clean, settings):
    settings.NIEUWSBRIEF_RECORD_IP = True
    post(signup_data(email="ip@example.org"), REMOTE_ADDR="203.0.113.77")
    event = ConsentEvent.objects.get(subscriber__email="ip@example.org")
    assert event.ip_prefix == "203.0.113.0/24"


def test_the_signup_survives_a_mail_server_that_is_down(post, clean, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with mock.patch("nieuwsbrief.tasks.send_mail.retry", side_effect=RuntimeError("later")):
        response = post(signup_data(email="geduld@example.org"))
    assert response.status_code == 302
    mail = TransactionalMail.objects.get()
    assert mail.subscriber.email == "geduld@example.org"
    assert mail.status == TransactionalMail.Status.QUEUED and mail.retry_at is not None


def test_a_cross_site_post_is_refused_without_a_cookie_being_needed(client, clean):
    response = client.post(URL, signup_data(), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not Subscriber.objects.exists()
    same_site = client.post(URL, signup_data(), HTTP_SEC_FETCH_SITE="same-origin")
    assert same_site.status_code == 302
