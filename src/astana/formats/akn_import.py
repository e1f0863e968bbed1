"""Reading Akoma Ntoso 3.0 back into a core document (the other half of
:mod:`astana.formats.akn`, which describes the mapping).

The file is parsed without network access, DTDs or entity expansion, and refused if it has a
DOCTYPE (entities, external entities, a DTD); it is validated against the XSD,
and read strictly: every expression (``doc``) must have the same provisions, identified by
``eId``; an element Astana does not read is refused with its line. Nothing is returned
unless the whole document is read. A provision's ``<num>`` is read as its label in the
expression's language, as written (``4 bis.``): labels are data, never recomputed.
"""

from __future__ import annotations

import re
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from astana.core.text import (
    Bracket,
    Document,
    Option,
    OptionGroup,
    Provision,
    ProvisionKind,
    ProvisionText,
)
from astana.core.text.brackets import Inline, Note
from astana.core.text.characters import unsafe_characters
from astana.core.text.provision import LABELLED_KINDS
from astana.formats.akn_schema import AKN, ASTANA, HEADED, validate_akn
from astana.formats.errors import FormatError

__all__ = ["MAX_AKN_BYTES", "import_akn"]

#: The largest file the importer reads.
MAX_AKN_BYTES: Final = 20 * 1024 * 1024
_CODES: Final = {"ara": "ar", "eng": "en", "rus": "ru", "ar": "ar", "en": "en", "ru": "ru"}
_KINDS: Final = {
    "chapter": ProvisionKind.CHAPTER,
    "article": ProvisionKind.ARTICLE,
    "paragraph": ProvisionKind.PARAGRAPH,
    "subparagraph": ProvisionKind.SUBPARAGRAPH,
    "section": ProvisionKind.SECTION,
}
_CONTAINERS: Final = {
    "preamble": ProvisionKind.PREAMBLE,
    "recital": ProvisionKind.RECITAL,
    "clause": ProvisionKind.CLAUSE,
    "option": ProvisionKind.OPTION,
    "heading": ProvisionKind.HEADING,
    "note": ProvisionKind.NOTE,
}
_BREAKS: Final = re.compile(r"\s*\n\s*")


def _a(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _refuse(element: etree._Element, reason: str) -> FormatError:
    return FormatError(reason, f"line {element.sourceline}")


def _attribution(element: etree._Element) -> tuple[tuple[str, ...], str | None]:
    holders = element.get(f"{{{ASTANA}}}holders", "")
    return (
        tuple(h for h in holders.split(",") if h) if holders else (),
        element.get(f"{{{ASTANA}}}proposal"),
    )


def _inline(element: etree._Element) -> tuple[Inline, ...]:
    parts: list[Inline] = [_BREAKS.sub(" ", element.text)] if element.text else []
    for child in element:
        name = child.get("name") if _local(child) == "inline" else None
        if name == "bracket":
            holders, proposal = _attribution(child)
            opens = child.get(f"{{{ASTANA}}}opens") != "false"
            closes = child.get(f"{{{ASTANA}}}closes") != "false"
            parts.append(Bracket(_inline(child), holders, proposal, opens, closes))
        elif name == "note":
            try:
                parts.append(Note("".join(child.itertext())))
            except ValueError as error:
                raise _refuse(child, f"a note Astana cannot read: {error}") from error
        elif name == "alternatives":
            options = []
            for node in child:
                if _local(node) != "inline" or node.get("name") != "option":
                    raise _refuse(node, "an alternatives inline holds only options")
                holders, proposal = _attribution(node)
                options.append(Option(_inline(node), holders, proposal))
            if not options:
                raise _refuse(child, "alternatives without options")
            parts.append(OptionGroup(tuple(options), child.get(f"{{{ASTANA}}}label", "Option")))
        elif isinstance(child.tag, str):
            parts.append(_BREAKS.sub(" ", "".join(child.itertext())))
        if child.tail:
            parts.append(_BREAKS.sub(" ", child.tail))
    return tuple(parts)


def _text(element: etree._Element | None) -> ProvisionText:
    if element is None:
        return ProvisionText()
    parts = list(_inline(element))
    if parts and isinstance(parts[0], str):
        parts[0] = parts[0].lstrip()
    if parts and isinstance(parts[-1], str):
        parts[-1] = parts[-1].rstrip()
    try:
        text = ProvisionText(tuple(p for p in parts if p != ""))
    except ValueError as error:
        raise _refuse(element, f"a text Astana cannot read: {error}") from error
    unsafe = unsafe_characters(str(text))
    if unsafe:
        first = unsafe[0]
        raise _refuse(
            element, f"a character that is not allowed: {first.label} {first.name}: {first.hint}"
        )
    return text


def _block_text(container: etree._Element | None) -> ProvisionText:
    if container is None:
        return ProvisionText()
    blocks = [b for b in container if isinstance(b.tag, str)]
    if len(blocks) > 1:
        raise _refuse(container, "a provision with more than one block of text")
    return _text(blocks[0]) if blocks else ProvisionText()


class _Expression:
    """One ``doc``: its language, title, and provisions with texts by identity."""

    def __init__(self, doc: etree._Element) -> None:
        component = doc.getparent()
        owner = component.get("eId", "") if component is not None else ""
        self.prefix = f"{owner}__" if _local(component) == "component" and owner else ""
        found = doc.find(f"{_a('meta')}/{_a('identification')}/{_a('FRBRExpression')}")
        code = found.find(_a("FRBRlanguage")) if found is not None else None
        language = _CODES.get(code.get("language", "") if code is not None else "")
        if language is None:
            raise _refuse(doc, "an expression in a language Astana does not have")
        self.language = language
        self.title = _text(doc.find(f"{_a('preface')}//{_a('docTitle')}"))
        self.texts: dict[str, ProvisionText] = {}
        self.labels: dict[str, str] = {}
        self.flags: set[str] = set()
        body = doc.find(_a("mainBody"))
        assert body is not None  # the schema requires it
        self.provisions = tuple(self.read(child) for child in body if self.is_provision(child))

    @staticmethod
    def is_provision(element: etree._Element) -> bool:
        if _local(element) == "p" and not "".join(element.itertext()).strip():
            return False  # the empty paragraph of an empty text
        return isinstance(element.tag, str)

    def read(self, element: etree._Element) -> Provision:
        local = _local(element)
        kind = _KINDS.get(local) or (
            _CONTAINERS.get(element.get("name", "")) if local == "hcontainer" else None
        )
        if kind is None:
            raise _refuse(element, f"an element Astana does not read: <{local}>")
        identity = element.get("eId", "").removeprefix(self.prefix)
        if identity in self.texts:
            raise _refuse(element, f"the eId {identity} is used twice")
        if kind in HEADED:
            text = _text(element.find(_a("heading")))
            content = _block_text(element.find(_a("content")))
            if content:
                raise _refuse(element, f"text of a {kind} outside its heading")
        else:
            intro = element.find(_a("intro"))
            text = _block_text(intro if intro is not None else element.find(_a("content")))
        self.texts[identity] = text
        number = element.find(_a("num"))
        if number is not None and "".join(number.itertext()).strip():
            self.labels[identity] = " ".join("".join(number.itertext()).split())
        if element.get(f"{{{ASTANA}}}needs-translation") == "true":
            self.flags.add(identity)
        skip = {"num", "heading", "subheading", "intro", "content", "wrapUp"}
        children = tuple(
            self.read(child)
            for child in element
            if isinstance(child.tag, str) and _local(child) not in skip
        )
        try:
            return Provision(identity, kind, children=children)
        except ValueError as error:
            raise _refuse(element, str(error)) from error


def _merge(expressions: list[_Expression]) -> Document:
    first = expressions[0]
    for other in expressions[1:]:
        if list(other.texts) != list(first.texts):
            raise FormatError(
                f"the {other.language} expression does not have the provisions of the "
                f"{first.language} one"
            )

    def build(provision: Provision) -> Provision:
        numbered = provision.kind in LABELLED_KINDS
        return Provision(
            provision.id,
            provision.kind,
            tuple((e.language, e.texts[provision.id]) for e in expressions),
            frozenset(e.language for e in expressions if provision.id in e.flags),
            tuple(build(c) for c in provision.children),
            tuple(
                (e.language, e.labels[provision.id])
                for e in expressions
                if numbered and provision.id in e.labels
            ),
        )

    languages = tuple(e.language for e in expressions)
    if len(set(languages)) != len(languages):
        raise FormatError("two expressions in the same language")
    titles = tuple((e.language, e.title) for e in expressions)
    try:
        return Document(languages, tuple(build(p) for p in first.provisions), titles).validate()
    except ValueError as error:
        raise FormatError(f"not a negotiating text Astana can hold: {error}") from error


def import_akn(data: bytes) -> Document:
    """A new core document from Akoma Ntoso 3.0 XML; :class:`FormatError` when the file is
    not well-formed, not valid against the schema, or not a text Astana can hold."""
    if len(data) > MAX_AKN_BYTES:
        raise FormatError(f"the file is larger than {MAX_AKN_BYTES // (1024 * 1024)} MB")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FormatError(f"not well-formed XML: {error.msg}", f"line {error.lineno}") from error
    if root is None:
        raise FormatError("not well-formed XML: the document is empty")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url or info.public_id:
        raise FormatError(
            "a DOCTYPE (a DTD, entity declarations or external entities) is not accepted "
            "in Akoma Ntoso files: remove it",
            "line 1",
        )
    try:
        validate_akn(root)
    except etree.Error as error:  # the validator's own failures, on odd nodes
        raise FormatError(f"not valid Akoma Ntoso 3.0 ({type(error).__name__})") from error
    docs = list(root.iter(_a("doc")))
    if not docs:
        raise FormatError("no <doc> in this Akoma Ntoso document (Astana reads doc only)")
    try:
        return _merge([_Expression(d) for d in docs])
    except FormatError:
        raise
    except ValueError as error:  # a text, holder or label the core refuses
        raise FormatError(f"not a negotiating text Astana can hold: {error}") from error
