"""The kaart in Wagtail's admin: services and vocabularies under "Sociale kaart".

Services have a listing with filters (status, financiering, doelgroep, gemeente, landelijk, not
verified for a year), search, bulk actions, a CSV export of the current filter and a CSV import
with a preview and a row-by-row error report before anything is saved.
"""

import datetime
import io

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, DateColumn, UpdatedAtColumn
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .csv_io import export_queryset, lees_csv, schrijf_csv, voer_uit
from .demo import voorbeeldbestand
from .forms import (
    CsvBevestigForm,
    CsvUploadForm,
    GemeentenPerProvincie,
    dienst_admin_form_class,
    verpak,
)
from .models import ENKELVOUDIG, VOCABULAIRES, Dienst, Gemeente, Term
from .panels import ControleGeschiedenis

# "Op de site" is what the public sees: every live service, also those with a change waiting
# (the site shows the live version), so its count is the site's.
STATUS_CHOICES = [
    ("gepubliceerd", "Op de site (gepubliceerd)"),
    ("wijzigingen", "Op de site, met een wijziging in concept"),
    ("concept", "Concept (niet op de site)"),
]


def een_jaar_geleden() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=365)


class DienstFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status", empty_label="Alle"
    )
    financiering = django_filters.ModelChoiceFilter(
        label="Betaald door",
        queryset=Term.objects.filter(vocabulaire="financiering"),
        empty_label="Alle",
    )
    doelgroep = django_filters.ModelMultipleChoiceFilter(
        label="Voor wie",
        queryset=Term.objects.filter(vocabulaire="doelgroep"),
        widget=forms.CheckboxSelectMultiple,
    )
    gemeente = django_filters.ModelChoiceFilter(
        label="Gemeente",
        field_name="gemeenten",
        queryset=Gemeente.objects.all(),
        to_field_name="code",
        empty_label="Alle",
    )
    landelijk = django_filters.ChoiceFilter(
        label="Landelijk",
        choices=[("true", "Ja"), ("false", "Nee")],
        method="filter_landelijk",
        empty_label="Alle",
    )
    # A choice, so the active filter's chip reads as a sentence (never "False").
    verouderd = django_filters.ChoiceFilter(
        label="Controle",
        choices=[
            ("ja", "Niet gecontroleerd in het laatste jaar"),
            ("nee", "Gecontroleerd in het laatste jaar"),
        ],
        method="filter_verouderd",
        empty_label="Alle",
    )

    class Meta:
        model = Dienst
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "gepubliceerd":
            return queryset.filter(live=True)
        if value == "wijzigingen":
            return queryset.filter(live=True, has_unpublished_changes=True)
        if value == "concept":
            return queryset.filter(live=False)
        return queryset

    def filter_landelijk(self, queryset, name, value):
        return queryset.filter(landelijk=value == "true") if value else queryset

    def filter_verouderd(self, queryset, name, value):
        oud = Q(laatst_gecontroleerd__isnull=True) | Q(laatst_gecontroleerd__lt=een_jaar_geleden())
        if value == "ja":
            return queryset.filter(oud)
        if value == "nee":
            return queryset.exclude(oud)
        return queryset


CONCEPTEN_PARAMETER = "concepten"


class DienstIndexView(IndexView):
    """The listing, with "CSV exporteren" (what the filter shows) and "CSV importeren".

    The export holds the published services of the selection; drafts only with a button of their
    own (``?concepten=ja``), since a draft may be an unchecked submission from the public form.
    """

    # Wagtail shows its export buttons when list_export is set; the export itself is ours.
    list_export = ["extern_id"]
    export_filename = "diensten"
    import_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("latest_revision")

    @cached_property
    def header_more_buttons(self):
        buttons = [b for b in super().header_more_buttons if "export=" not in (b.url or "")]
        buttons.append(
            Button(
                "CSV exporteren (deze selectie)",
                url=self.csv_export_url,
                icon_name="download",
                priority=90,
            )
        )
        buttons.append(
            Button(
                "CSV exporteren, met concepten",
                url=f"{self.csv_export_url}&{CONCEPTEN_PARAMETER}=ja",
                icon_name="download",
                priority=95,
            )
        )
        if self.user_has_permission("add"):
            buttons.append(
                Button(
                    "CSV importeren",
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                    priority=100,
                )
            )
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The services the listing shows (all pages), in the kaart's import format."""
        pks = [obj.pk for obj in queryset]
        diensten = export_queryset(
            Dienst.objects.filter(pk__in=pks),
            met_concepten=self.request.GET.get(CONCEPTEN_PARAMETER) == "ja",
        )
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel then reads UTF-8 correctly
        schrijf_csv(diensten, buffer, scheidingsteken=";")
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="diensten-{stamp}.csv"'
        return response


class DienstImportView:
    """Upload → preview (or every error, by row and column) → import; nothing saved before."""

    template_name = "kaart/admin/import.html"

    def __init__(self, viewset):
        self.viewset = viewset

    def mag_importeren(self, user) -> bool:
        return all(user.has_perm(f"kaart.{perm}_dienst") for perm in ("add", "change", "publish"))

    def __call__(self, request):
        if not self.mag_importeren(request.user):
            raise PermissionDenied
        context = {
            "index_url": reverse(self.viewset.get_url_name("list")),
            "voorbeeld_url": reverse(self.viewset.get_url_name("import_voorbeeld")),
            "header_icon": self.viewset.icon,
            "vocabulaires": VOCABULAIRES,
            "plan": None,
        }
        if request.method == "POST" and "bevestig" in request.POST:
            return self.bevestig(request, context)
        form = CsvUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["bestand"]
            data = upload.read()
            plan = lees_csv(data)
            context["plan"] = plan
            context["bestandsnaam"] = upload.name
            if plan.geldig:
                context["bevestig_form"] = CsvBevestigForm(
                    initial={**verpak(data), "bestandsnaam": upload.name}
                )
        context["form"] = form
        return TemplateResponse(request, self.template_name, context)

    def voorbeeld(self, request):
        """The demo's own services file: the format by example, importable as it is."""
        if not self.mag_importeren(request.user):
            raise PermissionDenied
        response = HttpResponse(voorbeeldbestand(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="voorbeeld-diensten.csv"'
        return response

    def bevestig(self, request, context):
        form = CsvBevestigForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, " ".join(form.non_field_errors()) or "Upload het bestand opnieuw."
            )
            return redirect(request.path)
        plan = lees_csv(form.cleaned_data["data"])
        if not plan.geldig:
            # The kaart changed since the preview (a service got locked, a term removed, ...).
            context.update(
                plan=plan, form=CsvUploadForm(), bestandsnaam=form.cleaned_data["bestandsnaam"]
            )
            return TemplateResponse(request, self.template_name, context)
        resultaat = voer_uit(plan, user=request.user)
        messages.success(
            request,
            f"Import klaar: {len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} bijgewerkt, "
            f"{resultaat.ongewijzigd} ongewijzigd.",
        )
        return redirect(context["index_url"])


class KenmerkenColumn(Column):
    """A few of the service's values in the listing (doelgroep), without extra queries."""

    def get_value(self, instance):
        return ", ".join(t.label for t in instance.terms(self.name)) or "–"


def _checkboxes(vocabulaire):
    widget = forms.RadioSelect if vocabulaire in ENKELVOUDIG else forms.CheckboxSelectMultiple
    return FieldPanel(vocabulaire, widget=widget)


class DienstViewSet(SnippetViewSet):
    model = Dienst
    icon = "site"
    menu_label = "Diensten"
    menu_order = 100
    index_view_class = DienstIndexView
    filterset_class = DienstFilterSet
    search_fields = ["naam", "aanbieder", "samenvatting", "extern_id", "plaats"]
    search_backend_name = None  # the database's own search: exact, and no index to wait for
    list_per_page = 50
    ordering = ["naam"]
    list_display = [
        "naam",
        "aanbieder",
        KenmerkenColumn("doelgroep", label="Voor wie"),
        Column(
            "bereik", label="Bereik", accessor=lambda d: "Landelijk" if d.landelijk else "Lokaal"
        ),
        DateColumn("laatst_gecontroleerd", label="Gecontroleerd", sort_key="laatst_gecontroleerd"),
        UpdatedAtColumn(),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("naam"),
                    FieldPanel("aanbieder"),
                    FieldPanel("samenvatting", widget=forms.Textarea(attrs={"rows": 3})),
                    FieldPanel("beschrijving"),
                ],
                heading="Wat is het",
            ),
            ObjectList(
                [
                    _checkboxes("doelgroep"),
                    MultiFieldPanel(
                        [_checkboxes(v) for v in ("vorm", "frequentie", "plek", "financiering")],
                        heading="Belangrijkste kenmerken",
                    ),
                    MultiFieldPanel(
                        [_checkboxes(v) for v in ("uitvoering", "thema", "activiteit")],
                        heading="Soort hulp",
                    ),
                    MultiFieldPanel(
                        [_checkboxes(v) for v in ("preventie", "eenzaamheidsgroep", "erkenning")],
                        heading="Aanpak en erkenning",
                    ),
                ],
                heading="Kenmerken",
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("leeftijd_min"), FieldPanel("leeftijd_max")]),
                    FieldPanel("voorwaarden"),
                    FieldRowPanel(
                        [
                            FieldPanel("indicatie_nodig"),
                            FieldPanel("verwijzing_nodig"),
                            FieldPanel("inkomensgrens"),
                        ]
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("kosten_bedrag"), FieldPanel("kosten_eenheid")]
                            ),
                            FieldPanel("kosten_toelichting"),
                        ],
                        heading="Kosten",
                    ),
                ],
                heading="Voorwaarden en kosten",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("website"), FieldPanel("email"), FieldPanel("telefoon")],
                        heading="Contact",
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("landelijk"),
                            FieldPanel("gemeenten", widget=GemeentenPerProvincie()),
                            FieldPanel("adres"),
                            FieldRowPanel([FieldPanel("postcode"), FieldPanel("plaats")]),
                        ],
                        heading="Waar",
                    ),
                ],
                heading="Contact en plaats",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("beheerder_naam"), FieldPanel("beheerder_email")],
                        heading="Beheerder (niet openbaar)",
                        help_text="Wie deze gegevens bijhoudt. Deze persoon krijgt eens per jaar "
                        "de vraag of alles nog klopt.",
                    ),
                    # Saving is not checking: the date changes by the beheerder's answer, a
                    # moderated change or the bulk action "Markeer als gecontroleerd".
                    FieldPanel("laatst_gecontroleerd", read_only=True),
                    ControleGeschiedenis(),
                    FieldPanel("extern_id"),
                ],
                heading="Beheer",
            ),
        ],
        base_form_class=dienst_admin_form_class(),
    )

    def get_queryset(self, request):
        # The rows the user may change or view (a gemeente's editors: their gemeente's services).
        return (
            policy_registry.get_by_type(Dienst)
            .instances_user_has_any_permission_for(request.user, ["change", "view"])
            .prefetch_related("doelgroep")
        )

    @property
    def import_url_name(self):
        return self.get_url_name("import")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.import_url_name, **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("importeren/", DienstImportView(self), name="import"),
            path(
                "importeren/voorbeeld.csv",
                DienstImportView(self).voorbeeld,
                name="import_voorbeeld",
            ),
        ]


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "tag"
    menu_label = "Kenmerken"
    menu_order = 200
    list_display = ["label", "slug", "vocabulaire", "volgorde"]
    list_filter = ["vocabulaire"]
    search_fields = ["label", "slug"]
    search_backend_name = None
    ordering = ["vocabulaire", "volgorde", "label"]
    panels = [
        FieldPanel("vocabulaire"),
        FieldPanel("label"),
        FieldPanel("slug"),
        FieldPanel("toelichting"),
        FieldPanel("volgorde"),
    ]


class SocialeKaartGroup(SnippetViewSetGroup):
    items = (DienstViewSet, TermViewSet)
    menu_icon = "site"
    menu_label = "Sociale kaart"
    menu_name = "sociale-kaart"
    menu_order = 250
