"""``astana second-factor PROCESS [ROLE...]``: which roles of a process must be verified by a
second factor (an authenticator code) to sign, approve keys, publish or convene."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from astana.cli.platform import setup_django

__all__ = ["second_factor"]

console = Console(stderr=True)
err = Console(stderr=True, style="bold red")


def second_factor(
    process: Annotated[str, typer.Argument(help="The process's short name (slug).")],
    roles: Annotated[
        list[str] | None,
        typer.Argument(help="The roles that must use a second factor (e.g. convener party)."),
    ] = None,
    off: Annotated[bool, typer.Option("--off", help="Ask a second factor of no role.")] = False,
) -> None:
    """Show, or set, the roles a process asks a second factor of (an operator's command)."""
    setup_django()
    from astana.web.accounts.second_factor import second_factor_roles_set
    from astana.web.common.errors import ActionError
    from astana.web.processes.models import Process

    if roles and off:
        err.print("Give roles or --off, not both. Nothing changed.")
        raise typer.Exit(2)
    if roles or off:
        try:
            second_factor_roles_set(process_slug=process, roles=list(roles or []))
        except ActionError as error:
            err.print(f"{error} Nothing changed.")
            raise typer.Exit(2) from error
    row = Process.objects.filter(slug=process).first()
    if row is None:
        err.print(f"There is no process {process!r}.")
        raise typer.Exit(2)
    listed = ", ".join(row.second_factor_roles or []) or "no role"
    console.print(f"{process}: a second factor is asked of {listed}.")
