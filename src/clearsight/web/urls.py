"""Clearsight's pages."""

from django.urls import include, path

from clearsight.web.views import healthz

urlpatterns = [
    path("", include("clearsight.web.accounts.urls")),
    path("uploads/", include("clearsight.web.uploads.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("clearsight.web.dashboards.urls")),
]
