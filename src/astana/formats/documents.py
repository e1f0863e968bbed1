"""One entry point per direction for the command line and the web: read a file of any
supported kind into a core document, or write a revision in any supported format.

Kinds are told by the file's suffix: ``.docx`` (Word), ``.xml`` / ``.akn`` (Akoma Ntoso
3.0), ``.txt`` (the plain bracketed notation). Every refusal is a :class:`FormatError`
that says where the problem is; nothing is half-read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Final

from astana.core.text import (
    Document,
    NotationError,
    Provision,
    Revision,
    format_document,
    parse_document,
)
from astana.formats.errors import FormatError
from astana.formats.view_trees import views_of

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_SUFFIXES",
    "MAX_IMPORT_BYTES",
    "export_revision",
    "import_document",
    "import_text",
]

IMPORT_SUFFIXES: Final = (".docx", ".xml", ".akn", ".txt")
EXPORT_FORMATS: Final = ("pdf", "docx", "akn", "txt")
MAX_TEXT_BYTES: Final = 5 * 1024 * 1024
#: The largest file of any kind an import reads (Word and Akoma Ntoso: 20 MB, notation: 5 MB);
#: a larger one is refused before it is read into memory.
MAX_IMPORT_BYTES: Final = 20 * 1024 * 1024


def import_text(data: bytes, *, from_pdf: bool = False) -> Document:
    """A document from the plain bracketed notation (UTF-8); with ``from_pdf``, from text
    copied out of a PDF, made into the notation first (:func:`astana.formats.pdf_text.
    from_pdf_text`: line wraps joined, hyphenation undone, page headers, footers and
    numbers left out)."""
    if len(data) > MAX_TEXT_BYTES:
        raise FormatError(f"the file is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError("not UTF-8 text", f"byte {error.start + 1}") from error
    if "\x00" in source:
        raise FormatError("not a text file (it holds NUL characters)")
    if from_pdf:
        from astana.formats.pdf_text import from_pdf_text

        source = from_pdf_text(source)
    try:
        document = parse_document(source)
    except NotationError as error:
        raise FormatError(error.reason, f"line {error.line}, column {error.column}") from error
    if not len(document):
        raise FormatError("no provisions found: use Article 1: ... or numbered paragraphs 1. ...")
    return document


def import_document(filename: str, data: bytes, *, from_pdf: bool = False) -> Document:
    """Read ``data`` as the kind of file ``filename``'s suffix names; ``from_pdf``: a
    ``.txt`` file holds text copied out of a PDF (see :func:`import_text`)."""
    suffix = PurePath(filename).suffix.lower()
    if from_pdf and suffix != ".txt":
        raise FormatError("--from-pdf reads a .txt file of text copied out of a PDF")
    if suffix == ".docx":
        from astana.formats.docx import import_docx

        return import_docx(data)
    if suffix in (".xml", ".akn"):
        from astana.formats.akn import import_akn

        return import_akn(data)
    if suffix == ".txt":
        return import_text(data, from_pdf=from_pdf)
    raise FormatError(
        f"cannot import {suffix or 'a file without a suffix'}; use .docx, .xml or .txt"
    )


def export_revision(
    revision: Revision,
    fmt: str,
    *,
    languages: Sequence[str] | None = None,
    slug: str = "text",
    day: str = "2000-01-01",
    heading: str = "",
    parallel: bool = False,
) -> bytes:
    """Revision ``revision`` in ``fmt`` (``pdf``, ``docx``, ``akn``, ``txt``), in
    ``languages`` (default: all), as the text stands in it (brackets and holders kept)."""
    document = revision.document
    chosen = list(languages or document.languages)
    if fmt == "pdf":
        from astana.formats.pdf import text_pdf

        return text_pdf(views_of(document, chosen), parallel=parallel, heading=heading)
    if fmt == "docx":
        from astana.formats.docx import document_docx

        return document_docx(document, chosen)
    if fmt == "akn":
        from astana.formats.akn import export_akn

        return export_akn(revision, slug=slug, day=day, languages=chosen)
    if fmt == "txt":
        views_of(document, chosen)  # checks the languages
        kept = Document(
            tuple(chosen),
            tuple(_only(p, chosen) for p in document.provisions),
            tuple((lang, document.title(lang)) for lang in chosen),
        )
        return format_document(kept).encode("utf-8")
    raise FormatError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def _only(provision: Provision, languages: Sequence[str]) -> Provision:
    from dataclasses import replace

    return replace(
        provision,
        texts=tuple((lang, t) for lang, t in provision.texts if lang in languages),
        needs_translation=frozenset(provision.needs_translation & set(languages)),
        children=tuple(_only(c, languages) for c in provision.children),
    )
