"""The kaart's open JSON API, mounted at ``/api/kaart/`` by ``portal/urls.py``.

Its HSDS feed ``/api/kaart/hsds/…`` is :mod:`kaart.hsds_urls`, mounted there too.
"""

from django.urls import path, re_path

from . import api

app_name = "kaart_api"

urlpatterns = [
    path("diensten/", api.diensten, name="diensten"),
    path("diensten/<int:pk>/", api.dienst, name="dienst"),
    path("suggest/", api.kaart_suggest, name="suggest"),
    path("plaatsen/", api.plaatsen_suggest, name="plaatsen"),
    path("openapi.json", api.openapi, name="openapi"),
    # Anything else where an id belongs answers the API's 404, not the site's HTML page.
    re_path(r"^diensten/.*/$", api.geen_id),
]
