"""The nieuwsbrief: subscribers and their consent record, issues, one delivery row per recipient.

The rules live in the service modules (``subscriptions``, ``sending``, ``bounces``, ``retention``);
the models hold the data and the small queries every one of them needs.
"""

import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from . import schedule as cadence
from .blocks import IssueBodyBlock
from .hashing import email_hash, normalize_email

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def new_key() -> str:
    """A random, URL-safe key of 11 characters (64 bits) that tokens are made from."""
    return secrets.token_urlsafe(8)


# --- Subscribers and consent ------------------------------------------------------------------


class ConsentText(models.Model):
    """A stored copy of one exact consent text that visitors were shown; never changed."""

    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    label = models.TextField("Tekst bij het vinkje")
    help_text = models.TextField("Toelichting", blank=True)
    privacy_url = models.CharField("Link naar de privacyverklaring", max_length=300)
    created_at = models.DateTimeField("Eerst getoond op", default=timezone.now)

    class Meta:
        verbose_name = "Toestemmingstekst"
        verbose_name_plural = "Toestemmingsteksten"

    def __str__(self):
        return f"{self.label[:60]} ({self.sha256[:8]})"


class SubscriberQuerySet(models.QuerySet):
    def eligible(self):
        """Confirmed subscribers whose address is not on the suppression list: who gets an issue."""
        return self.filter(status=Subscriber.Status.CONFIRMED).exclude(
            email_hash__in=Suppression.objects.values("email_hash")
        )


class Subscriber(models.Model):
    """Someone who asked for the nieuwsbrief; only confirmed subscribers receive issues."""

    class Status(models.TextChoices):
        PENDING = "pending", "Wacht op bevestiging"
        CONFIRMED = "confirmed", "Ingeschreven"
        PAUSED = "paused", "Gepauzeerd"
        UNSUBSCRIBED = "unsubscribed", "Afgemeld"
        BLOCKED = "blocked", "Geblokkeerd (onbestelbaar of klacht)"

    email = models.EmailField("E-mailadres", max_length=254, unique=True)
    email_hash = models.CharField(max_length=64, db_index=True, editable=False)
    name = models.CharField("Naam", max_length=100, blank=True)
    key = models.CharField(max_length=16, unique=True, default=new_key, editable=False)
    status = models.CharField(
        "Status", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    confirm_round = models.PositiveIntegerField(default=1, editable=False)
    soft_bounces = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField("Aangemeld op", default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField("Bevestigd op", null=True, blank=True)
    status_changed_at = models.DateTimeField("Status gewijzigd op", default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = "Abonnee"
        verbose_name_plural = "Abonnees"
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        self.email_hash = email_hash(self.email)
        super().save(*args, **kwargs)

    @property
    def masked_email(self) -> str:
        """``j•••@example.org``: enough to recognise one's own address, not to read it."""
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}•••@{domain}"


class ConsentEvent(models.Model):
    """One step in the consent record (requested, confirmed, withdrawn…); rows are never changed."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", "Aanmelding gevraagd"
        CONFIRMED = "confirmed", "Bevestigd"
        WITHDRAWN = "withdrawn", "Afgemeld"
        PAUSED = "paused", "Gepauzeerd"
        RESUMED = "resumed", "Weer aangezet"

    class Channel(models.TextChoices):
        WEB = "web", "Formulier op de site"
        EMAIL = "email", "Link of knop in een e-mail"
        ADMIN = "admin", "Beheer"

    subscriber = models.ForeignKey(
        Subscriber,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consent_events",
    )
    email_hash = models.CharField(max_length=64, db_index=True)
    kind = models.CharField("Soort", max_length=20, choices=Kind.choices)
    channel = models.CharField("Via", max_length=20, choices=Channel.choices)
    consent_text = models.ForeignKey(
        ConsentText, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    page_url = models.CharField("Pagina", max_length=300, blank=True)
    ip_prefix = models.CharField("IP-adres (ingekort)", max_length=50, blank=True)
    created_at = models.DateTimeField("Tijdstip", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "Toestemmingsgebeurtenis"
        verbose_name_plural = "Toestemmingsgebeurtenissen"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} op {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Toestemmingsgebeurtenissen worden nooit gewijzigd.")
        super().save(*args, **kwargs)


class Suppression(models.Model):
    """An address (as a keyed hash) that gets nothing until it opts in again."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", "Afgemeld"
        BOUNCED = "bounced", "Onbestelbaar"
        COMPLAINED = "complained", "Klacht (spam)"
        ERASED = "erased", "Gegevens gewist"
        ADMIN = "admin", "Door beheer"

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField("Reden", max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField("Sinds", default=timezone.now)

    class Meta:
        verbose_name = "Blokkade"
        verbose_name_plural = "Blokkadelijst"

    def __str__(self):
        return f"{self.get_reason_display()} ({self.email_hash[:8]}…)"


class TransactionalMail(models.Model):
    """An outbox row for one service mail; a worker sends it, the sweeper retries lost ones."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Bevestig uw aanmelding"
        ALREADY = "already", "U bent al ingeschreven"
        TEST_ISSUE = "test_issue", "Testversie van een editie"
        ALERT = "alert", "Melding voor de redactie"

    class Status(models.TextChoices):
        QUEUED = "queued", "In de wachtrij"
        SENDING = "sending", "Wordt verstuurd"
        SENT = "sent", "Verstuurd"
        FAILED = "failed", "Mislukt"
        SKIPPED = "skipped", "Niet meer nodig"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
    )
    email_hash = models.CharField(max_length=64, db_index=True)
    to_email = models.EmailField(blank=True, help_text="Alleen voor mail aan de redactie.")
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "Servicemail"
        verbose_name_plural = "Servicemails"
        indexes = [models.Index(fields=["status", "enqueued_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"


# --- Issues -----------------------------------------------------------------------------------


class IssueQuerySet(models.QuerySet):
    def in_archive(self):
        """Issues whose sending has started: public in the web archive, without any token."""
        return self.filter(sending_started_at__isnull=False, sent_revision__isnull=False).exclude(
            send_status=Issue.SendStatus.FAILED, sent_count=0
        )


class Issue(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """One edition of the fortnightly nieuwsbrief: composed, approved, sent once to everyone."""

    class SendStatus(models.TextChoices):
        DRAFT = "draft", "Concept"
        APPROVED = "approved", "Goedgekeurd"
        SCHEDULED = "scheduled", "Ingepland"
        SENDING = "sending", "Wordt verstuurd"
        SENT = "sent", "Verstuurd"
        PAUSED = "paused", "Gepauzeerd"
        FAILED = "failed", "Mislukt"
        CANCELLED = "cancelled", "Geannuleerd"

    title = models.CharField(
        "Onderwerp", max_length=120, help_text="Dit is ook de onderwerpregel van de e-mail."
    )
    slug = models.SlugField(
        "Adres in het archief",
        max_length=140,
        unique=True,
        blank=True,
        help_text="Wordt automatisch gemaakt als u dit leeg laat.",
    )
    intro = models.TextField(
        "Inleiding", blank=True, help_text="Een paar zinnen bovenaan. Schrijf kort en eenvoudig."
    )
    body = StreamField(IssueBodyBlock(), blank=True, verbose_name="Inhoud")
    planned_send_at = models.DateTimeField(
        "Gepland volgens het verzendschema",
        null=True,
        blank=True,
        unique=True,
        editable=False,
    )

    send_status = models.CharField(
        "Verzendstatus",
        max_length=20,
        choices=SendStatus.choices,
        default=SendStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    status_reason = models.CharField(max_length=200, blank=True, editable=False)
    send_at = models.DateTimeField("Verzenden op", null=True, blank=True, editable=False)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sending_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    resumed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_progress_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField("Verstuurd op", null=True, blank=True, editable=False)
    recipients_count = models.PositiveIntegerField(default=0, editable=False)
    sent_count = models.PositiveIntegerField(default=0, editable=False)
    failed_count = models.PositiveIntegerField(default=0, editable=False)
    skipped_count = models.PositiveIntegerField(default=0, editable=False)
    unknown_count = models.PositiveIntegerField(default=0, editable=False)
    bounce_count = models.PositiveIntegerField(default=0, editable=False)
    complaint_count = models.PositiveIntegerField(default=0, editable=False)

    objects = IssueQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("intro"),
        index.FilterField("send_status"),
    ]

    class Meta:
        verbose_name = "Nieuwsbrief-editie"
        verbose_name_plural = "Nieuwsbrief-edities"
        ordering = ["-id"]
        permissions = [("send_issue", "Kan edities inplannen, verzenden en stoppen")]

    def __str__(self):
        return self.title

    # Owned by the send state machine (``sending``), which changes them with conditional UPDATEs.
    # Saving the content (an edit, publishing an old revision) never writes them back.
    SEND_STATE_FIELDS = frozenset(
        {
            "planned_send_at",
            "send_status",
            "status_reason",
            "send_at",
            "scheduled_by",
            "sent_revision",
            "sending_started_at",
            "resumed_at",
            "last_progress_at",
            "sent_at",
            "recipients_count",
            "sent_count",
            "failed_count",
            "skipped_count",
            "unknown_count",
            "bounce_count",
            "complaint_count",
        }
    )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.SEND_STATE_FIELDS
            ]
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision's content, with the send state as it is now (not as it was then)."""
        obj = super().with_content_json(content)
        for name in self.SEND_STATE_FIELDS:
            field = self._meta.get_field(name)
            setattr(obj, field.attname, getattr(self, field.attname))
        return obj

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:120] or "nieuwsbrief"
        slug, n = base, 2
        while Issue.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    # Preview: the mail as HTML, the plain-text part, and the web version in the archive.
    preview_modes = [("email", "E-mail (HTML)"), ("tekst", "Platte tekst"), ("web", "Webversie")]

    def serve_preview(self, request, mode_name):
        from .preview import serve_issue_preview

        return serve_issue_preview(request, self, mode_name)

    @property
    def is_editable_content(self) -> bool:
        return self.send_status in (
            self.SendStatus.DRAFT,
            self.SendStatus.APPROVED,
            self.SendStatus.SCHEDULED,
        )

    def archived_version(self) -> "Issue":
        """The content as it was sent (later edits never change what people received)."""
        if self.sent_revision_id:
            return self.sent_revision.as_object()
        return self


class Delivery(models.Model):
    """One recipient of one issue: the ledger that makes every send exactly once and reportable."""

    class Status(models.TextChoices):
        QUEUED = "queued", "In de wachtrij"
        SENDING = "sending", "Wordt verstuurd"
        SENT = "sent", "Verstuurd"
        FAILED = "failed", "Mislukt"
        SKIPPED = "skipped", "Overgeslagen"
        UNKNOWN = "unknown", "Onbekend (mogelijk verstuurd)"

    class Phase(models.TextChoices):
        PREPARED = "prepared", "Voorbereid"
        COMMITTING = "committing", "Aan de mailserver gegeven"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(
        "Status", max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    claim = models.CharField(max_length=16, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField("Pogingen", default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("Verstuurd op", null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True, db_index=True)
    last_error = models.CharField("Laatste fout", max_length=300, blank=True)
    skip_reason = models.CharField("Reden", max_length=100, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Bezorging"
        verbose_name_plural = "Bezorgingen"
        ordering = ["issue", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="nb_one_delivery_each")
        ]
        indexes = [
            models.Index(fields=["issue", "status"]),
            models.Index(fields=["issue", "last_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber or 'gewist'}"


class MailEvent(models.Model):
    """A delivery event from the mail provider's webhook (bounce, complaint…), stored once."""

    dedupe_key = models.CharField(max_length=64, unique=True)
    esp = models.CharField("Provider", max_length=40)
    event_type = models.CharField("Soort", max_length=30)
    reject_reason = models.CharField("Reden", max_length=30, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    recipient_hash = models.CharField(max_length=64, blank=True, db_index=True)
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    occurred_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField("Gevolg", max_length=100, blank=True)

    class Meta:
        verbose_name = "Bezorgmelding"
        verbose_name_plural = "Bezorgmeldingen"

    def __str__(self):
        return f"{self.esp}: {self.event_type}"


# --- The cadence ------------------------------------------------------------------------------


@register_setting(icon="date")
class NewsletterSchedule(BaseGenericSetting, ClusterableModel):
    """When the nieuwsbrief goes out: every other week on one weekday and time, Dutch time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "maandag"
        TUESDAY = 1, "dinsdag"
        WEDNESDAY = 2, "woensdag"
        THURSDAY = 3, "donderdag"
        FRIDAY = 4, "vrijdag"
        SATURDAY = 5, "zaterdag"
        SUNDAY = 6, "zondag"

    active = models.BooleanField(
        "Schema gebruiken",
        default=True,
        help_text="Maakt op tijd een concept-editie en plant goedgekeurde edities in.",
    )
    weekday = models.PositiveSmallIntegerField(
        "Dag", choices=Weekday.choices, default=Weekday.TUESDAY
    )
    send_time = models.TimeField("Tijd (Nederlandse tijd)", default=time(10, 0))
    anchor_date = models.DateField(
        "Eerste verzenddatum",
        default=cadence.DEFAULT_ANCHOR,
        help_text="Vanaf deze week telt het schema de weken.",
    )
    interval_weeks = models.PositiveSmallIntegerField(
        "Elke hoeveel weken", default=2, help_text="2 betekent: om de week."
    )
    draft_days_before = models.PositiveSmallIntegerField(
        "Concept klaarzetten (dagen van tevoren)", default=5
    )

    panels = [
        FieldPanel("active"),
        MultiFieldPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("send_time"),
                FieldPanel("anchor_date"),
                FieldPanel("interval_weeks"),
            ],
            "Wanneer",
        ),
        FieldPanel("draft_days_before"),
        InlinePanel("skip_dates", label="Overslaan op (bijvoorbeeld feestdagen)"),
    ]

    class Meta:
        verbose_name = "Verzendschema nieuwsbrief"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not 1 <= self.interval_weeks <= 8:
            raise ValidationError({"interval_weeks": "Kies 1 tot en met 8 weken."})

    def next_send_at(self, after: datetime) -> datetime:
        """The first send moment strictly after ``after``, as an aware datetime."""
        return cadence.next_slot(
            after,
            weekday=self.weekday,
            at=self.send_time,
            anchor=self.anchor_date,
            interval_weeks=self.interval_weeks,
            skip=frozenset(self.skip_dates.values_list("date", flat=True)),
        )

    def draft_due(self, slot: datetime) -> datetime:
        return slot - timedelta(days=self.draft_days_before)


class ScheduleSkipDate(Orderable):
    schedule = ParentalKey(NewsletterSchedule, related_name="skip_dates", on_delete=models.CASCADE)
    date = models.DateField("Datum")
    reason = models.CharField("Waarom", max_length=100, blank=True)

    panels = [FieldPanel("date"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = "Datum overslaan"
