"""``astana documents list``, ``astana export`` and ``astana import``: negotiating texts of a
platform instance in and out as PDF, Word, Akoma Ntoso or the plain bracketed notation.

``export`` writes a revision as issued (its own brackets and holders; never a proposal, so
never a draft). ``import`` creates a new text through the ``text.create`` action as the user
named by ``--as``, so the role check and the audit entry apply; a file that does not read,
or an action that is refused, creates nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from astana.cli.instance import setup_django

__all__ = ["app", "export", "import_"]

app = typer.Typer(help="Negotiating texts held by this platform instance.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


@app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """Every negotiating text: id, title, round, revisions."""
    setup_django()
    from astana.web.negotiation.models import NegotiationText

    rows: list[dict[str, Any]] = []
    for text in NegotiationText.objects.select_related("round").order_by("pk"):
        numbers = sorted(text.revisions.values_list("number", flat=True))
        rows.append(
            {
                "id": text.pk,
                "slug": text.slug,
                "title": text.tr("title", "en").text,
                "round": text.round_id,
                "revisions": numbers,
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        revisions = ", ".join(f"Rev.{n}" for n in row["revisions"])
        typer.echo(f"{row['id']:>4}  {row['slug']:<24} {row['title']}  ({revisions})")


def export(
    document: Annotated[int, typer.Option("--document", help="The text's id (documents list).")],
    fmt: Annotated[str, typer.Option("--format", help="pdf, docx, akn or txt.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
    revision: Annotated[
        int | None, typer.Option("--revision", help="A revision number; default the latest.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Languages, e.g. ar,en; default all.")
    ] = None,
    parallel: Annotated[bool, typer.Option(help="PDF: languages side by side.")] = False,
) -> None:
    """Write a revision of a text as PDF, Word, Akoma Ntoso or the bracketed notation."""
    setup_django()
    from astana.core.text import Revision
    from astana.formats.documents import export_revision
    from astana.formats.errors import FormatError
    from astana.web.negotiation.models import NegotiationText

    text = NegotiationText.objects.filter(pk=document).first()
    if text is None:
        raise _fail(f"There is no text {document}.")
    rows = text.revisions.order_by("-number")
    row = rows.first() if revision is None else rows.filter(number=revision).first()
    if row is None:
        raise _fail(f"Text {document} has no Rev.{revision}.")
    languages = [x.strip() for x in lang.split(",") if x.strip()] if lang else None
    core = Revision.from_dict({"number": row.number, "document": row.document, "hash": row.sha256})
    try:
        content = export_revision(
            core,
            fmt,
            languages=languages,
            slug=text.slug,
            day=row.issued_at.date().isoformat(),
            heading=f"{text.tr('title', 'en').text}, Rev.{row.number}",
            parallel=parallel,
        )
    except FormatError as error:
        raise _fail(str(error)) from None
    output.write_bytes(content)
    typer.echo(f"Wrote {output} ({fmt}, Rev.{row.number}, {len(content)} bytes).", err=True)


def import_(
    file: Annotated[Path, typer.Argument(help="A .docx, .xml (Akoma Ntoso) or .txt file.")],
    round_id: Annotated[int, typer.Option("--round", help="The round to create the text in.")],
    slug: Annotated[str, typer.Option("--slug", help="The text's short name.")],
    username: Annotated[str, typer.Option("--as", help="The mediator who creates it.")],
    title: Annotated[
        str | None, typer.Option(help="Title, when the file has none (English).")
    ] = None,
    from_pdf: Annotated[
        bool,
        typer.Option(
            "--from-pdf",
            help="The .txt file is text copied out of a PDF: join wrapped lines, undo "
            "hyphenation, leave out page headers, footers and numbers.",
        ),
    ] = False,
) -> None:
    """Create a new text (Rev.1) from a file; nothing is created on any error."""
    setup_django()
    from astana.core.text import format_document
    from astana.formats.documents import MAX_IMPORT_BYTES, import_document
    from astana.formats.errors import FormatError
    from astana.web.accounts.models import User
    from astana.web.common.errors import ActionError
    from astana.web.negotiation.actions import text_create

    try:
        if file.stat().st_size > MAX_IMPORT_BYTES:
            raise _fail(
                f"{file}: the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB. "
                "Nothing was created."
            )
        data = file.read_bytes()
    except OSError as error:
        raise _fail(f"{file}: cannot read: {error.strerror}") from None
    try:
        document = import_document(file.name, data, from_pdf=from_pdf)
    except FormatError as error:
        raise _fail(f"{file}: {error}\nNothing was created.") from None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise _fail(f"There is no user {username!r}. Nothing was created.")
    titles = {lang: text.clean() for lang, text in document.titles if text.clean()}
    if not titles:
        titles = {document.languages[0]: title or slug}
    try:
        text = text_create(
            user=user,
            round_id=round_id,
            slug=slug,
            titles=titles,
            notation=format_document(document),
            languages=document.languages,
        )
    except ActionError as error:
        raise _fail(f"{error}\nNothing was created.") from None
    typer.echo(json.dumps({"id": text.pk, "slug": text.slug, "revision": 1}))
