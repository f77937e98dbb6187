"""The admin form of a gemeente page's content."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry


class GemeentePaginaForm(WagtailAdminModelForm):
    """Asks the permission policy what the user may choose (``controleer_formulier``): a
    gemeente's editors keep their page on their own gemeente."""

    def clean(self):
        cleaned_data = super().clean()
        controleer = getattr(
            policy_registry.get_by_type(self._meta.model), "controleer_formulier", None
        )
        if controleer is not None and self.for_user is not None:
            controleer(self, self.for_user)
        return cleaned_data
