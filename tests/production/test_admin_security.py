"""The admin: lockout after failed sign-ins (per user name and address, and per address), throttled
password-reset mails, two-step sign-in, and no Django admin outside development."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redacteur", "r@example.org", PASSWORD)


def _login(client, username, password, code="", ip="127.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "otp_token": code},
        REMOTE_ADDR=ip,
    )


def _signed_in(client) -> bool:
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def _code(device, offset=0) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_user_name_is_locked_from_the_address_that_failed(client, editor):
    for _ in range(3):
        response = _login(client, "redacteur", "fout", ip="10.0.0.1")
        assert response.status_code in (200, 429)
    locked = _login(client, "redacteur", PASSWORD, ip="10.0.0.1")
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.content.decode()
    assert not _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_from_many_addresses_do_not_lock_the_editor_out(client, editor):
    # Someone else guesses from ten addresses, each below the limit…
    for n in range(10):
        for _ in range(2):
            _login(client, "redacteur", "fout", ip=f"10.0.0.{n}")
    # …and the editor, from their own address, still gets in.
    response = _login(client, "redacteur", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 302 and _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_address_is_locked_after_failed_attempts_for_any_user_name(client, editor):
    for name in ("jan", "piet", "klaas"):
        _login(client, name, "fout", ip="10.1.1.1")
    assert _login(client, "redacteur", PASSWORD, ip="10.1.1.1").status_code == 429
    # Another address with the right password is not affected.
    other = _login(client, "redacteur", PASSWORD, ip="10.2.2.2")
    assert other.status_code == 302
    assert _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_success_resets_the_count(client, editor):
    _login(client, "redacteur", "fout")
    _login(client, "redacteur", "fout")
    assert _login(client, "redacteur", PASSWORD).status_code == 302
    client.logout()
    _login(client, "redacteur", "fout")
    assert _login(client, "redacteur", PASSWORD).status_code == 302


def test_login_without_device_needs_no_code(client, editor):
    response = _login(client, "redacteur", PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


def test_enrol_then_sign_in_with_code(client, editor):
    client.force_login(editor)
    page = client.get(reverse("portal_two_factor"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and "QR-code" in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post(reverse("portal_two_factor"), {"code": "000000"})
    assert "De code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("portal_two_factor"), {"code": _code(device)})
    assert ok.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    client.logout()

    # Password alone is no longer enough.
    no_code = _login(client, "redacteur", PASSWORD)
    assert (
        no_code.status_code == 200 and "Vul ook de code uit uw app in" in no_code.content.decode()
    )
    assert not _signed_in(client)
    device.refresh_from_db()
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert _login(client, "redacteur", PASSWORD, code=_code(device)).status_code == 302
    assert _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_codes_count_towards_the_lockout(client, editor):
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    for _ in range(3):
        _login(client, "redacteur", PASSWORD, code="123456")
    device = TOTPDevice.objects.get(user=editor)
    assert _login(client, "redacteur", PASSWORD, code=_code(device)).status_code == 429


def test_session_without_code_is_signed_out_when_editor_has_an_app(client, editor):
    TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    client.force_login(editor)  # as if through a sign-in form that asked no code
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not _signed_in(client)


@override_settings(WAGTAIL_2FA_REQUIRED_GROUPS=["Moderators"])
def test_required_group_must_enrol_first(client, editor):
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name="Moderators")
    editor.groups.add(group)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal_two_factor")
    assert client.get(reverse("portal_two_factor")).status_code == 200


def test_admin_path_is_configurable():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from django.conf import settings; from django.urls import reverse; "
        "print(reverse('wagtailadmin_home'), reverse('wagtailadmin_login'), "
        "settings.PAGE_CACHE_EXCLUDE[0])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env={
            **os.environ,
            "ADMIN_PATH": "redactie-42",
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["/redactie-42/", "/redactie-42/login/", "/redactie-42/"]


def test_superuser_must_enrol_when_any_group_must(client, settings):
    settings.WAGTAIL_2FA_REQUIRED_GROUPS = ["Moderatoren"]
    admin = get_user_model().objects.create_superuser("baas", "baas@example.org", PASSWORD)
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal_two_factor")


def test_editor_outside_the_required_groups_need_not_enrol(client, settings):
    settings.WAGTAIL_2FA_REQUIRED_GROUPS = ["Moderatoren"]
    user = get_user_model().objects.create_user("schrijver", "s@example.org", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def _production_setting(name: str):
    import json
    import subprocess
    import sys
    from pathlib import Path

    from .test_deploy import production_env

    code = f"from django.conf import settings; import json; print(json.dumps(settings.{name}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_requires_two_step_sign_in_of_moderators_and_administrators():
    assert _production_setting("WAGTAIL_2FA_REQUIRED_GROUPS") == ["Moderatoren", "Beheerders"]


def test_django_admin_is_not_reachable_outside_development(client, editor):
    client.force_login(editor)
    for path in ("/django-admin/", "/django-admin/login/", "/django-admin/auth/user/"):
        assert client.get(path).status_code == 404, path


def _reset(client, email, ip="127.0.0.1"):
    return client.post(reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=ip)


@override_settings(PASSWORD_RESET_MAX_PER_ACCOUNT_PER_HOUR=2)
def test_password_reset_mails_per_account_are_limited(client, editor):
    for n in range(6):
        response = _reset(client, "r@example.org", ip=f"10.3.0.{n}")
        # The same answer every time: nobody learns whether the limit (or an account) is there.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_password_reset_done")
    assert len(mail.outbox) == 2


@override_settings(PASSWORD_RESET_MAX_PER_ADDRESS_PER_HOUR=3)
def test_password_reset_requests_per_address_are_limited(client):
    users = get_user_model().objects
    for n in range(6):
        users.create_user(f"r{n}", f"r{n}@example.org", PASSWORD, is_staff=True)
    for n in range(6):
        assert _reset(client, f"r{n}@example.org", ip="10.4.0.1").status_code == 302
    assert len(mail.outbox) == 3
    # Another address is not affected.
    _reset(client, "r5@example.org", ip="10.4.0.2")
    assert len(mail.outbox) == 4
    # Twenty requests at once in two processes: tests/production/test_ratelimit.py.
