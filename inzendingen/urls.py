"""The public forms, under /inzendingen/ (mounted at the site root by portal/urls.py)."""

from django.urls import path

from . import controle_views, views

app_name = "inzendingen"

urlpatterns = [
    path("inzendingen/voorbeeld/", views.voorbeeld_insturen, name="voorbeeld"),
    path("inzendingen/dienst/", views.dienst_aanmelden, name="dienst"),
    path("inzendingen/wijziging/<int:pk>/", views.wijziging_doorgeven, name="wijziging"),
    path("inzendingen/wijziging/<int:pk>/opgeheven/", views.dienst_opgeheven, name="opgeheven"),
    path("inzendingen/melding/<int:pk>/", views.klopt_er_iets_niet, name="melding"),
    path("inzendingen/tip/", views.hulpmiddel_tippen, name="tip"),
    path("inzendingen/bel-mij-terug/", views.bel_mij_terug, name="terugbellen"),
    path("inzendingen/verzonden/", views.verzonden, name="verzonden"),
    path("inzendingen/bewaarlijst-mailen/", views.bewaarlijst_mailen, name="bewaarlijst"),
    # The verification cycle: the beheerder's signed link (inzendingen.controle).
    path("controle/klaar/", controle_views.klaar, name="controle_klaar"),
    path("controle/<str:token>/", controle_views.vraag, name="controle"),
    path("controle/<str:token>/klopt/", controle_views.klopt, name="controle_klopt"),
    path("controle/<str:token>/gewijzigd/", controle_views.gewijzigd, name="controle_gewijzigd"),
    path("controle/<str:token>/opgeheven/", controle_views.opgeheven, name="controle_opgeheven"),
]
