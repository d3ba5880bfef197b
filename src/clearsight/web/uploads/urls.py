from django.urls import path

from clearsight.web.uploads import views

app_name = "uploads"
urlpatterns = [
    path("", views.upload_list, name="list"),
    path("<int:upload_id>/", views.upload_detail, name="detail"),
    path("<int:upload_id>/progress/", views.upload_progress, name="progress"),
    path("<int:upload_id>/findings/", views.findings, name="findings"),
    path("<int:upload_id>/findings.xlsx", views.findings_export, name="export"),
    path("<int:upload_id>/publish/", views.publish_upload, name="publish"),
    path("<int:upload_id>/discard/", views.discard_upload, name="discard"),
]
