"""Panels of the dienst form in the admin that show, and do not edit."""

import datetime

from wagtail.admin.panels import Panel


def controle_geschiedenis(dienst) -> list[dict]:
    """Every date the entry was checked on, newest first: from its revisions (a moderated change,
    the bulk action, an import) and the live row (a beheerder's "Alles klopt" sets it there)."""
    if dienst.pk is None:
        return []
    regels, vorige = [], None
    for revisie in dienst.revisions.order_by("created_at", "pk").select_related("user"):
        waarde = revisie.content.get("laatst_gecontroleerd")
        if waarde and waarde != vorige:
            regels.append(
                {
                    "datum": datetime.date.fromisoformat(waarde),
                    "wie": revisie.user.get_full_name() or revisie.user.get_username()
                    if revisie.user
                    else "Publiek formulier of beheerder van de dienst",
                    "op": revisie.created_at,
                }
            )
        vorige = waarde or vorige
    live = dienst.laatst_gecontroleerd
    if live and (not regels or regels[-1]["datum"] != live):
        regels.append({"datum": live, "wie": "Beheerder van de dienst (controle-mail)", "op": None})
    return list(reversed(regels))


class ControleGeschiedenis(Panel):
    """When the entry was checked, and by whom: read-only (saving is not checking)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", "Geschiedenis van de controle")
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "kaart/admin/controle_geschiedenis.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["geschiedenis"] = controle_geschiedenis(self.instance)
            return context
