"""App configuration for the shared web base."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "astana.web.common"
    label = "common"
    verbose_name = "Shared web base"
