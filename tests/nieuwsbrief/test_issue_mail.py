"""What an issue looks like: plain text, absolute links only, no tracking, previews, archive."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.models import Page

from home.models import ContentPage
from nieuwsbrief import emails, sending
from nieuwsbrief.factories import IssueFactory
from nieuwsbrief.models import Issue

pytestmark = pytest.mark.django_db
URL_ATTRIBUTES = ("href", "src", "action", "background", "srcset", "poster", "cite")


@pytest.fixture
def pages(home_page):
    live = ContentPage(
        title="Buurtkamers", slug="buurtkamers", intro="Een plek om binnen te lopen."
    )
    home_page.add_child(instance=live)
    live.save_revision().publish()
    draft = ContentPage(title="Geheim concept", slug="concept", intro="Nog niet klaar.", live=False)
    home_page.add_child(instance=draft)
    draft.save_revision()
    return Page.objects.get(pk=live.pk), Page.objects.get(pk=draft.pk)


@pytest.fixture
def issue(clean, pages):
    live, draft = pages
    return IssueFactory(
        title="Nieuwsbrief van 3 maart",
        body=[
            ("heading", "Uit de praktijk"),
            (
                "text",
                '<p>Lees hoe een <a href="/kaart/">buurtteam</a> werkt.</p>'
                "<ul><li>Eerste punt</li><li>Tweede punt</li></ul>",
            ),
            ("article", {"page": live, "note": ""}),
            ("article", {"page": draft, "note": "Dit mag niet mee."}),
            ("link", {"title": "Elders", "url": "https://example.org/x", "note": "Lees ook."}),
        ],
        publish=True,
    )


def relative_urls(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = tag.get(attribute)
            if value and not re.match(r"^(https://|mailto:|tel:)", value):
                found.append(f"{tag.name}[{attribute}]={value}")
    found += re.findall(r"url\((?!['\"]?https://)[^)]*\)", html)
    return found


def test_the_html_has_absolute_links_only_and_no_tracking(issue):
    rendered = emails.render_issue(issue)
    assert relative_urls(rendered.html) == []
    soup = BeautifulSoup(rendered.html, "html.parser")
    assert soup.find("img") is None  # no pixel, no remote images
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert "https://portal.example/kaart/" in hrefs
    assert "https://portal.example/buurtkamers/" in hrefs
    assert "https://example.org/x" in hrefs  # not rewritten through a redirect
    assert not any("utm_" in h or "?" in h for h in hrefs)
    assert "<style" not in rendered.html.split("</head>")[0] or "@media" in rendered.html
    assert 'style="' in rendered.html  # CSS is inlined
    assert rendered.size < 100_000


def test_the_plain_text_is_real_text_from_the_same_blocks(issue):
    text = emails.render_issue(issue).text
    assert "<" not in text and "&amp;" not in text
    assert "UIT DE PRAKTIJK" in text
    assert "buurtteam (https://portal.example/kaart/)" in text
    assert "- Eerste punt\n- Tweede punt" in text
    assert "* Buurtkamers\n  https://portal.example/buurtkamers/" in text
    assert "Een plek om binnen te lopen." in text
    assert all(len(line) <= 90 for line in text.splitlines() if "://" not in line)


def test_unpublished_pages_never_leak_into_an_issue(issue):
    rendered = emails.render_issue(issue)
    for part in (rendered.html, rendered.text):
        assert "Geheim concept" not in part and "Dit mag niet mee." not in part


def test_preview_modes_in_the_admin(issue, editor):
    request = RequestFactory().get("/")
    request.user = editor
    html = issue.serve_preview(request, "email")
    assert html["Content-Type"].startswith("text/html")
    assert "style-src 'unsafe-inline'" in html["Content-Security-Policy"]
    assert "script" not in html["Content-Security-Policy"]
    assert b"Nieuwsbrief van 3 maart" in html.content
    text = issue.serve_preview(request, "tekst")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "Buurtkamers" in text.content.decode()
    assert "/nieuwsbrief/afmelden/voorbeeld/" in text.content.decode()
    web = issue.serve_preview(request, "web")
    web.render()
    assert "Buurtkamers" in web.content.decode()


def test_the_archive_shows_sent_issues_without_tokens(
    client, issue, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    draft = IssueFactory(title="Nog niet verstuurd")
    assert client.get("/nieuwsbrief/archief/").status_code == 200
    assert client.get(f"/nieuwsbrief/archief/{issue.slug}/").status_code == 404
    # Starting a send puts the issue in the archive (and empties the page cache, if there is one).
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(issue.pk)
        for n in range(3):
            extra = IssueFactory(title=f"Eerder nummer {n}", publish=True)
            sending.start_send(extra.pk)
    with django_assert_max_num_queries(12):
        listing = client.get("/nieuwsbrief/archief/")
    body = listing.content.decode()
    assert "Nieuwsbrief van 3 maart" in body and "Eerder nummer 2" in body
    assert draft.title not in body
    detail = client.get(f"/nieuwsbrief/archief/{issue.slug}/")
    assert detail.status_code == 200
    main = str(BeautifulSoup(detail.content, "html.parser").find("main"))
    assert "Buurtkamers" in main and "Geheim concept" not in main
    assert "/afmelden/" not in main and "/voorkeuren/" not in main


def test_the_archive_keeps_what_was_sent_even_after_later_edits(client, issue):
    sending.start_send(issue.pk)
    issue.title = "Later aangepast"
    issue.save_revision().publish()
    detail = client.get(f"/nieuwsbrief/archief/{issue.slug}/").content.decode()
    assert "Nieuwsbrief van 3 maart" in detail and "Later aangepast" not in detail


def test_every_issue_mail_has_its_own_links_and_the_one_click_headers(issue, clean):
    from nieuwsbrief.factories import SubscriberFactory

    first, second = SubscriberFactory(), SubscriberFactory()
    rendered = emails.render_issue(issue)
    messages = []
    for reader in (first, second):
        unsubscribe, manage = emails.subscriber_links(reader)
        messages.append(
            emails.issue_message(
                rendered,
                to=reader.email,
                unsubscribe_url=unsubscribe,
                manage_url=manage,
                msgid=emails.message_id(1),
            )
        )
    headers = [m.message()["List-Unsubscribe"] for m in messages]
    assert headers[0] != headers[1]
    for message, header in zip(messages, headers, strict=True):
        assert re.fullmatch(r"<https://portal\.example/nieuwsbrief/afmelden/[^/]+/>", header)
        assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header[1:-1] in message.body
        assert header[1:-1] in message.alternatives[0][0]
        assert (message.track_opens, message.track_clicks) == (False, False)
    assert Issue.objects.get(pk=issue.pk).send_status == Issue.SendStatus.APPROVED


def _addresses(rendered_html: str, text: str) -> list[str]:
    soup = BeautifulSoup(rendered_html, "html.parser")
    found = [tag["href"] for tag in soup.find_all(href=True) if tag["href"].startswith("http")]
    return found + re.findall(r"https?://[^\s)]+", text)


def test_mails_link_to_site_url_and_the_web_edition_to_its_own_host(issue, client):
    from wagtail.models import Site

    from nieuwsbrief.factories import SubscriberFactory

    # A second site (a gemeente's own) makes Wagtail write full URLs with the site record's host,
    # which on a fresh install is a placeholder (localhost, port 80).
    other_root = ContentPage(title="Gemeentesite", slug="gemeentesite")
    Page.get_first_root_node().add_child(instance=other_root)
    Site.objects.create(hostname="gemeente.example", port=443, root_page=other_root)
    assert Page.objects.get(slug="buurtkamers").get_url().startswith("http://localhost/")

    rendered = emails.render_issue(issue)
    unsubscribe_url, manage_url = emails.links_for_key("abc")
    mail = emails.issue_message(
        rendered,
        to="a@example.org",
        unsubscribe_url=unsubscribe_url,
        manage_url=manage_url,
        msgid="<1@portal.example>",
    )
    confirm = emails.confirm_message(SubscriberFactory(status="pending"))
    for message in (mail, confirm):
        html, text = message.alternatives[0][0], message.body
        addresses = _addresses(html, text)
        assert addresses
        for address in addresses:
            assert address.startswith(("https://portal.example/", "https://example.org/")), address
    assert "https://portal.example/buurtkamers/" in rendered.html
    assert "https://portal.example/buurtkamers/" in rendered.text

    sending.start_send(issue.pk)
    web = client.get(
        f"/nieuwsbrief/archief/{issue.slug}/", HTTP_HOST="www.portal.example", secure=True
    )
    main = BeautifulSoup(web.content, "html.parser").find("main")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    assert {"https://www.portal.example/buurtkamers/", "https://www.portal.example/kaart/"} <= hrefs
    assert not [h for h in hrefs if h.startswith(("http://localhost", "https://portal.example"))]
