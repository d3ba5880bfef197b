from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clearsight.web.accounts"
    label = "accounts"
    verbose_name = "Accounts and access log"
