"""Forms of the kaart's admin: a service, uploading a CSV file, and confirming a checked import."""

import base64
import binascii
import hashlib

from django import forms
from django.core import signing
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

MAX_IMPORT_BYTES = 5 * 1024 * 1024
_SALT = "kaart.csv-import"


class DienstForm(WagtailAdminModelForm):
    """The admin's form of a service. The model's permission policy may also check what the
    user chose, with ``controleer_formulier(form, user)`` (``gemeenten.rechten``: a gemeente's
    editors choose only their own gemeente); its errors show at the fields, nothing is lost."""

    def clean(self):
        cleaned_data = super().clean()
        beleid = policy_registry.get_by_type(self._meta.model)
        controleer = getattr(beleid, "controleer_formulier", None)
        if controleer is not None and self.for_user is not None:
            controleer(self, self.for_user)
        return cleaned_data


def verpak(data: bytes) -> dict:
    """Initial data of :class:`CsvBevestigForm` for a checked file's bytes."""
    inhoud = base64.b64encode(data).decode("ascii")
    digest = hashlib.sha256(inhoud.encode("ascii")).hexdigest()
    return {"inhoud": inhoud, "handtekening": signing.Signer(salt=_SALT).sign(digest)}


class CsvUploadForm(forms.Form):
    bestand = forms.FileField(
        label="CSV-bestand",
        help_text="UTF-8, met komma of puntkomma als scheidingsteken. Hooguit 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 5 MB. Splits het in delen.")
        return bestand


class CsvBevestigForm(forms.Form):
    """The checked file travels back (base64, signed); the import checks it again."""

    inhoud = forms.CharField(widget=forms.HiddenInput, strip=False)
    handtekening = forms.CharField(widget=forms.HiddenInput)
    bestandsnaam = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        inhoud, teken = cleaned.get("inhoud"), cleaned.get("handtekening")
        if inhoud is None or teken is None:
            return cleaned
        try:
            verwacht = signing.Signer(salt=_SALT).unsign(teken)
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                "Het bestand is onderweg veranderd. Upload het opnieuw."
            ) from exc
        if hashlib.sha256(inhoud.encode("ascii", "replace")).hexdigest() != verwacht:
            raise forms.ValidationError("Het bestand is onderweg veranderd. Upload het opnieuw.")
        try:
            cleaned["data"] = base64.b64decode(inhoud, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise forms.ValidationError("Het bestand is onderweg veranderd.") from exc
        return cleaned


class GemeentenPerProvincie(forms.CheckboxSelectMultiple):
    """The gemeenten as checkboxes grouped by province (fieldsets), instead of a 342-row list.

    Works without JavaScript; ``static/js/kaart-admin.js`` adds a filter box that hides the
    gemeenten whose name does not match what is typed.
    """

    template_name = "kaart/admin/gemeenten_widget.html"

    def optgroups(self, name, value, attrs=None):
        from .models import Gemeente

        per_provincie: dict[str, list] = {}
        for gemeente in Gemeente.objects.order_by("provincie", "naam"):
            per_provincie.setdefault(gemeente.provincie, []).append((gemeente.pk, gemeente.naam))
        self.choices = list(per_provincie.items())
        return super().optgroups(name, value, attrs)

    class Media:
        js = ["js/kaart-admin.js"]


def dienst_admin_form_class():
    """The admin's form of a dienst, on :class:`DienstForm` (Wagtail's own form class, with the
    permission policy's check)."""
    from .models import VOCABULAIRES, nieuw_extern_id

    class DienstAdminForm(DienstForm):
        """Term options read as their label alone (the group's name is the field's label), an
        optional vocabulary with one value says "Niet ingevuld" instead of "---------", and a
        hand-made dienst needs no extern ID (one is made)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for naam in VOCABULAIRES:
                veld = self.fields.get(naam)
                if veld is None:
                    continue
                veld.label_from_instance = lambda term: term.label
                if hasattr(veld, "empty_label"):
                    veld.empty_label = None if veld.required else "Niet ingevuld"
            if "extern_id" in self.fields:
                self.fields["extern_id"].required = False
                self.fields["extern_id"].help_text = (
                    "Vaste sleutel voor de CSV-import. Leeg laten bij een nieuwe dienst: dan "
                    "maken wij er een."
                )

        def clean_extern_id(self):
            return self.cleaned_data.get("extern_id") or (
                self.instance.extern_id if self.instance.pk else nieuw_extern_id()
            )

    return DienstAdminForm
