"""Public pages of the nieuwsbrief: sign up, confirm, unsubscribe, manage, and the web archive.

A GET never changes anything (mail scanners open every link); every change is a POST from a button.
No page sets a cookie. The sign-up form (on every, cached, page) and the buttons on the confirm and
manage pages are protected by ``portal.security.origin_protected`` (cross-site posts refused by
Sec-Fetch-Site/Origin) instead of a CSRF token; pages behind a token are not cached, send no
referrer and are not indexed. The unsubscribe POST takes no check at all besides its token: RFC
8058 one-click requests come from mail providers' servers, without cookie, token or origin.
"""

import json
import logging

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.security import client_ip, origin_protected

from . import consent, emails, subscriptions, throttle, tokens
from .forms import SubscribeForm
from .models import ConsentEvent, Issue, Subscriber

logger = logging.getLogger(__name__)

ARCHIVE_PAGE_SIZE = 12


def _private(response):
    """Pages behind a token: never cached, never indexed, never leaking the token onwards."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- Sign-up ----------------------------------------------------------------------------------


@origin_protected
@require_http_methods(["GET", "POST"])
def aanmelden(request):
    if request.method == "GET":
        form = SubscribeForm(form_id="pagina", source=request.path)
        return TemplateResponse(request, "nieuwsbrief/aanmelden.html", {"form": form})

    if request.POST.get("website"):
        logger.info("Nieuwsbrief sign-up ignored: honeypot filled")
        return redirect("nieuwsbrief:bedankt")
    form = SubscribeForm(request.POST, form_id="pagina")
    if form.is_valid():
        check = consent.check_form_token(form.cleaned_data["formulier"])
        if not check.valid:
            form.add_error(
                None,
                "Dit formulier stond te lang open. Kijk uw gegevens na en klik nog een keer "
                "op Aanmelden.",
            )
            form.renew_token()
        elif check.too_fast:
            form.add_error(
                None, "Kijk uw gegevens nog even na en klik dan nog een keer op Aanmelden."
            )
        else:
            # Past an hourly cap nothing is done, and the answer is the same (no enumeration).
            if throttle.signup_allowed(client_ip(request)):
                subscriptions.request_subscription(
                    subscriptions.SignupRequest(
                        email=form.cleaned_data["email"],
                        name=form.cleaned_data["name"],
                        consent_text=consent.current(),
                        page_url=form.cleaned_data["bron"],
                        ip=client_ip(request),
                    )
                )
            return redirect("nieuwsbrief:bedankt")
    return TemplateResponse(request, "nieuwsbrief/aanmelden.html", {"form": form}, status=400)


@require_GET
def bedankt(request):
    return TemplateResponse(request, "nieuwsbrief/bedankt.html", {})


# --- Confirm ----------------------------------------------------------------------------------


def _invalid_link(request, status=404):
    return _private(TemplateResponse(request, "nieuwsbrief/link_ongeldig.html", {}, status=status))


@never_cache
@origin_protected
@require_http_methods(["GET", "POST"])
def bevestigen(request, token):
    try:
        key, confirm_round = tokens.read_confirm(token)
    except tokens.ExpiredToken:
        return _private(
            TemplateResponse(
                request, "nieuwsbrief/link_verlopen.html", {"token": token}, status=410
            )
        )
    except tokens.InvalidToken:
        return _invalid_link(request)
    subscriber = Subscriber.objects.filter(key=key, confirm_round=confirm_round).first()
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        try:
            subscriber = subscriptions.confirm(token)
        except tokens.InvalidToken:
            return _invalid_link(request)
    if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
        manage_url = reverse("nieuwsbrief:voorkeuren", args=[tokens.make(tokens.MANAGE, key)])
        return _private(
            TemplateResponse(
                request,
                "nieuwsbrief/bevestigd.html",
                {"subscriber": subscriber, "manage_url": manage_url},
            )
        )
    if subscriber.status != Subscriber.Status.PENDING:
        return _invalid_link(request)
    return _private(
        TemplateResponse(request, "nieuwsbrief/bevestigen.html", {"subscriber": subscriber})
    )


@never_cache
@origin_protected
@require_POST
def nieuwe_link(request, token):
    try:
        key, _ = tokens.read_confirm(token)
    except tokens.ExpiredToken as expired:
        key = expired.key
    except tokens.InvalidToken:
        return _invalid_link(request)
    subscriptions.resend_confirmation(key)
    return redirect("nieuwsbrief:bedankt")


# --- Unsubscribe and manage -------------------------------------------------------------------


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def afmelden(request, token):
    """GET shows a button; POST (also RFC 8058 one-click, without cookie or CSRF) unsubscribes."""
    try:
        key = tokens.read(tokens.UNSUBSCRIBE, token)
    except tokens.InvalidToken:
        return _invalid_link(request)
    if request.method == "POST":
        subscriptions.unsubscribe(key, channel=ConsentEvent.Channel.EMAIL)
        return _private(TemplateResponse(request, "nieuwsbrief/afgemeld.html", {}))
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _private(TemplateResponse(request, "nieuwsbrief/afgemeld.html", {}))
    return _private(
        TemplateResponse(
            request,
            "nieuwsbrief/afmelden.html",
            {
                "subscriber": subscriber,
                "manage_url": reverse(
                    "nieuwsbrief:voorkeuren", args=[tokens.make(tokens.MANAGE, key)]
                ),
            },
        )
    )


MANAGE_ACTIONS = ("pauzeren", "hervatten", "afmelden", "downloaden", "wissen")


@never_cache
@origin_protected
@require_http_methods(["GET", "POST"])
def voorkeuren(request, token):
    try:
        key = tokens.read(tokens.MANAGE, token)
    except tokens.InvalidToken:
        return _invalid_link(request)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        return _invalid_link(request)
    message, erase_error = "", ""
    if request.method == "POST":
        action = request.POST.get("actie", "")
        if action not in MANAGE_ACTIONS:
            return _private(HttpResponse("Onbekende keuze.", status=400))
        if action == "downloaden":
            data = json.dumps(subscriptions.export(subscriber), ensure_ascii=False, indent=2)
            response = HttpResponse(data, content_type="application/json; charset=utf-8")
            stamp = timezone.localdate().isoformat()
            response["Content-Disposition"] = (
                f'attachment; filename="mijn-gegevens-nieuwsbrief-{stamp}.json"'
            )
            return _private(response)
        if action == "wissen":
            if request.POST.get("zeker") == "ja":
                subscriptions.erase(subscriber)
                return _private(TemplateResponse(request, "nieuwsbrief/gewist.html", {}))
            erase_error = "Zet een vinkje om te laten weten dat u dit zeker weet."
        elif action == "pauzeren":
            subscriptions.pause(key)
            message = "De nieuwsbrief staat op pauze. U krijgt hem pas weer als u hem aanzet."
        elif action == "hervatten":
            subscriptions.resume(key)
            message = "U krijgt de nieuwsbrief weer."
        elif action == "afmelden":
            subscriptions.unsubscribe(key, channel=ConsentEvent.Channel.WEB)
            message = "U bent afgemeld. U krijgt geen nieuwsbrief meer."
        subscriber.refresh_from_db()
    return _private(
        TemplateResponse(
            request,
            "nieuwsbrief/voorkeuren.html",
            {"subscriber": subscriber, "message": message, "erase_error": erase_error},
            status=400 if erase_error else 200,
        )
    )


# --- Archive ----------------------------------------------------------------------------------


@require_GET
def archief(request):
    issues = (
        Issue.objects.in_archive()
        .only("title", "slug", "intro", "sending_started_at", "sent_revision_id")
        .order_by("-sending_started_at", "-pk")
    )
    paginator = Paginator(issues, ARCHIVE_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return TemplateResponse(request, "nieuwsbrief/archief.html", {"page_obj": page})


@require_GET
def editie(request, slug):
    issue = get_object_or_404(Issue.objects.in_archive().select_related("sent_revision"), slug=slug)
    sent = issue.archived_version()
    return TemplateResponse(
        request,
        "nieuwsbrief/editie.html",
        {"issue": issue, "content": sent, "items": emails.issue_items(sent, request)},
    )


# --- Provider webhooks ------------------------------------------------------------------------


def _tracking_views():
    from anymail.webhooks import (
        amazon_ses,
        brevo,
        mailgun,
        mailjet,
        postal,
        postmark,
        resend,
        sendgrid,
        sparkpost,
    )

    return {
        "amazon_ses": amazon_ses.AmazonSESTrackingWebhookView,
        "brevo": brevo.BrevoTrackingWebhookView,
        "mailgun": mailgun.MailgunTrackingWebhookView,
        "mailjet": mailjet.MailjetTrackingWebhookView,
        "postal": postal.PostalTrackingWebhookView,
        "postmark": postmark.PostmarkTrackingWebhookView,
        "resend": resend.ResendTrackingWebhookView,
        "sendgrid": sendgrid.SendGridTrackingWebhookView,
        "sparkpost": sparkpost.SparkPostTrackingWebhookView,
    }


@csrf_exempt
def webhook(request, esp):
    """Bounce and complaint events; answers only when ``ANYMAIL_WEBHOOK_SECRET`` is set."""
    view_class = _tracking_views().get(esp)
    if view_class is None or not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        raise Http404
    return view_class.as_view()(request)
