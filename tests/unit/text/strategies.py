"""Hypothesis strategies: bracketed texts and whole documents, in English and Arabic."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from astana.core.text import Bracket, Document, Option, OptionGroup, Provision, ProvisionText
from astana.core.text.brackets import OPTION_LABELS, Inline, Note
from astana.core.text.provision import ProvisionKind, derived_identity, letters

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


# -- real negotiating texts: labels as written, sections, block options, notes, brackets
# -- that span lines --------------------------------------------------------------------

NOTES = st.sampled_from(["No text required", "Placement proposal: Article 9", "SNC", "#p1"])


def _with_notes(text: ProvisionText, note: str | None) -> ProvisionText:
    """A text with a drafting note after it (right after a bracket where it ends in one)."""
    if note is None:
        return text
    return ProvisionText((*text.parts, Note(note))) if text.parts else ProvisionText((Note(note),))


REAL_TEXTS = st.builds(_with_notes, TEXTS, st.none() | NOTES)
ARTICLE_LABELS = ("Article {n}", "Article {n} bis", "Article {n}bis", "[Article {n}ter]")
PARAGRAPH_LABELS = (
    "{n}.",
    "{n} bis.",
    "{n}bis.",
    "{n}.ter",
    "{n}quinquies.",
    "[{n}][{m}].",
    "6.{n}",
)
SECTION_LABELS = (("Part I", "Part II"), ("I.", "II."), ("A.", "B."), ("Section 1", "Section 2"))
WORD = st.sampled_from(["peaking", "finance", "المادة", "выборы"])


@st.composite
def real_documents(draw: st.DrawFn) -> Document:
    """A document as real texts have them: labels as written (``Article 2 bis``, ``4.ter``),
    sections, a preamble with or without its heading word, block options holding
    paragraphs, options in paragraphs and in options, notes, sub-headings, and brackets
    that open on a paragraph's line and close on its last sub-paragraph's."""
    languages = tuple(draw(LANGUAGE_SETS))
    first = languages[0]
    fresh = itertools.count(1)
    articles = itertools.count(1)
    used: set[str] = set()

    def texts(kind: ProvisionKind = ProvisionKind.CLAUSE) -> tuple[tuple[str, ProvisionText], ...]:
        strategy = TEXTS if kind is ProvisionKind.HEADING else REAL_TEXTS
        return tuple((lang, draw(strategy)) for lang in languages)

    def make(
        kind: ProvisionKind,
        identity: str,
        label: str | None = None,
        children: tuple[Provision, ...] = (),
        text: tuple[tuple[str, ProvisionText], ...] | None = None,
    ) -> Provision:
        if draw(st.integers(0, 5)) == 0 or identity in used:
            identity = f"x{next(fresh)}"
        used.add(identity)
        labels = ((first, label),) if label else ()
        return Provision(
            identity, kind, texts(kind) if text is None else text, frozenset(), children, labels
        )

    def spanned(paragraph: Provision) -> Provision:
        """The paragraph's last words open a bracket that its last sub-paragraph closes."""
        subs = paragraph.children
        texts_of = {lang: paragraph.text(lang) for lang in languages}
        opened = tuple(
            (
                lang,
                ProvisionText(
                    (*_spaced(texts_of[lang].parts), Bracket((draw(WORD),), closes=False))
                ),
            )
            for lang in languages
        )
        children = []
        for index, sub in enumerate(subs):
            last = index == len(subs) - 1
            sub_texts = tuple(
                (
                    lang,
                    ProvisionText(
                        (Bracket((draw(WORD),), draw(HOLDERS), opens=False), " end")
                        if last
                        else (Bracket((draw(WORD),), opens=False, closes=False),)
                    ),
                )
                for lang in languages
            )
            children.append(Provision(sub.id, sub.kind, sub_texts, frozenset(), (), sub.labels))
        return Provision(
            paragraph.id, paragraph.kind, opened, frozenset(), tuple(children), paragraph.labels
        )

    def options(parent: str, holding: bool) -> list[Provision]:
        out = []
        for n in range(1, draw(st.integers(1, 3)) + 1):
            identity = derived_identity(parent, ProvisionKind.OPTION, n)
            kids: tuple[Provision, ...] = ()
            if holding and draw(st.booleans()):
                kids = tuple(paragraphs(identity, draw(st.integers(1, 2))))
            elif draw(st.integers(0, 3)) == 0:
                kids = tuple(  # options in an option
                    make(
                        ProvisionKind.OPTION,
                        derived_identity(identity, ProvisionKind.OPTION, m),
                        f"Option ({letters(m)})",
                    )
                    for m in range(1, 3)
                )
            text = (
                None
                if draw(st.booleans())
                else tuple((lang, ProvisionText()) for lang in languages)
            )
            out.append(make(ProvisionKind.OPTION, identity, f"Option {n}", kids, text))
        return out

    def paragraphs(parent: str, count: int) -> list[Provision]:
        out: list[Provision] = []
        for n in range(1, count + 1):
            identity = derived_identity(parent, ProvisionKind.PARAGRAPH, n)
            label = draw(st.sampled_from(PARAGRAPH_LABELS)).format(n=n, m=n + 1)
            shape = draw(st.sampled_from(["plain", "subs", "span", "options", "clause"]))
            kids: list[Provision] = []
            if shape in ("subs", "span"):
                for m in range(1, draw(st.integers(1, 3)) + 1):
                    sub_id = derived_identity(identity, ProvisionKind.SUBPARAGRAPH, m)
                    deeper: tuple[Provision, ...] = ()
                    if shape == "subs" and draw(st.integers(0, 3)) == 0:
                        deeper = (
                            make(
                                ProvisionKind.SUBPARAGRAPH,
                                derived_identity(sub_id, ProvisionKind.SUBPARAGRAPH, 1),
                                "(i)",
                            ),
                            make(
                                ProvisionKind.SUBPARAGRAPH,
                                derived_identity(sub_id, ProvisionKind.SUBPARAGRAPH, 2),
                                "(ii)",
                            ),
                        )
                    kids.append(make(ProvisionKind.SUBPARAGRAPH, sub_id, f"({letters(m)})", deeper))
            elif shape == "options":
                kids = options(identity, holding=False)
            elif shape == "clause":
                kids = [
                    make(ProvisionKind.CLAUSE, derived_identity(identity, ProvisionKind.CLAUSE, 1))
                ]
            paragraph = make(ProvisionKind.PARAGRAPH, identity, label, tuple(kids))
            out.append(spanned(paragraph) if shape == "span" else paragraph)
        return out

    def article() -> Provision:
        n = next(articles)
        identity = derived_identity(None, ProvisionKind.ARTICLE, n)
        label = draw(st.sampled_from(ARTICLE_LABELS)).format(n=n)
        kids: list[Provision] = []
        for kind in draw(
            st.lists(
                st.sampled_from(["paragraphs", "options", "note", "heading", "clause"]), max_size=3
            )
        ):
            if kind == "paragraphs":
                kids.extend(paragraphs(identity, draw(st.integers(1, 3))))
            elif kind == "options":
                kids.extend(options(identity, holding=True))
            elif kind == "note":
                kids.append(
                    make(
                        ProvisionKind.NOTE,
                        derived_identity(identity, ProvisionKind.NOTE, len(kids) + 1),
                    )
                )
            elif kind == "heading":
                kids.append(
                    make(
                        ProvisionKind.HEADING,
                        derived_identity(identity, ProvisionKind.HEADING, len(kids) + 1),
                    )
                )
            else:
                kids.append(
                    make(
                        ProvisionKind.CLAUSE,
                        derived_identity(identity, ProvisionKind.CLAUSE, len(kids) + 1),
                    )
                )
        return make(ProvisionKind.ARTICLE, identity, label, _unique(kids))

    roots: list[Provision] = []
    if draw(st.booleans()):
        chapeau = tuple((lang, ProvisionText(("The Parties,",))) for lang in languages)
        implicit = draw(st.booleans())
        recitals = tuple(
            make(ProvisionKind.RECITAL, derived_identity("preamble", ProvisionKind.RECITAL, i))
            for i in range(1, draw(st.integers(0, 2)) + 1)
        )
        used.add("preamble")
        roots.append(
            Provision(
                "preamble",
                ProvisionKind.PREAMBLE,
                chapeau if implicit else (),
                frozenset(),
                recitals,
            )
        )
    if draw(st.booleans()):
        outer, inner = draw(st.sampled_from(SECTION_LABELS)), draw(st.sampled_from(SECTION_LABELS))
        for index in range(draw(st.integers(1, 2))):
            identity = derived_identity(None, ProvisionKind.SECTION, index + 1)
            kids: list[Provision] = [article() for _ in range(draw(st.integers(0, 2)))]
            if inner != outer and draw(st.booleans()):
                kids.append(
                    make(
                        ProvisionKind.SECTION,
                        derived_identity(identity, ProvisionKind.SECTION, 1),
                        inner[0],
                        tuple(paragraphs(derived_identity(identity, ProvisionKind.SECTION, 1), 2)),
                    )
                )
            roots.append(make(ProvisionKind.SECTION, identity, outer[index], tuple(kids)))
    else:
        roots.extend(article() for _ in range(draw(st.integers(1, 3))))
        if draw(st.booleans()):
            roots.append(
                make(
                    ProvisionKind.SECTION,
                    "sec_1",
                    draw(st.sampled_from(["Annex", "Annex I"])),
                    tuple(paragraphs("sec_1", 2)),
                )
            )
    titles = tuple((lang, draw(TEXTS)) for lang in languages)
    return Document(languages, tuple(roots), titles).validate()


def _spaced(parts: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return (*parts, " ") if parts else ()


def _unique(kids: list[Provision]) -> tuple[Provision, ...]:
    seen: set[str] = set()
    out = []
    for kid in kids:
        if kid.id not in seen:
            seen.add(kid.id)
            out.append(kid)
    return tuple(out)
