"""The next issue drafted from what was published since the last one went out."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from home.models import ContentPage
from kaart.factories import DienstFactory
from nieuwsbrief import digest
from nieuwsbrief.factories import IssueFactory
from nieuwsbrief.models import Issue, NewsletterSchedule

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 12, 12, 0, tzinfo=AMS)  # the next slot is Tuesday 17 March, 10:00


@pytest.fixture
def schedule(db):
    schedule = NewsletterSchedule.load()
    schedule.weekday, schedule.send_time, schedule.anchor_date = 1, time(10), date(2026, 1, 6)
    schedule.interval_weeks, schedule.draft_days_before, schedule.active = 2, 5, True
    schedule.save()
    return schedule


def publish_page(parent, title, when):
    page = ContentPage(title=title, slug=title.lower().replace(" ", "-"), intro=f"Over {title}.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    ContentPage.objects.filter(pk=page.pk).update(first_published_at=when)
    return page


def blocks(issue):
    return [
        (b.block_type, b.value if b.block_type == "heading" else str(next(iter(b.value.values()))))
        for b in issue.body
    ]


def test_the_draft_holds_what_was_published_since_the_last_send(schedule, clean, home_page):
    last = IssueFactory(publish=True)
    Issue.objects.filter(pk=last.pk).update(
        send_status="sent", sending_started_at=NOW - timedelta(days=12)
    )
    publish_page(home_page, "Te oud", NOW - timedelta(days=13))
    featured = publish_page(home_page, "Al uitgelicht", NOW - timedelta(days=5))
    last.body = [("article", {"page": featured, "note": ""})]
    last.save()
    publish_page(home_page, "Tweede", NOW - timedelta(days=2))
    publish_page(home_page, "Eerste", NOW - timedelta(days=4))
    old_dienst = DienstFactory(naam="Oude dienst")
    new_dienst = DienstFactory(naam="Nieuwe dienst")
    concept = DienstFactory(naam="Concept dienst", live=False)
    type(new_dienst).objects.filter(pk=old_dienst.pk).update(
        first_published_at=NOW - timedelta(days=20)
    )
    type(new_dienst).objects.filter(pk__in=[new_dienst.pk, concept.pk]).update(
        first_published_at=NOW - timedelta(days=1)
    )

    issue = digest.draft_next_issue(now=NOW, article_models=["home.ContentPage"])
    assert issue is not None and not issue.live
    assert issue.send_status == Issue.SendStatus.DRAFT
    assert issue.planned_send_at == datetime(2026, 3, 17, 10, 0, tzinfo=AMS)
    assert issue.title == "Nieuwsbrief van 17 maart 2026"
    assert blocks(issue) == [
        ("heading", "Nieuw op de site"),
        ("article", "Eerste"),
        ("article", "Tweede"),
        ("heading", "Nieuw in de sociale kaart"),
        ("dienst", "Nieuwe dienst"),
    ]
    assert issue.latest_revision is not None


def test_nothing_is_drafted_too_early_twice_or_when_switched_off(schedule, clean):
    assert digest.draft_next_issue(now=NOW - timedelta(hours=3)) is None  # 5 days + 1 h before
    assert digest.draft_next_issue(now=NOW) is not None
    assert digest.draft_next_issue(now=NOW + timedelta(hours=1)) is None
    assert Issue.objects.count() == 1
    schedule.active = False
    schedule.save()
    assert digest.draft_next_issue(now=NOW + timedelta(days=14)) is None


def test_an_approved_draft_goes_out_at_its_slot(schedule, clean):
    schedule.draft_days_before = 14  # always due: the next slot is at most two weeks away
    schedule.save()
    issue = digest.draft_next_issue(now=timezone.now())
    issue.save_revision().publish()
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.SCHEDULED
    assert issue.send_at == issue.planned_send_at > timezone.now()


def test_approval_after_the_slot_does_not_plan_a_send_in_the_past(schedule, clean):
    # Drafted in time for its slot (17 March 2026), approved only now, long after it.
    issue = digest.draft_next_issue(now=NOW)
    assert issue.planned_send_at < timezone.now()
    issue.save_revision().publish()
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.APPROVED and issue.send_at is None
