"""Wagtail documents under /documenten/, always as a download and under a sandboxing CSP.

Documents come from editors and, once a moderator approves an example, from the public forms. A
PDF shown inline runs in the browser's PDF viewer on the site's own origin, so no document is
ever shown inline: ``WAGTAILDOCS_INLINE_CONTENT_TYPES`` is empty (Wagtail then sends every file
with ``Content-Disposition: attachment``) and :func:`serve` adds ``sandbox`` to the policy, so a
browser that opens the file anyway treats it as a page from a unique origin with scripts off.
Submitted files that are not (yet) documents are only downloaded by moderators
(``inzendingen.viewsets.bijlage_downloaden``, with the same headers).
"""

from django.urls import include, re_path
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtail_serve

DOCUMENT_CSP = "default-src 'none'; sandbox"


def serve(request, document_id, document_filename):
    """Wagtail's document view, with the download and sandbox headers on every file it sends."""
    response = wagtail_serve.serve(request, document_id, document_filename)
    if response.status_code in (200, 206, 304):
        response["Content-Security-Policy"] = DOCUMENT_CSP
        response["X-Content-Type-Options"] = "nosniff"
        if not response.get("Content-Disposition", "").startswith("attachment"):
            response["Content-Disposition"] = "attachment"
    return response


# Ours first, under Wagtail's name (so document.url is unchanged); then Wagtail's other views.
urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve, name="wagtaildocs_serve"),
    *wagtaildocs_urls.urlpatterns,
]
documenten = include(urlpatterns)
