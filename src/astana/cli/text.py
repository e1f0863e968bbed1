"""``astana text ...``: statistics and redlines of negotiating texts held in files."""

from __future__ import annotations

import typer

app = typer.Typer(help="Work with negotiating texts in the plain bracketed notation.", no_args_is_help=True)
