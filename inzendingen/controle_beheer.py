"""For editors: the verification cycle's figures on the dashboard and in a report.

:func:`cijfers` counts, in a fixed number of queries, the share of live services checked within
twelve months (the team's goal is at least 90 %), the overdue services per gemeente, the open
"Klopt er iets niet?" reports and the beheerders whose mail bounced (the outbox refused it for
good). The dashboard panel (``construct_homepage_panels``) shows them in short; the report
(``/beheer/reports/controle/``, Wagtail's ``ReportView``) lists every overdue service. Both are
for whoever may edit services (``kaart.change_dienst``).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from kaart.models import Dienst, Gemeente

from .models import Beoordeling, Controlemail, Inzending, Mail

DOEL = 90  # percent of the live services checked within twelve months
RECHT = "kaart.change_dienst"


def een_jaar_geleden(vandaag: datetime.date | None = None) -> datetime.date:
    vandaag = vandaag or timezone.localdate()
    return vandaag - datetime.timedelta(days=365)


def achterstallig():
    """Live services not checked within twelve months (or never)."""
    return Dienst.objects.filter(live=True).filter(
        Q(laatst_gecontroleerd__isnull=True) | Q(laatst_gecontroleerd__lt=een_jaar_geleden())
    )


@dataclass
class Cijfers:
    live: int = 0
    gecontroleerd: int = 0
    per_gemeente: list = field(default_factory=list)  # [(gemeente, overdue)], most first
    landelijk_achterstallig: int = 0
    open_meldingen: int = 0
    gebouncede_beheerders: list = field(default_factory=list)  # [(dienst, address)]

    @property
    def aandeel(self) -> int:
        return round(100 * self.gecontroleerd / self.live) if self.live else 100

    @property
    def doel_gehaald(self) -> bool:
        return self.aandeel >= DOEL


def cijfers(max_gemeenten: int | None = None) -> Cijfers:
    """Four queries, whatever the number of services (tests/inzendingen/test_controle_beheer)."""
    grens = een_jaar_geleden()
    telling = Dienst.objects.filter(live=True).aggregate(
        live=Count("pk"),
        gecontroleerd=Count("pk", filter=Q(laatst_gecontroleerd__gte=grens)),
        landelijk=Count(
            "pk",
            filter=Q(landelijk=True)
            & (Q(laatst_gecontroleerd__isnull=True) | Q(laatst_gecontroleerd__lt=grens)),
        ),
    )
    oud = Q(diensten__live=True) & (
        Q(diensten__laatst_gecontroleerd__isnull=True) | Q(diensten__laatst_gecontroleerd__lt=grens)
    )
    gemeenten = (
        Gemeente.objects.annotate(achterstallig=Count("diensten", filter=oud))
        .filter(achterstallig__gt=0)
        .order_by("-achterstallig", "naam")
    )
    gebounced = (
        Controlemail.objects.filter(stap=Controlemail.Stap.VRAAG, mail__status=Mail.Status.MISLUKT)
        .select_related("ronde__dienst")
        .order_by("-aangemaakt_op")
    )
    gezien, bounces = set(), []
    for stap in gebounced:
        dienst = stap.ronde.dienst
        if dienst.pk not in gezien and dienst.beheerder_email == stap.ronde.aan:
            gezien.add(dienst.pk)
            bounces.append((dienst, stap.ronde.aan))
    return Cijfers(
        live=telling["live"],
        gecontroleerd=telling["gecontroleerd"],
        per_gemeente=[(g, g.achterstallig) for g in gemeenten[:max_gemeenten]],
        landelijk_achterstallig=telling["landelijk"],
        open_meldingen=Inzending.objects.filter(
            soort=Inzending.Soort.MELDING, status=Beoordeling.NIEUW
        ).count(),
        gebouncede_beheerders=bounces,
    )


class ControlePanel(Component):
    """The dashboard's panel: the share checked, the gemeenten most behind, what waits."""

    name = "controle"
    order = 110
    template_name = "inzendingen/admin/controle_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"cijfers": cijfers(max_gemeenten=5), "doel": DOEL}


class ControleRapport(ReportView):
    """Every live service that is overdue, oldest check first, with the figures above it."""

    page_title = "Controle van diensten"
    header_icon = "date"
    template_name = "inzendingen/admin/controle_rapport.html"
    index_url_name = "controle_rapport"
    index_results_url_name = "controle_rapport_results"
    model = Dienst
    permission_required = "change"
    list_export = ["naam", "aanbieder", "laatst_gecontroleerd", "beheerder_naam", "beheerder_email"]
    export_headings = {
        "naam": "Naam",
        "aanbieder": "Aanbieder",
        "laatst_gecontroleerd": "Laatst gecontroleerd",
        "beheerder_naam": "Naam beheerder",
        "beheerder_email": "E-mailadres beheerder",
    }
    columns = [
        TitleColumn(
            "naam",
            label="Naam",
            get_url=lambda d: reverse("wagtailsnippets_kaart_dienst:edit", args=[d.pk]),
        ),
        Column("aanbieder", label="Aanbieder"),
        DateColumn("laatst_gecontroleerd", label="Laatst gecontroleerd"),
        Column("beheerder_email", label="Beheerder"),
        Column(
            "niet_actueel_sinds",
            label="Mogelijk niet meer actueel",
            accessor=lambda d: "ja" if d.niet_actueel_sinds else "nee",
        ),
    ]

    def get_filename(self):
        return f"diensten-achterstallig-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return achterstallig().order_by("laatst_gecontroleerd", "naam", "pk")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(cijfers=cijfers(), doel=DOEL)
        return context
