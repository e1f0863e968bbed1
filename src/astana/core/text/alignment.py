"""Alignment: which provision of one document is which provision of another, when their
identities cannot be trusted, and the redline of the two as a short list of changes.

Within the room a provision keeps its identity for ever, and :func:`redline` matches by it.
Two files, or a revision imported from Word or Akoma Ntoso, carry identities that come from
position (``art_3__para_5`` is the fifth paragraph of the third article): delete one option
and every identity after it shifts. :func:`align` matches the provisions of two such
documents by what they say, where they stand and how they are labelled, so that
:func:`compare_documents` reports a deleted, inserted or moved provision (a block option
with what it holds included) as one change, and a provision whose text changed as one
``changed`` with its word redline.

How provisions are matched, in this order (each step only among those still unmatched):

1. Texts (kind and text in every language compared, as written) found once in each
   document are anchors; those in the same order (the longest increasing sequence) fix
   the frame, the others are moves.
2. Between two consecutive anchors, equal texts of provisions that hold no others are
   matched in order (a shortest edit script), then those left on both sides by
   similarity of their words (a text with a changed word is the same provision, changed;
   case, tatweel and Arabic diacritics do not count).
3. Such texts left anywhere are matched by similarity (moved and changed).
4. Provisions that hold others and were not anchors (an untitled article, ``Option 2:``,
   three options titled alike) are matched, deepest first, to the provision that holds
   most of their matched children.
5. What is left is matched by kind and label among the children of matched parents.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import pairwise
from typing import Any, Final

from astana.core.text.diff import Op, edit_script
from astana.core.text.document import Document
from astana.core.text.provision import Provision, ProvisionKind, derived_identity
from astana.core.text.redline import Run, word_runs
from astana.core.text.words import WORD, comparable

__all__ = [
    "ChangeKind",
    "Comparison",
    "ProvisionChange",
    "align",
    "citation",
    "compare_documents",
    "identity_mapping",
    "positional",
    "similarity",
]

#: How alike two texts must be (Dice coefficient of their words) to be one provision, when
#: they stand in the same place between two matched provisions.
NEAR: Final = 0.5
#: The same, for a provision found elsewhere (moved and changed).
FAR: Final = 0.6
#: Above this many candidate pairs, the provisions left over anywhere are not compared
#: pairwise, and those between two matched ones only near the same place (``BAND``).
MAX_PAIRS: Final = 250_000
BAND: Final = 25

_Key = tuple[ProvisionKind, tuple[str, ...]]


@dataclass
class _Entry:
    id: str
    kind: ProvisionKind
    parent: str | None
    depth: int
    index: int  # among its siblings
    order: int  # in document order
    text: str  # its texts in the notation, one language after another ("" when none)
    document: Document = field(repr=False)
    language: str
    children: list[str] = field(default_factory=list)
    _bag: Counter[str] | None = None
    _label: str | None = None

    @property
    def label(self) -> str:
        """Its label as shown in the first language compared, less case and spacing."""
        if self._label is None:
            self._label = " ".join(self.document.label(self.id, self.language).casefold().split())
        return self._label

    @property
    def key(self) -> tuple[ProvisionKind, str]:
        return (self.kind, self.text)

    @property
    def bag(self) -> Counter[str]:
        """Its words, compared without case, tatweel and Arabic diacritics (computed only
        for the few provisions that are not matched by their exact text)."""
        if self._bag is None:
            self._bag = Counter(WORD.findall(comparable(self.text).casefold()))
        return self._bag

    @property
    def size(self) -> int:
        return self.bag.total()


def _entries(document: Document, languages: Sequence[str]) -> list[_Entry]:
    out: list[_Entry] = []
    first = languages[0]

    def visit(children: tuple[Provision, ...], parent: _Entry | None, depth: int) -> None:
        for index, child in enumerate(children):
            texts = [child.text(language) for language in languages]
            text = "\n".join(str(t) for t in texts) if any(texts) else ""
            entry = _Entry(
                child.id, child.kind, parent.id if parent else None, depth, index, len(out),
                text, document, first,
            )  # fmt: skip
            out.append(entry)
            if parent is not None:
                parent.children.append(child.id)
            visit(child.children, entry, depth + 1)

    visit(document.provisions, None, 0)
    return out


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """How alike two bags of words are: twice the words in common over the words in both."""
    total = a.total() + b.total()
    if not total:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(count, b[word]) for word, count in a.items() if word in b)
    return 2 * common / total


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by their first item) whose second items
    increase (patience sorting, O(n log n))."""
    tails: list[int] = []  # the smallest second item ending a run of each length
    tail_at: list[int] = []  # ... and where that pair is
    before: list[int] = []
    for at, (_, second) in enumerate(pairs):
        length = bisect_left(tails, second)
        if length == len(tails):
            tails.append(second)
            tail_at.append(at)
        else:
            tails[length] = second
            tail_at[length] = at
        before.append(tail_at[length - 1] if length else -1)
    out: list[tuple[int, int]] = []
    at = tail_at[-1] if tail_at else -1
    while at >= 0:
        out.append(pairs[at])
        at = before[at]
    out.reverse()
    return out


class _Aligner:
    def __init__(self, old: Document, new: Document, languages: Sequence[str]) -> None:
        self.old = _entries(old, languages)
        self.new = _entries(new, languages)
        self.old_by = {e.id: e for e in self.old}
        self.new_by = {e.id: e for e in self.new}
        self.pairs: dict[str, str] = {}
        self.taken: set[str] = set()

    def pair(self, a: _Entry, b: _Entry) -> None:
        self.pairs[a.id] = b.id
        self.taken.add(b.id)

    def free(self, entries: Iterable[_Entry], old: bool) -> list[_Entry]:
        if old:
            return [e for e in entries if e.id not in self.pairs]
        return [e for e in entries if e.id not in self.taken]

    def run(self) -> dict[str, str]:
        self.texts()
        self.leftovers()
        self.holders()
        self.by_label()
        return self.pairs

    # 1 and 2: anchors, then what stands between them
    def texts(self) -> None:
        a = [e for e in self.old if e.text]
        b = [e for e in self.new if e.text]
        seen_a = Counter(e.key for e in a)
        seen_b = Counter(e.key for e in b)
        where_b = {e.key: j for j, e in enumerate(b) if seen_b[e.key] == 1}
        unique = [
            (i, where_b[e.key]) for i, e in enumerate(a) if seen_a[e.key] == 1 and e.key in where_b
        ]
        frame = _increasing(unique)
        for i, j in unique:
            self.pair(a[i], b[j])
        bounds = [(-1, -1), *frame, (len(a), len(b))]
        for (i0, j0), (i1, j1) in pairwise(bounds):
            # a provision that holds others and whose text is not unique (three options
            # titled "(paras 6-9bis)") is matched by what it holds (step 4), not here
            self.gap(
                self.free((e for e in a[i0 + 1 : i1] if not e.children), True),
                self.free((e for e in b[j0 + 1 : j1] if not e.children), False),
            )

    def gap(self, a: list[_Entry], b: list[_Entry]) -> None:
        if not a or not b:
            return
        script = edit_script([e.key for e in a], [e.key for e in b])
        deleted: list[_Entry] = []
        for op, a0, a1, b0, b1 in script:
            if op is Op.EQUAL:
                for x, y in zip(a[a0:a1], b[b0:b1], strict=True):
                    self.pair(x, y)
                deleted = []
            elif op is Op.DELETE:
                deleted = a[a0:a1]
            else:
                self.alike(deleted, b[b0:b1], NEAR, same_place=True)
                deleted = []

    def alike(
        self, a: list[_Entry], b: list[_Entry], threshold: float, *, same_place: bool = False
    ) -> None:
        """Match the most alike pairs of the same kind, best first, down to ``threshold``."""
        if not a or not b:
            return
        banded = len(a) * len(b) > MAX_PAIRS
        if banded and not same_place:
            return
        if same_place and len(a) == 1 and len(b) == 1 and a[0].kind is b[0].kind:
            # the one provision between two matched ones, in the same place: rewritten
            # when its label stayed or a good part of its words did
            if a[0].label == b[0].label or similarity(a[0].bag, b[0].bag) >= NEAR / 2:
                self.pair(a[0], b[0])
            return
        scored: list[tuple[float, int, int, int]] = []
        slope = len(b) / len(a)
        for i, x in enumerate(a):
            size = x.size
            low, high = 0, len(b)
            if banded:  # the same place, give or take BAND provisions
                low = max(0, round(i * slope) - BAND)
                high = min(len(b), round(i * slope) + BAND + 1)
            for j in range(low, high):
                y = b[j]
                if x.kind is not y.kind:
                    continue
                # the most two bags can share is the smaller one
                if 2 * min(size, y.size) < threshold * (size + y.size):
                    continue
                score = similarity(x.bag, y.bag)
                if score >= threshold:
                    scored.append((-score, abs(i - j), i, j))
        scored.sort()
        used_a: set[int] = set()
        used_b: set[int] = set()
        for _, _, i, j in scored:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                self.pair(a[i], b[j])

    # 3: texts matched anywhere
    def leftovers(self) -> None:
        a = self.free((e for e in self.old if e.text and not e.children), True)
        b = self.free((e for e in self.new if e.text and not e.children), False)
        self.alike(a, b, FAR)

    # 4: a provision without text of its own is the one that holds its children
    def holders(self) -> None:
        depths = sorted({e.depth for e in self.old}, reverse=True)
        for depth in depths:
            candidates: list[tuple[int, int, float, int, int]] = []
            for x in self.old:
                if x.depth != depth or x.id in self.pairs or not x.children:
                    continue
                votes = Counter(
                    self.new_by[self.pairs[c]].parent for c in x.children if c in self.pairs
                )
                for holder, count in votes.items():
                    if holder is None or holder in self.taken:
                        continue
                    y = self.new_by[holder]
                    if y.kind is not x.kind:
                        continue
                    score = similarity(x.bag, y.bag) if x.text or y.text else 1.0
                    candidates.append((-count, x.label != y.label, -score, x.order, y.order))
            candidates.sort()
            for _, _, _, a, b in candidates:
                x, y = self.old[a], self.new[b]
                if x.id not in self.pairs and y.id not in self.taken:
                    self.pair(x, y)

    # 5: by kind and label among the children of matched parents
    def by_label(self) -> None:
        kids_a: dict[str | None, list[_Entry]] = defaultdict(list)
        kids_b: dict[str | None, list[_Entry]] = defaultdict(list)
        for x in self.old:
            kids_a[x.parent].append(x)
        for y in self.new:
            kids_b[y.parent].append(y)
        # parents in document order, so that a parent matched here lends its children
        for parent in [None, *(e.id for e in self.old)]:
            if parent is not None and parent not in self.pairs:
                continue
            a = self.free(kids_a.get(parent, ()), True)
            b = self.free(kids_b.get(self.pairs[parent] if parent else None, ()), False)
            if not a or not b:
                continue
            script = edit_script([(e.kind, e.label) for e in a], [(e.kind, e.label) for e in b])
            for op, a0, a1, b0, b1 in script:
                if op is Op.EQUAL:
                    for x, y in zip(a[a0:a1], b[b0:b1], strict=True):
                        self.pair(x, y)


def align(old: Document, new: Document, languages: Sequence[str] | None = None) -> dict[str, str]:
    """Which provision of ``new`` each provision of ``old`` is (``old id -> new id``); a
    provision missing from the mapping was deleted (old) or inserted (new).

    Texts are compared in ``languages`` (default: every language both documents have).
    Use it where identities come from position (two files, an imported revision); within
    the room identities are stable and :func:`identity_mapping` is the mapping.
    """
    shared = (
        list(languages)
        if languages is not None
        else [lang for lang in new.languages if lang in old.languages]
    )
    if not shared:
        raise ValueError("the two documents have no language in common")
    return _Aligner(old, new, shared).run()


def identity_mapping(old: Document, new: Document) -> dict[str, str]:
    """The mapping of provisions with stable identities: each to itself, where it still is."""
    return {identity: identity for identity in old.ids() if identity in new}


def positional(document: Document) -> Document:
    """``document`` with every identity derived from where its provision stands, as reading
    it from a file gives (chapters and articles counted across the document): what two
    files of one text look like to :func:`align` (tests and the benchmark build them so)."""
    across: dict[ProvisionKind, int] = {}

    def visit(children: tuple[Provision, ...], parent: str | None) -> tuple[Provision, ...]:
        among: dict[ProvisionKind, int] = {}
        out: list[Provision] = []
        for child in children:
            counter = across if child.kind in _ACROSS else among
            counter[child.kind] = counter.get(child.kind, 0) + 1
            identity = derived_identity(parent, child.kind, counter[child.kind])
            out.append(replace(child, id=identity, children=visit(child.children, identity)))
        return tuple(out)

    return replace(document, provisions=visit(document.provisions, None)).validate()


_ACROSS: Final = (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE)


class ChangeKind(StrEnum):
    """What happened to a provision between two documents."""

    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED = "moved"


@dataclass(frozen=True)
class ProvisionChange:
    """One change: a provision whose text changed, or one inserted, deleted or moved with
    everything it holds.

    ``provision`` is the identity in the new document (the old one for a deletion);
    ``label`` is its label as written (``""`` for unlabelled kinds) and ``where`` its
    citation (``Article 3, 2.``; ``Article 3, clause 1``). ``runs`` is the word redline of
    its own text when that changed; ``content`` lists what an inserted or deleted
    provision held, itself first, as ``(identity, where, text)``.
    """

    provision: str
    kind: ChangeKind
    provision_kind: ProvisionKind
    label: str
    where: str
    old_provision: str | None = None
    old_label: str | None = None
    old_where: str | None = None
    runs: tuple[Run, ...] = ()
    content: tuple[tuple[str, str, str], ...] = ()

    @property
    def text_changed(self) -> bool:
        """True when the provision's own text changed (a moved provision may have too)."""
        return any(run.op is not Op.EQUAL for run in self.runs)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        data: dict[str, Any] = {
            "provision": self.provision,
            "label": self.label,
            "kind": str(self.kind),
            "provision_kind": str(self.provision_kind),
            "where": self.where,
        }
        if self.old_provision is not None and self.old_provision != self.provision:
            data["old_provision"] = self.old_provision
        if self.old_label is not None and self.old_label != self.label:
            data["old_label"] = self.old_label
        if self.kind is ChangeKind.MOVED and self.old_where is not None:
            data["old_where"] = self.old_where
        if self.text_changed:
            data["words"] = [run.to_dict() for run in self.runs]
        if self.content:
            data["content"] = [
                {"provision": identity, "where": where, "text": text}
                for identity, where, text in self.content
            ]
        return data


@dataclass(frozen=True)
class Comparison:
    """The changes between two documents in one language, in the new document's order
    (a deletion where it stood)."""

    language: str
    title: tuple[Run, ...]
    changes: tuple[ProvisionChange, ...]
    mapping: Mapping[str, str] = field(repr=False, compare=False)

    @property
    def title_changed(self) -> bool:
        """True when the document's title changed."""
        return any(run.op is not Op.EQUAL for run in self.title)

    def to_dict(self) -> dict[str, Any]:
        """``{"changes": [...]}``, with ``"title"`` (its word redline) when it changed."""
        data: dict[str, Any] = {"changes": [change.to_dict() for change in self.changes]}
        if self.title_changed:
            data["title"] = [run.to_dict() for run in self.title]
        return data


def citation(document: Document, identity: str, language: str) -> str:
    """How a provision is cited: its label after those of the provisions that hold it
    (``Article 3, 2.``, ``Section II, Option 2``); an unlabelled one by its kind and place
    among its siblings of that kind (``Article 3, clause 1``, ``Preamble, recital 2``).
    Chapters are left out above an article (articles are numbered across chapters), and
    whatever holds a provision, outside an article, whose label no other provision of its
    kind bears (a decision's paragraphs, numbered across its sections: ``25.``,
    ``25., Option 1``)."""
    chain: list[str] = []
    current: str | None = identity
    while current is not None:
        provision = document[current]
        written = document.label(current, language)
        if not written:
            parent = document.parent(current)
            siblings = parent.children if parent else document.provisions
            same = [s.id for s in siblings if s.kind is provision.kind]
            written = f"{provision.kind} {same.index(current) + 1}"
        chain.append(written)
        holder = document.parent(current)
        if provision.kind is ProvisionKind.ARTICLE or (
            holder is not None
            and holder.kind not in (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER)
            and document.names_one(current, language)
        ):
            break
        current = holder.id if holder else None
    return ", ".join(reversed(chain))


def _moved(old: Document, new: Document, mapping: Mapping[str, str]) -> set[str]:
    """The new identities of matched provisions that changed parent or order among their
    siblings (the fewest that explain the new order)."""
    back = {b: a for a, b in mapping.items()}
    moved: set[str] = set()
    index_of: dict[str, int] = {}
    for holder in [None, *old.walk()]:
        kids = holder.children if holder else old.provisions
        index_of.update((kid.id, i) for i, kid in enumerate(kids))
    for holder in [None, *new.walk()]:
        kids = holder.children if holder else new.provisions
        here = holder.id if holder else None
        stay: list[tuple[int, int]] = []
        for position, kid in enumerate(kids):
            was = back.get(kid.id)
            if was is None:
                continue
            old_holder = old.parent(was)
            if old_holder is None:
                same_holder = here is None
            else:
                same_holder = here is not None and mapping.get(old_holder.id) == here
            if not same_holder:
                moved.add(kid.id)
            else:
                stay.append((index_of[was], position))
        stay.sort()
        keep = {position for _, position in _increasing(stay)}
        moved.update(kids[p].id for _, p in stay if p not in keep)
    return moved


def _content(
    document: Document, root: Provision, matched: Container[str], language: str
) -> tuple[tuple[str, str, str], ...]:
    """``(identity, citation, text)`` of ``root`` and what it holds, less what is matched
    (what moved elsewhere is a change of its own)."""
    out: list[tuple[str, str, str]] = []
    pending = [root]
    while pending:
        node = pending.pop()
        if node is not root and node.id in matched:
            continue
        out.append((node.id, citation(document, node.id, language), str(node.text(language))))
        pending.extend(reversed(node.children))
    return tuple(out)


def _whole(
    kind: ChangeKind,
    document: Document,
    root: Provision,
    matched: Container[str],
    language: str,
) -> ProvisionChange:
    """The insertion (in the new document) or deletion (in the old) of ``root`` with what it
    holds, less what ``matched`` pairs with the other document."""
    return ProvisionChange(
        root.id,
        kind,
        root.kind,
        document.label(root.id, language),
        citation(document, root.id, language),
        content=_content(document, root, matched, language),
    )


def compare_documents(
    old: Document,
    new: Document,
    language: str,
    *,
    mapping: Mapping[str, str] | None = None,
) -> Comparison:
    """The changes from ``old`` to ``new`` in ``language``, one per provision changed,
    inserted, deleted or moved (with what it holds).

    ``mapping`` (``old id -> new id``) says which provision is which; by default
    :func:`align` finds it, which is what two files or an imported revision need. For two
    revisions of the room pass :func:`identity_mapping`. A change of label alone (a
    renumbering) is not a change; a change reported for another reason names the old label.
    """
    if mapping is None:
        mapping = align(old, new)
    back = {b: a for a, b in mapping.items()}
    if len(back) != len(mapping) or any(a not in old or b not in new for a, b in mapping.items()):
        raise ValueError(
            "the mapping must pair provisions of the old and the new document, one to one"
        )
    moved = _moved(old, new, mapping)
    changes: list[tuple[float, int, ProvisionChange]] = []
    position = {identity: n for n, identity in enumerate(new.ids())}

    for provision in new.walk():
        identity = provision.id
        was = back.get(identity)
        if was is None:
            holder = new.parent(identity)
            if holder is not None and holder.id not in back:
                continue  # part of its holder's insertion
            change = _whole(ChangeKind.INSERTED, new, provision, back, language)
            changes.append((position[identity], 0, change))
            continue
        before = old[was].text(language)
        now = provision.text(language)
        runs: tuple[Run, ...] = ()
        if before is not now and before.notation != now.notation:
            runs = word_runs(str(before), str(now))
            if all(run.op is Op.EQUAL for run in runs):
                runs = ()  # tatweel and diacritics only: not a change of wording
        if identity not in moved and not runs:
            continue
        change = ProvisionChange(
            identity,
            ChangeKind.MOVED if identity in moved else ChangeKind.CHANGED,
            provision.kind,
            new.label(identity, language),
            citation(new, identity, language),
            old_provision=was,
            old_label=old.label(was, language),
            old_where=citation(old, was, language),
            runs=runs,
        )
        changes.append((position[identity], 0, change))

    last = -0.5
    for provision in old.walk():
        identity = provision.id
        if identity in mapping:
            last = position[mapping[identity]] + 0.5
            continue
        holder = old.parent(identity)
        if holder is not None and holder.id not in mapping:
            continue  # part of its holder's deletion
        changes.append((last, 1, _whole(ChangeKind.DELETED, old, provision, mapping, language)))
    changes.sort(key=lambda item: (item[0], item[1]))
    title = word_runs(str(old.title(language)), str(new.title(language)))
    return Comparison(language, title, tuple(c for _, _, c in changes), dict(mapping))
