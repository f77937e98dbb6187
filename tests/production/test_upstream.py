"""Pins on the few places the portal relies on behaviour its frameworks do not document.

Each test fails when an upgrade changes what the portal's code assumes, so the upgrade is checked
there and then, not found out in production. The list, and why each is needed, is in
docs/architecture.md ("Framework internals").
"""

import inspect
import os

from csp.middleware import CSPMiddleware
from django.test import RequestFactory
from modelsearch.backends import elasticsearchbase
from wagtail.admin import signal_handlers as wagtail_signal_handlers
from wagtail.admin.widgets.chooser import AdminPageChooser, BaseChooser

from inzendingen.apps import _WAGTAIL_MELDINGEN
from portal.security import nonce_used


def test_wagtail_chooser_render_is_its_public_parts():
    """``add_nonce_to_chooser_widgets`` renders a chooser from the public parts Wagtail's own
    ``BaseChooser.render`` is made of; if Wagtail renders more (or otherwise), this fails."""
    wagtail_render = BaseChooser.render.wagtail_render
    widget = AdminPageChooser()
    attrs = {"id": "id_pagina"}
    value_data = widget.get_value_data(None)
    expected = (
        f"{widget.render_html('pagina', value_data, attrs)}"
        f"<script>{widget.render_js_init('id_pagina', 'pagina', value_data)}</script>"
    )
    assert str(wagtail_render(widget, "pagina", None, attrs)) == expected
    ours = str(widget.render("pagina", None, attrs))
    assert ours == expected.replace("<script>", '<script nonce="">')


def test_django_csp_nonce_is_true_once_read():
    """``portal.cache`` leaves a response with a nonce out of the cache (``nonce_used``)."""
    request = RequestFactory().get("/")
    CSPMiddleware(lambda request: None).process_request(request)
    assert not nonce_used(request)
    nonce = str(request.csp_nonce)
    assert nonce and nonce_used(request)
    assert not nonce_used(RequestFactory().get("/"))  # no CSP middleware: no nonce


def test_modelsearch_builds_each_field_of_a_document_with_get_document_field_data():
    """``search.backends.engine`` overrides this private method for many-valued filter fields."""
    mapping = elasticsearchbase.ElasticsearchBaseMapping
    parameters = list(inspect.signature(mapping._get_document_field_data).parameters)
    assert parameters == ["self", "field", "obj"]
    assert "self._get_document_field_data(" in inspect.getsource(mapping.get_document)


def test_wagtail_connects_its_moderation_mails_under_these_dispatch_uids():
    """``inzendingen.apps`` replaces these receivers by their ``dispatch_uid``."""
    source = inspect.getsource(wagtail_signal_handlers.register_signal_handlers)
    for signaal, afzender, uid, ontvanger in _WAGTAIL_MELDINGEN:
        assert f'dispatch_uid="{uid}"' in source, uid
        assert f"{signaal}.connect(" in source or f"{signaal}\n" in source, signaal
        assert hasattr(wagtail_signal_handlers, ontvanger), ontvanger
        assert f"sender={afzender}" in source, afzender


def test_a_task_is_found_by_name_before_any_tasks_module_is_imported():
    """``portal.celery.task`` in a fresh process (a web server imports no ``tasks`` module)."""
    import subprocess
    import sys

    code = (
        "import django; django.setup()\n"
        "from portal.celery import app, task\n"
        "assert 'search.werk_zoekindex_bij' not in app.tasks\n"
        "for name in ('search.werk_zoekindex_bij', 'nieuwsbrief.send_mail',"
        " 'inzendingen.verstuur_mail'):\n"
        "    assert task(name).name == name\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
