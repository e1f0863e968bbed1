"""App configuration for signing and the public record."""

from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "astana.web.signing"
    label = "signing"
    verbose_name = "Signing and the public record"
