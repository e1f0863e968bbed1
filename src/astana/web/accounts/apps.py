"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "astana.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # django-otp registers its devices in the admin: they hold authenticator secrets and
        # recovery codes, which the admin must never show (the admin ran its autodiscovery
        # already, being first among the installed apps).
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)

        from astana.web.accounts import sessions, throttle

        throttle.connect()
        sessions.connect()
