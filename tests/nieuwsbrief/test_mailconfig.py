"""EMAIL_URL: Django's own backends, or a django-anymail provider."""

import pytest

from portal.mailconfig import email_settings_from_url


def test_smtp_urls_configure_django_smtp():
    config = email_settings_from_url("smtp://gebruiker:geheim@mail.example.org:587/?tls=True")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (config["EMAIL_HOST_USER"], config["EMAIL_HOST_PASSWORD"]) == ("gebruiker", "geheim")
    assert config["EMAIL_USE_TLS"] is True


def test_tls_and_ssl_by_scheme_or_query():
    assert email_settings_from_url("smtp+tls://mail.example.org:587")["EMAIL_USE_TLS"] is True
    assert email_settings_from_url("smtp+ssl://mail.example.org:465")["EMAIL_USE_SSL"] is True
    assert email_settings_from_url("smtp://mail.example.org/?ssl=true")["EMAIL_USE_SSL"] is True
    assert "EMAIL_USE_TLS" not in email_settings_from_url("smtp://127.0.0.1:1025")


def test_the_console_is_the_default_scheme():
    config = email_settings_from_url("consolemail://")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_anymail_providers_take_their_settings_from_the_query():
    config = email_settings_from_url("anymail+brevo://?api_key=xkeysib-123")
    assert config == {
        "EMAIL_BACKEND": "anymail.backends.brevo.EmailBackend",
        "ANYMAIL": {"BREVO_API_KEY": "xkeysib-123"},
    }
    ses = email_settings_from_url("anymail+amazon_ses://?region_name=eu-west-1")
    assert ses["ANYMAIL"] == {"AMAZON_SES_REGION_NAME": "eu-west-1"}


def test_a_strange_provider_name_is_refused():
    with pytest.raises(ValueError):
        email_settings_from_url("anymail+../../etc://")
