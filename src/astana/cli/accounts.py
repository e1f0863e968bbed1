"""``astana unlock``: lift a login lockout (too many failed logins) at once."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from astana.cli.instance import setup_django

__all__ = ["unlock"]

err = Console(stderr=True)


def unlock(
    username: Annotated[
        str, typer.Argument(help="The user name whose failed logins to forget.")
    ] = "",
    address: Annotated[str, typer.Option(help="An IP address whose failed logins to forget.")] = "",
    list_: Annotated[
        bool, typer.Option("--list", help="List the user names and addresses counted now.")
    ] = False,
) -> None:
    """Unlock a user name and/or an address locked out after too many failed logins (the
    lifting is audited); with --list, show the failed logins counted now."""
    setup_django()
    from astana.web.accounts.actions import AccountError, account_unlock

    if list_:
        from axes.models import AccessAttempt

        for row in AccessAttempt.objects.order_by("-attempt_time"):
            typer.echo(
                f"{row.username or '-'}\t{row.ip_address or '-'}\t{row.failures_since_start}"
                f"\t{row.attempt_time:%Y-%m-%d %H:%M:%S}"
            )
        return
    try:
        removed = account_unlock(username=username, address=address)
    except AccountError as error:
        err.print(f"[bold red]{error}[/]")
        raise typer.Exit(2) from error
    named = " and ".join(x for x in (username, address) if x)
    err.print(f"Unlocked {named} ({removed} record(s) of failed logins removed).")
