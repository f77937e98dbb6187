"""The portal's additions to the Wagtail admin: the page for two-step sign-in."""

from django.urls import path
from wagtail import hooks

from . import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [
        path("tweestapsverificatie/", two_factor.TwoFactorView.as_view(), name="portal_two_factor")
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_menu_item(request):
    return two_factor.account_menu_item(request)
