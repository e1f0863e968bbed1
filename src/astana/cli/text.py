"""``astana text ...``: statistics, outlines and redlines of negotiating texts held in files.

``stats`` and ``outline`` read a file as a real text is read (labels as written, sections,
headings, block options, notes): strictly by default, where every problem of the notation is
printed ``FILE:LINE:COLUMN: reason (hint)`` and the command exits 1; with ``--lenient`` the
text is read as far as it goes and the problems are listed with the result."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Final

import typer
from rich.console import Console
from rich.text import Text

from astana.core.text import (
    ChangeKind,
    Document,
    NotationError,
    Op,
    ProvisionChange,
    Run,
    compare_documents,
    document_statistics,
    outline,
)
from astana.core.text.brackets import UnsafeCharacterError
from astana.core.text.notation import Reading, read_document

__all__ = ["app"]

app = typer.Typer(
    help="Work with negotiating texts in the plain bracketed notation.", no_args_is_help=True
)

_STYLES = {Op.EQUAL: "", Op.INSERT: "bold green underline", Op.DELETE: "red strike"}


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
            typer.echo(f"{path}:{problem.refusal()}", err=True)
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


#: Markers of the plain redline: they cannot be read as the notation's square brackets or
#: braces, nor as the quotation marks of Arabic and Russian texts (« »).
DELETED: Final = ("\u27e6-", "-\u27e7")
INSERTED: Final = ("\u27e6+", "+\u27e7")
_MARKS: Final = {Op.EQUAL: ("", ""), Op.INSERT: INSERTED, Op.DELETE: DELETED}


def _files_reading(path: Path, lenient: bool) -> Document:
    """A file for the redline: read as ``stats`` reads it, each problem of a lenient reading
    named on stderr."""
    reading = _reading(path, lenient, None)
    for problem in reading.problems:
        typer.echo(f"{path}:{problem}", err=True)
    return reading.document


@app.command("redline")
def redline_command(
    old: Annotated[Path, typer.Argument(help="The earlier text.")],
    new: Annotated[Path, typer.Argument(help="The later text.")],
    lang: Annotated[
        str | None, typer.Option(help="Language to compare (default: the first of the new text).")
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="No colours: \u27e6-deleted-\u27e7 and \u27e6+inserted+\u27e7 (the default when "
            "the output is not a terminal).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print one JSON object: {"changes": [...]}.')
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient",
            help="Read files with unbalanced brackets or an unknown layout anyway, naming "
            "each problem on stderr.",
        ),
    ] = False,
) -> None:
    """Print the changes from one file to another: each provision changed (word by word),
    inserted, deleted or moved, once. Provisions are matched by what they say, where they
    stand and how they are labelled, not by their place in the file."""
    before, after = (_files_reading(path, lenient) for path in (old, new))
    language = lang or after.languages[0]
    for document, path in ((before, old), (after, new)):
        if language not in document.languages:
            typer.echo(f"{path}: no {language} version", err=True)
            raise typer.Exit(1)
    result = compare_documents(before, after, language)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    colour = not plain and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    console = Console(highlight=False, force_terminal=colour, no_color=not colour, soft_wrap=True)
    lines: list[Text] = []
    if result.title_changed:
        lines.append(_line("Title \u2014 changed: ", result.title, colour))
    for change in result.changes:
        lines.extend(_change_lines(change, colour))
    if not lines:
        lines.append(Text("No differences."))
    for line in lines:
        if colour:
            console.print(line)
        else:
            typer.echo(line.plain)


def _line(head: str, runs: Iterable[Run], colour: bool, *, indent: str = "") -> Text:
    line = Text(indent)
    line.append(head, style="bold" if colour else "")
    for run in runs:
        if colour:
            line.append(run.text, style=_STYLES[run.op])
        else:
            opening, closing = _MARKS[run.op]
            line.append(f"{opening}{run.text}{closing}")
    return line


def _change_lines(change: ProvisionChange, colour: bool) -> list[Text]:
    where = change.where or str(change.provision_kind)
    if change.old_label is not None and change.old_label != change.label:
        where += f" (was {change.old_label})"
    if change.kind is ChangeKind.MOVED:
        head = f"{where} \u2014 moved from {change.old_where}"
        if not change.text_changed:
            return [Text(head, style="bold" if colour else "")]
        return [_line(head + ", and changed: ", change.runs, colour)]
    if change.kind is ChangeKind.CHANGED:
        return [_line(f"{where} \u2014 changed: ", change.runs, colour)]
    op = Op.INSERT if change.kind is ChangeKind.INSERTED else Op.DELETE
    (_, _, text), *held = change.content
    head = f"{where} \u2014 {change.kind}" + (": " if text else "")
    out = [_line(head, [Run(op, text)] if text else [], colour)]
    for _, place, text in held:
        out.append(
            _line(
                f"{place}: " if text else place,
                [Run(op, text)] if text else [],
                colour,
                indent="    ",
            )
        )
    return out
