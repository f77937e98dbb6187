"""Who edits for which gemeente: Wagtail permission policies that narrow a gemeente's editors.

A member of a gemeente's group ("Redactie <gemeente>", ``GemeenteRedactie``) only, and of no
national group, keeps the model permissions of that group (edit, no publish: every change goes
through moderation) but only for the instances of its own gemeente(n):

* services (``kaart.Dienst``): the local services whose every gemeente is one of theirs; never
  a national service;
* gemeente pages (``GemeentePagina``): their gemeente's.

National editors (any other group) and superusers are not narrowed. The policies replace Wagtail's
default ``ModelPermissionPolicy`` for these models through ``register_permission_policy``
(``gemeenten.apps``), its public API; the admin's listings ask them which rows to show.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

# Kept on the user object for the rest of the request: the groups are read once.
_BEWAARD = "gemeenteredactie_gemeenten"


def redactie_gemeenten(user) -> frozenset[int] | None:
    """The ids of the gemeenten a user edits for, or None when the user is not narrowed
    (a superuser, or a member of any group that is not a gemeente's)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if user.is_superuser:
        return None
    if hasattr(user, _BEWAARD):
        return getattr(user, _BEWAARD)
    from .models import GemeenteRedactie

    groepen = set(user.groups.values_list("pk", flat=True))
    redacties = dict(
        GemeenteRedactie.objects.filter(groep_id__in=groepen).values_list("groep_id", "gemeente_id")
    )
    gemeenten = None if not groepen or groepen - set(redacties) else frozenset(redacties.values())
    setattr(user, _BEWAARD, gemeenten)
    return gemeenten


class GemeenteBeleid(ModelPermissionPolicy):
    """Model permissions, and for a gemeente's editors only their gemeente's instances."""

    def binnen(self, instance, gemeenten: frozenset[int]) -> bool:
        raise NotImplementedError

    def beperk(self, queryset: QuerySet, gemeenten: frozenset[int]) -> QuerySet:
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        gemeenten = redactie_gemeenten(user)
        return gemeenten is None or self.binnen(instance, gemeenten)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        gemeenten = redactie_gemeenten(user)
        return queryset if gemeenten is None else self.beperk(queryset, gemeenten)


class DienstBeleid(GemeenteBeleid):
    """Services: a gemeente's editors edit its local services, never a national one."""

    def binnen(self, instance, gemeenten):
        if instance.landelijk or instance.pk is None:
            return False
        eigen = {g.pk for g in instance.gemeenten.all()}
        return bool(eigen) and eigen <= gemeenten

    def beperk(self, queryset, gemeenten):
        from kaart.models import Gemeente

        return (
            queryset.filter(landelijk=False, gemeenten__in=gemeenten)
            .exclude(gemeenten__in=Gemeente.objects.exclude(pk__in=gemeenten))
            .distinct()
        )

    def controleer_formulier(self, form, user) -> None:
        """A gemeente's editors choose their own gemeente(n) only, and never "landelijk"
        (``kaart.forms.DienstForm`` asks this)."""
        gemeenten = redactie_gemeenten(user)
        if gemeenten is None:
            return
        from kaart.models import Gemeente

        eigen = nl_namen(Gemeente.objects.filter(pk__in=gemeenten).order_by("naam"))
        if form.cleaned_data.get("landelijk"):
            form.add_error(
                "landelijk",
                "Een landelijke dienst voert de landelijke redactie in. "
                f"U kunt diensten in {eigen} invoeren.",
            )
        gekozen = form.cleaned_data.get("gemeenten")
        if gekozen is not None and (not gekozen or any(g.pk not in gemeenten for g in gekozen)):
            form.add_error("gemeenten", f"Kies bij Gemeenten alleen {eigen}.")


def nl_namen(gemeenten) -> str:
    namen = [g.naam for g in gemeenten]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " of " + namen[-1]


class GemeentePaginaBeleid(GemeenteBeleid):
    """Gemeente pages: a gemeente's editors edit their gemeente's page."""

    def binnen(self, instance, gemeenten):
        return instance.gemeente_id in gemeenten

    def beperk(self, queryset, gemeenten):
        return queryset.filter(gemeente_id__in=gemeenten)

    def controleer_formulier(self, form, user) -> None:
        """A gemeente's editors keep their page on their own gemeente."""
        gemeenten = redactie_gemeenten(user)
        gekozen = form.cleaned_data.get("gemeente")
        if gemeenten is not None and gekozen is not None and gekozen.pk not in gemeenten:
            form.add_error("gemeente", "U kunt alleen de pagina van uw eigen gemeente bewerken.")
