from django.urls import path

from clearsight.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("users/", views.users, name="users"),
    path("users/<int:user_id>/active/", views.user_active, name="user_active"),
    path("access-log/", views.access_log, name="access_log"),
]
