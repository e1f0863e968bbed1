"""The ``astana`` command line: one Typer application, one module per command group."""

from __future__ import annotations

import typer

from astana.cli import accounts as account_commands
from astana.cli import consult as consult_commands
from astana.cli import consult_worker, instance, record
from astana.cli import documents as document_commands
from astana.cli import rules as rules_commands
from astana.cli import second_factor as second_factor_commands
from astana.cli import text as text_commands
from astana.cli import tokens as token_commands

app = typer.Typer(
    name="astana",
    help="Astana: run multi-party negotiations, from rounds to a signed, verifiable text.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(instance.demo)
app.command()(instance.serve)
app.command()(instance.migrate)
app.command("load-data")(instance.load_data)
app.command()(instance.createuser)
app.command()(account_commands.unlock)
app.add_typer(text_commands.app, name="text")
app.add_typer(rules_commands.app, name="rules")
app.add_typer(consult_commands.app, name="consult")
app.add_typer(consult_worker.app, name="consult-worker")
app.add_typer(document_commands.app, name="documents")
app.command("export")(document_commands.export)
app.command("import")(document_commands.import_)
app.add_typer(record.keys_app, name="keys")
app.add_typer(token_commands.app, name="token")
app.command()(record.sign)
app.command()(record.bundle)
app.command()(record.verify)
app.command()(record.audit)
app.command()(record.witness)
app.command("second-factor")(second_factor_commands.second_factor)


def main() -> None:
    """Entry point of the ``astana`` console script."""
    app()


__all__ = ["app", "main"]
