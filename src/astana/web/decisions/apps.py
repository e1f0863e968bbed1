"""App configuration for decisions and committees."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "astana.web.decisions"
    label = "decisions"
    verbose_name = "Decisions and committees"

    def ready(self) -> None:
        from astana.web.common.record import register_minutes_check
        from astana.web.decisions.minutes import refuse_minutes_before_decisions

        register_minutes_check(refuse_minutes_before_decisions)
