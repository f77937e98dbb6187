"""The portal's URLs: each app's own, included by name (the portal imports no app)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from portal import documents

urlpatterns = [
    path(f"{settings.ADMIN_PATH}/", include(wagtailadmin_urls)),
    path("documenten/", documents.documenten),
    path("", include("search.urls")),
    path("", include("home.urls")),
    # HSDS 3.0, and its first address (errors there keep the kaart contract's shape); the
    # prefixes alone answer too, without a redirect.
    path("api/", include("kaart.hsds_kaal_urls")),
    path("api/hsds/", include("kaart.hsds_urls")),
    path("api/kaart/hsds/", include("kaart.hsds_urls", namespace="kaart-hsds"), {"oud": True}),
    path("api/v1/", include("kaart.api_v1_urls")),
    path("api/kaart/", include("kaart.api_urls")),
    path("", include("kaart.urls")),
    path("", include("nieuwsbrief.urls")),
    path("", include("inzendingen.urls")),
    path("", include("gemeenten.urls")),
]

if settings.DEBUG:
    # Django's own admin is a development tool: editors use Wagtail's admin (with its lockout and
    # two-step sign-in); in production /django-admin/ is an ordinary 404.
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
