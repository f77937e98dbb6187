"""The development account beheer/beheer never reaches production: load_demo_content refuses to
make it there, and ``check --deploy`` reports any admin account whose password is its user name."""

import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_deploy import production_env, run

pytestmark = pytest.mark.django_db


def _errors() -> list[str]:
    return [
        message.msg
        for message in run_checks(include_deployment_checks=True)
        if message.id == "portal.E001"
    ]


def test_load_demo_content_refuses_the_dev_user_where_settings_forbid_it(settings):
    settings.DEMO_DEV_USER_ALLOWED = False
    with pytest.raises(CommandError, match="--no-dev-user"):
        call_command("load_demo_content", verbosity=0)
    assert not get_user_model().objects.filter(username="beheer").exists()


def test_production_settings_forbid_the_dev_user(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'leeg.sqlite3'}")
    result = run(sys.executable, "manage.py", "load_demo_content", env=env, timeout=120)
    assert result.returncode != 0
    assert "CommandError" in result.stderr and "--no-dev-user" in result.stderr, result.stderr


def test_check_deploy_reports_an_account_with_its_user_name_as_password():
    get_user_model().objects.create_superuser("beheer", "beheer@example.org", "beheer")
    assert _errors() == [
        "The account 'beheer' can sign in to the admin with its user name as password."
    ]


def test_check_deploy_reports_editors_in_a_group_as_well():
    editor = get_user_model().objects.create_user("jan", "jan@example.org", "jan")
    editor.groups.add(Group.objects.create(name="Een groep"))
    assert len(_errors()) == 1


def test_check_deploy_is_silent_for_strong_inactive_and_non_admin_accounts():
    users = get_user_model().objects
    users.create_superuser("beheer", "beheer@example.org", "een-sterk-wachtwoord-42")
    users.create_superuser("oud", "oud@example.org", "oud", is_active=False)
    users.create_user("lezer", "lezer@example.org", "lezer")  # cannot reach the admin
    assert _errors() == []
