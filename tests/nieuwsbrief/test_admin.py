"""The editors' side: the send page and its permissions, reports, exports and previews."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from nieuwsbrief import sending
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import AMSTERDAM, Delivery, Issue, Subscriber, Suppression

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(clean):
    return IssueFactory(title="Maartnummer", publish=True)


def send_page(issue):
    return reverse("wagtailsnippets_nieuwsbrief_issue:send", args=[issue.pk])


def test_the_issue_list_and_edit_page_link_to_the_send_page(client, editor, issue):
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_nieuwsbrief_issue:list"))
    assert listing.status_code == 200 and "Maartnummer" in listing.content.decode()
    assert send_page(issue) in listing.content.decode()
    edit = client.get(reverse("wagtailsnippets_nieuwsbrief_issue:edit", args=[issue.pk]))
    assert edit.status_code == 200 and send_page(issue) in edit.content.decode()


def test_schedule_unschedule_and_send_now(
    client, editor, issue, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    client.force_login(editor)
    page = client.get(send_page(issue))
    assert page.status_code == 200 and "Goedgekeurd" in page.content.decode()
    when = timezone.localtime(timezone.now() + timedelta(days=2), AMSTERDAM)
    client.post(send_page(issue), {"actie": "inplannen", "moment": when.strftime("%Y-%m-%dT%H:%M")})
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.SCHEDULED and issue.scheduled_by == editor
    assert issue.send_at == when.replace(second=0, microsecond=0)
    past = client.post(
        send_page(issue), {"actie": "inplannen", "moment": "2020-01-01T10:00"}, follow=True
    )
    assert "in de toekomst" in past.content.decode()
    client.post(send_page(issue), {"actie": "uitplannen"})
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.APPROVED
    unconfirmed = client.post(send_page(issue), {"actie": "nu_verzenden"}, follow=True)
    assert "Zet het vinkje" in unconfirmed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_page(issue), {"actie": "nu_verzenden", "zeker": "ja"})
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.SENT and len(mailoutbox) == 1
    assert ModelLogEntry.objects.filter(action="nieuwsbrief.send", user=editor).exists()
    report = client.get(send_page(issue)).content.decode()
    assert "Voortgang: 1 van 1 (100%)" in report


def test_without_the_send_permission_nothing_can_be_sent(client, editor, issue):
    editor.user_permissions.remove(Permission.objects.get(codename="send_issue"))
    client.force_login(editor)
    page = client.get(send_page(issue))
    assert page.status_code == 200 and "Nu verzenden" not in page.content.decode()
    response = client.post(send_page(issue), {"actie": "nu_verzenden", "zeker": "ja"})
    assert response.status_code in (302, 403)  # Wagtail's admin turns a 403 into a redirect
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.APPROVED


def test_a_test_send_from_the_send_page(
    client, editor, issue, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_page(issue), {"actie": "test"})
    assert [m.to for m in mailoutbox] == [["redacteur@example.org"]]
    assert not Delivery.objects.exists()


def test_the_delivery_report_says_who_did_not_get_it(client, editor, issue):
    readers = [SubscriberFactory() for _ in range(3)]
    sending.start_send(issue.pk)
    Delivery.objects.filter(subscriber=readers[0]).update(status="sent")
    Delivery.objects.filter(subscriber=readers[1]).update(status="failed", last_error="550")
    client.force_login(editor)
    url = reverse("nieuwsbrief_delivery_modeladmin_index")
    report = client.get(url, {"issue__id__exact": issue.pk})
    body = report.content.decode()
    assert report.status_code == 200 and "Verzendrapport: Maartnummer" in body
    failed = client.get(
        url, {"issue__id__exact": issue.pk, "status__exact": "failed"}
    ).content.decode()
    assert readers[1].email in failed and readers[0].email not in failed


def test_the_subscriber_export_escapes_spreadsheet_formulas(client, editor, clean):
    SubscriberFactory(email="gewoon@example.org", name='=HYPERLINK("https://kwaad.example","klik")')
    SubscriberFactory(email="ander@example.org", name="+31 6 1234")
    client.force_login(editor)
    response = client.get(reverse("nieuwsbrief_subscriber_modeladmin_index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["gewoon@example.org"] == '\'=HYPERLINK("https://kwaad.example","klik")'
    assert names["ander@example.org"] == "'+31 6 1234"
    assert rows[0][:3] == ["E-mailadres", "Naam", "Status"]


def test_subscribers_can_be_searched_and_filtered_but_not_made_by_hand(client, editor, clean):
    SubscriberFactory(email="jan@example.org")
    SubscriberFactory(email="piet@example.org", status=Subscriber.Status.PENDING)
    client.force_login(editor)
    url = reverse("nieuwsbrief_subscriber_modeladmin_index")
    found = client.get(url, {"q": "jan"}).content.decode()
    assert "jan@example.org" in found and "piet@example.org" not in found
    pending = client.get(url, {"status__exact": "pending"}).content.decode()
    assert "piet@example.org" in pending and "jan@example.org" not in pending
    create = client.get(reverse("nieuwsbrief_subscriber_modeladmin_create"))
    assert create.status_code == 302 and create["Location"] == reverse("wagtailadmin_home")


def test_deleting_a_subscriber_in_the_admin_erases_and_suppresses(client, editor, clean):
    reader = SubscriberFactory(email="weg@example.org")
    client.force_login(editor)
    client.post(reverse("nieuwsbrief_subscriber_modeladmin_delete", args=[reader.pk]))
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().reason == "erased"
