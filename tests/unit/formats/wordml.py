"""Small Word files built part by part, for the importer's tests: a body, and where a test
needs them a numbering definition, styles and footnotes (what python-docx cannot write)."""

from __future__ import annotations

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def paragraph(
    text: str = "",
    *,
    num: tuple[int, int] | None = None,
    style: str | None = None,
    runs: str | None = None,
) -> str:
    """A ``w:p``: ``num`` is (numId, ilvl); ``runs`` replaces the one run of ``text``."""
    properties = ""
    if style:
        properties += f'<w:pStyle w:val="{style}"/>'
    if num:
        properties += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    body = runs if runs is not None else f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p><w:pPr>{properties}</w:pPr>{body}</w:p>"


def level(index: int, fmt: str, text: str, *, restart: int | None = None, style: str = "") -> str:
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


#: The levels of a United Nations secretariat list: headings at levels 0-4, paragraphs at
#: 5-7, paragraph numbers never restarting.
UN_LEVELS = "".join(
    (
        level(0, "upperRoman", "%1."),
        level(1, "upperLetter", "%2."),
        level(2, "decimal", "%3."),
        level(3, "lowerLetter", "(%4)"),
        level(4, "lowerRoman", "(%5)"),
        level(5, "decimal", "%6.", restart=0),
        level(6, "lowerLetter", "(%7)"),
        level(7, "lowerRoman", "(%8)"),
    )
)


def numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> str:
    """``abstracts``: id -> levels; ``nums``: numId -> (abstract id, overrides)."""
    parts = [
        f'<w:abstractNum w:abstractNumId="{a}">{lv}</w:abstractNum>' for a, lv in abstracts.items()
    ]
    parts += [
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{over}</w:num>'
        for n, (a, over) in nums.items()
    ]
    return f'<w:numbering xmlns:w="{W}">{"".join(parts)}</w:numbering>'


def style(
    identity: str, name: str, *, based_on: str = "", num: str = "", bold: bool = False
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    properties = f"<w:pPr>{num}</w:pPr>" if num else ""
    run = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{identity}"><w:name w:val="{name}"/>'
        f"{based}{properties}{run}</w:style>"
    )


def word_file(
    body: str, *, numbering_xml: str = "", styles: str = "", footnotes: dict[int, str] | None = None
) -> bytes:
    """A Word file whose body is ``body`` (paragraphs), with the parts given."""
    rels = [f'<Relationship Id="rIdS" Type="{_REL}/styles" Target="styles.xml"/>']
    parts = {
        "word/styles.xml": f'<w:styles xmlns:w="{W}">{styles}</w:styles>',
    }
    if numbering_xml:
        rels.append(f'<Relationship Id="rIdN" Type="{_REL}/numbering" Target="numbering.xml"/>')
        parts["word/numbering.xml"] = numbering_xml
    if footnotes:
        rels.append(f'<Relationship Id="rIdF" Type="{_REL}/footnotes" Target="footnotes.xml"/>')
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
            for i, text in footnotes.items()
        )
        parts["word/footnotes.xml"] = f'<w:footnotes xmlns:w="{W}">{notes}</w:footnotes>'
    parts["word/document.xml"] = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def footnote_reference(identity: int) -> str:
    return (
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{identity}"/></w:r>'
    )
