"""The HSDS 3.0 API (:mod:`kaart.hsds_api`), mounted at ``/api/hsds/`` by ``portal/urls.py``
and at ``/api/kaart/hsds/`` for its first users.

Every path answers with and without its trailing slash, so Django's ``APPEND_SLASH`` never
redirects (a redirect carries no CORS header, and HSDS's paths have no slash).
"""

from django.urls import re_path

from . import hsds_api

app_name = "hsds"

ID = r"(?P<key>[^/]+)"

urlpatterns = [
    re_path(r"^$", hsds_api.root, name="root"),
    re_path(r"^services/?$", hsds_api.services, name="services"),
    re_path(rf"^services/{ID}/?$", hsds_api.service, name="service"),
    re_path(r"^organizations/?$", hsds_api.organizations, name="organizations"),
    re_path(rf"^organizations/{ID}/?$", hsds_api.organization, name="organization"),
    re_path(r"^taxonomies/?$", hsds_api.taxonomies, name="taxonomies"),
    re_path(rf"^taxonomies/{ID}/?$", hsds_api.taxonomy, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", hsds_api.taxonomy_terms, name="taxonomy_terms"),
    re_path(rf"^taxonomy_terms/{ID}/?$", hsds_api.taxonomy_term, name="taxonomy_term"),
    re_path(
        r"^service_at_locations/?$", hsds_api.service_at_locations, name="service_at_locations"
    ),
    re_path(
        rf"^service_at_locations/{ID}/?$",
        hsds_api.service_at_location,
        name="service_at_location",
    ),
    # Anything else under the prefix answers the API's 404, not the site's HTML page.
    re_path(r"^(?P<rest>.+)$", hsds_api.niet_gevonden),
]
