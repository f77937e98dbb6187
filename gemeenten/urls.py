"""The gemeente pages, under /gemeenten/."""

from django.urls import path

from . import views

app_name = "gemeenten"

urlpatterns = [
    path("gemeenten/", views.index, name="index"),
    path("gemeenten/<slug:slug>/", views.gemeente, name="gemeente"),
    path("gemeenten/<slug:slug>/insluiten/", views.insluiten, name="insluiten"),
    path("gemeenten/<slug:slug>/qr.svg", views.qr, name="qr"),
    path("gemeenten/<slug:slug>/poster/", views.poster, name="poster"),
]
