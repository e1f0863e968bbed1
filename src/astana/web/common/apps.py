"""App configuration for the shared web base."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


def _unstamp_tables(*, using: str = "default", **_: Any) -> None:
    """Before ``migrate``: the change stamp's triggers off while the schema changes (on
    PostgreSQL a migration that writes a table and then alters it would otherwise meet the
    triggers' pending events at the commit)."""
    from astana.web.common import changes

    changes.remove(using)


def _stamp_tables(*, using: str = "default", **_: Any) -> None:
    """After ``migrate`` (and ``flush``): every table carries the triggers again, and the stamp
    moves once for whatever the migrations wrote."""
    from astana.web.common import changes

    if changes.install(using):
        changes.bump(using)


class CommonConfig(AppConfig):
    name = "astana.web.common"
    label = "common"
    verbose_name = "Shared web base"

    def ready(self) -> None:
        # Both are sent for every app, around all of a migrate's (or flush's) work: once, for
        # this app, covers the tables of all.
        pre_migrate.connect(_unstamp_tables, sender=self, dispatch_uid="astana-change-stamp-off")
        post_migrate.connect(_stamp_tables, sender=self, dispatch_uid="astana-change-stamp")
        from astana.web.common import csrf

        csrf.install()
