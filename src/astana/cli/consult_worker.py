"""``astana consult-worker [--once]``: run the analysis of consultations in a process apart.

``astana serve`` analyses consultations by itself in each worker; this command is for
deployments that keep analyses off the web servers (``astana serve --no-analysis``). It
takes the same claim in the database, so both can run together. Each pass analyses every
consultation whose votes or moderation changed since its latest stored analysis
(``astana.web.consultation.background.run_pending_analyses``); without ``--once`` it
repeats every ``--interval`` seconds until interrupted. Pages never run the analysis
themselves: they show the latest stored one and say how far behind it is.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.console import Console

from astana.cli.instance import setup_django

__all__ = ["app", "worker"]

err = Console(stderr=True)
app = typer.Typer(
    help="Analyse consultations whose votes changed (in the background).",
    invoke_without_command=True,
    add_completion=False,
)


@app.callback(invoke_without_command=True)
def worker(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False,
    interval: Annotated[
        float, typer.Option(help="Seconds between passes.", min=0.1, max=3600)
    ] = 5.0,
    seed: Annotated[int, typer.Option(help="Seed of the analysis (same seed, same result).")] = 0,
) -> None:
    """Analyse every consultation whose input changed; with --once a single pass."""
    setup_django()
    from astana.web.consultation.background import run_pending_analyses

    while True:
        for row in run_pending_analyses(seed=seed):
            err.print(
                f"consultation {row.consultation_id}: {row.vote_count} votes, "
                f"{row.participant_count} participants, {row.result.get('status')}, "
                f"k={row.result.get('k', 0)} in {row.seconds:.2f} s"
            )
        if once:
            return
        try:
            time.sleep(interval)
        except KeyboardInterrupt:
            return
