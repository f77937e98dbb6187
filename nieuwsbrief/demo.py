"""Demo content of the nieuwsbrief: the schedule, the approval workflow, one issue in the archive,
the drafted next issue and a few example subscribers (example.org addresses). Idempotent."""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowContentType

from . import consent, digest
from .models import ConsentEvent, Delivery, Issue, NewsletterSchedule, Subscriber

WORKFLOW = "Nieuwsbrief goedkeuren"
ARCHIVE_SLUG = "welkom-bij-de-nieuwsbrief"
SUBSCRIBERS = [
    ("anna.devries@example.org", "Anna de Vries", Subscriber.Status.CONFIRMED),
    ("wethouder@example.org", "", Subscriber.Status.PENDING),
    ("oud-lid@example.org", "Piet Jansen", Subscriber.Status.UNSUBSCRIBED),
]


def load(home_page) -> None:
    NewsletterSchedule.load()
    load_workflow()
    subscribers = load_subscribers()
    load_archive_issue(home_page, subscribers)
    load_next_draft()


def load_workflow() -> None:
    """Issues go out only after a moderator approves them (when an editor submits one)."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW)
    if created:
        task = GroupApprovalTask.objects.create(name="Goedkeuring door moderator")
        moderators = Group.objects.filter(name="Moderatoren").first()
        if moderators is not None:
            task.groups.add(moderators)
        workflow.workflow_tasks.create(task=task, sort_order=0)
    content_type = ContentType.objects.get_for_model(Issue)
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


def load_subscribers() -> list[Subscriber]:
    result = []
    for email, name, status in SUBSCRIBERS:
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is None:
            subscriber = _voorbeeld_subscriber(email, name, status)
        result.append(subscriber)
    return result


def _voorbeeld_subscriber(email: str, name: str, status: str) -> Subscriber:
    """A subscriber with the consent events a sign-up (and its confirmation) would leave."""
    now = timezone.now()
    confirmed = status == Subscriber.Status.CONFIRMED
    subscriber = Subscriber.objects.create(
        email=email, name=name, status=status, confirmed_at=now if confirmed else None
    )
    text = consent.store(consent.current())
    ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=subscriber.email_hash,
        kind=ConsentEvent.Kind.REQUESTED,
        channel=ConsentEvent.Channel.WEB,
        consent_text=text,
        page_url="/nieuwsbrief/",
    )
    if confirmed:
        ConsentEvent.objects.create(
            subscriber=subscriber,
            email_hash=subscriber.email_hash,
            kind=ConsentEvent.Kind.CONFIRMED,
            channel=ConsentEvent.Channel.EMAIL,
            consent_text=text,
        )
    return subscriber


def load_archive_issue(home_page, subscribers) -> None:
    """One issue that went out two weeks ago, so the archive shows what readers get."""
    if Issue.objects.filter(slug=ARCHIVE_SLUG).exists():
        return
    pages = list(Page.objects.live().public().child_of(home_page).specific().order_by("path")[:2])
    featured = []
    for label, block_type in (
        ("hulpmiddelen.Hulpmiddel", "hulpmiddel"),
        ("kaart.Dienst", "dienst"),
    ):
        model = apps.get_model(label)
        item = model.objects.filter(live=True).order_by("pk").first()
        if item is not None:
            featured.append((block_type, {block_type: item, "note": ""}))
    body = [
        ("heading", "Welkom"),
        (
            "text",
            "<p>Deze nieuwsbrief verschijnt elke twee weken. U leest erin wat er nieuw is op de "
            "site: artikelen, hulpmiddelen en diensten in de sociale kaart.</p>"
            "<ul><li>Korte stukken, in gewone taal.</li><li>Altijd met een link naar meer.</li>"
            "</ul>",
        ),
        *[("article", {"page": page, "note": ""}) for page in pages],
        *featured,
        (
            "link",
            {
                "title": "Week tegen Eenzaamheid",
                "url": "https://www.eentegeneenzaamheid.nl/",
                "note": "Elk jaar in oktober: doe mee met een activiteit in uw gemeente.",
            },
        ),
    ]
    issue = Issue(
        title="Welkom bij de nieuwsbrief",
        slug=ARCHIVE_SLUG,
        intro="Het eerste nummer: wat u van deze nieuwsbrief kunt verwachten.",
        body=body,
        live=False,
    )
    issue.save()
    issue.save_revision().publish()
    issue.refresh_from_db()
    started = timezone.now() - timedelta(days=14)
    confirmed = [s for s in subscribers if s.status == Subscriber.Status.CONFIRMED]
    for subscriber in confirmed:
        Delivery.objects.create(
            issue=issue,
            subscriber=subscriber,
            status=Delivery.Status.SENT,
            attempts=1,
            queued_at=started,
            sent_at=started + timedelta(minutes=1),
        )
    Issue.objects.filter(pk=issue.pk).update(
        send_status=Issue.SendStatus.SENT,
        sent_revision=issue.live_revision,
        sending_started_at=started,
        sent_at=started + timedelta(minutes=2),
        recipients_count=len(confirmed),
        sent_count=len(confirmed),
    )


def load_next_draft() -> None:
    """The draft of the next issue, as the hourly task would make it."""
    schedule = NewsletterSchedule.load()
    now = timezone.now()
    slot = schedule.next_send_at(now)
    if not Issue.objects.filter(planned_send_at=slot).exists():
        digest.draft_next_issue(now=max(now, schedule.draft_due(slot)))
