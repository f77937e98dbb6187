"""The health checks, mounted at the root by ``portal/urls.py``."""

from django.urls import path

from . import views

urlpatterns = [
    path("health/live", views.health_live, name="health-live"),
    path("health/ready", views.health_ready, name="health-ready"),
]
