"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "astana.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
