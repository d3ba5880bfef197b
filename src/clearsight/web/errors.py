"""The warehouse's two expected states that are not errors of the app: nothing loaded yet, and busy."""

from __future__ import annotations

from django.shortcuts import render

from clearsight.warehouse.publish import NoWarehouse, WarehouseBusy
from clearsight.web import roles
from clearsight.web.accounts.access import log_unavailable


class WarehouseStateMiddleware:
    """A page that needs the warehouse says so plainly when nothing is loaded (200) or it is busy (503); a
    child-level page refused as busy is written to the access log like any other access."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NoWarehouse):
            return render(request, "dashboards/empty.html",
                          {"may_upload": roles.can(request.user, "upload_returns")})
        if isinstance(exception, WarehouseBusy):
            log_unavailable(request, "busy: the warehouse could not be read (503)")
            response = render(request, "busy.html", {"message": str(exception)}, status=503)
            response["Retry-After"] = "30"
            return response
        return None
