"""``astana demo|serve|load-data|createuser|migrate``: operate a platform instance."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

__all__ = ["createuser", "data_dir", "demo", "load_data", "migrate", "serve", "setup_django"]

console = Console(stderr=True)
err = Console(stderr=True, style="bold red")


def data_dir() -> Path:
    """The built-in data: ``$ASTANA_DATA_DIR``, else ``data/`` of the checkout, else ``./data``."""
    if env := os.environ.get("ASTANA_DATA_DIR"):
        return Path(env)
    checkout = Path(__file__).resolve().parents[3] / "data"
    return checkout if checkout.is_dir() else Path.cwd() / "data"


DEV_SETTINGS = "astana.web.config.settings.local"
PRODUCTION_SETTINGS = "astana.web.config.settings.production"


def setup_django(settings: str = DEV_SETTINGS) -> None:
    """Django set up once per process: a command run again in the same process (a program
    calling the CLI in-process) must not set up the logging again, whose handler would then
    write to the standard error of the call before, closed by then."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate(verbose: Annotated[bool, typer.Option(help="Show every migration.")] = False) -> None:
    """Create or update the database tables."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    console.print("[green]Database is up to date.[/]")


def load_data(
    path: Annotated[
        Path, typer.Argument(help="A .yaml file or a folder of them (see docs/data-format.md).")
    ],
) -> None:
    """Load history data files; a bad file is refused (file, line, reason), nothing written."""
    setup_django()
    from astana.formats.history import HistoryDataError
    from astana.web.archive.loading import load_history_paths

    try:
        report = load_history_paths(path, progress=lambda line: console.print(f"  {line}"))
    except HistoryDataError as error:
        err.print(f"{error}\nNothing was written.")
        raise typer.Exit(2) from error
    except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError) as error:
        err.print(f"{error}\nNothing was written.")
        raise typer.Exit(2) from error
    counts = ", ".join(f"{n} {k}" for k, n in report.counts.items() if n)
    console.print(f"[green]Loaded {len(report.files)} file(s):[/] {counts}.")


def createuser(
    username: Annotated[str, typer.Argument(help="The login name.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    organisation: Annotated[
        str | None, typer.Option(help="Slug of the organisation the person acts for.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="The person's name (English).")] = None,
    staff: Annotated[bool, typer.Option(help="May use the admin (the secretariat).")] = False,
) -> None:
    """Create a login, optionally as a person acting for an organisation."""
    setup_django()
    from astana.web.accounts.actions import AccountError, user_create

    try:
        user_create(
            username=username,
            password=password,
            organisation_slug=organisation,
            name=name or username,
            staff=staff,
        )
    except AccountError as error:
        err.print(str(error))
        raise typer.Exit(2) from error
    console.print(f"[green]Created user {username}.[/]")


def _log_key_problem() -> str | None:
    """Whether this server's log key is not the one that signed the log in the database (a
    second host that made a key of its own); None too where the database cannot be read yet
    (not migrated, not reachable: the pages then say so)."""
    from django.db import DatabaseError, connections

    setup_django()
    from astana.web.signing.log import log_key_problem

    try:
        return log_key_problem()
    except DatabaseError:
        return None
    finally:
        connections.close_all()


def serve(
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1)] = 1,
    dev: Annotated[
        bool,
        typer.Option(
            "--dev",
            help="Development settings (DEBUG on, a public secret key); never in production.",
        ),
    ] = False,
    analysis: Annotated[
        bool,
        typer.Option(
            help="Analyse consultations in the background in each worker (off: run"
            " astana consult-worker instead).",
        ),
    ] = True,
) -> None:
    """Serve the platform over HTTP (uvicorn, ASGI) with the production settings (see
    docs/deploy.md), or those of DJANGO_SETTINGS_MODULE, or with --dev the development ones.
    Each worker analyses consultations whose votes changed in a background thread (the
    database decides which worker analyses which consultation)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS if dev else PRODUCTION_SETTINGS)
    os.environ["ASTANA_ANALYSIS_LOOP"] = "1" if analysis else "0"
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        debug = settings.DEBUG  # loads the settings: production refuses a bad secret here
    except ImproperlyConfigured as error:
        err.print(
            f"{error}\nNot serving. The production settings need ASTANA_SECRET_KEY and"
            " ASTANA_ALLOWED_HOSTS (docs/deploy.md); for development use astana serve --dev.",
            soft_wrap=True,
        )
        raise typer.Exit(2) from error
    if debug:
        console.print(
            f"[yellow]Development settings ({os.environ['DJANGO_SETTINGS_MODULE']}):"
            " DEBUG on, not for production.[/]"
        )
    if problem := _log_key_problem():
        err.print(f"{problem}\nNot serving.", soft_wrap=True)
        raise typer.Exit(2)
    import uvicorn

    from astana.cli.workers import PortBusyError, claim_port, reuse_port_supported, run_workers

    app = "astana.web.config.asgi:application"
    serving = f"Serving on [bold]http://{host}:{port}/[/] (Ctrl+C stops)."
    # Asked to stop, a worker finishes its requests for this long, then ends what is still
    # open: the event streams, which last minutes (their pages open them again elsewhere).
    said = os.environ.get("ASTANA_SHUTDOWN_SECONDS", "20")
    if not said.strip().isdigit():
        err.print(f"ASTANA_SHUTDOWN_SECONDS is {said!r}: a whole number of seconds. Not serving.")
        raise typer.Exit(2)
    shutdown = int(said)
    if workers > 1 and reuse_port_supported():
        # Each worker on a socket of its own: the kernel deals connections out evenly.
        try:
            claimed = claim_port(host, port)
        except PortBusyError as error:
            err.print(f"{error.strerror}: not serving.", soft_wrap=True)
            raise typer.Exit(2) from error
        console.print(serving)
        run_workers(claimed, app, workers, log_level="warning", timeout_graceful_shutdown=shutdown)
        return
    console.print(serving)
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_graceful_shutdown=shutdown,
    )


def demo(
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Set up only; do not start the server.")
    ] = False,
) -> None:
    """Migrate, load the built-in Astana history, create demo users for every role, and serve
    with the development settings (a demo is not a production instance: docs/deploy.md)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)
    migrate()
    load_data(data_dir() / "history")
    from astana.web.demo import DEMO_PASSWORD, load_demo

    demo_ = load_demo(
        data_dir() / "sandbox" / "round-3-roadmap.txt",
        data_dir() / "consultations" / "15-per-hour-seattle",
    )
    users = demo_.users
    console.print(
        f"  sandbox: {demo_.sandbox.tr('title', 'en')} with a roadmap, three tabled proposals"
    )
    if demo_.consultation is not None:
        console.print(
            f"  a consultation with the real votes of a Pol.is conversation, analysed:"
            f" /en/consultations/{demo_.consultation.pk}/results/"
        )
    from astana.web.signing.log import log_fingerprint

    fingerprint = log_fingerprint()
    console.print(
        "  a joint statement signed by the three demo parties and cosigned by the demo witness,"
        " published by the convener"
    )
    console.print(
        f"  the log key's fingerprint (also on /en/record/): {fingerprint}", soft_wrap=True
    )
    console.print(
        "  try: astana bundle --latest > b.json;"
        f" astana verify b.json --log-key '{fingerprint}';"
        " astana audit --witnessed var/demo-witness.json",
        soft_wrap=True,
    )
    console.print("\n[bold]Demo logins[/] (password for all: [bold]" + DEMO_PASSWORD + "[/]):")
    for username, role, organisation in users:
        console.print(f"  {username:<12} {role:<12} {organisation}")
    console.print(
        f"\nOpen http://127.0.0.1:{port}/en/ (or /ar/, /ru/); log in at /en/accounts/login/."
    )
    console.print(
        f"The demo runs with development settings ({os.environ['DJANGO_SETTINGS_MODULE']});"
        " for production see docs/deploy.md and run astana serve."
    )
    sys.stderr.flush()
    if not no_serve:
        serve(port=port, dev=True)
