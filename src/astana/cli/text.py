"""``astana text ...``: statistics, outlines and redlines of negotiating texts held in files.

``stats`` and ``outline`` read a file as a real text is read (labels as written, sections,
headings, block options, notes): strictly by default, where every problem of the notation is
printed ``FILE:LINE:COLUMN: reason (hint)`` and the command exits 1; with ``--lenient`` the
text is read as far as it goes and the problems are listed with the result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from astana.core.text import (
    Document,
    NotationError,
    Op,
    document_statistics,
    outline,
    parse_document,
    redline,
)
from astana.core.text.brackets import UnsafeCharacterError
from astana.core.text.notation import Reading, read_document

__all__ = ["app"]

app = typer.Typer(
    help="Work with negotiating texts in the plain bracketed notation.", no_args_is_help=True
)

_STYLES = {Op.EQUAL: "", Op.INSERT: "bold green underline", Op.DELETE: "red strike"}


def _read(path: Path) -> Document:
    """Parse a file, or exit non-zero naming the file, line, column and reason."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        typer.echo(f"{path}: cannot read: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        return parse_document(source)
    except UnsafeCharacterError as error:
        for problem in error.problems:
            typer.echo(
                f"{path}:{problem.line}:{problem.column}: {problem.label} {problem.name}: "
                f"{problem.hint}",
                err=True,
            )
        raise typer.Exit(1) from None
    except NotationError as error:
        typer.echo(f"{path}:{error.line}:{error.column}: {error.reason}", err=True)
        raise typer.Exit(1) from None


def _source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        typer.echo(f"{path}: cannot read: {error}", err=True)
        raise typer.Exit(2) from None


def _reading(path: Path, lenient: bool, lang: str | None) -> Reading:
    """Read a file as a real text; strictly, exit 1 printing every problem
    ``FILE:LINE:COLUMN: reason (hint)``; leniently, keep the problems with the reading."""
    source = _source(path)
    try:
        reading = read_document(source, lenient=lenient)
    except UnsafeCharacterError as error:
        for character in error.problems:
            typer.echo(
                f"{path}:{character.line}:{character.column}: {character.label} "
                f"{character.name}: {character.hint}",
                err=True,
            )
        raise typer.Exit(1) from None
    except NotationError as error:
        problems = getattr(error, "problems", ())
        if not problems:
            typer.echo(f"{path}:{error.line}:{error.column}: {error.reason}", err=True)
        for problem in problems:
            hint = f" ({problem.hint})" if problem.hint else ""
            typer.echo(f"{path}:{problem.line}:{problem.column}: {problem.reason}{hint}", err=True)
        raise typer.Exit(1) from None
    languages = reading.document.languages
    if lang is not None and lang not in languages:
        typer.echo(f"{path}: no {lang} version (it has {', '.join(languages)})", err=True)
        raise typer.Exit(1)
    return reading


_LENIENT = typer.Option(
    "--lenient", help="Read past problems of the notation (unbalanced brackets) and list them."
)


@app.command()
def stats(
    file: Annotated[Path, typer.Argument(help="A text in the bracketed notation.")],
    lang: Annotated[str | None, typer.Option(help="Count one language only (ar, en, ru).")] = None,
    lenient: Annotated[bool, _LENIENT] = False,
) -> None:
    """Print one JSON object: provisions, brackets, option_groups, options, alternatives,
    notes, words, bracketed_words, languages and problems ("line:column: reason", empty
    when the text reads cleanly)."""
    reading = _reading(file, lenient, lang)
    figures = document_statistics(reading.document, [lang] if lang else None).to_dict()
    figures["problems"] = [f"{p.line}:{p.column}: {p.reason}" for p in reading.problems]
    typer.echo(json.dumps(figures, ensure_ascii=False))


@app.command("outline")
def outline_command(
    file: Annotated[Path, typer.Argument(help="A text in the bracketed notation.")],
    lang: Annotated[
        str | None, typer.Option(help="Labels in this language (default: the text's first).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON list of {id, kind, label, depth}.")
    ] = False,
    lenient: Annotated[bool, _LENIENT] = False,
) -> None:
    """Print one line per provision, indented by depth: its label as written, kind and id."""
    reading = _reading(file, lenient, lang)
    entries = outline(reading.document, lang)
    if as_json:
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False))
        return
    for entry in entries:
        label = f"{entry.label}  " if entry.label else ""
        typer.echo(f"{'  ' * entry.depth}{label}{entry.kind}  {entry.id}")
    for problem in reading.problems:
        typer.echo(f"{file}:{problem.line}:{problem.column}: {problem.reason}", err=True)


@app.command("redline")
def redline_command(
    old: Annotated[Path, typer.Argument(help="The earlier text.")],
    new: Annotated[Path, typer.Argument(help="The later text.")],
    lang: Annotated[
        str | None, typer.Option(help="Language to compare (default: the first of the new text).")
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="No colours: [-deleted-] and {+inserted+}.")
    ] = False,
) -> None:
    """Print the word-level redline of two files, provision by provision."""
    before, after = _read(old), _read(new)
    language = lang or after.languages[0]
    for document, path in ((before, old), (after, new)):
        if language not in document.languages:
            typer.echo(f"{path}: no {language} version", err=True)
            raise typer.Exit(1)
    result = redline(before, after, language)
    console = Console(highlight=False, no_color=plain, force_terminal=None if not plain else False)
    changed = result.changed()
    if any(r.op is not Op.EQUAL for r in result.title):
        _print_line(console, "Title", "changed", result.title, plain)
    for entry in changed:
        number = entry.new_number or entry.old_number
        status = str(entry.change) + (", moved" if entry.moved else "")
        if entry.renumbered:
            status += f", renumbered {entry.old_number} -> {entry.new_number}"
        heading = f"{entry.id} ({entry.kind}{f' {number}' if number else ''})"
        _print_line(console, heading, status, entry.runs, plain)
    if not changed and all(r.op is Op.EQUAL for r in result.title):
        console.print("No differences.")


def _print_line(console: Console, heading: str, status: str, runs: object, plain: bool) -> None:
    line = Text(f"{heading} [{status}]: ")
    for run in runs:  # type: ignore[attr-defined]
        if plain:
            marks = {Op.EQUAL: ("", ""), Op.INSERT: ("{+", "+}"), Op.DELETE: ("[-", "-]")}
            opening, closing = marks[run.op]
            line.append(f"{opening}{run.text}{closing}")
        else:
            line.append(run.text, style=_STYLES[run.op])
    console.print(line, soft_wrap=True)
