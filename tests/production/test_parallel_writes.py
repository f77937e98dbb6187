"""Many visitors sending a form at the same moment, on the embedded default (SQLite).

A real multi-threaded HTTP server (the ``live_site`` thread, Django's ThreadedWSGIServer) on the
file-based SQLite test database gets 20 POSTs at once on every public form and on the newsletter
sign-up. Each visitor first opens the form, as a browser does, and sends it back with the hidden
fields that page carried (the signed fill-in time, the puzzle) after the minimum fill-in time; each
comes from its own address behind the one trusted proxy (``TRUSTED_PROXY_COUNT=1``, as in
production) and gives its own e-mail address, so no rate limit applies. Every request must get an
answer below 500 and every submission must be stored exactly once, not flagged as spam; the
mails go out from the background thread meanwhile, as on the embedded default.

The figures per form are printed (run with ``-s`` to see them).
"""

import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

import pytest
import requests
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone

pytestmark = [pytest.mark.slow]

PARALLEL = 20


def form_data(html: str, marker: str) -> tuple[str, dict]:
    """The action and the fields of the form that has a field named ``marker``, as a browser
    would send them without any change (hidden, prefilled and checked fields)."""
    soup = BeautifulSoup(html, "html.parser")
    form = next(f for f in soup.find_all("form") if f.find(attrs={"name": marker}))
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "select":
            chosen = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
            data.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "reset"):
            data.setdefault(name, []).append(field.get("value", ""))
    return form.get("action", ""), data


# The minimum fill-in time of the forms and of the newsletter (3 s), with a margin.
MIN_FILL_IN = 3.5


def open_forms(
    base: str, path: str, marker: str, fill, blok: int = 0
) -> list[tuple[str, dict, str]]:
    """Open the form PARALLEL times, as PARALLEL visitors do: per visitor the address to send
    to, the fields as filled in, and the visitor's own address (``10.<blok>.0.<n>``: each form
    its own visitors, so the site's limit on forms per address stays out of this test)."""

    def open_form(n):
        page = requests.get(urljoin(base, path), timeout=30)
        assert page.status_code == 200, (path, page.status_code)
        action, data = form_data(page.text, marker)
        data.update({k: v if isinstance(v, list) else [v] for k, v in fill(n).items()})
        return urljoin(page.url, action or path), data, f"10.{blok}.0.{n + 1}"

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(open_form, range(PARALLEL)))


def send_at_once(base: str, prepared: list[tuple[str, dict, str]]) -> list[int]:
    """Send the opened forms all at the same moment; the status of each answer."""
    barrier = threading.Barrier(PARALLEL)
    statuses: list[int] = [0] * PARALLEL

    def post(n):
        url, data, address = prepared[n]
        barrier.wait(30)
        try:
            response = requests.post(
                url,
                data=data,
                headers={"X-Forwarded-For": address, "Origin": base},
                allow_redirects=False,
                timeout=60,
            )
            statuses[n] = response.status_code
        except requests.RequestException:
            statuses[n] = 599

    threads = [threading.Thread(target=post, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


@pytest.fixture
def run_id():
    return uuid.uuid4().hex[:8]


@pytest.fixture
def dienst(live_site, django_db_blocker):
    from kaart.models import Dienst

    with django_db_blocker.unblock():
        return Dienst.objects.filter(live=True).order_by("pk").first()


@pytest.fixture
def cleanup(django_db_blocker, run_id, dienst):
    """Remove this test's rows afterwards; the demo content stays as it was. The rows are
    committed, so what the submissions made (draft pages and services, their reviews, the search
    outbox's rows) would otherwise stay for every later test."""
    from wagtail.models import Page, Revision, WorkflowState

    from kaart.models import Dienst
    from search.models import IndexOpdracht

    def last(model):
        return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    with django_db_blocker.unblock():
        last_revision = last(Revision)
        made_before = {model: last(model) for model in (Page, Dienst, WorkflowState)}
        last_opdracht = last(IndexOpdracht)
        dienst_state = (dienst.latest_revision_id, dienst.has_unpublished_changes)
    yield
    from inzendingen.models import Inzending, Mail, Terugbelverzoek, Tip
    from nieuwsbrief.models import Subscriber, TransactionalMail

    with django_db_blocker.unblock():
        Inzending.objects.filter(email__contains=run_id).delete()
        Tip.objects.filter(email__contains=run_id).delete()
        Terugbelverzoek.objects.filter(naam__contains=run_id).delete()
        Mail.objects.all().delete()
        TransactionalMail.objects.filter(subscriber__email__contains=run_id).delete()
        Subscriber.objects.filter(email__contains=run_id).delete()
        WorkflowState.objects.filter(pk__gt=made_before[WorkflowState]).delete()
        for page in Page.objects.filter(pk__gt=made_before[Page]).order_by("-depth"):
            page.delete()
        Dienst.objects.filter(pk__gt=made_before[Dienst]).delete()
        Revision.objects.filter(pk__gt=last_revision).delete()
        Dienst.objects.filter(pk=dienst.pk).update(
            latest_revision_id=dienst_state[0], has_unpublished_changes=dienst_state[1]
        )
        IndexOpdracht.objects.filter(pk__gt=last_opdracht).delete()


def forms(run_id, dienst):
    """(name, path, a field only that form has, what the visitor fills in, stored rows)."""
    from inzendingen.models import Inzending, Terugbelverzoek, Tip
    from nieuwsbrief.models import Subscriber

    def inzendingen(soort):
        return lambda: Inzending.objects.filter(soort=soort, email__contains=run_id)

    def email(n, formulier):
        # One address per visitor per form: the limit on forms per e-mail address per hour
        # (INZENDINGEN_MAX_PER_EMAIL_PER_UUR) is not what this test is about.
        return f"{formulier}{n}-{run_id}@example.org"

    return [
        (
            "voorbeeld",
            "/inzendingen/voorbeeld/",
            "formulier_tijd",
            lambda n: {
                "gemeente": "GM0344",
                "titel": f"Maatjes voor mantelzorgers {n}",
                "samenvatting": "Mantelzorgers krijgen een maatje dat naar hen luistert.",
                "ondersteuning": "Een vrijwilliger komt elke week langs.",
                "doelgroepen": ["mantelzorgers"],
                "inzender_naam": f"Petra {n}",
                "inzender_email": email(n, "voorbeeld"),
                "toestemming": "on",
            },
            inzendingen("voorbeeld"),
        ),
        (
            "dienst aanmelden",
            "/inzendingen/dienst/",
            "formulier_tijd",
            lambda n: {
                "naam": f"Belcirkel {run_id} {n}",
                "samenvatting": "Elke ochtend belt een vrijwilliger u voor een praatje.",
                "beschrijving": "U krijgt elke dag een telefoontje.",
                "aanbieder": "Stichting Samen",
                "doelgroep": ["ouderen"],
                "activiteit": ["een-op-een"],
                "plek": ["telefonisch"],
                "frequentie": "structureel",
                "kosten_bedrag": "0",
                "gemeenten": ["GM0344"],
                "inzender_naam": f"Karin {n}",
                "inzender_email": email(n, "aanmelden"),
                "toestemming": "on",
            },
            inzendingen("dienst"),
        ),
        (
            "dienst wijzigen",
            f"/inzendingen/wijziging/{dienst.pk}/",
            "formulier_tijd",
            lambda n: {
                "samenvatting": f"Nieuwe samenvatting {n} van deze dienst, voor iedereen.",
                "toelichting": f"Wijziging {n}",
                "inzender_naam": f"Henk {n}",
                "inzender_email": email(n, "wijziging"),
                "toestemming": "on",
            },
            inzendingen("wijziging"),
        ),
        (
            "dienst opgeheven",
            f"/inzendingen/wijziging/{dienst.pk}/opgeheven/",
            "formulier_tijd",
            lambda n: {
                "toelichting": f"De groep is gestopt ({n}).",
                "inzender_email": email(n, "opgeheven"),
                "toestemming": "on",
            },
            inzendingen("opgeheven"),
        ),
        (
            "klopt er iets niet",
            f"/inzendingen/melding/{dienst.pk}/",
            "formulier_tijd",
            lambda n: {
                "toelichting": f"Het telefoonnummer werkt niet meer ({n}).",
                "inzender_email": email(n, "melding"),
                "toestemming": "on",
            },
            inzendingen("melding"),
        ),
        (
            "tip",
            "/inzendingen/tip/",
            "formulier_tijd",
            lambda n: {
                "titel": f"Handboek luisteren {n}",
                "link": f"https://www.voorbeeld.nl/handboek-{run_id}-{n}",
                "waarom": "Het helpt vrijwilligers om beter te luisteren.",
                "inzender_email": email(n, "tip"),
                "toestemming": "on",
            },
            lambda: Tip.objects.filter(email__contains=run_id),
        ),
        (
            "bel mij terug",
            "/inzendingen/bel-mij-terug/",
            "formulier_tijd",
            lambda n: {
                "naam": f"Riet {run_id} {n}",
                "telefoon": "0301234567",
                "moment": "ochtend",
                "toestemming": "on",
            },
            lambda: Terugbelverzoek.objects.filter(naam__contains=run_id),
        ),
        (
            "nieuwsbrief",
            "/nieuwsbrief/",
            "formulier",
            lambda n: {"email": email(n, "lezer"), "name": f"Lezer {n}", "consent": "ja"},
            lambda: Subscriber.objects.filter(email__contains=run_id),
        ),
    ]


@override_settings(TRUSTED_PROXY_COUNT=1, BACKGROUND_THREAD=True)
def test_twenty_visitors_at_once_on_every_form_lose_nothing(
    live_site, django_db_blocker, run_id, dienst, cleanup
):
    from inzendingen.models import Mail
    from inzendingen.urls import urlpatterns
    from nieuwsbrief.models import TransactionalMail
    from portal.background import run_soon

    started = timezone.now()
    all_forms = forms(run_id, dienst)
    # Every public form of inzendingen/urls.py is here. Not: the thank-you page (no form), the
    # beheerder's signed single-use links of the verification cycle (one person, one answer:
    # tests/inzendingen/test_controle.py), and "Mail deze lijst", which stores nothing but its
    # outbox mail (tests/inzendingen/test_bewaarlijst_mail.py).
    geen_formulier = {"verzonden", "bewaarlijst"}
    publiek = [
        p for p in urlpatterns if p.name not in geen_formulier and not p.name.startswith("controle")
    ]
    assert len(all_forms) - 1 == len(publiek)
    # Every visitor of every form opens it first, and waits the minimum fill-in time once (not
    # once per form); then the visitors of each form in turn send it at the same moment.
    opened = {
        name: open_forms(live_site, path, marker, fill, blok)
        for blok, (name, path, marker, fill, _) in enumerate(all_forms)
    }
    time.sleep(MIN_FILL_IN)
    figures = {}
    for name, _path, _marker, _fill, stored in all_forms:
        statuses = send_at_once(live_site, opened[name])
        run_soon(lambda: None).result(120)  # the mails of these submissions are out (one thread)
        with django_db_blocker.unblock():
            rows = list(stored())
        figures[name] = {
            "requests": len(statuses),
            "5xx": sum(status >= 500 for status in statuses),
            "stored": len(rows),
            "distinct": len({getattr(row, "email", "") or row.naam for row in rows}),
            "statuses": dict(Counter(statuses)),
            "spam": sum(bool(getattr(row, "spam_redenen", [])) for row in rows),
        }
    with django_db_blocker.unblock():
        unsent = (
            Mail.objects.filter(aangemaakt_op__gte=started)
            .exclude(status=Mail.Status.VERZONDEN)
            .count()
        )
        unsent += (
            TransactionalMail.objects.filter(subscriber__email__contains=run_id)
            .exclude(status=TransactionalMail.Status.SENT)
            .count()
        )
    print("\nParallel writes on SQLite:")
    for name, figure in figures.items():
        print(f"  {name:18} {figure}")
    for name, figure in figures.items():
        assert figure["5xx"] == 0, (name, figure)
        assert figure["stored"] == figure["distinct"] == PARALLEL, (name, figure)
        assert figure["spam"] == 0, (name, figure)
        assert set(figure["statuses"]) == {302}, (name, figure)
    assert unsent == 0  # and the background thread sent every mail, beside all those writes


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_write_that_finds_the_database_locked_is_answered_honestly_and_kept(
    live_site, django_db_blocker, run_id, cleanup
):
    """Past the busy timeout: 503 with Retry-After, a Dutch page with the input, nothing lost."""
    import sqlite3
    from unittest import mock

    from django.db import connections

    from inzendingen.models import Terugbelverzoek

    configured = connections.settings["default"]
    if configured["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the busy timeout is SQLite's")
    page = requests.get(f"{live_site}/inzendingen/bel-mij-terug/", timeout=30)
    action, data = form_data(page.text, "formulier_tijd")
    data.update(
        naam=[f"Riet {run_id}"], telefoon=["0301234567"], moment=["ochtend"], toestemming=["on"]
    )
    time.sleep(MIN_FILL_IN)
    url = urljoin(page.url, action or "/inzendingen/bel-mij-terug/")
    headers = {"X-Forwarded-For": "198.51.100.200", "Origin": live_site}

    holder = sqlite3.connect(configured["NAME"], isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock, longer than we wait
        with mock.patch.dict(configured["OPTIONS"], {"timeout": 0.5}):
            busy = requests.post(url, data=data, headers=headers, allow_redirects=False, timeout=30)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert busy.status_code == 503
    assert busy.headers["Retry-After"].isdigit()
    assert "Het is even te druk" in busy.text and "Er is niets verloren" in busy.text
    with django_db_blocker.unblock():
        assert not Terugbelverzoek.objects.filter(naam__contains=run_id).exists()

    # The page holds what the visitor typed; its one button sends it again, and now it is stored.
    again_action, again_data = form_data(busy.text, "naam")
    assert again_data["naam"] == [f"Riet {run_id}"] and again_data["telefoon"] == ["0301234567"]
    again = requests.post(
        urljoin(busy.url, again_action),
        data=again_data,
        headers=headers,
        allow_redirects=False,
        timeout=30,
    )
    assert again.status_code == 302
    with django_db_blocker.unblock():
        assert Terugbelverzoek.objects.filter(naam__contains=run_id).count() == 1


def test_the_busy_page_never_writes_a_password_back(rf):
    from django.db import OperationalError

    from portal.database import DatabaseBusyMiddleware

    request = rf.post("/beheer/login/", {"username": "redacteur", "password": "geheim"})
    response = DatabaseBusyMiddleware(lambda r: None).process_exception(
        request, OperationalError("database is locked")
    )
    assert response.status_code == 503
    html = response.content.decode()
    assert 'value="redacteur"' in html and "geheim" not in html
    other = DatabaseBusyMiddleware(lambda r: None).process_exception(
        request, OperationalError("no such table: x")
    )
    assert other is None
