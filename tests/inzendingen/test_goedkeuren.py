"""One screen for a decision: "Goedkeuren en publiceren" and "Afwijzen" on the submission itself.

Before, approving took four steps across two screens (open the draft, "Goedkeuren", confirm,
back to the queue). Now the moderator decides on the submission's own screen and lands on the
queue again, with a message that says what happened.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Task, WorkflowState, WorkflowTask

from inzendingen.models import Beoordeling, Inzending
from kaart.models import Dienst

from .conftest import voorbeeld_data
from .test_diensten import _wijziging_data

pytestmark = pytest.mark.django_db

LIJST = "wagtailsnippets_inzendingen_inzending:list"


def _inspect(inzending):
    return reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[inzending.pk])


def _actie(inzending, actie):
    return reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, actie])


def _laatste_melding(response) -> str:
    """The message the last action left (earlier ones wait unread: the test follows no redirect)."""
    return str(list(get_messages(response.wsgi_request))[-1])


def _voorbeeld(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    return Inzending.objects.get()


def test_a_voorbeeld_is_approved_and_published_from_its_own_screen(
    client, index, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    inzending = _voorbeeld(client, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    client.force_login(moderator)
    html = client.get(_inspect(inzending)).content.decode()
    assert "Goedkeuren en publiceren" in html and _actie(inzending, "goedkeuren") in html
    assert _actie(inzending, "afwijzen") in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_actie(inzending, "goedkeuren"))
    assert response.status_code == 302 and response["Location"] == reverse(LIJST)
    (melding,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "goedgekeurd en gepubliceerd" in melding and "Maatjes voor mantelzorgers" in melding

    inzending.refresh_from_db()
    pagina = inzending.voorbeeld
    assert pagina.live and not pagina.has_unpublished_changes
    assert inzending.status == Beoordeling.GOEDGEKEURD and inzending.besloten_op
    assert inzending.workflow_state.status == WorkflowState.STATUS_APPROVED
    assert [m.to for m in mailoutbox] == [["petra@example.org"]]  # the sender hears, once
    client.logout()
    assert client.get(pagina.url).status_code == 200
    # decided: the screen offers no decision any more
    client.force_login(moderator)
    html = client.get(_inspect(inzending)).content.decode()
    assert "Goedkeuren en publiceren" not in html and _actie(inzending, "afwijzen") not in html


def test_a_proposed_change_goes_live_when_approved_from_the_submission(
    client, dienst, moderator, django_capture_on_commit_callbacks
):
    data = _wijziging_data(client, dienst, telefoon="030 765 43 21", toelichting="Nieuw nummer.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:wijziging", args=[dienst.pk]), data)
    inzending = Inzending.objects.get()
    assert Dienst.objects.get(pk=dienst.pk).telefoon != "030 765 43 21"

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_actie(inzending, "goedkeuren"))
    assert response["Location"] == reverse(LIJST)
    dienst.refresh_from_db()
    assert dienst.telefoon == "030 765 43 21" and dienst.live
    assert not dienst.has_unpublished_changes


def test_declining_returns_to_the_queue_and_keeps_the_draft_hidden(
    client, index, moderator, django_capture_on_commit_callbacks
):
    inzending = _voorbeeld(client, django_capture_on_commit_callbacks)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_actie(inzending, "afwijzen"), {"toelichting": "Te kort."})
    assert response["Location"] == reverse(LIJST)
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.AFGEWEZEN and inzending.besluit_toelichting == "Te kort."
    assert not inzending.voorbeeld.live
    # and approving what was declined is refused with a message, not a 500
    response = client.post(_actie(inzending, "goedkeuren"))
    assert response["Location"] == _inspect(inzending)
    assert "wacht niet (meer) op goedkeuring" in _laatste_melding(response)


def test_only_who_may_approve_the_step_can_publish(
    client, index, moderator, django_user_model, django_capture_on_commit_callbacks
):
    """A user who may change submissions but is not in the step's group publishes nothing."""
    inzending = _voorbeeld(client, django_capture_on_commit_callbacks)
    helper = django_user_model.objects.create_user("helper", "helper@example.org", "geheim")
    groep = Group.objects.create(name="Helpers van de redactie")
    groep.permissions.set(
        Group.objects.get(name="Moderatoren").permissions.filter(
            content_type__app_label="inzendingen"
        )
    )
    groep.permissions.add(*Group.objects.get(name="Moderatoren").permissions.filter(
        codename="access_admin"
    ))  # fmt: skip
    helper.groups.add(groep)
    client.force_login(helper)
    response = client.post(_actie(inzending, "goedkeuren"))
    assert response.status_code == 302
    assert "niet goedkeuren" in _laatste_melding(response)
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.NIEUW and not inzending.voorbeeld.live


def test_a_review_of_two_steps_waits_for_the_second_reviewer(
    client, index, moderator, django_capture_on_commit_callbacks
):
    inzending = _voorbeeld(client, django_capture_on_commit_callbacks)
    workflow = inzending.workflow_state.workflow
    tweede = GroupApprovalTask.objects.create(name="Eindredactie")
    tweede.groups.add(Group.objects.create(name="Eindredactie"))
    WorkflowTask.objects.create(
        workflow=workflow, task=Task.objects.get(pk=tweede.pk), sort_order=9
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_actie(inzending, "goedkeuren"))
    assert "volgende stap" in _laatste_melding(response)
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.NIEUW and not inzending.voorbeeld.live
    assert inzending.workflow_state.current_task_state.task_id == tweede.pk
