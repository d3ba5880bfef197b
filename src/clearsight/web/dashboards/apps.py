from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "clearsight.web.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards"
