"""Optional two-step sign-in for editors: a code from an authenticator app (TOTP, django-otp).

An editor turns it on under Account → "Tweestapsverificatie" by scanning a QR code (or typing the
key) and entering one code. From then on the Wagtail sign-in form asks for the code as well; a
wrong code counts as a failed sign-in for the lockout (django-axes), and django-otp slows down
repeated wrong codes by itself. ``RequireVerifiedEditorMiddleware`` signs out a session of an editor
with an app who got in without a code (for example through the Django admin's own sign-in).

``WAGTAIL_2FA_REQUIRED_GROUPS`` names groups whose members must turn it on before they can use the
admin; when it names any, superusers must as well. Empty by default (optional for everyone); the
production settings require it of "Moderatoren" and "Beheerders".
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import logout, user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

CODE_HELP = "De zes cijfers die de app nu laat zien."


def _clean_code(value: str) -> str:
    return "".join(value.split())


def confirmed_device(user):
    if not user or not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form with a field for the code, required for editors who use an app."""

    otp_token = forms.CharField(
        label="Code uit uw app",
        help_text="Alleen als u tweestapsverificatie gebruikt.",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = confirmed_device(user)
        if device is None:
            return cleaned
        token = _clean_code(cleaned.get("otp_token") or "")
        allowed, _ = device.verify_is_allowed()
        if not token or not allowed or not device.verify_token(token):
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username")},
                request=self.request,
            )
            self.user_cache = None
            if not allowed:
                message = "Te veel verkeerde codes. Wacht even en probeer het opnieuw."
            elif token:
                message = "De code klopt niet. Kijk in uw app en probeer het opnieuw."
            else:
                message = "Vul ook de code uit uw app in."
            raise forms.ValidationError(message, code="otp_invalid")
        # django-otp marks the session as verified when the sign-in completes.
        user.otp_device = device
        return cleaned


class RequireVerifiedEditorMiddleware:
    """Editors with an app must have signed in with a code; some groups must have an app."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}/"

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            if user_has_device(user, confirmed=True):
                logout(request)
                return redirect(reverse("wagtailadmin_login"))
            if self._must_enrol(request, user):
                return redirect(reverse("portal_two_factor"))
        return self.get_response(request)

    def _must_enrol(self, request, user) -> bool:
        groups = settings.WAGTAIL_2FA_REQUIRED_GROUPS
        if not groups or not request.path.startswith(self.admin_prefix):
            return False
        allowed = {reverse("portal_two_factor"), reverse("wagtailadmin_logout")}
        if request.path in allowed or request.path.startswith(f"{self.admin_prefix}jsi18n"):
            return False
        # A superuser may do whatever any group may, so must do what a required group must.
        return user.is_superuser or user.groups.filter(name__in=groups).exists()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit uw app",
        help_text=CODE_HELP,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = _clean_code(self.cleaned_data["code"])
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Te veel verkeerde codes. Wacht even en probeer het opnieuw."
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "De code klopt niet. Kijk in uw app en probeer het opnieuw."
            )
        return code


class TwoFactorView(WagtailAdminTemplateMixin, FormView):
    """Turn the code from an authenticator app on or off for the signed-in editor."""

    template_name = "portal/two_factor.html"
    page_title = "Tweestapsverificatie"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise PermissionDenied
        self.device = confirmed_device(request.user)
        self.enabled = self.device is not None
        if not self.enabled:
            self.device = self._pending_device()
        return super().dispatch(request, *args, **kwargs)

    def _pending_device(self):
        device = TOTPDevice.objects.devices_for_user(self.request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=self.request.user, name="Authenticator-app", confirmed=False
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_form_class(self):
        return CodeForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enabled"] = self.enabled
        if not self.enabled:
            qr = segno.make(self.device.config_url, error="m")
            context["qr_data_uri"] = qr.svg_data_uri(scale=5, border=2)
            secret = b32encode(self.device.bin_key).decode("ascii").rstrip("=")
            context["secret_groups"] = [secret[i : i + 4] for i in range(0, len(secret), 4)]
        return context

    def form_valid(self, form):
        if self.enabled:
            TOTPDevice.objects.devices_for_user(self.request.user, confirmed=None).delete()
            messages.success(self.request, "Tweestapsverificatie staat nu uit.")
        else:
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            otp_login(self.request, self.device)
            messages.success(
                self.request,
                "Tweestapsverificatie staat aan. "
                "Vanaf nu vragen wij bij het inloggen ook een code.",
            )
        return redirect("portal_two_factor")


def account_menu_item(request):
    """For Wagtail's ``register_account_menu_item`` hook."""
    on = confirmed_device(request.user) is not None
    return {
        "url": reverse("portal_two_factor"),
        "label": "Tweestapsverificatie",
        "help_text": "Staat aan."
        if on
        else "Log veiliger in met een code uit een app op uw telefoon.",
    }
