"""The public forms, under /inzendingen/ (mounted at the site root by portal/urls.py)."""

from django.urls import path

from . import views

app_name = "inzendingen"

urlpatterns = [
    path("inzendingen/voorbeeld/", views.voorbeeld_insturen, name="voorbeeld"),
    path("inzendingen/dienst/", views.dienst_aanmelden, name="dienst"),
    path("inzendingen/wijziging/<int:pk>/", views.wijziging_doorgeven, name="wijziging"),
    path("inzendingen/wijziging/<int:pk>/opgeheven/", views.dienst_opgeheven, name="opgeheven"),
    path("inzendingen/tip/", views.hulpmiddel_tippen, name="tip"),
    path("inzendingen/bel-mij-terug/", views.bel_mij_terug, name="terugbellen"),
    path("inzendingen/verzonden/", views.verzonden, name="verzonden"),
    path("inzendingen/bewaarlijst-mailen/", views.bewaarlijst_mailen, name="bewaarlijst"),
]
