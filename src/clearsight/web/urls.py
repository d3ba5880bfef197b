"""Clearsight's pages."""

from django.urls import include, path

from clearsight.web.uploads.views import healthz

urlpatterns = [
    path("", include("clearsight.web.accounts.urls")),
    path("uploads/", include("clearsight.web.uploads.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("clearsight.web.dashboards.urls")),
]
