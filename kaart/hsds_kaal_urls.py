"""The HSDS prefixes without their slash (``/api/hsds``, ``/api/kaart/hsds``), mounted at ``/api/``.

They answer the root directly: a redirect to the slashed address would carry no CORS header.
"""

from django.urls import re_path

from . import hsds_api

urlpatterns = [
    re_path(r"^hsds$", hsds_api.root),
    re_path(r"^kaart/hsds$", hsds_api.root, {"oud": True}),
]
