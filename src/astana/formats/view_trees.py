"""What every export and import format shares: the conversion between view trees
(``DocumentView.to_dict()``) and core documents.

The web hands the formats view trees (what :func:`astana.web.negotiation.selectors.text_state`
gives a reader, access rules already applied); the command line and the tests hand them core
documents. :func:`views_of` turns a document into compilation views, :func:`document_from_views`
turns views back into a document (brackets, options, holders, identities, translation flags),
so every format can start from either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from astana.core.text import (
    Bracket,
    Document,
    Option,
    OptionGroup,
    Proposal,
    Provision,
    ProvisionKind,
    ProvisionText,
    StructureError,
    compilation_view,
)
from astana.core.text.brackets import Inline, Note
from astana.core.text.provision import LABELLED_KINDS
from astana.formats.errors import FormatError

__all__ = [
    "document_from_views",
    "inline_plain",
    "inline_text",
    "normalised_words",
    "views_of",
]

_WORD: Final = re.compile(r"[^\W_]+")


def views_of(
    document: Document, languages: Sequence[str] | None = None, proposals: Iterable[Proposal] = ()
) -> list[dict[str, Any]]:
    """Compilation views (as plain data) of ``document`` in ``languages`` (default: all)."""
    chosen = list(languages or document.languages)
    for language in chosen:
        if language not in document.languages:
            raise FormatError(f"the text has no {language!r} version")
    kept = list(proposals)
    return [compilation_view(document, kept, lang).to_dict() for lang in chosen]


def _holders(item: Mapping[str, Any]) -> tuple[tuple[str, ...], str | None]:
    attribution = item.get("attribution") or None
    proposal = attribution["proposal"] if attribution else None
    return tuple(item.get("holders", ())), proposal


def _inline(items: Iterable[Mapping[str, Any]]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for item in items:
        kind = item.get("type")
        if kind == "text":
            out.append(str(item["text"]))
        elif kind == "note":
            out.append(Note(str(item["text"])))
        elif kind == "bracket":
            holders, proposal = _holders(item)
            opens, closes = bool(item.get("opens", True)), bool(item.get("closes", True))
            out.append(Bracket(_inline(item["children"]), holders, proposal, opens, closes))
        elif kind == "alternatives":
            options = []
            for option in item["options"]:
                holders, proposal = _holders(option)
                options.append(Option(_inline(option["children"]), holders, proposal))
            label = item["options"][0].get("label", "Option") if item["options"] else "Option"
            out.append(OptionGroup(tuple(options), label))
        else:
            raise FormatError(f"unknown inline element {kind!r}")
    return tuple(out)


def inline_text(items: Iterable[Mapping[str, Any]]) -> ProvisionText:
    """The core text of a view's inline content (brackets, options and holders kept)."""
    return ProvisionText(_inline(items))


def inline_plain(items: Iterable[Mapping[str, Any]]) -> str:
    """The words of a view's inline content as a reader sees them, brackets and labels
    included, attributions left out."""
    out: list[str] = []
    for item in items:
        if item.get("type") == "text":
            out.append(str(item["text"]))
        elif item.get("type") == "note":
            out.append("{" + str(item["text"]) + "}")
        elif item.get("type") == "bracket":
            opening = "[" if item.get("opens", True) else ""
            closing = "]" if item.get("closes", True) else ""
            out.append(opening + inline_plain(item["children"]) + closing)
        else:
            out.append(
                " ".join(
                    f"[{o['label']} {o['number']}: {inline_plain(o['children'])}]"
                    for o in item["options"]
                )
            )
    return "".join(out)


def normalised_words(text: str) -> list[str]:
    """Words of ``text`` (NFKC, case-folded), in logical order: for comparing extractions."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def document_from_views(views: Sequence[Mapping[str, Any]]) -> Document:
    """One document from views of the same text in several languages.

    Provisions are matched by identity; a provision missing from one view (a clean view
    leaves out provisions with no agreed text) has no text in that language. Each view's
    labels are the provisions' labels as written in its language.
    """
    if not views:
        raise FormatError("no language version to export")
    languages = tuple(str(v["language"]) for v in views)
    if len(set(languages)) != len(languages):
        raise FormatError("a language version is given twice")
    texts: dict[str, dict[str, ProvisionText]] = {}
    labels: dict[str, dict[str, str]] = {}
    flags: dict[str, set[str]] = {}
    shape: dict[str, tuple[str, list[str]]] = {}
    roots: list[str] = []

    def visit(node: Mapping[str, Any], parent: str | None, language: str) -> None:
        identity = str(node["id"])
        if identity not in shape:
            shape[identity] = (str(node["kind"]), [])
            (shape[parent][1] if parent else roots).append(identity)
        texts.setdefault(identity, {})[language] = inline_text(node.get("content", ()))
        if node.get("label"):
            labels.setdefault(identity, {})[language] = str(node["label"])
        if node.get("needs_translation"):
            flags.setdefault(identity, set()).add(language)
        for child in node.get("children", ()):
            visit(child, identity, language)

    for view in views:
        for node in view["provisions"]:
            visit(node, None, str(view["language"]))

    def build(identity: str) -> Provision:
        kind, children = shape[identity]
        return Provision(
            identity,
            ProvisionKind(kind),
            tuple(texts[identity].items()),
            frozenset(flags.get(identity, ())),
            tuple(build(c) for c in children),
            tuple(labels.get(identity, {}).items())
            if ProvisionKind(kind) in LABELLED_KINDS
            else (),
        )

    titles = tuple((str(v["language"]), inline_text(v.get("title", ()))) for v in views)
    try:
        return Document(languages, tuple(build(i) for i in roots), titles).validate()
    except (StructureError, ValueError) as error:
        raise FormatError(f"the views do not make one text: {error}") from error
