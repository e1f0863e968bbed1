"""Word's automatic numbering, computed as Word shows it: ``1.``, ``(a)``, ``(iv)``, ``II.``.

A Word paragraph is numbered by a ``w:numPr`` (list instance ``numId``, level ``ilvl``) of
its own or of its style (through ``w:basedOn``). The instance names an abstract definition
in ``numbering.xml`` whose levels give a format (``decimal``, ``lowerLetter``,
``upperRoman``, ...), a text (``%6.``, ``(%7)``), a start value and a restart rule. The
running count belongs to the abstract definition, so instances that share one continue
each other's numbers; an instance with a ``w:startOverride`` restarts its level the first
time it is used there (ECMA-376 17.9, as Word does it). :class:`Numbering` replays this
paragraph by paragraph, empty ones included (Word numbers them too), and says for each
the label and the level's format, from which the importer tells a heading from a
paragraph from a sub-paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from docx.oxml.ns import qn

from astana.core.text.numbering import ABJAD, roman
from astana.core.text.provision import letters

__all__ = ["Level", "Numbering", "Styles", "format_number"]

_ARABIC_ALPHA: Final = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
_RUSSIAN: Final = "абвгдежзиклмнопрстуфхцчшщэюя"
_PLACEHOLDER: Final = re.compile(r"%([1-9])")
_LEVELS: Final = 9


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _repeated(alphabet: str, number: int) -> str:
    return alphabet[(number - 1) % len(alphabet)] * ((number - 1) // len(alphabet) + 1)


def format_number(number: int, fmt: str) -> str:
    """``number`` in Word's numbering format ``fmt`` (``lowerLetter``: 27 -> ``aa``)."""
    if number < 1 and fmt not in ("decimal", "decimalZero"):
        return str(number)
    match fmt:
        case "lowerLetter":
            return letters(number)
        case "upperLetter":
            return letters(number).upper()
        case "lowerRoman":
            return roman(number).lower()
        case "upperRoman":
            return roman(number)
        case "decimalZero":
            return f"{number:02d}"
        case "arabicAbjad":
            return _repeated(ABJAD, number)
        case "arabicAlpha":
            return _repeated(_ARABIC_ALPHA, number)
        case "russianLower":
            return _repeated(_RUSSIAN, number)
        case "russianUpper":
            return _repeated(_RUSSIAN, number).upper()
        case "hindiNumbers":
            return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        case "none" | "bullet":
            return ""
        case _:
            return str(number)


@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # None: after any earlier level; 0: never
    style: str | None = None
    legal: bool = False


@dataclass
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    bold: bool | None
    underline: bool | None


class Styles:
    """The paragraph and character styles of ``styles.xml``, resolved through ``basedOn``."""

    def __init__(self, root: Any | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for element in root.iter(qn("w:style")):
            identity = element.get(qn("w:styleId"))
            if identity is None:
                continue
            properties = element.find(qn("w:pPr"))
            numbering = properties.find(qn("w:numPr")) if properties is not None else None
            run = element.find(qn("w:rPr"))
            ilvl = _val(numbering, "w:ilvl")
            outline = _val(properties, "w:outlineLvl")
            self._styles[identity] = _Style(
                name=_val(element, "w:name") or identity,
                based_on=_val(element, "w:basedOn"),
                num_id=_val(numbering, "w:numId"),
                ilvl=_int(ilvl, 0) if ilvl is not None else None,
                outline=_int(outline, 9) if outline is not None else None,
                bold=_switch(run, "w:b"),
                underline=_underline(run),
            )
            if element.get(qn("w:type")) == "paragraph" and element.get(qn("w:default")) in (
                "1",
                "true",
            ):
                self.default_paragraph = identity

    def _chain(self, identity: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while identity is not None and identity in self._styles and identity not in seen:
            seen.add(identity)
            chain.append(self._styles[identity])
            identity = chain[-1].based_on
        return chain

    def name(self, identity: str | None) -> str:
        style = self._styles.get(identity or "")
        return style.name if style else ""

    def numbering(self, identity: str | None) -> tuple[str | None, int | None]:
        """The list instance and level a style numbers its paragraphs with (either may be
        ``None``: not set anywhere in its chain)."""
        num_id: str | None = None
        ilvl: int | None = None
        for style in self._chain(identity):
            num_id = style.num_id if num_id is None else num_id
            ilvl = style.ilvl if ilvl is None else ilvl
        return num_id, ilvl

    def outline(self, identity: str | None) -> int | None:
        return next((s.outline for s in self._chain(identity) if s.outline is not None), None)

    def bold(self, identity: str | None) -> bool:
        return next((s.bold for s in self._chain(identity) if s.bold is not None), False)

    def underline(self, identity: str | None) -> bool:
        chain = self._chain(identity)
        return next((s.underline for s in chain if s.underline is not None), False)


def _switch(run: Any, tag: str) -> bool | None:
    element = run.find(qn(tag)) if run is not None else None
    if element is None:
        return None
    return element.get(qn("w:val")) not in ("0", "false", "off")


def _underline(run: Any) -> bool | None:
    if run is None or run.find(qn("w:u")) is None:
        return None
    return _val(run, "w:u") not in ("none", "0", "false")


def _level(level: Any) -> Level:
    restart = _val(level, "w:lvlRestart")
    return Level(
        start=_int(_val(level, "w:start"), 1),
        fmt=_val(level, "w:numFmt") or "decimal",
        text=_val(level, "w:lvlText") or "",
        restart=_int(restart, 0) if restart is not None else None,
        style=_val(level, "w:pStyle"),
        legal=level.find(qn("w:isLgl")) is not None,
    )


def _levels(element: Any) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for level in element.findall(qn("w:lvl")):
        index = _int(level.get(qn("w:ilvl")), -1)
        if 0 <= index < _LEVELS:
            levels[index] = _level(level)
    return levels


@dataclass
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # level -> startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # level -> overriding definition


class Numbering:
    """Replays Word's list counters over a document's paragraphs, in order."""

    def __init__(self, root: Any | None, styles: Styles) -> None:
        self.styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstract -> the list style it takes its levels from
        self._instances: dict[str, _Instance] = {}
        self._counts: dict[str, list[int | None]] = {}
        self._used: set[tuple[str, int]] = set()
        if root is None:
            return
        for element in root.findall(qn("w:abstractNum")):
            identity = element.get(qn("w:abstractNumId"))
            if identity is None:
                continue
            self._abstract[identity] = _levels(element)
            link = _val(element, "w:numStyleLink")
            if link:
                self._links[identity] = link
        for element in root.findall(qn("w:num")):
            identity = element.get(qn("w:numId"))
            abstract = _val(element, "w:abstractNumId")
            if identity is None or abstract is None:
                continue
            instance = _Instance(abstract)
            for override in element.findall(qn("w:lvlOverride")):
                index = _int(override.get(qn("w:ilvl")), -1)
                start = _val(override, "w:startOverride")
                if start is not None:
                    instance.starts[index] = _int(start, 1)
                for level in override.findall(qn("w:lvl")):
                    instance.levels[index] = _level(level)
            self._instances[identity] = instance

    def _abstract_of(self, num_id: str) -> str | None:
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        abstract = instance.abstract
        for _ in range(3):  # a numStyleLink names a list style whose numbering holds the levels
            link = self._links.get(abstract)
            if link is None:
                break
            linked, _ = self.styles.numbering(link)
            target = self._instances.get(linked or "")
            if target is None or target.abstract == abstract:
                break
            abstract = target.abstract
        return abstract if abstract in self._abstract else None

    def _level(self, num_id: str, abstract: str, ilvl: int) -> Level | None:
        instance = self._instances[num_id]
        return instance.levels.get(ilvl) or self._abstract[abstract].get(ilvl)

    def resolve(self, direct: tuple[str | None, int | None], style: str | None) -> tuple[str, int]:
        """The list instance and level a paragraph is numbered with (``("", 0)``: none)."""
        num_id, ilvl = direct
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self.styles.numbering(style)
            num_id = num_id if num_id is not None else style_num
            if ilvl is None:
                ilvl = style_ilvl
            if ilvl is None and num_id is not None:
                abstract = self._abstract_of(num_id)
                levels = self._abstract.get(abstract or "", {})
                ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        if num_id is None or num_id == "0" or num_id not in self._instances:
            return "", 0
        return num_id, min(max(ilvl or 0, 0), _LEVELS - 1)

    def advance(self, num_id: str, ilvl: int) -> tuple[str, Level] | None:
        """Count a paragraph numbered at ``ilvl`` of ``num_id``: its label as Word shows it
        and its level, or ``None`` when the instance or level is not defined."""
        abstract = self._abstract_of(num_id)
        if abstract is None:
            return None
        level = self._level(num_id, abstract, ilvl)
        if level is None:
            return None
        counts = self._counts.setdefault(abstract, [None] * _LEVELS)
        instance = self._instances[num_id]
        if (num_id, ilvl) not in self._used:
            self._used.add((num_id, ilvl))
            if ilvl in instance.starts:
                counts[ilvl] = None
        if counts[ilvl] is None:
            counts[ilvl] = instance.starts.get(ilvl, level.start)
        else:
            counts[ilvl] = (counts[ilvl] or 0) + 1
        for deeper in range(ilvl + 1, _LEVELS):
            rule = self._level(num_id, abstract, deeper)
            restart = rule.restart if rule is not None else None
            if restart is None or (restart > 0 and ilvl < restart):
                counts[deeper] = None

        def shown(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            other = self._level(num_id, abstract, index) or Level()
            value = counts[index]
            if value is None:
                value = instance.starts.get(index, other.start)
            fmt = "decimal" if level.legal else other.fmt  # "legal" numbering: 2.1, not II.1
            return format_number(value, fmt)

        text = level.text if level.fmt != "bullet" else ""
        return " ".join(_PLACEHOLDER.sub(shown, text).split()), level
