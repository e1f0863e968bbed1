"""How the offline commands (``rules``, ``consult``) refuse bad input: a line and exit 2."""

from __future__ import annotations

from typing import NoReturn

import typer

__all__ = ["USAGE_ERROR", "fail"]

#: The exit status of a command given input it cannot use.
USAGE_ERROR = 2


def fail(message: str) -> NoReturn:
    """Print ``error: message`` on stderr and exit with :data:`USAGE_ERROR`."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(USAGE_ERROR)
