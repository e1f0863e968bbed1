"""``astana consult ...``: analyse a Pol.is consultation (opinion groups, statements).

``astana consult analyze votes.csv --comments comments.csv`` prints the number of groups,
their sizes, each group's representative statements, the consensus statements and the
statements with the highest group-aware consensus. ``--json`` prints one JSON object
instead (``k``, ``groups``, ``repness``, ``consensus``, ``group_aware_consensus``);
``--output FILE`` writes that object to a file, atomically. A malformed file exits
with code 2, naming the line and the reason. Progress goes to stderr on large inputs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from astana.cli.usage import fail
from astana.core.consult import (
    ANALYSIS_STEPS,
    ConsultationAnalysis,
    MalformedPolisFile,
    OpinionMatrix,
    Statement,
    analyze,
    read_comments_csv,
    read_votes_csv,
)
from astana.core.consult.groups import MIN_GROUP_SIZE

__all__ = ["app"]

app = typer.Typer(
    help="Consultation: opinion groups and the statements that unite them (Pol.is' method).",
    no_args_is_help=True,
)


@app.callback()
def consult() -> None:
    """Consultation: opinion groups and the statements that unite them (Pol.is' method)."""


LARGE_INPUT_BYTES = 8 << 20  # about 200,000 votes


class Seeding(StrEnum):
    """How k-means starts (see docs/consult.md)."""

    FIRST_DISTINCT = "first-distinct"
    KMEANS_PLUS_PLUS = "k-means++"


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    console = Console(file=sys.stderr)
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        yield progress


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        fail(f"cannot read {what} {path}: {error.strerror or error}")


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


REASONS = {
    "too-few-participants": f"too few participants to form groups: fewer than"
    f" {2 * MIN_GROUP_SIZE} counted",
    "one-opinion": "everyone counted voted alike",
    "no-split": f"no division into groups of at least {MIN_GROUP_SIZE} fits the votes",
}


def _label(statement_id: int, statements: dict[int, Statement]) -> str:
    known = statements.get(statement_id)
    return f"#{statement_id}" if known is None else f"#{statement_id} {known.text.strip()}"


def _report(analysis: ConsultationAnalysis, statements: dict[int, Statement]) -> str:
    counted = int(analysis.counted.sum())
    lines = [
        f"participants: {analysis.participant_ids.shape[0]} ({counted} counted), "
        f"statements: {analysis.statement_ids.shape[0]}",
        f"groups: k = {analysis.k}, sizes {', '.join(map(str, analysis.group_sizes()))}"
        + (f" ({REASONS[analysis.grouping_reason]})" if analysis.grouping_reason else ""),
    ]
    for group, representative in analysis.repness.items():
        lines.append(f"group {group}: representative statements")
        lines.extend(
            f"  {s.direction:8} {s.p_success:4.0%} of the group  "
            f"{_label(s.statement_id, statements)}"
            for s in representative
        )
    for direction, chosen in analysis.consensus.items():
        lines.append(f"consensus ({direction}):")
        lines.extend(f"  {s.p_success:4.0%}  {_label(s.statement_id, statements)}" for s in chosen)
        if not chosen:
            lines.append("  (none)")
    lines.append("group-aware consensus (agree), top 5:")
    lines.extend(
        f"  {value:.3f}  {_label(statement_id, statements)}"
        for statement_id, value in analysis.top_group_aware_consensus(5)
    )
    return "\n".join(lines)


VotesArgument = Annotated[
    Path, typer.Argument(help="Pol.is votes.csv (timestamp, datetime, comment-id, voter-id, vote).")
]
CommentsOption = Annotated[
    Path | None, typer.Option("--comments", help="Pol.is comments.csv, for the statements' text.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed: the same seed, the same result.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", help="Write the JSON object to this file (atomically).")
]
SeedingOption = Annotated[
    Seeding, typer.Option("--seeding", help="k-means start: as red-dwarf, or best of k-means++.")
]


@app.command("analyze")
def analyze_votes(
    votes: VotesArgument,
    comments: CommentsOption = None,
    as_json: JsonOption = False,
    seed: SeedOption = 0,
    output: OutputOption = None,
    seeding: SeedingOption = Seeding.FIRST_DISTINCT,
) -> None:
    """Find the opinion groups and the representative and consensus statements."""
    content = _read_bytes(votes, "the votes file")
    statements: dict[int, Statement] = {}
    if comments is not None:
        try:
            statements = read_comments_csv(_read_bytes(comments, "the comments file"))
        except MalformedPolisFile as error:
            fail(f"{comments}: {error}")
    with _progress(len(content) >= LARGE_INPUT_BYTES) as progress:
        reading = None if progress is None else progress.add_task("reading votes", total=1.0)
        steps = (
            None if progress is None else progress.add_task("analysing", total=len(ANALYSIS_STEPS))
        )

        def read_some(fraction: float) -> None:
            if progress is not None and reading is not None:
                progress.update(reading, completed=fraction)

        def step_done(step: str) -> None:
            if progress is not None and steps is not None:
                progress.update(steps, advance=1, description=f"analysing: {step} done")

        try:
            parsed = read_votes_csv(content, on_progress=read_some)
        except MalformedPolisFile as error:
            fail(f"{votes}: {error}")
        del content
        matrix = OpinionMatrix.from_polis(parsed)
        del parsed
        if matrix.n_votes == 0:
            fail(f"{votes}: no votes")
        result = analyze(matrix, seed=seed, seeding=seeding.value, on_step=step_done)
    document: dict[str, Any] = result.to_json()
    if output is not None:
        try:
            _write_atomically(output, json.dumps(document, ensure_ascii=False) + "\n")
        except OSError as error:
            fail(f"cannot write {output}: {error.strerror or error}")
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False))
    else:
        typer.echo(_report(result, statements))
