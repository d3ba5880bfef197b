from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "clearsight.web.uploads"
    label = "uploads"
    verbose_name = "Uploaded returns"
