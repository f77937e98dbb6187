"""Public pages of the sociale kaart (the JSON API lives in ``kaart.api_urls``)."""

from django.urls import path

from . import bewaarlijst, hulpwijzer, opendata_views, views

app_name = "kaart"

urlpatterns = [
    path("kaart/", views.zoeken, name="zoeken"),
    path("kaart/dienst/<int:pk>/", views.dienst, name="dienst"),
    path("kaart/vergelijk/", views.vergelijk, name="vergelijk"),
    path("kaart/bewaarlijst/", bewaarlijst.bewaarlijst, name="bewaarlijst"),
    path("kaart/bewaarlijst/afdrukken/", bewaarlijst.afdrukken, name="bewaarlijst_afdrukken"),
    path("kaart/hulpwijzer/", hulpwijzer.hulpwijzer, name="hulpwijzer"),
    path("open-data/", opendata_views.pagina, name="open-data"),
    path("open-data/<str:naam>", opendata_views.bestand, name="open-data-bestand"),
]
