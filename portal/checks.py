"""Deployment checks (``manage.py check --deploy``) for the accounts that can sign in to the admin.

``portal.E001``: an active account whose password is its own user name (``beheer``/``beheer`` from
``load_demo_content`` without ``--no-dev-user``, or a careless ``createsuperuser``). Only accounts
that can reach the admin are hashed (superusers, staff, members of a group or with a permission of
their own), so the check stays cheap however many other accounts there are. A database that is not
there yet (before the first ``migrate``) is not an error of this check.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from django.db.models import Q


def accounts_with_user_name_as_password() -> list[str]:
    """User names of active admin accounts whose password equals the user name."""
    user_model = get_user_model()
    admin_accounts = (
        user_model.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(is_staff=True)
            | Q(groups__isnull=False)
            | Q(user_permissions__isnull=False)
        )
        .distinct()
        .only(user_model.USERNAME_FIELD, "password")
    )
    found = []
    for user in admin_accounts:
        name = user.get_username()
        # The hasher function, not user.check_password: a check must not re-hash and save.
        if check_password(name, user.password):
            found.append(name)
    return sorted(found)


@register(Tags.security, deploy=True)
def check_user_name_passwords(app_configs, **kwargs):
    try:
        names = accounts_with_user_name_as_password()
    except DatabaseError:
        return []
    return [
        Error(
            f"The account '{name}' can sign in to the admin with its user name as password.",
            hint=(
                f"Set a strong password (manage.py changepassword {name}) or remove the account; "
                "never run load_demo_content without --no-dev-user in production."
            ),
            id="portal.E001",
        )
        for name in names
    ]
