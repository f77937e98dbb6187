"""Load the demo content: site, home page, content pages, groups, then every app's own demo.

Idempotent: running it twice leaves the same tree. The development account ``beheer``/``beheer``
is made only where the settings allow it (``DEMO_DEV_USER_ALLOWED``: dev and test, never
production); elsewhere the command refuses unless ``--no-dev-user`` is given. Each app that has
demo content exposes ``<app>.demo.load(home_page)``; they run in the order below. On PostgreSQL
the planner's statistics are refreshed afterwards (``demo.refresh_planner_statistics``).
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo

APP_DEMOS = ["hulpmiddelen", "kaart", "inzendingen", "nieuwsbrief"]


class Command(BaseCommand):
    help = "Laadt de voorbeeldinhoud (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-dev-user",
            action="store_true",
            help="Maak geen ontwikkelaccount 'beheer' aan.",
        )

    def handle(self, *args, **options):
        if not options["no_dev_user"] and not settings.DEMO_DEV_USER_ALLOWED:
            raise CommandError(
                "Deze instellingen zijn niet voor ontwikkeling: een ontwikkelaccount "
                "'beheer' met wachtwoord 'beheer' wordt hier niet aangemaakt. Gebruik "
                "'load_demo_content --no-dev-user' en daarna 'createsuperuser'."
            )
        with transaction.atomic():
            home = demo.load_site()
            demo.load_groups()
            if not options["no_dev_user"]:
                demo.load_dev_user()
            for app in APP_DEMOS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(home)
                self.stdout.write(f"  {app}: voorbeeldinhoud geladen")
            demo.load_footer_links(home)
            demo.refresh_planner_statistics()
        self.stdout.write(self.style.SUCCESS("Voorbeeldinhoud geladen."))
