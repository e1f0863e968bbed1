"""Hypothesis strategies: bracketed texts and whole documents, in English and Arabic."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from astana.core.text import Bracket, Document, Option, OptionGroup, Provision, ProvisionText
from astana.core.text.brackets import OPTION_LABELS
from astana.core.text.provision import ProvisionKind, derived_identity

WORDS = st.sampled_from(
    [
        "the", "parties", "transition", "withdrawal", "foreign", "fighters", "constitution",
        "elections", "Option", "Alt", "1:", "2.", "Article", "1.", "(a)", "@lang", "Preamble",
        "[x]", "{y}", "a\\b", ",", "#p", "الانتقال", "السياسي", "الحُكومة", "الحـكومة", "المادة",
        "الخيار", "دستور", "انتخابات", "Статья", "выборы",
    ]
)  # fmt: skip
PLAIN = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
HOLDERS = st.lists(
    st.sampled_from(["SNC", "SyNC", "KNC", "Kazakh FM"]), unique=True, max_size=2
).map(tuple)
REFERENCE = st.none() | st.sampled_from(["p1", "p-22", "rev2.p3"])


def _joined(elements: list[object]) -> tuple[object, ...]:
    out: list[object] = []
    for element in elements:
        if out:
            out.append(" ")
        out.append(element)
    return tuple(out)


def _inline(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    content = st.lists(st.one_of(PLAIN, children), min_size=1, max_size=3).map(_joined)
    bracket = st.builds(Bracket, content, HOLDERS, REFERENCE)
    option = st.builds(Option, content, HOLDERS, REFERENCE)
    group = st.builds(
        OptionGroup,
        st.lists(option, min_size=1, max_size=3).map(tuple),
        st.sampled_from(OPTION_LABELS),
    )
    return st.one_of(bracket, group)


INLINE = st.recursive(PLAIN, _inline, max_leaves=5)
TEXTS = st.lists(INLINE, max_size=4).map(lambda parts: ProvisionText(_joined(parts)))  # type: ignore[arg-type]

LANGUAGE_SETS = st.lists(st.sampled_from(["en", "ar", "ru"]), min_size=1, max_size=3, unique=True)


@st.composite
def documents(draw: st.DrawFn, max_articles: int = 4) -> Document:
    """A document with a preamble, chapters or articles, paragraphs, sub-paragraphs and
    clauses; some identities derived from their place, some opaque; random flags."""
    languages = tuple(draw(LANGUAGE_SETS))
    fresh = itertools.count(1)
    across = {ProvisionKind.CHAPTER: 0, ProvisionKind.ARTICLE: 0}

    def make(
        kind: ProvisionKind, parent: str | None, ordinal: int, children_of: object
    ) -> Provision:
        if kind in across:
            across[kind] += 1
            ordinal = across[kind]
        derived = derived_identity(parent, kind, ordinal)
        identity = derived if draw(st.booleans()) else f"x{next(fresh)}"
        texts = tuple((lang, draw(TEXTS)) for lang in languages)
        flags = frozenset(draw(st.lists(st.sampled_from(languages), unique=True, max_size=1)))
        children = children_of(identity) if callable(children_of) else ()  # type: ignore[operator]
        return Provision(identity, kind, texts, flags, tuple(children))

    def sub(parent: str) -> list[Provision]:
        n = draw(st.integers(0, 2))
        return [make(ProvisionKind.SUBPARAGRAPH, parent, i + 1, None) for i in range(n)]

    def article_children(parent: str) -> list[Provision]:
        kinds = draw(
            st.lists(st.sampled_from([ProvisionKind.PARAGRAPH, ProvisionKind.CLAUSE]), max_size=3)
        )
        seen: dict[ProvisionKind, int] = {}
        out = []
        for kind in kinds:
            seen[kind] = seen.get(kind, 0) + 1
            out.append(
                make(kind, parent, seen[kind], sub if kind is ProvisionKind.PARAGRAPH else None)
            )
        return out

    def articles(n: int) -> list[Provision]:
        return [make(ProvisionKind.ARTICLE, None, 0, article_children) for _ in range(n)]

    roots: list[Provision] = []
    if draw(st.booleans()):
        n = draw(st.integers(0, 2))
        roots.append(
            make(
                ProvisionKind.PREAMBLE,
                None,
                1,
                lambda pid: [make(ProvisionKind.RECITAL, pid, i + 1, None) for i in range(n)],
            )
        )
    if draw(st.booleans()):
        roots.extend(articles(draw(st.integers(1, max_articles))))
    else:
        for _ in range(draw(st.integers(1, 2))):
            count = draw(st.integers(0, 2))
            roots.append(
                make(
                    ProvisionKind.CHAPTER,
                    None,
                    0,
                    lambda pid, count=count: _articles_in(pid, count, make, article_children),
                )
            )
    titles = tuple((lang, draw(TEXTS)) for lang in languages)
    return Document(languages, tuple(roots), titles).validate()


def _articles_in(parent: str, count: int, make: object, children: object) -> list[Provision]:
    del parent
    return [make(ProvisionKind.ARTICLE, None, 0, children) for _ in range(count)]  # type: ignore[operator]
