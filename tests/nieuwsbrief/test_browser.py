"""What a reader does, in a real browser: subscribe, confirm, unsubscribe; axe on every page."""

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def cleanup(django_db_blocker):
    emails = []
    yield emails
    with django_db_blocker.unblock():
        from nieuwsbrief.models import ConsentEvent, Subscriber, Suppression, TransactionalMail

        for subscriber in Subscriber.objects.filter(email__in=emails):
            TransactionalMail.objects.filter(subscriber=subscriber).delete()
            ConsentEvent.objects.filter(email_hash=subscriber.email_hash).delete()
            Suppression.objects.filter(email_hash=subscriber.email_hash).delete()
            subscriber.delete()


def link_in(message, name: str) -> str:
    """The path of the first /nieuwsbrief/<name>/… link in a mail (the site runs elsewhere here)."""
    url = re.search(rf"https://\S+/nieuwsbrief/{name}/\S+/", message.body).group(0)
    return urlsplit(url).path


def subscribe(page, base, email):
    page.goto(f"{base}/nieuwsbrief/")
    page.get_by_label("Uw e-mailadres").fill(email)
    page.get_by_label("Uw naam").fill("Truus")
    page.get_by_label("Ja, stuur mij elke twee weken").check()
    page.wait_for_timeout(3200)  # a person takes a few seconds; bots that post at once are held
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/nieuwsbrief/bedankt/")


def test_subscribe_confirm_and_unsubscribe(page, live_site, mailoutbox, cleanup, django_db_blocker):
    email = "truus.browser@example.org"
    cleanup.append(email)
    page.goto(f"{live_site}/nieuwsbrief/")
    assert_no_axe_violations(page)

    # A mistake first: the error is announced and linked to the field.
    page.get_by_label("Uw e-mailadres").fill(email)
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Aanmelden").click()
    summary = page.locator(".portal-error-summary")
    assert "Zet een vinkje" in summary.inner_text()
    assert_no_axe_violations(page)

    subscribe(page, live_site, email)
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in uw mailbox"
    assert_no_axe_violations(page)

    (confirmation,) = [m for m in mailoutbox if m.to == [email]]
    page.goto(live_site + link_in(confirmation, "bevestigen"))
    assert page.get_by_role("heading", level=1).inner_text() == "Bevestig uw aanmelding"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bevestig").click()
    assert page.get_by_role("heading", level=1).inner_text() == "U bent ingeschreven"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="uw voorkeuren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw voorkeuren"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Op pauze zetten").click()
    assert "op pauze" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Weer aanzetten").click()
    manage_url = page.url

    # A manage token is no unsubscribe token.
    assert page.goto(manage_url.replace("/voorkeuren/", "/afmelden/")).status == 404
    assert_no_axe_violations(page)

    # The unsubscribe link as it is in every issue: a page with one button, then done.
    with django_db_blocker.unblock():
        unsubscribe = _unsubscribe_link(email)
    page.goto(live_site + unsubscribe)
    assert page.get_by_role("heading", level=1).inner_text() == "Afmelden voor de nieuwsbrief"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Afmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "U bent afgemeld"
    assert_no_axe_violations(page)


def _unsubscribe_link(email) -> str:
    from django.db import connection
    from django.urls import reverse

    from nieuwsbrief import tokens
    from nieuwsbrief.models import Subscriber

    key = Subscriber.objects.values_list("key", flat=True).get(email=email)
    connection.close()
    return reverse("nieuwsbrief:afmelden", args=[tokens.make(tokens.UNSUBSCRIBE, key)])


def test_it_all_works_without_javascript(browser, live_site, mailoutbox, cleanup):
    email = "zonder.js@example.org"
    cleanup.append(email)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        subscribe(page, live_site, email)
        (confirmation,) = [m for m in mailoutbox if m.to == [email]]
        page.goto(live_site + link_in(confirmation, "bevestigen"))
        page.get_by_role("button", name="Bevestig").click()
        assert page.get_by_role("heading", level=1).inner_text() == "U bent ingeschreven"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/nieuwsbrief/", "/nieuwsbrief/archief/"])
def test_the_forms_fit_a_small_screen(browser, live_site, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(live_site + path)
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)
    finally:
        context.close()
