"""From stored submission to draft in moderation, and from the editors' decision to the sender.

``ontvang_*`` store what a form sent (with its spam verdict and files); ``in_behandeling`` turns a
stored, non-suspect submission into what editors moderate — a draft ``VoorbeeldPage``, a draft
``Dienst`` or a new draft revision of a live one — and starts Wagtail's workflow on it with no user
(anonymous submitters have no account). The decision arrives through Wagtail's workflow signals
(``bij_goedkeuring``, ``bij_afwijzing``, ``bij_annulering``, connected in ``apps.py``) and is mailed
to the sender by our own Celery mail, since Wagtail has no one to tell.

Wagtail mails its moderators synchronously when a workflow starts; for public submissions that
mail is replaced by ours (``emails.melding_redactie``, through Celery), so a mail server outage
can never break a submission. ``publieke_inzending`` marks that moment for the wrapped notifiers.
"""

import contextvars
from contextlib import contextmanager
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, WorkflowState
from wagtail.utils.file import hash_filelike

from kaart.models import ENKELVOUDIG, MEERVOUDIG, Dienst, Gemeente, Term

from . import emails
from .models import (
    ONDERDELEN,
    Beoordeling,
    Bijlage,
    Inzending,
    Terugbelverzoek,
    Tip,
    VoorbeeldDocument,
    VoorbeeldenIndexPage,
    VoorbeeldLink,
    VoorbeeldPage,
)
from .tekst import als_alineas, link_tekst
from .workflow import standaard_workflow

_publieke_inzending = contextvars.ContextVar("publieke_inzending", default=False)
DOCUMENTEN_COLLECTIE = "Voorbeelden van gemeenten"


def is_publieke_inzending() -> bool:
    return _publieke_inzending.get()


@contextmanager
def publieke_inzending():
    """While active, Wagtail's own submission mails are skipped (ours go through Celery)."""
    token = _publieke_inzending.set(True)
    try:
        yield
    finally:
        _publieke_inzending.reset(token)


def start_moderatie(obj) -> WorkflowState | None:
    """Start the object's workflow (or the site's default one) without a user."""
    workflow = obj.get_workflow() or standaard_workflow()
    if workflow is None:
        return None
    with publieke_inzending():
        return workflow.start(obj, None)


def voorbeelden_index() -> VoorbeeldenIndexPage:
    """The collection's index page; created under the home page if an editor removed it."""
    index = VoorbeeldenIndexPage.objects.order_by("path").first()
    if index is not None:
        return index
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    thuis = site.root_page if site else Page.get_first_root_node().get_children().first()
    index = VoorbeeldenIndexPage(
        title="Voorbeelden van gemeenten",
        slug="voorbeelden",
        intro="Hoe pakken andere gemeenten eenzaamheid aan? Lees hun voorbeelden.",
    )
    thuis.add_child(instance=index)
    index.save_revision().publish()
    return index


# Receiving -----------------------------------------------------------------------------------


def _nieuw(model, oordeel, **velden):
    status = "spam" if oordeel.verdacht else model._meta.get_field("status").default
    return model.objects.create(status=status, spam_redenen=oordeel.redenen, **velden)


def _contact(contact: dict[str, str]) -> dict[str, str]:
    return {
        sleutel: contact.get(sleutel, "")
        for sleutel in ("naam", "email", "telefoon", "organisatie")
    }


def ontvang_voorbeeld(form, oordeel) -> Inzending:
    gegevens = form.gegevens()
    inzending = _nieuw(
        Inzending,
        oordeel,
        soort=Inzending.Soort.VOORBEELD,
        onderwerp=gegevens["titel"],
        gegevens=gegevens,
        **_contact(form.contact()),
    )
    for bestand in form.cleaned_data.get("bestanden", []):
        Bijlage.objects.create(
            inzending=inzending,
            bestand=bestand.als_bestand(),
            naam=bestand.naam,
            soort=bestand.soort,
            mime=bestand.mime,
            grootte=bestand.grootte,
        )
    if not oordeel.verdacht:
        in_behandeling(inzending)
    return inzending


def ontvang_dienst(form, oordeel) -> Inzending:
    gegevens = {"velden": form.gegevens()}
    inzending = _nieuw(
        Inzending,
        oordeel,
        soort=Inzending.Soort.DIENST,
        onderwerp=gegevens["velden"]["naam"],
        gegevens=gegevens,
        **_contact(form.contact()),
    )
    if not oordeel.verdacht:
        in_behandeling(inzending)
    return inzending


def ontvang_wijziging(form, oordeel) -> Inzending:
    gewijzigd = form.gewijzigde_velden()
    nieuw = form.gegevens()
    inzending = _nieuw(
        Inzending,
        oordeel,
        soort=Inzending.Soort.WIJZIGING,
        onderwerp=form.dienst.naam,
        dienst=form.dienst,
        toelichting=form.cleaned_data.get("toelichting", ""),
        gegevens={"gewijzigd": gewijzigd, "velden": {naam: nieuw[naam] for naam in gewijzigd}},
        **_contact(form.contact()),
    )
    if not oordeel.verdacht:
        in_behandeling(inzending)
    return inzending


def ontvang_opgeheven(form, oordeel, dienst: Dienst) -> Inzending:
    inzending = _nieuw(
        Inzending,
        oordeel,
        soort=Inzending.Soort.OPGEHEVEN,
        onderwerp=dienst.naam,
        dienst=dienst,
        toelichting=form.cleaned_data["toelichting"],
        **_contact(form.contact()),
    )
    if not oordeel.verdacht:
        in_behandeling(inzending)
    return inzending


def ontvang_melding(form, oordeel, dienst: Dienst) -> Inzending:
    """ "Klopt er iets niet?": to the moderators' queue and, when not suspect, to the beheerder."""
    inzending = _nieuw(
        Inzending,
        oordeel,
        soort=Inzending.Soort.MELDING,
        onderwerp=dienst.naam,
        dienst=dienst,
        toelichting=form.cleaned_data["toelichting"],
        **_contact(form.contact()),
    )
    if not oordeel.verdacht:
        in_behandeling(inzending)
    return inzending


def _normaal(link: str) -> str:
    link = link.strip().lower().split("#")[0].rstrip("/")
    for prefix in ("https://", "http://"):
        link = link.removeprefix(prefix)
    return link.removeprefix("www.")


def zoek_dubbel(link: str, behalve: int | None = None) -> str:
    """An existing hulpmiddel or tip with the same link, or on the same site; '' if none."""
    from hulpmiddelen.models import Hulpmiddel

    doel = _normaal(link)
    host = doel.split("/")[0]
    kandidaten = [
        (f"hulpmiddel '{h.title}'", h.link)
        for h in Hulpmiddel.objects.exclude(link="")
        .filter(link__icontains=host)
        .only("title", "link")
    ]
    tips = Tip.objects.exclude(status=Tip.Status.SPAM).filter(link__icontains=host)
    if behalve:
        tips = tips.exclude(pk=behalve)
    kandidaten += [
        (f"tip {t.referentie} '{t.titel}'", t.link)
        for t in tips.only("referentie", "titel", "link")
    ]
    gelijk = [naam for naam, andere in kandidaten if _normaal(andere) == doel]
    if gelijk:
        return ("Zelfde link als " + ", ".join(gelijk))[:250]
    zelfde_site = [naam for naam, andere in kandidaten if _normaal(andere).split("/")[0] == host]
    if zelfde_site:
        return ("Zelfde site als " + ", ".join(zelfde_site))[:250]
    return ""


def ontvang_tip(form, oordeel) -> Tip:
    data = form.cleaned_data
    tip = _nieuw(
        Tip,
        oordeel,
        titel=data["titel"],
        link=data["link"],
        soort_id=int(data["soort"]) if data.get("soort") else None,
        waarom=data["waarom"],
        email=data.get("inzender_email", ""),
        dubbel_met=zoek_dubbel(data["link"]),
    )
    if not oordeel.verdacht:
        emails.ontvangstbevestiging(tip)
        emails.melding_redactie(tip)
    return tip


def ontvang_terugbelverzoek(form, oordeel) -> Terugbelverzoek:
    data = form.cleaned_data
    verzoek = _nieuw(
        Terugbelverzoek,
        oordeel,
        naam=data["naam"],
        telefoon=data["telefoon"],
        moment=data["moment"],
        vraag=data.get("vraag", ""),
    )
    if not oordeel.verdacht:
        emails.melding_redactie(verzoek)
    return verzoek


# Into moderation -----------------------------------------------------------------------------


def in_behandeling(inzending: Inzending) -> None:
    """Make the draft for a stored submission, start its workflow and queue the mails."""
    if inzending.soort == Inzending.Soort.VOORBEELD:
        _maak_voorbeeld(inzending)
    elif inzending.soort == Inzending.Soort.DIENST:
        _maak_dienst(inzending)
    elif inzending.soort == Inzending.Soort.WIJZIGING:
        _maak_wijziging(inzending)
    elif inzending.soort == Inzending.Soort.MELDING:
        emails.melding_beheerder(inzending)
    emails.ontvangstbevestiging(inzending)
    emails.melding_redactie(inzending)


def _maak_voorbeeld(inzending: Inzending) -> None:
    g = inzending.gegevens
    pagina = VoorbeeldPage(
        title=g["titel"],
        gemeente=Gemeente.objects.get(code=g["gemeente"]),
        samenvatting=g["samenvatting"],
        partners=g.get("partners", ""),
        resultaten=als_alineas(g.get("resultaten", "")),
        contact_naam=g.get("contact_naam", ""),
        contact_email=g.get("contact_email", ""),
        contact_telefoon=g.get("contact_telefoon", ""),
        live=False,
        **{naam: als_alineas(g.get(naam, "")) for naam in ONDERDELEN},
    )
    pagina.doelgroepen.set(
        list(Term.objects.filter(vocabulaire="doelgroep", slug__in=g.get("doelgroepen", [])))
    )
    pagina.links = [VoorbeeldLink(titel=link_tekst(url), url=url) for url in g.get("links", [])]
    voorbeelden_index().add_child(instance=pagina)
    inzending.revisie = pagina.save_revision(user=None, log_action=True)
    inzending.voorbeeld = pagina
    inzending.workflow_state = start_moderatie(pagina)
    inzending.save(update_fields=["voorbeeld", "revisie", "workflow_state"])


def _pas_toe(dienst: Dienst, waarden: dict, velden) -> None:
    """Set the given fields of a (saved or new) service from the form's JSON values, in memory."""
    slugs = {(naam, slug) for naam in velden if naam in MEERVOUDIG for slug in waarden[naam]}
    slugs |= {(naam, waarden[naam]) for naam in velden if naam in ENKELVOUDIG and waarden[naam]}
    termen = {
        (term.vocabulaire, term.slug): term
        for term in Term.objects.filter(slug__in={slug for _, slug in slugs})
    }
    for naam in velden:
        waarde = waarden[naam]
        if naam in MEERVOUDIG:
            getattr(dienst, naam).set([termen[(naam, s)] for s in waarde if (naam, s) in termen])
        elif naam in ENKELVOUDIG:
            setattr(dienst, naam, termen.get((naam, waarde)))
        elif naam == "gemeenten":
            dienst.gemeenten.set(list(Gemeente.objects.filter(code__in=waarde)))
        elif naam == "beschrijving":
            dienst.beschrijving = als_alineas(waarde or "")
        elif naam == "kosten_bedrag":
            dienst.kosten_bedrag = Decimal(waarde) if waarde not in (None, "") else None
        else:
            setattr(dienst, naam, waarde)


def _maak_dienst(inzending: Inzending) -> None:
    waarden = inzending.gegevens["velden"]
    dienst = Dienst(live=False, laatst_gecontroleerd=timezone.localdate())
    _pas_toe(dienst, waarden, waarden.keys())
    dienst.save()
    inzending.dienst = dienst
    inzending.revisie = dienst.save_revision(user=None, log_action=True)
    inzending.workflow_state = start_moderatie(dienst)
    inzending.save(update_fields=["dienst", "revisie", "workflow_state"])


def _maak_wijziging(inzending: Inzending) -> None:
    """A new draft revision of the live service with the proposed values; the live one stays.

    When another review of the same service is still running, the proposal waits and is made
    once that review ends (``volgende_wijziging``), always on top of the then live version.
    """
    if inzending.dienst_id is None:
        return
    with transaction.atomic():
        # One proposal at a time per service: the row lock makes a second proposal sent at the
        # same moment wait here, then see the first one's review and wait its turn (on SQLite
        # the write lock of the IMMEDIATE transaction does the same).
        dienst = Dienst.objects.select_for_update().get(pk=inzending.dienst_id)
        if WorkflowState.objects.active().for_instance(dienst).exists():
            return
        gewijzigd = inzending.gegevens.get("gewijzigd", [])
        _pas_toe(dienst, inzending.gegevens.get("velden", {}), gewijzigd)
        dienst.laatst_gecontroleerd = timezone.localdate()
        inzending.revisie = dienst.save_revision(user=None, log_action=True)
        inzending.workflow_state = start_moderatie(dienst)
        inzending.save(update_fields=["revisie", "workflow_state"])


def volgende_wijziging(dienst_id) -> None:
    """Start the review of the next waiting change proposal for a service, if any."""
    wachtend = (
        Inzending.objects.filter(
            soort=Inzending.Soort.WIJZIGING,
            status=Beoordeling.NIEUW,
            dienst_id=dienst_id,
            revisie__isnull=True,
        )
        .order_by("ontvangen_op")
        .first()
    )
    if wachtend is not None:
        _maak_wijziging(wachtend)


def geen_spam(inzending, user=None) -> None:
    """A moderator says a suspect submission is fine: handle it as if it came in now."""
    if inzending.status != Beoordeling.SPAM:
        return
    if isinstance(inzending, Terugbelverzoek):
        inzending.status = Terugbelverzoek.Status.OPEN
        inzending.save(update_fields=["status"])
        return
    inzending.status = Beoordeling.NIEUW
    inzending.save(update_fields=["status"])
    if isinstance(inzending, Tip):
        emails.ontvangstbevestiging(inzending)
    else:
        in_behandeling(inzending)


def markeer_spam(inzending, user=None) -> None:
    """A moderator says it is spam after all: stop its review; purged after the spam period."""
    if isinstance(inzending, Inzending) and inzending.workflow_state_id:
        state = inzending.workflow_state
        if state.status in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES):
            state.cancel(user=user)
        _herstel_live_versie(inzending)
    inzending.status = "spam"
    inzending.spam_redenen = [*inzending.spam_redenen, "Door de redactie als spam gemarkeerd"]
    inzending.save(update_fields=["status", "spam_redenen"])


# Decisions -----------------------------------------------------------------------------------


def _inzendingen_van(state: WorkflowState):
    return Inzending.objects.filter(workflow_state=state, status=Beoordeling.NIEUW).select_related(
        "voorbeeld", "dienst"
    )


def _besluit(inzending, status, toelichting="") -> None:
    inzending.status = status
    inzending.besloten_op = timezone.now()
    if toelichting and hasattr(inzending, "besluit_toelichting"):
        inzending.besluit_toelichting = toelichting
    velden = ["status", "besloten_op"]
    if hasattr(inzending, "besluit_toelichting"):
        velden.append("besluit_toelichting")
    inzending.save(update_fields=velden)
    emails.besluit(inzending)


def _herstel_live_versie(inzending: Inzending) -> None:
    """A declined proposal must not stay the latest revision of a live service (editors would
    otherwise start from it): point the service back at its live version."""
    if inzending.soort != Inzending.Soort.WIJZIGING or not inzending.dienst_id:
        return
    dienst = Dienst.objects.get(pk=inzending.dienst_id)
    if not dienst.live or dienst.latest_revision_id != inzending.revisie_id:
        return
    if dienst.live_revision_id is None:
        # Imported services have no revisions: record the live row as one.
        dienst.live_revision = dienst.save_revision(user=None, log_action=False)
    dienst.latest_revision_id = dienst.live_revision_id
    dienst.has_unpublished_changes = False
    dienst.save(update_fields=["latest_revision", "live_revision", "has_unpublished_changes"])


def _publiceer_bijlagen(inzending: Inzending, user) -> None:
    """Approved example: its files (those a moderator kept public) become Wagtail documents."""
    bijlagen = list(inzending.bijlagen.filter(openbaar=True, document__isnull=True))
    if not bijlagen or inzending.voorbeeld_id is None:
        return
    collectie = Collection.get_first_root_node().get_children().filter(
        name=DOCUMENTEN_COLLECTIE
    ).first() or Collection.get_first_root_node().add_child(name=DOCUMENTEN_COLLECTIE)
    pagina = VoorbeeldPage.objects.get(pk=inzending.voorbeeld_id)
    document_model = get_document_model()
    for bijlage in bijlagen:
        with bijlage.bestand.open("rb") as bron:
            inhoud = bron.read()
        document = document_model(
            title=bijlage.naam.rsplit(".", 1)[0].replace("_", " ")[:255],
            collection=collectie,
            uploaded_by_user=user,
        )
        document.file.save(bijlage.naam, ContentFile(inhoud), save=False)
        # What Wagtail's upload form records, through public API: size and hash (duplicates)
        document.file_size = len(inhoud)
        document.file_hash = hash_filelike(BytesIO(inhoud))
        document.save()
        bijlage.document = document
        bijlage.save(update_fields=["document"])
        pagina.documenten.add(VoorbeeldDocument(document=document))
    if pagina.live:
        pagina.save_revision(user=user, log_action=True).publish(user=user)


def bij_goedkeuring(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    for inzending in _inzendingen_van(instance):
        if inzending.soort == Inzending.Soort.VOORBEELD:
            _publiceer_bijlagen(inzending, user)
        _besluit(inzending, Beoordeling.GOEDGEKEURD)
    _na_beoordeling(instance)


def bij_afwijzing(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    inzendingen = list(_inzendingen_van(instance))
    if not inzendingen:
        return
    taak = instance.current_task_state
    toelichting = taak.get_comment() if taak is not None else ""
    for inzending in inzendingen:
        _besluit(inzending, Beoordeling.AFGEWEZEN, toelichting)
        _herstel_live_versie(inzending)
    # Declined is final for a public submission: there is nobody to make the changes.
    instance.cancel(user=user)


def bij_annulering(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    """A review stopped without approval: an editor published it directly, or cancelled it."""
    for inzending in _inzendingen_van(instance):
        obj = instance.content_object
        gepubliceerd = getattr(obj, "live", False) and (
            inzending.revisie_id is None or (obj.live_revision_id or 0) >= inzending.revisie_id
        )
        if gepubliceerd:
            if inzending.soort == Inzending.Soort.VOORBEELD:
                _publiceer_bijlagen(inzending, user)
            _besluit(inzending, Beoordeling.GOEDGEKEURD)
    _na_beoordeling(instance)


def _na_beoordeling(state: WorkflowState) -> None:
    from django.contrib.contenttypes.models import ContentType

    if state.base_content_type_id == ContentType.objects.get_for_model(Dienst).pk:
        dienst_id = state.object_id
        transaction.on_commit(lambda: _volgende_na_commit(dienst_id))


def _volgende_na_commit(dienst_id) -> None:
    with transaction.atomic():
        volgende_wijziging(int(dienst_id))


def wijs_af(inzending, user=None, toelichting: str = "") -> None:
    """Decline from the submissions admin (any kind), ending a running review first."""
    if isinstance(inzending, Inzending) and inzending.workflow_state_id:
        state = inzending.workflow_state
        if state.status in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES):
            state.cancel(user=user)
        _herstel_live_versie(inzending)
    status = Tip.Status.AFGEWEZEN if isinstance(inzending, Tip) else Beoordeling.AFGEWEZEN
    _besluit(inzending, status, toelichting)
    if isinstance(inzending, Inzending) and inzending.dienst_id:
        dienst_id = inzending.dienst_id
        transaction.on_commit(lambda: _volgende_na_commit(dienst_id))


GOED_TE_KEUREN = (Inzending.Soort.VOORBEELD, Inzending.Soort.DIENST, Inzending.Soort.WIJZIGING)


def kan_goedgekeurd_worden(inzending) -> bool:
    """A submission whose draft (voorbeeld, new dienst or proposed change) is still in review."""
    return (
        isinstance(inzending, Inzending)
        and inzending.soort in GOED_TE_KEUREN
        and inzending.status == Beoordeling.NIEUW
        and inzending.workflow_state_id is not None
        and inzending.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    )


def keur_goed_en_publiceer(inzending: Inzending, user) -> bool:
    """Approve every step of the draft's review that ``user`` may approve, as the editor's
    "Goedkeuren" in Wagtail does (``Task.get_actions`` and ``Task.on_action``). After the last
    step Wagtail publishes the draft and ``bij_goedkeuring`` records the decision and tells the
    sender. True when it is published; False when a step remains that is someone else's."""
    if not kan_goedgekeurd_worden(inzending):
        raise ValueError(f"{inzending.referentie} wacht niet (meer) op goedkeuring.")
    state = inzending.workflow_state
    obj = state.content_object
    goedgekeurd = 0
    while state.status == WorkflowState.STATUS_IN_PROGRESS:
        taak_status = state.current_task_state.specific
        taak = taak_status.task.specific
        if not any(naam == "approve" for naam, *_ in taak.get_actions(obj, user)):
            if not goedgekeurd:
                raise ValueError(f"U mag de stap '{taak.name}' niet goedkeuren.")
            return False
        taak.on_action(taak_status, user, "approve", comment="")
        goedgekeurd += 1
        state.refresh_from_db()
    return state.status == WorkflowState.STATUS_APPROVED


def dienst_opgeheven(inzending: Inzending, user=None) -> None:
    """Accept a "no longer exists" report: take the service offline and tell the sender."""
    if inzending.dienst_id:
        dienst = Dienst.objects.get(pk=inzending.dienst_id)
        if dienst.live:
            dienst.unpublish(user=user)
    _besluit(inzending, Beoordeling.GOEDGEKEURD)


def melding_verwerkt(inzending: Inzending, user=None) -> None:
    """A "Klopt er iets niet?" report is dealt with: it leaves the queue; the reporter hears."""
    _besluit(inzending, Beoordeling.GOEDGEKEURD)


def maak_hulpmiddel(tip: Tip, user=None):
    """Turn a tip into a draft hulpmiddel in one step; returns the hulpmiddel."""
    from django.utils.text import slugify

    from home.templatetags.portal_tags import video_embed_url
    from hulpmiddelen.models import Hulpmiddel, Soort

    if tip.hulpmiddel_id:
        return tip.hulpmiddel
    soort = tip.soort or Soort.objects.order_by("naam").first()
    if soort is None:
        raise ValueError("Er is nog geen soort hulpmiddel. Maak eerst een soort aan.")
    basis = slugify(tip.titel)[:180] or "hulpmiddel"
    slug, teller = basis, 2
    while Hulpmiddel.objects.filter(slug=slug).exists():
        slug, teller = f"{basis}-{teller}", teller + 1
    hulpmiddel = Hulpmiddel(
        title=tip.titel, slug=slug, beschrijving=tip.waarom, soort=soort, live=False
    )
    if video_embed_url(tip.link):
        hulpmiddel.video_url = tip.link
    else:
        hulpmiddel.link = tip.link
    hulpmiddel.save()
    hulpmiddel.save_revision(user=user, log_action=True)
    tip.hulpmiddel = hulpmiddel
    tip.save(update_fields=["hulpmiddel"])
    _besluit(tip, Tip.Status.VERWERKT)
    return hulpmiddel
