"""The sign-up form (footer and own page) and the forms on the manage page."""

from django import forms

from . import consent


class SubscribeForm(forms.Form):
    """E-mail, optional name, an unchecked consent box, a honeypot and the signed render time."""

    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label="Uw naam",
        help_text="Niet verplicht.",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=consent.LABEL,
        help_text=consent.HELP_TEXT,
        error_messages={"required": "Zet een vinkje als u de nieuwsbrief wilt krijgen."},
    )
    # A field people never see or reach; software that fills in every field fills this one too.
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    formulier = forms.CharField(widget=forms.HiddenInput)
    bron = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)

    def __init__(self, *args, form_id: str = "pagina", source: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"nb-{form_id}-%s")
        super().__init__(*args, **kwargs)
        self.form_id = form_id
        if not self.is_bound:
            self.initial.setdefault("formulier", consent.form_token())
            self.initial.setdefault("bron", consent.page_path(source))

    @property
    def privacy_url(self) -> str:
        return consent.current().privacy_url

    def clean_bron(self) -> str:
        # Only the path of a public page on this site is kept as evidence of where the form was.
        return consent.page_path(self.cleaned_data.get("bron", ""))

    def renew_token(self) -> None:
        data = self.data.copy()
        data["formulier"] = consent.form_token()
        self.data = data
