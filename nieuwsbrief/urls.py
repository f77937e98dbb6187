"""Public addresses of the nieuwsbrief, all under /nieuwsbrief/ (mounted at the site root)."""

from django.urls import path

from . import views

app_name = "nieuwsbrief"

urlpatterns = [
    path("nieuwsbrief/", views.aanmelden, name="aanmelden"),
    path("nieuwsbrief/bedankt/", views.bedankt, name="bedankt"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.bevestigen, name="bevestigen"),
    path("nieuwsbrief/bevestigen/<str:token>/nieuwe-link/", views.nieuwe_link, name="nieuwe_link"),
    path("nieuwsbrief/afmelden/<str:token>/", views.afmelden, name="afmelden"),
    path("nieuwsbrief/voorkeuren/<str:token>/", views.voorkeuren, name="voorkeuren"),
    path("nieuwsbrief/archief/", views.archief, name="archief"),
    path("nieuwsbrief/archief/<slug:slug>/", views.editie, name="editie"),
    path("nieuwsbrief/webhooks/<slug:esp>/tracking/", views.webhook, name="webhook"),
]
