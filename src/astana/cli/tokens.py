"""``astana token create|list|revoke``: API tokens for scripts (see docs/api.md).

The token is printed once, on standard output alone, so ``TOKEN=$(astana token create u)``
works; only its SHA-256 is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from astana.cli.platform import setup_django

if TYPE_CHECKING:
    from astana.web.accounts.models import User

__all__ = ["app"]

app = typer.Typer(help="API tokens: create, list and revoke them.", no_args_is_help=True)
err = Console(stderr=True)


def _user(username: str) -> User:
    from astana.web.accounts.models import User

    found = User.objects.filter(username=username).first()
    if found is None:
        err.print(f"[bold red]There is no user {username!r}.[/]")
        raise typer.Exit(2)
    return found


@app.command()
def create(
    username: Annotated[str, typer.Argument(help="The user the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for, to tell tokens apart.")] = "",
    days: Annotated[
        int | None, typer.Option(help="Days it lasts (default ASTANA_TOKEN_DAYS, 30).")
    ] = None,
) -> None:
    """Make a token and print it once (it cannot be shown again)."""
    setup_django()
    from astana.web.api.tokens import token_create
    from astana.web.common.errors import ActionError

    try:
        row, token = token_create(user=_user(username), name=name, days=days)
    except ActionError as error:
        err.print(f"[bold red]{error}[/]")
        raise typer.Exit(2) from error
    err.print(
        f"Token {row.pk} for {username}, expires {row.expires_at:%Y-%m-%d %H:%M} UTC "
        "(shown once; keep it secret):"
    )
    typer.echo(token)


@app.command("list")
def list_tokens(username: Annotated[str, typer.Argument(help="Whose tokens.")]) -> None:
    """List a user's tokens: id, name, created, last used, state (never the token)."""
    setup_django()
    for row in _user(username).api_tokens.order_by("pk"):
        used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never used"
        if row.revoked_at:
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}"
        else:
            state = f"{row.state} (expires {row.expires_at:%Y-%m-%d %H:%M})"
        typer.echo(f"{row.pk}\t{row.name or '-'}\t{row.created_at:%Y-%m-%d %H:%M}\t{used}\t{state}")


@app.command()
def revoke(
    username: Annotated[str, typer.Argument(help="Whose token.")],
    token_id: Annotated[int, typer.Argument(help="The token's id (from `astana token list`).")],
) -> None:
    """Revoke a token: it stops working at once."""
    setup_django()
    from astana.web.api.tokens import token_revoke
    from astana.web.common.errors import ActionError

    try:
        token_revoke(user=_user(username), token_id=token_id)
    except ActionError as error:
        err.print(f"[bold red]{error}[/]")
        raise typer.Exit(2) from error
    err.print(f"Token {token_id} of {username} is revoked.")
