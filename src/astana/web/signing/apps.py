"""App configuration for signing and the public record."""

from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "astana.web.signing"
    label = "signing"
    verbose_name = "Signing and the public record"

    def ready(self) -> None:
        """Hand the log to the apps below this one (:mod:`astana.web.common.record`)."""
        from astana.web.common.record import PublicLog, register_log
        from astana.web.signing import log
        from astana.web.signing.minutes import log_minutes

        register_log(PublicLog(append=log.append, minutes=log_minutes))
