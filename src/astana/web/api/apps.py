"""App configuration for the API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "astana.web.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_save

        from astana.web.api.tokens import revoke_on_account_change

        post_save.connect(
            revoke_on_account_change,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="astana.token.revoke_on_account_change",
        )
