"""The admin's preview of an issue (``Issue.serve_preview``): the mail, its text, the web page."""

from django.http import HttpResponse
from django.template.response import TemplateResponse

from . import emails


def serve_issue_preview(request, issue, mode_name):
    """The admin preview: the mail as HTML, its plain-text part, or the web version."""
    if mode_name == "web":
        return TemplateResponse(
            request,
            "nieuwsbrief/editie.html",
            {
                "issue": issue,
                "content": issue,
                "items": emails.issue_items(issue, request),
                "preview": True,
            },
        )
    rendered = emails.render_issue(issue)
    example_unsubscribe = emails.site_url("nieuwsbrief:afmelden", "voorbeeld")
    example_manage = emails.site_url("nieuwsbrief:voorkeuren", "voorbeeld")
    if mode_name == "tekst":
        text = rendered.text.replace(emails.PLACEHOLDER_UNSUBSCRIBE, example_unsubscribe).replace(
            emails.PLACEHOLDER_MANAGE, example_manage
        )
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    html = rendered.html.replace(emails.PLACEHOLDER_UNSUBSCRIBE, example_unsubscribe).replace(
        emails.PLACEHOLDER_MANAGE, example_manage
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # A mail has its CSS inline, in style attributes; the site's policy forbids those. This
    # response is our own rendering and carries no script, so it gets a policy of its own.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
        "frame-ancestors 'self'"
    )
    return response
