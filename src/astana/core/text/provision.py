"""Provisions: the units of a negotiating text, each with a stable identity.

A provision is a preamble, a recital (preamble paragraph), a chapter, an article, a
numbered paragraph, a lettered sub-paragraph or a clause (unnumbered text of an article).
Its identity (``id``) is a string in the style of Akoma Ntoso eIds (``art_3__para_2``); it is
given once and never changes, whatever the provision's display number becomes after
insertions, deletions and moves. The display number is computed by the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final

from astana.core.language import LANGUAGES
from astana.core.text.brackets import ProvisionText

__all__ = [
    "CHILD_KINDS",
    "EMPTY",
    "FREE_KINDS",
    "LABELLED_KINDS",
    "MAX_LABEL_LENGTH",
    "Provision",
    "ProvisionKind",
    "check_closed",
    "check_identity",
    "derived_identity",
    "letters",
]

EMPTY: Final = ProvisionText()
#: How long a label may be (``[Article 3 quinquies]`` is 22 characters).
MAX_LABEL_LENGTH: Final = 80
_LABEL_FORBIDDEN: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_IDENTITY: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


class ProvisionKind(StrEnum):
    """What a provision is; decides where it may stand and how it is numbered."""

    PREAMBLE = "preamble"
    RECITAL = "recital"
    CHAPTER = "chapter"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    CLAUSE = "clause"
    #: A heading at any depth that is not a chapter or an article: ``Part I``, ``Section
    #: II``, ``I.``, ``A.``, ``Annex``, ``Appendix 2``, ``Rule 6``; its label is as written.
    SECTION = "section"
    #: An unnumbered sub-heading between paragraphs (a line of its own, no children).
    HEADING = "heading"
    #: A block option: ``Option 1:`` on its own line, then the provisions it holds; its text
    #: is its title or note; consecutive options among siblings form one group.
    OPTION = "option"
    #: A drafting note or footnote kept with the text: shown and exported, never negotiated
    #: (its text is not counted as brackets or wording).
    NOTE = "note"


#: Kinds that may stand anywhere their parent allows children, in any order among the others.
FREE_KINDS: Final = frozenset(
    {ProvisionKind.SECTION, ProvisionKind.HEADING, ProvisionKind.OPTION, ProvisionKind.NOTE}
)
_ALL_BODY: Final = (
    ProvisionKind.PARAGRAPH,
    ProvisionKind.ARTICLE,
    ProvisionKind.CHAPTER,
    ProvisionKind.CLAUSE,
    ProvisionKind.SUBPARAGRAPH,
    ProvisionKind.RECITAL,
)


#: Which kinds may stand under which (``None``: the top of the document), in the order in
#: which they must come: a kind may not follow a kind listed after it (a paragraph cannot
#: follow an article in the same chapter: it would read as the article's paragraph).
CHILD_KINDS: Final[Mapping[ProvisionKind | None, tuple[tuple[ProvisionKind, ...], ...]]] = {
    None: (
        (ProvisionKind.PREAMBLE,),
        (ProvisionKind.PARAGRAPH,),
        (ProvisionKind.ARTICLE,),
        (ProvisionKind.CHAPTER,),
    ),
    ProvisionKind.PREAMBLE: ((ProvisionKind.RECITAL,),),
    ProvisionKind.CHAPTER: ((ProvisionKind.PARAGRAPH,), (ProvisionKind.ARTICLE,)),
    ProvisionKind.ARTICLE: ((ProvisionKind.PARAGRAPH, ProvisionKind.CLAUSE),),
    ProvisionKind.PARAGRAPH: ((ProvisionKind.SUBPARAGRAPH, ProvisionKind.CLAUSE),),
    ProvisionKind.SUBPARAGRAPH: ((ProvisionKind.SUBPARAGRAPH, ProvisionKind.CLAUSE),),
    ProvisionKind.RECITAL: (),
    ProvisionKind.CLAUSE: (),
    # Real texts: sections and block options hold whatever a text holds, in any order; a
    # section may open with a preamble (a decision under ``B. DRAFT DECISION``).
    ProvisionKind.SECTION: ((ProvisionKind.PREAMBLE,), _ALL_BODY),
    ProvisionKind.OPTION: (_ALL_BODY,),
    ProvisionKind.HEADING: (),
    ProvisionKind.NOTE: (),
}

#: Kinds whose provisions carry a label (``Article 2 bis``, ``4 ter.``, ``(iv)``, ``I.``).
#: A preamble is not among them: its heading word is not a number, and a preamble may be
#: written without it (``The Conference of the Parties,`` and its recitals).
LABELLED_KINDS: Final = frozenset(
    {
        ProvisionKind.CHAPTER,
        ProvisionKind.ARTICLE,
        ProvisionKind.PARAGRAPH,
        ProvisionKind.SUBPARAGRAPH,
        ProvisionKind.SECTION,
        ProvisionKind.OPTION,
    }
)


def check_identity(identity: str) -> str:
    """Return ``identity`` if it is a valid provision identity, else raise ValueError."""
    if not _IDENTITY.fullmatch(identity):
        raise ValueError(f"not a valid provision identity: {identity!r}")
    return identity


def letters(ordinal: int) -> str:
    """``1 -> a``, ``26 -> z``, ``27 -> aa``, ``28 -> bb``: the United Nations way."""
    if ordinal < 1:
        raise ValueError("ordinals start at 1")
    return chr(ord("a") + (ordinal - 1) % 26) * ((ordinal - 1) // 26 + 1)


#: The word of each kind's derived identity (``art_2__para_1``).
_IDENTITY_WORD: Final = {
    ProvisionKind.CHAPTER: "chp",
    ProvisionKind.ARTICLE: "art",
    ProvisionKind.RECITAL: "recital",
    ProvisionKind.PARAGRAPH: "para",
    ProvisionKind.SUBPARAGRAPH: "subpara",
    ProvisionKind.CLAUSE: "clause",
    ProvisionKind.SECTION: "sec",
    ProvisionKind.HEADING: "hdg",
    ProvisionKind.OPTION: "opt",
    ProvisionKind.NOTE: "note",
}


def derived_identity(parent: str | None, kind: ProvisionKind, ordinal: int) -> str:
    """The identity a provision gets from where it first stands.

    ``ordinal`` counts chapters and articles across the whole document, and other kinds
    among their siblings of the same kind.
    """
    if kind is ProvisionKind.PREAMBLE:
        return "preamble"
    number = letters(ordinal) if kind is ProvisionKind.SUBPARAGRAPH else str(ordinal)
    if kind in (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE):
        return f"{_IDENTITY_WORD[kind]}_{number}"  # counted across the document
    prefix = f"{parent}__" if parent else ""
    return f"{prefix}{_IDENTITY_WORD[kind]}_{number}"


def _labels(labels: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    out = {lang: " ".join(str(value).split()) for lang, value in labels}
    for lang, value in out.items():
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
        if not value:
            raise ValueError("a label cannot be empty")
        if len(value) > MAX_LABEL_LENGTH or _LABEL_FORBIDDEN.search(value):
            raise ValueError(f"not a valid label: {value!r}")
    return tuple(sorted(out.items()))


def _texts(texts: Iterable[tuple[str, ProvisionText]]) -> tuple[tuple[str, ProvisionText], ...]:
    out = {lang: text for lang, text in texts if text}
    for lang in out:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    return tuple(sorted(out.items()))


@dataclass(frozen=True)
class Provision:
    """One provision: identity, kind, text per language, translation flags, sub-provisions."""

    id: str
    kind: ProvisionKind
    texts: tuple[tuple[str, ProvisionText], ...] = ()
    needs_translation: frozenset[str] = field(default_factory=frozenset)
    children: tuple[Provision, ...] = ()
    #: The label as written, per language (``Article 2 bis``, ``المادة 2 مكرراً``, ``4.ter``,
    #: ``(iv)``); a provision without one shows its display number (``Document.label``).
    labels: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        check_identity(self.id)
        object.__setattr__(self, "labels", _labels(self.labels) if self.labels else ())
        object.__setattr__(self, "kind", ProvisionKind(self.kind))
        object.__setattr__(self, "texts", _texts(self.texts))
        object.__setattr__(self, "needs_translation", frozenset(self.needs_translation))
        object.__setattr__(self, "children", tuple(self.children))

    @classmethod
    def create(
        cls,
        id: str,
        kind: ProvisionKind | str,
        texts: Mapping[str, str | ProvisionText] | None = None,
        children: Iterable[Provision] = (),
    ) -> Provision:
        """Build a provision from notation strings per language (convenient in tests)."""
        parsed = {
            lang: value if isinstance(value, ProvisionText) else ProvisionText.parse(value)
            for lang, value in (texts or {}).items()
        }
        return cls(id, ProvisionKind(kind), tuple(parsed.items()), frozenset(), tuple(children))

    def label(self, language: str) -> str | None:
        """The label as written in ``language``, or ``None`` when none is stored."""
        for lang, value in self.labels:
            if lang == language:
                return value
        return None

    def with_labels(self, labels: Mapping[str, str]) -> Provision:
        """This provision with ``labels`` (per language) as its stored labels."""
        return replace(self, labels=tuple(labels.items()))

    def text(self, language: str) -> ProvisionText:
        """The text in ``language`` (empty when there is none)."""
        for lang, text in self.texts:
            if lang == language:
                return text
        return EMPTY

    def with_text(
        self, language: str, text: ProvisionText, *, flag_others: Iterable[str] = ()
    ) -> Provision:
        """This provision with ``text`` in ``language``.

        The language's own flag is cleared; each language in ``flag_others`` (other than
        ``language``) is flagged as needing translation.
        """
        texts = dict(self.texts)
        texts[language] = text
        flags = (self.needs_translation | set(flag_others)) - {language}
        return replace(self, texts=tuple(texts.items()), needs_translation=frozenset(flags))

    def walk(self) -> Iterator[Provision]:
        """This provision and every provision under it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible); texts in the bracketed notation."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "texts": {lang: str(text) for lang, text in self.texts},
            "needs_translation": sorted(self.needs_translation),
            "labels": dict(self.labels),
            "children": [child.to_dict() for child in self.children],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provision:
        """Rebuild a provision from :meth:`to_dict`'s output (a bracket may span the
        provisions it holds, not leave it: see :meth:`read_stored`)."""
        carried: dict[str, int] = {}
        provision = cls.read_stored(data, carried)
        check_closed(carried)
        return provision

    @classmethod
    def read_stored(cls, data: Mapping[str, Any], carried: dict[str, int]) -> Provision:
        """Rebuild a provision from :meth:`to_dict`'s output, its text and then its
        children's in document order: ``carried`` counts, per language, the brackets opened
        by the provisions read before and not yet closed (a bracket spanning a chapeau and
        its items, or two paragraphs, is stored as one fragment per provision)."""
        texts = []
        for lang, source in data["texts"].items():
            text, carried[lang] = ProvisionText.parse_stored(
                str(source), carried=carried.get(lang, 0)
            )
            texts.append((lang, text))
        return cls(
            str(data["id"]),
            ProvisionKind(data["kind"]),
            tuple(texts),
            frozenset(str(lang) for lang in data.get("needs_translation", ())),
            tuple(cls.read_stored(child, carried) for child in data.get("children", ())),
            tuple((str(lang), str(value)) for lang, value in data.get("labels", {}).items()),
        )


def check_closed(carried: Mapping[str, int]) -> None:
    """Refuse stored provisions that leave a bracket open at their end (``ValueError``)."""
    for lang, count in sorted(carried.items()):
        if count:
            raise ValueError(f"{count} bracket(s) in the {lang} text are never closed")
