"""The next issue, drafted from what the site published since the last issue went out.

Runs from beat every hour: when the next slot of the schedule is within ``draft_days_before`` days
and no issue is planned for it yet, it creates a draft with the new articles (pages), hulpmiddelen
and diensten of the sociale kaart, oldest first, leaving out anything an earlier issue already
featured. Editors then trim, reorder and write; only their approval makes it go out. Each part
holds at most ``MAX_PER_PART`` items (the newest), so a first issue after a big import stays
readable.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from wagtail.models import Page

from .models import Issue, NewsletterSchedule

logger = logging.getLogger(__name__)

# What counts as an article, and which snippets are featured: label → (block, field, heading).
ARTICLE_MODELS = ["hulpmiddelen.ArtikelPage"]
SNIPPET_BLOCKS = {
    "hulpmiddelen.Hulpmiddel": ("hulpmiddel", "hulpmiddel", "Nieuwe hulpmiddelen"),
    "kaart.Dienst": ("dienst", "dienst", "Nieuw in de sociale kaart"),
}
MAX_PER_PART = 8


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def featured_before(exclude_issue_id=None) -> dict[str, set[int]]:
    """Ids of pages and snippets earlier issues featured, per block type."""
    featured: dict[str, set[int]] = {"article": set()}
    for block_type, _, _ in SNIPPET_BLOCKS.values():
        featured.setdefault(block_type, set())
    issues = Issue.objects.exclude(pk=exclude_issue_id).exclude(
        send_status=Issue.SendStatus.CANCELLED
    )
    for body in issues.values_list("body", flat=True):
        for block in _raw(body):
            value = block.get("value") or {}
            if block.get("type") == "article" and isinstance(value.get("page"), int):
                featured["article"].add(value["page"])
            for block_type, field, _ in SNIPPET_BLOCKS.values():
                if block.get("type") == block_type and isinstance(value.get(field), int):
                    featured[block_type].add(value[field])
    return featured


def _raw(body) -> list:
    raw = getattr(body, "raw_data", body)
    return list(raw or [])


def new_articles(since, until, models=None, exclude=()) -> list[Page]:
    page_models = [m for m in (_model(label) for label in (models or ARTICLE_MODELS)) if m]
    if not page_models:
        return []
    newest = (
        Page.objects.live()
        .public()
        .type(*page_models)
        .filter(first_published_at__gt=since, first_published_at__lte=until)
        .exclude(pk__in=exclude)
        .order_by("-first_published_at", "-pk")
        .specific()[:MAX_PER_PART]
    )
    return list(reversed(newest))


def new_snippets(label: str, since, until, exclude=()) -> list:
    model = _model(label)
    if model is None:
        return []
    field_names = {f.name for f in model._meta.get_fields()}
    queryset = model.objects.all()
    if "live" in field_names:
        queryset = queryset.filter(live=True)
    if "first_published_at" in field_names:
        queryset = queryset.filter(first_published_at__gt=since, first_published_at__lte=until)
        order = "first_published_at"
    elif "latest_revision" in field_names:
        queryset = queryset.filter(
            latest_revision__created_at__gt=since, latest_revision__created_at__lte=until
        )
        order = "latest_revision__created_at"
    else:
        return []
    newest = queryset.exclude(pk__in=exclude).order_by(f"-{order}", "-pk")[:MAX_PER_PART]
    return list(reversed(newest))


def last_send_start():
    latest = Issue.objects.filter(sending_started_at__isnull=False).order_by("-sending_started_at")
    issue = latest.only("sending_started_at").first()
    return issue.sending_started_at if issue else None


def compose_body(since, until, article_models=None) -> list:
    featured = featured_before()
    body = []
    articles = new_articles(since, until, article_models, exclude=featured["article"])
    if articles:
        body.append(("heading", "Nieuw op de site"))
        body += [("article", {"page": page, "note": ""}) for page in articles]
    for label, (block_type, field, heading) in SNIPPET_BLOCKS.items():
        snippets = new_snippets(label, since, until, exclude=featured[block_type])
        if snippets:
            body.append(("heading", heading))
            body += [(block_type, {field: item, "note": ""}) for item in snippets]
    return body


def draft_next_issue(now=None, article_models=None) -> Issue | None:
    """Create the draft for the next slot when it is due; None when not due or already there."""
    now = now or timezone.now()
    schedule = NewsletterSchedule.load()
    if not schedule.active:
        return None
    slot = schedule.next_send_at(now)
    if now < schedule.draft_due(slot) or Issue.objects.filter(planned_send_at=slot).exists():
        return None
    since = last_send_start() or slot - timedelta(weeks=schedule.interval_weeks)
    with translation.override("nl"):
        day = formats.date_format(timezone.localtime(slot), "j F Y")
    issue = Issue(
        title=f"Nieuwsbrief van {day}",
        intro="Dit is het nieuws over de aanpak van eenzaamheid van de afgelopen weken.",
        body=compose_body(since, now, article_models),
        planned_send_at=slot,
        live=False,
    )
    try:
        with transaction.atomic():
            issue.save()
            issue.save_revision(log_action=True)
    except IntegrityError:
        return None  # drafted at the same moment by another run
    logger.info("Nieuwsbrief: drafted issue %s for %s", issue.pk, slot.isoformat())
    return issue
