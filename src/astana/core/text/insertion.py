"""The label a provision inserted into a numbered text is given, so that no other label moves.

In a negotiation ``paragraph 4 bis`` is how everyone refers to a provision: once a text is
circulated its labels never change unless the mediator renumbers it (``Document.renumbered``).
A provision inserted between ``4.`` and ``5.`` is therefore ``4 bis.`` (then ``4 ter.``,
``4 quater.``: the Latin multiplicative adverbs of United Nations practice), a sub-paragraph
between ``(a)`` and ``(b)`` is ``(a bis)``. In Arabic the UN writes ``4 مكرراً`` (bis), then
``4 مكرراً ثانياً``, ``4 مكرراً ثالثاً`` (ter, quater: "repeated a second, third time"); in
Russian ``4 бис``, ``4 тер``, ``4 кватер``.

Choices where practice varies (documented here, and the proposer may always write another
label): a provision inserted after the last of its kind takes the next number (``5.`` after
``4.``, ``(c)`` after ``(b)``, ``Article 8`` after the last article), since nothing follows it
that would be renumbered; one inserted before the first of its kind is marked new
(``1 new.``, ``(a new)``) rather than numbered ``0``; a suffix already taken by a sibling is
skipped (between ``4.`` and ``4 bis.``, the suggestion is ``4 ter.``, which a proposer may
prefer to rewrite). A label that cannot be read (``Part One``) gets the next free suffix.
"""

from __future__ import annotations

import re
from typing import Final

from astana.core.text.document import Document, StructureError
from astana.core.text.numbering import ABJAD, SUFFIXES, roman, roman_value
from astana.core.text.numbering import label as display_label
from astana.core.text.provision import LABELLED_KINDS, Provision, ProvisionKind

__all__ = ["NEW_WORD", "SUFFIXES", "label_inserted", "suggest_label", "suggested_labels"]

#: The word that marks a provision inserted before the first of its kind.
NEW_WORD: Final[dict[str, str]] = {"en": "new", "ar": "جديد", "ru": "новый"}

_ACROSS: Final = (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE)
_PROBE: Final = "label-probe-0"
_ROMAN: Final = re.compile(r"^[IVXLCDM]+$")


def _suffix_pattern() -> re.Pattern[str]:
    words = sorted({w for ws in SUFFIXES.values() for w in ws}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    # A suffix follows a space, a dot or a dash, or straight after a digit (``4bis``), never
    # inside a word (``Chapter`` does not end in ``ter``).
    return re.compile(
        rf"^(?P<base>.*?)(?:(?:[ .\-]|(?<=[0-9]))(?P<suffix>{alternatives}))?$", re.IGNORECASE
    )


_SUFFIXED: Final = _suffix_pattern()
_CLOSERS: Final = ".):"


def _split(written: str) -> tuple[str, int, str]:
    """``4 ter.`` -> (``4``, 2, ``.``): the base, the suffix's rank (0: none) and the closing
    punctuation."""
    body = written.rstrip(_CLOSERS)
    closer = written[len(body) :]
    found = _SUFFIXED.match(body)
    assert found is not None  # the pattern matches every string
    suffix = found.group("suffix")
    if suffix is None:
        return body, 0, closer
    folded = suffix.casefold()
    rank = next(
        (ws.index(w) + 1 for ws in SUFFIXES.values() for w in ws if w.casefold() == folded), 0
    )
    return found.group("base").rstrip(), rank, closer


def _with_suffix(base: str, rank: int, closer: str, language: str) -> str:
    words = SUFFIXES.get(language, SUFFIXES["en"])
    word = words[rank - 1] if rank <= len(words) else f"{words[-1]} {rank - len(words) + 1}"
    return f"{base} {word}{closer}"


def _next_token(token: str) -> str | None:
    """The token after ``token``: ``4`` -> ``5``, ``b`` -> ``c``, ``ب`` -> ``ج``,
    ``IV`` -> ``V``, ``B`` -> ``C``; ``None`` when it is none of these."""
    if token.isdigit():
        return str(int(token) + 1)
    if (_ROMAN.match(token) and len(token) > 1) or token in ("I", "V", "X"):
        number = roman_value(token)
        return roman(number + 1) if number else None
    if len(set(token)) == 1:
        char, repeat = token[0], len(token)
        if "a" <= char < "z" or "A" <= char < "Z":
            return chr(ord(char) + 1) * repeat
        if char in ABJAD[:-1]:
            return ABJAD[ABJAD.index(char) + 1] * repeat
    return None


def _following(written: str) -> str | None:
    """The label after ``written`` in sequence (``4.`` -> ``5.``, ``(b)`` -> ``(c)``,
    ``Article 4 bis`` -> ``Article 5``), or ``None`` when it cannot be read."""
    base, _, closer = _split(written)
    found = re.match(r"^(?P<head>.*?)(?P<token>[0-9]+|[A-Za-z]+|[" + ABJAD + r"]+)$", base)
    if found is None:
        return None
    following = _next_token(found.group("token"))
    return None if following is None else found.group("head") + following + closer


def _peers(document: Document, identity: str) -> list[Provision]:
    """The provisions numbered in the same sequence as ``identity`` (itself included), in
    document order: articles and chapters across the document, others among siblings."""
    provision = document[identity]
    if provision.kind in _ACROSS:
        return [p for p in document.walk() if p.kind is provision.kind]
    parent = document.parent(identity)
    siblings = parent.children if parent is not None else document.provisions
    return [p for p in siblings if p.kind is provision.kind]


def _suggest_in_place(document: Document, identity: str, language: str) -> str:
    """The label for ``identity``, which stands where it is inserted and has no label yet."""
    kind = document[identity].kind
    if kind not in LABELLED_KINDS:
        return ""
    peers = _peers(document, identity)
    index = next(i for i, p in enumerate(peers) if p.id == identity)
    others = [p for p in peers if p.id != identity]
    taken = {document.label(p.id, language) for p in others}
    if not others:
        return display_label(kind, 1, language)
    if index == 0:
        base, rank, closer = _split(document.label(others[0].id, language))
        return f"{base} {NEW_WORD.get(language, NEW_WORD['en'])}{closer}"
    anchor = document.label(peers[index - 1].id, language)
    if index == len(peers) - 1:
        following = _following(anchor)
        if following is not None and following not in taken:
            return following
    base, rank, closer = _split(anchor)
    rank += 1
    while _with_suffix(base, rank, closer, language) in taken:
        rank += 1
    return _with_suffix(base, rank, closer, language)


def suggest_label(
    document: Document,
    parent: str | None,
    after: str | None,
    kind: ProvisionKind | str,
    language: str,
) -> str:
    """The label a ``kind`` provision inserted under ``parent`` after ``after`` should carry in
    ``language`` so that no existing label changes (``4 bis.`` after ``4.``); ``""`` for kinds
    without labels. Raises :class:`StructureError` when such a provision cannot stand there."""
    probe = Provision(_PROBE, ProvisionKind(kind))
    if _PROBE in document:
        raise StructureError(f"the identity {_PROBE} is in use")  # pragma: no cover
    return _suggest_in_place(document.insert(probe, parent=parent, after=after), _PROBE, language)


def suggested_labels(document: Document, identity: str) -> dict[str, str]:
    """The labels, per language, that ``identity`` (just inserted, without labels) should
    carry; empty for kinds without labels."""
    if document[identity].kind not in LABELLED_KINDS:
        return {}
    return {lang: _suggest_in_place(document, identity, lang) for lang in document.languages}


def label_inserted(document: Document, identity: str) -> Document:
    """``document`` with the suggested labels stored on ``identity``, a provision just inserted
    without labels into a text whose labels are stored (what a revision or a compilation does
    with an insertion proposed before proposals carried labels); unchanged otherwise."""
    provision = document[identity]
    if provision.labels or provision.kind not in LABELLED_KINDS:
        return document
    if not any(p.labels for p in _peers(document, identity) if p.id != identity):
        return document
    return document.replace(provision.with_labels(suggested_labels(document, identity)))
