"""Registers the nieuwsbrief in the admin: one 'Nieuwsbrief' menu with issues, subscribers,
delivery reports, provider events and the send schedule; the log actions of the send page."""

from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .viewsets import DeliveryAdmin, IssueViewSet, MailEventAdmin, SubscriberAdmin

register_snippet(IssueViewSet)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.permissions)


class NieuwsbriefGroup(ModelAdminGroup):
    menu_label = "Nieuwsbrief"
    menu_icon = "mail"
    menu_order = 300
    items = (SubscriberAdmin, DeliveryAdmin, MailEventAdmin)

    def get_submenu_items(self):
        issue_perms = [
            f"nieuwsbrief.{action}_issue" for action in ("add", "change", "delete", "send")
        ]
        return [
            PermissionMenuItem(
                "Edities",
                reverse("wagtailsnippets_nieuwsbrief_issue:list"),
                icon_name="mail",
                order=0,
                permissions=issue_perms,
            ),
            *super().get_submenu_items(),
            PermissionMenuItem(
                "Verzendschema",
                reverse("wagtailsettings:edit", args=["nieuwsbrief", "newsletterschedule"]),
                icon_name="date",
                order=90,
                permissions=["nieuwsbrief.change_newsletterschedule"],
            ),
        ]


modeladmin_register(NieuwsbriefGroup)


@hooks.register("register_permissions")
def register_send_permission():
    return Permission.objects.filter(content_type__app_label="nieuwsbrief", codename="send_issue")


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label, past in [
        ("nieuwsbrief.test_send", "Testversie sturen", "Testversie verstuurd"),
        ("nieuwsbrief.schedule", "Inplannen", "Ingepland"),
        ("nieuwsbrief.unschedule", "Niet meer inplannen", "Niet meer ingepland"),
        ("nieuwsbrief.send", "Verzenden", "Verzending gestart"),
        ("nieuwsbrief.pause", "Pauzeren", "Verzending gepauzeerd"),
        ("nieuwsbrief.resume", "Hervatten", "Verzending hervat"),
        ("nieuwsbrief.cancel", "Annuleren", "Geannuleerd"),
        ("nieuwsbrief.retry", "Opnieuw proberen", "Bezorgingen opnieuw in de wachtrij"),
        ("nieuwsbrief.stale", "Te laat", "Niet verstuurd: te laat"),
    ]:
        actions.register_action(action, label, past)
