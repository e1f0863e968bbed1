"""App configuration for the public archive."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "astana.web.archive"
    label = "archive"
    verbose_name = "Public archive"
