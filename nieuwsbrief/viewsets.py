"""The editors' side: issues as snippets with a send page, subscribers and delivery reports.

Issues use Wagtail's snippet views (revisions, locking, moderation, preview) plus a "Verzending"
page with the actions of the send state machine. Subscribers and deliveries are plain Django models
listed with wagtail-modeladmin; their CSV export escapes spreadsheet formulas.
"""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import DeleteView
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

from portal.spreadsheet import escape_formula

from . import sending, subscriptions
from .models import AMSTERDAM, Delivery, Issue, MailEvent, NewsletterSchedule, Subscriber


def can_send(user) -> bool:
    return user.has_perm("nieuwsbrief.send_issue")


# --- Issues -----------------------------------------------------------------------------------


def send_page_url(issue) -> str:
    return reverse("wagtailsnippets_nieuwsbrief_issue:send", args=[issue.pk])


class IssueIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button("Verzending", url=send_page_url(instance), icon_name="mail", priority=15)
        )
        return buttons


class IssueEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button("Verzending", url=send_page_url(self.object), icon_name="mail", priority=5)
        )
        return buttons


class IssueSendView(WagtailAdminTemplateMixin, TemplateView):
    """Status, counts and the send actions of one issue."""

    template_name = "nieuwsbrief/admin/verzending.html"
    page_title = "Verzending"
    header_icon = "mail"

    def dispatch(self, request, pk):
        self.issue = get_object_or_404(Issue, pk=pk)
        user = request.user
        if not (user.has_perm("nieuwsbrief.change_issue") or can_send(user)):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.issue.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_nieuwsbrief_issue:list"), "label": "Edities"},
            {
                "url": reverse("wagtailsnippets_nieuwsbrief_issue:edit", args=[self.issue.pk]),
                "label": self.issue.title,
            },
            {"url": "", "label": "Verzending"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.issue
        counts = dict(
            Delivery.objects.filter(issue=issue)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        total = sum(counts.values())
        done = sum(counts.get(s, 0) for s in ("sent", "failed", "skipped", "unknown"))
        now = timezone.now()
        suggested = issue.send_at or issue.planned_send_at
        if suggested is None or suggested < now:
            suggested = NewsletterSchedule.load().next_send_at(now)
        context.update(
            {
                "issue": issue,
                "S": Issue.SendStatus,
                "counts": [
                    (label, counts.get(value, 0), value) for value, label in Delivery.Status.choices
                ],
                "total": total,
                "done": done,
                "percent": round(100 * done / total) if total else 0,
                "can_send": can_send(self.request.user),
                "can_test": self.request.user.has_perm("nieuwsbrief.change_issue"),
                "eligible": Subscriber.objects.eligible().count(),
                "suggested": timezone.localtime(suggested, AMSTERDAM).strftime("%Y-%m-%dT%H:%M"),
                "report_url": reverse("nieuwsbrief_delivery_modeladmin_index")
                + f"?issue__id__exact={issue.pk}",
                "edit_url": reverse("wagtailsnippets_nieuwsbrief_issue:edit", args=[issue.pk]),
            }
        )
        return context

    def post(self, request, pk):
        issue, user = self.issue, request.user
        action = request.POST.get("actie", "")
        if action == "test":
            if not user.has_perm("nieuwsbrief.change_issue"):
                raise PermissionDenied
            if sending.queue_test_send(issue, user):
                messages.success(request, f"De testversie gaat naar {user.email}.")
            else:
                messages.error(
                    request, "Uw account heeft geen e-mailadres, of er is nog niets opgeslagen."
                )
            return redirect(send_page_url(issue))
        if not can_send(user):
            raise PermissionDenied
        done, text = self._act(action, issue, user, request.POST)
        (messages.success if done else messages.error)(request, text)
        return redirect(send_page_url(issue))

    def _act(self, action, issue, user, data):
        if action == "inplannen":
            try:
                when = datetime.strptime(data.get("moment", ""), "%Y-%m-%dT%H:%M")
            except ValueError:
                return False, "Vul een datum en tijd in."
            when = timezone.make_aware(when, AMSTERDAM)
            if when <= timezone.now():
                return False, "Kies een moment in de toekomst, of kies 'Nu verzenden'."
            if sending.schedule(issue, when, user):
                return True, f"Ingepland voor {timezone.localtime(when, AMSTERDAM):%d-%m-%Y %H:%M}."
            return False, "Inplannen kan alleen als de editie is goedgekeurd (gepubliceerd)."
        if action == "uitplannen":
            return sending.unschedule(issue, user), "Niet meer ingepland."
        if action == "nu_verzenden":
            if data.get("zeker") != "ja":
                return False, "Zet het vinkje om te bevestigen dat u nu wilt verzenden."
            done = sending.start_send(
                issue.pk, [Issue.SendStatus.APPROVED, Issue.SendStatus.SCHEDULED], user=user
            )
            return (
                done,
                "De verzending is gestart."
                if done
                else "Deze editie kan nu niet worden verzonden.",
            )
        if action == "pauzeren":
            return sending.pause(issue.pk, user), "De verzending is gepauzeerd."
        if action == "hervatten":
            return sending.resume(issue.pk, user), "De verzending gaat verder."
        if action == "annuleren":
            return sending.cancel(issue.pk, user), "De editie is geannuleerd."
        if action == "opnieuw":
            n = sending.retry(issue.pk, [Delivery.Status.FAILED], user)
            return bool(n), f"{n} mislukte bezorging(en) gaan opnieuw de wachtrij in."
        if action == "onbekend_opnieuw":
            if data.get("zeker") != "ja":
                return False, "Zet het vinkje: deze mensen kunnen de editie al hebben gekregen."
            n = sending.retry(issue.pk, [Delivery.Status.UNKNOWN], user)
            return bool(n), f"{n} bezorging(en) met onbekende afloop gaan opnieuw de wachtrij in."
        return False, "Onbekende actie."


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_send_status_display()


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "mail"
    menu_label = "Edities"
    add_to_admin_menu = False
    index_view_class = IssueIndexView
    edit_view_class = IssueEditView
    list_display = [
        "title",
        StatusColumn("send_status", label="Verzendstatus"),
        Column("send_at", label="Verzenden op"),
        UpdatedAtColumn(),
    ]
    list_filter = ["send_status"]
    ordering = ["-id"]

    @property
    def send_view(self):
        return IssueSendView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("verzending/<int:pk>/", self.send_view, name="send"),
        ]


# --- Subscribers and deliveries (wagtail-modeladmin) ------------------------------------------


class SafeExportIndexView(ModelAdminIndexView):
    """CSV exports whose cells never run as formulas in Excel or LibreOffice."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        headings = getattr(self.model_admin, "export_headings", {})
        return headings.get(field) or super().get_heading(queryset, field)


class SubscriberPermissionHelper(PermissionHelper):
    """Nobody adds or edits subscribers by hand: consent comes only from the person."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class EraseView(DeleteView):
    def delete_instance(self):
        subscriptions.erase(self.instance)


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = "Abonnees"
    menu_icon = "group"
    list_display = ("email", "name", "status", "created_at", "confirmed_at")
    list_filter = ("status",)
    search_fields = ("email", "name")
    list_export = ("email", "name", "get_status_display", "created_at", "confirmed_at")
    export_headings = {
        "email": "E-mailadres",
        "name": "Naam",
        "get_status_display": "Status",
        "created_at": "Aangemeld op",
        "confirmed_at": "Bevestigd op",
    }
    export_filename = "abonnees-nieuwsbrief"
    inspect_view_enabled = True
    inspect_view_fields = ("email", "name", "status", "created_at", "confirmed_at")
    inspect_template_name = "nieuwsbrief/admin/subscriber_inspect.html"
    index_view_class = SafeExportIndexView
    delete_view_class = EraseView
    permission_helper_class = SubscriberPermissionHelper


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class DeliveryIndexView(SafeExportIndexView):
    """The report of one issue: counts by status, then who did (not) get it."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue_id = self.request.GET.get("issue__id__exact", "")
        issue = Issue.objects.filter(pk=issue_id).first() if issue_id.isdigit() else None
        if issue is not None:
            counts = dict(
                Delivery.objects.filter(issue=issue)
                .values_list("status")
                .annotate(n=Count("id"))
                .values_list("status", "n")
            )
            context["report_issue"] = issue
            context["report_counts"] = [
                (label, counts.get(value, 0), value) for value, label in Delivery.Status.choices
            ]
            context["report_send_url"] = send_page_url(issue)
            context["can_send"] = can_send(self.request.user)
        return context


class DeliveryAdmin(ModelAdmin):
    model = Delivery
    menu_label = "Verzendrapport"
    menu_icon = "list-ul"
    list_display = ("issue", "recipient", "status", "attempts", "sent_at", "last_error")
    list_filter = ("issue", "status")
    search_fields = ("subscriber__email",)
    list_select_related = ("issue", "subscriber")
    list_export = ("issue", "recipient", "get_status_display", "attempts", "sent_at", "last_error")
    export_headings = {
        "issue": "Editie",
        "recipient": "Ontvanger",
        "get_status_display": "Status",
        "attempts": "Pogingen",
        "sent_at": "Verstuurd op",
        "last_error": "Laatste fout",
    }
    export_filename = "verzendrapport-nieuwsbrief"
    index_view_class = DeliveryIndexView
    index_template_name = "nieuwsbrief/admin/delivery_index.html"
    permission_helper_class = ReadOnlyPermissionHelper

    def recipient(self, obj):
        return obj.subscriber.email if obj.subscriber_id else "(gegevens gewist)"

    recipient.short_description = "Ontvanger"


class MailEventAdmin(ModelAdmin):
    model = MailEvent
    menu_label = "Bezorgmeldingen"
    menu_icon = "warning"
    list_display = ("received_at", "esp", "event_type", "reject_reason", "outcome")
    list_filter = ("event_type", "esp")
    permission_helper_class = ReadOnlyPermissionHelper
