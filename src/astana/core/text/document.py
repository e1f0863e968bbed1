"""The negotiating text as a tree of provisions, in one or more languages.

A :class:`Document` is immutable: every change returns a new document that shares all
untouched provisions with the old one, so a one-word change to a 3,000-provision text
costs microseconds. Provisions are found by identity, never by position. Display numbers
(Article 3, paragraph 2, sub-paragraph (b)) are computed from the order of the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from astana.core.language import LANGUAGES
from astana.core.text.brackets import ProvisionText
from astana.core.text.numbering import label as display_label
from astana.core.text.numbering import translate_label
from astana.core.text.provision import (
    CHILD_KINDS,
    EMPTY,
    FREE_KINDS,
    LABELLED_KINDS,
    Provision,
    ProvisionKind,
    check_closed,
)

__all__ = ["Document", "StructureError", "check_order"]

_Path = tuple[int, ...]
#: A label written in brackets as a whole: the provision and all it holds are not agreed.
_BRACKETED_LABEL = re.compile(r"\[[^\[\]]+\]")
_NUMBERED_ACROSS = (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE)
_NUMBERED_AMONG = (ProvisionKind.PARAGRAPH, ProvisionKind.SUBPARAGRAPH, ProvisionKind.OPTION)


class StructureError(ValueError):
    """A change that would break the document's structure (unknown id, wrong nesting)."""


def check_order(parent: ProvisionKind | None, children: Iterable[Provision]) -> None:
    """Raise StructureError unless ``children`` may stand, in this order, under ``parent``."""
    ranks = CHILD_KINDS[parent]
    current = 0
    for child in children:
        if child.kind in FREE_KINDS and ranks:
            continue
        rank = next((i for i, kinds in enumerate(ranks) if child.kind in kinds), None)
        if rank is None:
            where = parent or "the top of the document"
            raise StructureError(f"a {child.kind} ({child.id}) cannot stand in {where}")
        if rank < current:
            raise StructureError(f"a {child.kind} ({child.id}) cannot follow a {ranks[current][0]}")
        current = rank


@dataclass(frozen=True)
class Document:
    """A negotiating text: its languages, its title per language and its provisions."""

    languages: tuple[str, ...]
    provisions: tuple[Provision, ...] = ()
    titles: tuple[tuple[str, ProvisionText], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", tuple(self.languages))
        object.__setattr__(self, "provisions", tuple(self.provisions))
        titles = {lang: text for lang, text in self.titles if text}
        object.__setattr__(self, "titles", tuple(sorted(titles.items())))

    # -- reading ------------------------------------------------------------------------

    def validate(self) -> Document:
        """Check languages, nesting, order and unique identities; return self."""
        if not self.languages or len(set(self.languages)) != len(self.languages):
            raise StructureError("a document needs one or more distinct languages")
        for lang in self.languages:
            if lang not in LANGUAGES:
                raise StructureError(f"unknown language {lang!r}")
        for lang, _ in self.titles:
            if lang not in self.languages:
                raise StructureError(f"a title in {lang}, which the document does not have")

        def check(parent: ProvisionKind | None, children: tuple[Provision, ...]) -> None:
            check_order(parent, children)
            for child in children:
                for lang, _ in child.texts:
                    if lang not in self.languages:
                        raise StructureError(f"{child.id} has text in {lang}, not a language")
                check(child.kind, child.children)

        check(None, self.provisions)
        if len(self._paths) != sum(1 for _ in self.walk()):
            seen: set[str] = set()
            for provision in self.walk():
                if provision.id in seen:
                    raise StructureError(f"the identity {provision.id} is used twice")
                seen.add(provision.id)
        return self

    def title(self, language: str) -> ProvisionText:
        """The document's title in ``language`` (empty when there is none)."""
        return dict(self.titles).get(language, EMPTY)

    def walk(self) -> Iterator[Provision]:
        """Every provision, in document order."""
        for provision in self.provisions:
            yield from provision.walk()

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, identity: object) -> bool:
        return identity in self._paths

    def __getitem__(self, identity: str) -> Provision:
        path = self._paths.get(identity)
        if path is None:
            raise KeyError(identity)
        node = self.provisions[path[0]]
        for index in path[1:]:
            node = node.children[index]
        return node

    def get(self, identity: str) -> Provision | None:
        """The provision ``identity``, or ``None`` when there is none."""
        path = self._paths.get(identity)
        return None if path is None else self._at(path)

    def parent(self, identity: str) -> Provision | None:
        """The provision ``identity`` stands under (``None`` at the top)."""
        path = self._path(identity)
        return self._at(path[:-1]) if len(path) > 1 else None

    def ordinal(self, identity: str) -> int:
        """The provision's number as an integer (0 for unnumbered kinds)."""
        return self._ordinals.get(identity, 0)

    def label(self, identity: str, language: str) -> str:
        """The provision's label in ``language`` as it is shown and cited: the label stored
        with it (as written: ``Article 2 bis``, ``4.ter``, ``(iv)``), else the one stored in
        another language with its heading word in this one, else its display number
        (``Article 3``, ``2.``, ``(b)``); ``""`` for kinds without labels (recitals,
        clauses, headings, notes)."""
        provision = self[identity]
        stored = provision.label(language)
        if stored is not None:
            return stored
        if provision.labels:
            return translate_label(provision.labels[0][1], provision.kind, language)
        return display_label(provision.kind, self.ordinal(identity), language)

    def labels(self, identity: str) -> dict[str, str]:
        """The provision's label in each of the document's languages (none when unlabelled)."""
        if self[identity].kind not in LABELLED_KINDS:
            return {}
        shown = {lang: self.label(identity, lang) for lang in self.languages}
        return {lang: value for lang, value in shown.items() if value}

    def frozen(self) -> Document:
        """This document with every label stored as it is shown now, so that no later
        insertion, deletion or move changes a provision's label (what loading stored data
        does: labels are data, renumbering is an explicit act)."""
        if all(
            p.kind not in LABELLED_KINDS or len(p.labels) == len(self.labels(p.id))
            for p in self.walk()
        ):
            return self

        def visit(children: tuple[Provision, ...]) -> tuple[Provision, ...]:
            return tuple(
                replace(
                    child,
                    labels=tuple(self.labels(child.id).items()),
                    children=visit(child.children),
                )
                for child in children
            )

        return replace(self, provisions=visit(self.provisions))

    def renumbered(self) -> tuple[Document, list[tuple[str, str, str]]]:
        """The mediator's technical renumbering: every label becomes its display number in
        document order (``4 bis`` after ``4`` becomes ``5``). Returns the new document and
        the concordance ``(identity, old label, new label)`` for each label that changed,
        in the first language."""
        language = self.languages[0]

        def visit(children: tuple[Provision, ...]) -> tuple[Provision, ...]:
            return tuple(
                replace(child, labels=(), children=visit(child.children)) for child in children
            )

        plain = replace(self, provisions=visit(self.provisions))
        new = plain.frozen()
        concordance = [
            (identity, old, fresh)
            for identity in self.ids()
            if (old := self.label(identity, language)) != (fresh := new.label(identity, language))
        ]
        return new, concordance

    def ids(self) -> list[str]:
        """Every identity, in document order."""
        return list(self._paths)

    def in_bracketed_heading(self, identity: str) -> bool:
        """True when the provision, or one that holds it, has its label in brackets in some
        language (``[Article 3bis]``: the whole article is not agreed). A label with
        bracketed alternatives of its number (``[4][2].``) brackets only the number."""
        current: Provision | None = self[identity]
        while current is not None:
            if any(_BRACKETED_LABEL.fullmatch(label) for _, label in current.labels):
                return True
            current = self.parent(current.id)
        return False

    def is_bracketed(self, identity: str) -> bool:
        """True when the provision is not agreed text: its text carries brackets in some
        language, or it stands under a bracketed heading."""
        provision = self[identity]
        return any(text.is_bracketed for _, text in provision.texts) or (
            self.in_bracketed_heading(identity)
        )

    def names_one(self, identity: str, language: str) -> bool:
        """True when the provision's label in ``language`` is borne by no other provision of
        its kind (``25.`` in a decision numbered across its sections; not ``Option 1``, which
        many paragraphs hold): citing it needs nothing above it."""
        provision = self[identity]
        label = self.label(identity, language)
        return bool(label) and self._label_counts[(language, provision.kind, label)] == 1

    @cached_property
    def _label_counts(self) -> dict[tuple[str, ProvisionKind, str], int]:
        counts: dict[tuple[str, ProvisionKind, str], int] = {}
        for provision in self.walk():
            for language in self.languages:
                key = (language, provision.kind, self.label(provision.id, language))
                counts[key] = counts.get(key, 0) + 1
        return counts

    @cached_property
    def _paths(self) -> dict[str, _Path]:
        paths: dict[str, _Path] = {}

        def visit(children: tuple[Provision, ...], prefix: _Path) -> None:
            for index, child in enumerate(children):
                path = (*prefix, index)
                paths.setdefault(child.id, path)
                visit(child.children, path)

        visit(self.provisions, ())
        return paths

    @cached_property
    def _ordinals(self) -> dict[str, int]:
        ordinals: dict[str, int] = {}
        across = dict.fromkeys(_NUMBERED_ACROSS, 0)

        def visit(children: tuple[Provision, ...]) -> None:
            among = dict.fromkeys(_NUMBERED_AMONG, 0)
            for child in children:
                if child.kind in across:
                    across[child.kind] += 1
                    ordinals[child.id] = across[child.kind]
                elif child.kind in among:
                    among[child.kind] += 1
                    ordinals[child.id] = among[child.kind]
                visit(child.children)

        visit(self.provisions)
        return ordinals

    def _path(self, identity: str) -> _Path:
        path = self._paths.get(identity)
        if path is None:
            raise StructureError(f"no provision {identity!r} in this document")
        return path

    def _at(self, path: _Path) -> Provision:
        node = self.provisions[path[0]]
        for index in path[1:]:
            node = node.children[index]
        return node

    # -- changing -----------------------------------------------------------------------

    def replace(self, provision: Provision) -> Document:
        """This document with the provision of the same identity replaced by ``provision``."""
        path = self._path(provision.id)
        old = self._at(path)
        new = self._with_at(path, lambda _: provision)
        if [c.id for c in old.walk()] == [c.id for c in provision.walk()]:
            new.__dict__["_paths"] = self._paths
            if "_ordinals" in self.__dict__:
                new.__dict__["_ordinals"] = self._ordinals
        return new

    def set_text(
        self, identity: str, language: str, text: ProvisionText, *, translation: bool = False
    ) -> Document:
        """A new wording in ``language``; the other languages are flagged for translation.

        With ``translation=True`` the text is an updated translation: its language's flag is
        cleared and no other language is flagged.
        """
        if language not in self.languages:
            raise StructureError(f"the document has no {language} version")
        provision = self.get(identity)
        if provision is None:
            raise StructureError(f"no provision {identity!r} in this document")
        others = () if translation else self.languages
        return self.replace(provision.with_text(language, text, flag_others=others))

    def set_title(self, language: str, text: ProvisionText) -> Document:
        """This document with a new title in ``language``."""
        titles = dict(self.titles)
        titles[language] = text
        return replace(self, titles=tuple(titles.items()))

    def insert(self, provision: Provision, *, parent: str | None, after: str | None) -> Document:
        """Insert ``provision`` under ``parent`` (``None``: the top), right after ``after``
        (``None``: first)."""
        for existing in provision.walk():
            if existing.id in self._paths:
                raise StructureError(f"the identity {existing.id} is already in use")
        return self._edit_children(parent, lambda kids: _insert_after(kids, provision, after))

    def remove(self, identity: str) -> Document:
        """This document without ``identity`` and everything under it."""
        parent = self.parent(identity)
        return self._edit_children(
            parent.id if parent else None,
            lambda kids: tuple(k for k in kids if k.id != identity),
        )

    def move(self, identity: str, *, parent: str | None, after: str | None) -> Document:
        """Move a provision (with everything under it) to stand after ``after`` in ``parent``."""
        if identity == after or (
            parent is not None and parent in {p.id for p in self[identity].walk()}
        ):
            raise StructureError(f"cannot move {identity} into or after itself")
        provision = self[identity]
        return self.remove(identity).insert(provision, parent=parent, after=after)

    def _edit_children(
        self, parent: str | None, edit: Callable[[tuple[Provision, ...]], tuple[Provision, ...]]
    ) -> Document:
        if parent is None:
            children = edit(self.provisions)
            check_order(None, children)
            return replace(self, provisions=children)
        node = self.get(parent)
        if node is None:
            raise StructureError(f"no provision {parent!r} in this document")
        children = edit(node.children)
        check_order(node.kind, children)
        return self._with_at(self._paths[parent], lambda p: replace(p, children=children))

    def _with_at(self, path: _Path, change: Callable[[Provision], Provision]) -> Document:
        def rebuild(children: tuple[Provision, ...], rest: _Path) -> tuple[Provision, ...]:
            index = rest[0]
            node = children[index]
            node = (
                change(node)
                if len(rest) == 1
                else replace(node, children=rebuild(node.children, rest[1:]))
            )
            return (*children[:index], node, *children[index + 1 :])

        return replace(self, provisions=rebuild(self.provisions, path))

    def rebuild(self, children_of: Mapping[str | None, tuple[Provision, ...]]) -> Document:
        """This document with new children for each parent in ``children_of`` (``None``:
        the top), in one pass over the tree; order rules are checked."""
        for parent, children in children_of.items():
            check_order(self[parent].kind if parent is not None else None, children)

        def visit(children: tuple[Provision, ...]) -> tuple[Provision, ...]:
            out: list[Provision] = []
            changed = False
            for child in children:
                kids = children_of.get(child.id, child.children)
                new_kids = visit(kids)
                if new_kids is not child.children:
                    child = replace(child, children=new_kids)
                    changed = True
                out.append(child)
            return tuple(out) if changed else children

        top = visit(children_of.get(None, self.provisions))
        return replace(self, provisions=top)

    # -- plain data ---------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible) that :meth:`from_dict` reads back."""
        return {
            "languages": list(self.languages),
            "titles": {lang: str(text) for lang, text in self.titles},
            "provisions": [p.to_dict() for p in self.provisions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Rebuild (and validate) a document from :meth:`to_dict`'s output.

        Data stored before labels were data (no ``labels`` in its provisions) has its display
        numbers stored as labels (:meth:`frozen`): the numbers stay what they were, and the
        revision hash does not change (it names a label only where it differs from the
        display number)."""
        carried: dict[str, int] = {}
        provisions = tuple(Provision.read_stored(p, carried) for p in data.get("provisions", ()))
        check_closed(carried)
        document = cls(
            tuple(str(lang) for lang in data["languages"]),
            provisions,
            tuple(
                (lang, ProvisionText.parse(str(s), refuse_unsafe=False))
                for lang, s in data.get("titles", {}).items()
            ),
        ).validate()
        if any("labels" not in p for p in _walk_data(data.get("provisions", ()))):
            return document.frozen()
        return document


def _walk_data(provisions: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    pending = list(provisions)
    while pending:
        item = pending.pop()
        yield item
        pending.extend(item.get("children", ()))


def _insert_after(
    children: tuple[Provision, ...], provision: Provision, after: str | None
) -> tuple[Provision, ...]:
    if after is None:
        return (provision, *children)
    for index, child in enumerate(children):
        if child.id == after:
            return (*children[: index + 1], provision, *children[index + 1 :])
    raise StructureError(f"{after!r} is not among the provisions it should follow")
