"""The "Inzendingen" menu in the admin: the moderation queue, tips, callbacks and the mail outbox.

Submissions come only from the public forms, so nobody adds them here. Each kind has a status
filter; suspect ones sit under "Spam (verdacht)" until a moderator decides. Exports escape cells
that a spreadsheet would run as a formula. Files sent with a submission are downloaded through
``bijlage_downloaden``: signed-in moderators only, always as an attachment, never sniffed or run.
"""

from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import (
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from portal.spreadsheet import escape_formula

from . import moderatie
from .models import Beoordeling, Bijlage, Inzending, Mail, Terugbelverzoek, Tip


class VeiligeExportIndexView(IndexView):
    """The snippet listing, with CSV and XLSX exports that cannot smuggle in a formula."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))


class ZonderToevoegen(ModelPermissionPolicy):
    """Everything the model permissions allow, except adding: these come from the public."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class InzendingInspectView(InspectView):
    template_name = "inzendingen/admin/inspect.html"
    viewset = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["acties"] = self.view_acties(obj)
        context["links"] = beheer_links(obj)
        context["bijlagen"] = (
            [
                (b, reverse(self.viewset.get_url_name("bijlage"), args=[b.pk]))
                for b in obj.bijlagen.all()
            ]
            if isinstance(obj, Inzending)
            else []
        )
        context["gegevens"] = gegevens_regels(obj) if isinstance(obj, Inzending) else []
        return context

    # Wagtail's get_<field>_display_value hooks: words instead of None and [].
    def _datum_of(self, veld: str, leeg: str):
        waarde = getattr(self.object, veld, None)
        return date_format(timezone.localtime(waarde), "j F Y H:i") if waarde else leeg

    def get_besloten_op_display_value(self):
        return self._datum_of("besloten_op", "Nog geen besluit")

    def get_contact_gewist_op_display_value(self):
        return self._datum_of("contact_gewist_op", "Nog niet gewist")

    def get_afgehandeld_op_display_value(self):
        return self._datum_of("afgehandeld_op", "Nog niet afgehandeld")

    def get_spam_redenen_display_value(self):
        return "; ".join(self.object.spam_redenen or []) or "Niet verdacht"

    def view_acties(self, obj):
        if not self.viewset.permission_policy.user_has_permission(self.request.user, "change"):
            return []
        knoppen = []
        status = obj.status
        if status == "spam":
            knoppen.append(("geen-spam", "Geen spam: in behandeling nemen", "button"))
        if status in (Beoordeling.NIEUW, Tip.Status.NIEUW):
            if isinstance(obj, Tip):
                knoppen.append(("hulpmiddel", "Maak er een hulpmiddel van", "button"))
            if isinstance(obj, Inzending) and obj.soort == Inzending.Soort.OPGEHEVEN:
                knoppen.append(("opgeheven", "Klopt: haal de dienst offline", "button"))
            if moderatie.kan_goedgekeurd_worden(obj):
                knoppen.append(("goedkeuren", "Goedkeuren en publiceren", "button"))
            if isinstance(obj, Inzending) and obj.soort == Inzending.Soort.MELDING:
                knoppen.append(("verwerkt", "Verwerkt: de melding is afgehandeld", "button"))
            knoppen.append(("afwijzen", "Afwijzen", "button button-secondary"))
            knoppen.append(("spam", "Markeer als spam", "button button-secondary no"))
        return [
            {
                "url": self.viewset.actie_url(obj, actie),
                "label": label,
                "klasse": klasse,
                "actie": actie,
            }
            for actie, label, klasse in knoppen
        ]


def beheer_links(obj) -> list[tuple[str, str]]:
    """Where moderators review what a submission became (edit page, changes, public page)."""
    links = []
    if isinstance(obj, Tip) and obj.hulpmiddel_id:
        links.append(
            _admin_link(
                "Gemaakt hulpmiddel bewerken", "hulpmiddelen", "hulpmiddel", obj.hulpmiddel_id
            )
        )
    if not isinstance(obj, Inzending):
        return [link for link in links if link]
    if obj.voorbeeld_id:
        links.append(
            (
                "Voorbeeld bekijken en beoordelen",
                reverse("wagtailadmin_pages:edit", args=[obj.voorbeeld_id]),
            )
        )
    if obj.dienst_id:
        links.append(_admin_link("Dienst bekijken en beoordelen", "kaart", "dienst", obj.dienst_id))
        if obj.soort == Inzending.Soort.WIJZIGING and obj.revisie_id:
            with suppress(NoReverseMatch):
                vergelijk = reverse(
                    "wagtailsnippets_kaart_dienst:revisions_compare",
                    kwargs={
                        "pk": obj.dienst_id,
                        "revision_id_a": "live",
                        "revision_id_b": obj.revisie_id,
                    },
                )
                links.append(("Wijzigingen vergelijken met de versie op de site", vergelijk))
    return [link for link in links if link]


def _admin_link(label, app, model, pk):
    try:
        return (label, reverse(f"wagtailsnippets_{app}_{model}:edit", args=[pk]))
    except NoReverseMatch:
        return None


def _keuzes(inzending: Inzending) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The labels of the public form this submission came from: per field its label, and per
    field with choices the label of each value (a gemeente's name for its code, "Mantelzorgers"
    for ``mantelzorgers``), so the inspect screen shows words, not codes."""
    from .forms import DienstForm, VoorbeeldForm

    soorten = {
        Inzending.Soort.VOORBEELD: VoorbeeldForm,
        Inzending.Soort.DIENST: DienstForm,
        Inzending.Soort.WIJZIGING: DienstForm,  # the same fields; no service needed for labels
    }
    form_class = soorten.get(inzending.soort)
    if form_class is None:
        return {}, {}
    form = form_class()
    labels, waarden = {}, {}
    for naam, veld in form.fields.items():
        labels[naam] = str(veld.label or "")
        keuzes = {}
        for waarde, label in getattr(veld, "choices", ()):
            if isinstance(label, list | tuple):  # an <optgroup>: (province, [(code, name), …])
                keuzes.update({str(w): str(lab) for w, lab in label})
            elif waarde not in ("", None):
                keuzes[str(waarde)] = str(label)
        if keuzes:
            waarden[naam] = keuzes
    return labels, waarden


def gegevens_regels(inzending: Inzending) -> list[tuple[str, str]]:
    """What the sender typed, as label and text, for the inspect page."""
    from .forms import DIENST_LABELS

    form_labels, keuzes = _keuzes(inzending)
    regels = []
    velden = inzending.gegevens.get("velden", inzending.gegevens)
    for naam, waarde in velden.items():
        label = (
            DIENST_LABELS.get(naam, ("",))[0]
            or form_labels.get(naam)
            or naam.replace("_", " ").capitalize()
        )
        woorden = keuzes.get(naam, {})
        if isinstance(waarde, list):
            waarde = ", ".join(woorden.get(str(w), str(w)) for w in waarde) or "Niets gekozen"
        elif isinstance(waarde, bool):
            waarde = "ja" if waarde else "nee"
        elif waarde is not None:
            waarde = woorden.get(str(waarde), waarde)
        regels.append((label, "Niet ingevuld" if waarde in (None, "") else str(waarde)))
    return regels


class ModeratieViewSet(SnippetViewSet):
    """Shared by the three queues: no adding, safe exports, an inspect page with actions."""

    index_view_class = VeiligeExportIndexView
    inspect_view_class = InzendingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(viewset=self, **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("actie/<int:pk>/<slug:actie>/", self.actie_view, name="actie"),
        ]

    def actie_url(self, obj, actie):
        return reverse(self.get_url_name("actie"), args=[obj.pk, actie])

    @property
    def actie_view(self):
        viewset = self

        @require_POST
        def view(request, pk, actie):
            if not viewset.permission_policy.user_has_permission(request.user, "change"):
                raise PermissionDenied
            obj = get_object_or_404(viewset.model, pk=pk)
            terug = reverse(viewset.get_url_name("inspect"), args=[obj.pk])
            try:
                melding = viewset.voer_uit(obj, actie, request)
            except ValueError as exc:
                messages.error(request, str(exc))
                return redirect(terug)
            if isinstance(melding, tuple):  # (message, where to go next)
                melding, terug = melding
            messages.success(request, melding)
            return redirect(terug)

        return view

    def voer_uit(self, obj, actie, request):
        gebruiker = request.user
        if actie == "geen-spam":
            moderatie.geen_spam(obj, gebruiker)
            return f"{obj.referentie} is in behandeling genomen."
        if actie == "spam":
            moderatie.markeer_spam(obj, gebruiker)
            melding = f"{obj.referentie} staat bij de spam en wordt na 30 dagen gewist."
            return melding, self.lijst_url()
        if actie == "afwijzen":
            moderatie.wijs_af(obj, gebruiker, request.POST.get("toelichting", "").strip())
            return (
                f"{obj.referentie} is afgewezen. De inzender krijgt bericht, als dat kan.",
                self.lijst_url(),
            )
        raise Http404("Onbekende actie")

    def lijst_url(self) -> str:
        """After a decision the moderator goes on with the rest of the queue."""
        return reverse(self.get_url_name("list"))


class InzendingViewSet(ModeratieViewSet):
    model = Inzending
    icon = "mail"
    menu_label = "Te beoordelen"
    menu_order = 100
    list_display = [
        "referentie",
        "onderwerp",
        Column("soort", label="Soort", accessor="get_soort_display"),
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("ontvangen_op", label="Ontvangen"),
    ]
    list_filter = ["status", "soort"]
    search_fields = ["referentie", "onderwerp", "naam", "email", "organisatie"]
    list_export = [
        "referentie",
        "soort",
        "status",
        "onderwerp",
        "ontvangen_op",
        "besloten_op",
        "naam",
        "email",
        "telefoon",
        "organisatie",
        "toelichting",
        "spam_redenen",
    ]
    export_filename = "inzendingen"
    inspect_view_fields = [
        "referentie",
        "soort",
        "status",
        "onderwerp",
        "ontvangen_op",
        "besloten_op",
        "spam_redenen",
        "toelichting",
        "naam",
        "email",
        "telefoon",
        "organisatie",
        "besluit_toelichting",
        "notitie",
        "contact_gewist_op",
    ]
    panels = [FieldPanel("notitie"), FieldPanel("besluit_toelichting")]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("bijlage/<int:pk>/", bijlage_downloaden, name="bijlage"),
        ]

    def voer_uit(self, obj, actie, request):
        if actie == "goedkeuren":
            titel = obj.workflow_state.content_object if obj.workflow_state_id else obj.onderwerp
            if moderatie.keur_goed_en_publiceer(obj, request.user):
                melding = (
                    f"{obj.referentie} is goedgekeurd en gepubliceerd: '{titel}' staat nu op de "
                    "site. De inzender krijgt bericht, als dat kan."
                )
            else:
                melding = (
                    f"{obj.referentie}: uw stap is goedgekeurd. De volgende stap van de "
                    "beoordeling is voor een andere beoordelaar; daarna komt het op de site."
                )
            return melding, self.lijst_url()
        if actie == "opgeheven":
            moderatie.dienst_opgeheven(obj, request.user)
            melding = f"De dienst van {obj.referentie} staat niet meer op de kaart."
            return melding, self.lijst_url()
        if actie == "verwerkt":
            if obj.soort != Inzending.Soort.MELDING or obj.status != Beoordeling.NIEUW:
                raise ValueError(f"{obj.referentie} is geen open melding.")
            moderatie.melding_verwerkt(obj, request.user)
            return f"Melding {obj.referentie} is afgehandeld.", self.lijst_url()
        return super().voer_uit(obj, actie, request)


class TipViewSet(ModeratieViewSet):
    model = Tip
    icon = "pick"
    menu_label = "Tips voor hulpmiddelen"
    menu_order = 200
    list_display = [
        "titel",
        "link",
        Column("status", label="Status", accessor="get_status_display"),
        "dubbel_met",
        DateColumn("ontvangen_op", label="Ontvangen"),
    ]
    list_filter = ["status"]
    search_fields = ["referentie", "titel", "link"]
    list_export = ["referentie", "status", "titel", "link", "soort", "waarom", "dubbel_met",
                   "ontvangen_op", "email"]  # fmt: skip
    export_filename = "tips"
    inspect_view_fields = ["referentie", "status", "titel", "link", "soort", "waarom",
                           "dubbel_met", "email", "ontvangen_op", "besloten_op", "spam_redenen",
                           "notitie"]  # fmt: skip
    panels = [FieldPanel("soort"), FieldPanel("notitie")]

    def voer_uit(self, obj, actie, request):
        if actie == "hulpmiddel":
            hulpmiddel = moderatie.maak_hulpmiddel(obj, request.user)
            volgende = _admin_link("", "hulpmiddelen", "hulpmiddel", hulpmiddel.pk)
            melding = (
                f"Concept-hulpmiddel '{hulpmiddel.title}' gemaakt. Vul het aan en publiceer het."
            )
            return (melding, volgende[1]) if volgende else melding
        return super().voer_uit(obj, actie, request)


class TerugbelverzoekViewSet(ModeratieViewSet):
    model = Terugbelverzoek
    icon = "mobile-alt"
    menu_label = "Bel mij terug"
    menu_order = 300
    list_display = [
        "naam",
        "telefoon",
        Column("moment", label="Beste moment", accessor="get_moment_display"),
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("ontvangen_op", label="Ontvangen"),
    ]
    list_filter = ["status", "moment"]
    search_fields = ["referentie", "naam", "telefoon"]
    inspect_view_fields = ["referentie", "naam", "telefoon", "moment", "vraag", "status",
                           "ontvangen_op", "afgehandeld_op", "spam_redenen", "notitie"]  # fmt: skip
    panels = [FieldPanel("status"), FieldPanel("notitie")]
    ordering = ["ontvangen_op"]


class MailViewSet(SnippetViewSet):
    model = Mail
    icon = "mail"
    menu_label = "Uitgaande mails"
    menu_order = 400
    list_display = [
        "onderwerp",
        "aan",
        Column("status", label="Status", accessor="get_status_display"),
        "pogingen",
        "laatste_fout",
        DateColumn("aangemaakt_op", label="Aangemaakt"),
    ]
    list_filter = ["status"]
    search_fields = ["aan", "onderwerp", "referentie"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False


class AlleenBekijken(ModelPermissionPolicy):
    """The outbox is a log: people look at it, the mail task writes it."""

    def user_has_permission(self, user, action):
        return action == "view" and (
            super().user_has_permission(user, "view") or super().user_has_permission(user, "change")
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([])
        return super().users_with_any_permission(["view", "change"])


class InzendingenGroep(SnippetViewSetGroup):
    menu_label = "Inzendingen"
    menu_icon = "mail"
    menu_order = 250
    items = (InzendingViewSet, TipViewSet, TerugbelverzoekViewSet, MailViewSet)


def bijlage_downloaden(request, pk):
    """A submitted file, for moderators only, as a download the browser will not run or sniff."""
    if not request.user.has_perm("inzendingen.change_inzending"):
        raise PermissionDenied
    bijlage = get_object_or_404(Bijlage, pk=pk)
    try:
        bestand = bijlage.bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Dit bestand is al gewist.") from exc
    response = FileResponse(
        bestand, as_attachment=True, filename=bijlage.naam, content_type=bijlage.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
