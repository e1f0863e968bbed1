"""App configuration for the shared web base."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _stamp_tables(*, using: str = "default", **_: Any) -> None:
    """After ``migrate`` (and ``flush``), every table carries the change stamp's trigger."""
    from astana.web.common import changes

    changes.install(using)


class CommonConfig(AppConfig):
    name = "astana.web.common"
    label = "common"
    verbose_name = "Shared web base"

    def ready(self) -> None:
        # Once per migrate, whichever app is last (the trigger covers every app's tables).
        post_migrate.connect(_stamp_tables, dispatch_uid="astana-change-stamp")
