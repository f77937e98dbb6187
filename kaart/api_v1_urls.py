"""Version 1 of the kaart's JSON API (:mod:`kaart.api_v1`), mounted at ``/api/v1/``.

The described paths have no trailing slash (ADR); with one they answer the same, never a
redirect.
"""

from django.urls import re_path

from . import api_v1

app_name = "kaart_v1"

urlpatterns = [
    re_path(r"^diensten/?$", api_v1.diensten, name="diensten"),
    re_path(r"^diensten/(?P<pk>[0-9]+)/?$", api_v1.dienst, name="dienst"),
    re_path(r"^suggesties/?$", api_v1.suggesties, name="suggesties"),
    re_path(r"^openapi\.json$", api_v1.openapi, name="openapi"),
    re_path(r"^(?P<rest>.*)$", api_v1.niet_gevonden),
]
