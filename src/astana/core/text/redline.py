"""Redline: a word-level comparison of two revisions, provision by provision.

Provisions are matched by identity, never by position, so a provision that was renumbered
is compared with itself, and one that was moved is shown once, as moved (not deleted and
inserted). Only provisions whose text differs need a word diff, which is what makes a
redline of a 600-page text fast. Each provision's comparison is a list of runs:
``equal``, ``delete`` and ``insert``. Tokens are compared by :func:`token_key` (tatweel and
Arabic diacritics do not count as changes); an equal run carries the new spelling and,
where it differs, the old one, so that :func:`apply_runs` rebuilds the new text exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from astana.core.text.diff import Op, edit_script
from astana.core.text.document import Document
from astana.core.text.provision import Provision, ProvisionKind
from astana.core.text.words import WORD, token_key, tokenise

__all__ = [
    "Change",
    "ProvisionRedline",
    "Redline",
    "Run",
    "apply_runs",
    "redline",
    "word_runs",
]


class Change(StrEnum):
    """What happened to a provision between two revisions."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Run:
    """A stretch of text that is equal, inserted or deleted.

    ``old`` is set on an equal run whose old spelling differs (diacritics, tatweel).
    """

    op: Op
    text: str
    old: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        data: dict[str, Any] = {"op": str(self.op), "text": self.text}
        if self.old is not None:
            data["old"] = self.old
        return data


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low


def _in_word(text: str, at: int) -> bool:
    """True when position ``at`` falls inside a word (between two word characters)."""
    return 0 < at < len(text) and bool(WORD.match(text[at - 1])) and bool(WORD.match(text[at]))


def word_runs(old: str, new: str) -> tuple[Run, ...]:
    """The word-level comparison of two texts.

    The identical head and tail are found by character (cut back to a word boundary), so
    only the stretch that differs is cut into tokens and compared.
    """
    if old == new:
        return (Run(Op.EQUAL, new),) if new else ()
    head = _common_prefix(old, new)
    while _in_word(old, head) or _in_word(new, head):
        head -= 1
    tail = _common_suffix(old, new, min(len(old), len(new)) - head)
    while tail and (_in_word(old, len(old) - tail) or _in_word(new, len(new) - tail)):
        tail -= 1
    runs: list[Run] = [Run(Op.EQUAL, new[:head])] if head else []
    a, b = tokenise(old[head : len(old) - tail]), tokenise(new[head : len(new) - tail])
    if old.isascii() and new.isascii():
        script = edit_script(a, b)
    else:
        script = edit_script([token_key(t) for t in a], [token_key(t) for t in b])
    for index, (op, a0, a1, b0, b1) in enumerate(script):
        if op is Op.EQUAL:
            was, now = "".join(a[a0:a1]), "".join(b[b0:b1])
            between = 0 < index < len(script) - 1
            if between and not now.strip():
                runs.extend((Run(Op.DELETE, was), Run(Op.INSERT, now)))
            else:
                runs.append(Run(Op.EQUAL, now, was if was != now else None))
        elif op is Op.DELETE:
            runs.append(Run(Op.DELETE, "".join(a[a0:a1])))
        else:
            runs.append(Run(Op.INSERT, "".join(b[b0:b1])))
    if tail:
        runs.append(Run(Op.EQUAL, new[len(new) - tail :]))
    return _regroup(runs)


def _regroup(runs: list[Run]) -> tuple[Run, ...]:
    """One deletion then one insertion between two equal runs; equal runs joined."""
    out: list[Run] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(Run(Op.DELETE, "".join(deleted)))
        if inserted:
            out.append(Run(Op.INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for run in runs:
        if run.op is Op.EQUAL:
            flush()
            if out and out[-1].op is Op.EQUAL:
                last = out.pop()
                was = (last.old if last.old is not None else last.text) + (
                    run.old if run.old is not None else run.text
                )
                now = last.text + run.text
                out.append(Run(Op.EQUAL, now, was if was != now else None))
            else:
                out.append(run)
        elif run.op is Op.DELETE:
            deleted.append(run.text)
        else:
            inserted.append(run.text)
    flush()
    return tuple(out)


def apply_runs(old: str, runs: Sequence[Run]) -> str:
    """The new text, from the old one and its runs; ValueError if they do not fit."""
    was = "".join(r.old if r.old is not None else r.text for r in runs if r.op is not Op.INSERT)
    if was != old:
        raise ValueError("the redline does not belong to this text")
    return "".join(r.text for r in runs if r.op is not Op.DELETE)


@dataclass(frozen=True)
class ProvisionRedline:
    """One provision in a redline."""

    id: str
    kind: ProvisionKind
    change: Change
    moved: bool
    old_number: int
    new_number: int
    runs: tuple[Run, ...]

    @property
    def renumbered(self) -> bool:
        """True when its display number changed (without its text having to)."""
        return (
            self.change in (Change.UNCHANGED, Change.CHANGED) and self.old_number != self.new_number
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "change": str(self.change),
            "moved": self.moved,
            "old_number": self.old_number,
            "new_number": self.new_number,
            "runs": [r.to_dict() for r in self.runs],
        }


@dataclass(frozen=True)
class Redline:
    """The comparison of two documents in one language.

    ``changes`` holds the provisions that were inserted, deleted, changed or moved;
    ``provisions`` every provision in the new document's order (deleted ones where they
    stood), unchanged ones included, built on first use.
    """

    language: str
    title: tuple[Run, ...]
    changes: tuple[ProvisionRedline, ...]
    order: tuple[str, ...]
    old: Document = field(repr=False, compare=False)
    new: Document = field(repr=False, compare=False)

    def changed(self) -> list[ProvisionRedline]:
        """The provisions that were inserted, deleted, changed or moved."""
        return list(self.changes)

    @cached_property
    def provisions(self) -> tuple[ProvisionRedline, ...]:
        """Every provision, in order."""
        changes = {c.id: c for c in self.changes}
        out: list[ProvisionRedline] = []
        for identity in self.order:
            entry = changes.get(identity)
            if entry is None:
                provision = self.new[identity]
                text = str(provision.text(self.language))
                entry = ProvisionRedline(
                    identity,
                    provision.kind,
                    Change.UNCHANGED,
                    False,
                    self.old.ordinal(identity),
                    self.new.ordinal(identity),
                    (Run(Op.EQUAL, text),) if text else (),
                )
            out.append(entry)
        return tuple(out)

    def apply(self, old: Document) -> tuple[str, list[tuple[str, str]]]:
        """Rebuild the new title and ``(id, text)`` of every provision from ``old``."""
        title = apply_runs(str(old.title(self.language)), self.title)
        texts: list[tuple[str, str]] = []
        for entry in self.provisions:
            if entry.change is Change.DELETED:
                apply_runs(str(old[entry.id].text(self.language)), entry.runs)
                continue
            before = str(old[entry.id].text(self.language)) if entry.id in old else ""
            texts.append((entry.id, apply_runs(before, entry.runs)))
        return title, texts

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible), every provision included."""
        return {
            "language": self.language,
            "title": [r.to_dict() for r in self.title],
            "provisions": [p.to_dict() for p in self.provisions],
        }


def _index(document: Document) -> dict[str, tuple[Provision, str | None]]:
    found: dict[str, tuple[Provision, str | None]] = {}
    stack: list[tuple[Provision, str | None]] = [(p, None) for p in reversed(document.provisions)]
    while stack:
        provision, parent = stack.pop()
        found[provision.id] = (provision, parent)
        stack.extend((child, provision.id) for child in reversed(provision.children))
    return found


def redline(old: Document, new: Document, language: str) -> Redline:
    """Compare two documents (two revisions of one text) in ``language``."""
    before, after = _index(old), _index(new)
    old_ids, new_ids = list(before), list(after)
    script = edit_script(old_ids, new_ids)
    moved: set[str] = set()
    for op, a0, a1, _, _ in script:
        if op is Op.DELETE:
            moved.update(i for i in old_ids[a0:a1] if i in after)
    for identity, (_, parent) in after.items():
        found = before.get(identity)
        if found is not None and found[1] != parent:
            moved.add(identity)
    changes: list[ProvisionRedline] = []
    order: list[str] = []
    for op, a0, a1, b0, b1 in script:
        if op is Op.DELETE:
            for identity in old_ids[a0:a1]:
                if identity not in after:
                    order.append(identity)
                    changes.append(_deleted(old, before[identity][0], language))
            continue
        for identity in new_ids[b0:b1]:
            order.append(identity)
            provision = after[identity][0]
            previous = before.get(identity)
            now = provision.text(language)
            if previous is None:
                runs = (Run(Op.INSERT, str(now)),) if now else ()
                changes.append(
                    ProvisionRedline(
                        identity,
                        provision.kind,
                        Change.INSERTED,
                        False,
                        0,
                        new.ordinal(identity),
                        runs,
                    )
                )
                continue
            was = previous[0].text(language)
            same = was is now or was.notation == now.notation
            if same and identity not in moved:
                continue
            changes.append(
                ProvisionRedline(
                    identity,
                    provision.kind,
                    Change.UNCHANGED if same else Change.CHANGED,
                    identity in moved,
                    old.ordinal(identity),
                    new.ordinal(identity),
                    word_runs(str(now), str(now)) if same else word_runs(str(was), str(now)),
                )
            )
    title = word_runs(str(old.title(language)), str(new.title(language)))
    return Redline(language, title, tuple(changes), tuple(order), old, new)


def _deleted(old: Document, provision: Provision, language: str) -> ProvisionRedline:
    text = str(provision.text(language))
    runs = (Run(Op.DELETE, text),) if text else ()
    return ProvisionRedline(
        provision.id, provision.kind, Change.DELETED, False, old.ordinal(provision.id), 0, runs
    )
