"""The site search at ``/zoeken/``, mounted by ``portal/urls.py``."""

from django.urls import path

from . import views

urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
