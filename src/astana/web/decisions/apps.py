"""App configuration for decisions and committees."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "astana.web.decisions"
    label = "decisions"
    verbose_name = "Decisions and committees"
