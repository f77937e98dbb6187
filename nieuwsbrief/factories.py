"""Factories for tests and demo content: subscribers in any state and issues ready to send."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import ConsentEvent, Issue, Subscriber


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"lezer{n}@example.org")
    name = factory.Faker("first_name", locale="nl_NL")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Subscriber.Status.CONFIRMED else None
    )

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        """A requested (and, when confirmed, a confirmed) event with the current consent text."""
        if not create or extracted is False:
            return
        from . import consent

        text = consent.store(consent.current())
        ConsentEvent.objects.create(
            subscriber=self,
            email_hash=self.email_hash,
            kind=ConsentEvent.Kind.REQUESTED,
            channel=ConsentEvent.Channel.WEB,
            consent_text=text,
            page_url="/nieuwsbrief/",
        )
        if self.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
            ConsentEvent.objects.create(
                subscriber=self,
                email_hash=self.email_hash,
                kind=ConsentEvent.Kind.CONFIRMED,
                channel=ConsentEvent.Channel.EMAIL,
                consent_text=text,
            )


class IssueFactory(DjangoModelFactory):
    """A draft issue with an intro, a heading and a paragraph; ``publish=True`` approves it."""

    class Meta:
        model = Issue
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    intro = "Nieuws over de aanpak van eenzaamheid."
    live = False
    body = factory.LazyFunction(
        lambda: [
            ("heading", "Uit de praktijk"),
            (
                "text",
                '<p>Lees hoe een <a href="/kaart/">buurtteam</a> eenzame ouderen bereikt.</p>',
            ),
            (
                "link",
                {
                    "title": "Week tegen Eenzaamheid",
                    "url": "https://www.eentegeneenzaamheid.nl/",
                    "note": "Doe mee in oktober.",
                },
            ),
        ]
    )

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if not create:
            return
        revision = self.save_revision()
        if extracted:
            revision.publish()
            self.refresh_from_db()
