"""Benchmark of the negotiating text engine on a 600-page text (run by ``make bench``).

Generates, with a fixed seed, a document of 3,000 provisions (250 articles of 11
paragraphs; about 200,000 words in English and as many in Arabic) and 1,000 open
proposals, then times: the compilation text, one proposal applied, issuing a revision
(folding 100 proposals, keeping 900 in brackets, hash included), and the redline of two
revisions that differ by 500 scattered word edits. On the same two English texts, as
whole word sequences, it times Python's ``difflib.SequenceMatcher`` (default settings)
and ``fast_diff_match_patch`` (words encoded as characters), checks that all three find
the same inserted and deleted words, and prints the ratios. Then it reads both revisions as two files would be read (identities
from position), with one more change of each kind (an article deleted, a paragraph inserted
after paragraph 4 of another, a paragraph moved to another article), and times their
alignment and redline (``compare_documents``) against, in the same run, ``difflib.Differ``
over the provisions' texts (the standard library's own alignment of lines: equal lines
matched, similar ones paired and compared by character) and ``difflib.SequenceMatcher``
over them (equal texts only); it checks that the alignment finds the changes the
identities of the room give. Last, the largest real negotiating text of the shared test data
(the draft Paris Agreement of 4 December 2015, as a reader copies it from the page): reading it
(``read_document``, lenient: the source has bracket slips), its compilation view, and the
redline of it against itself with its first block option deleted (aligned as two files), beside
``difflib.Differ`` over the two texts' lines in the same run. The last line is one JSON object
with the figures. Progress goes to stderr.
"""

# ruff: noqa: E501 - sample texts and report lines read best unbroken

from __future__ import annotations

import difflib
import importlib.util
import json
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fast_diff_match_patch

from astana.core.text import (
    AddAlternative,
    DeleteWords,
    Document,
    InsertProvision,
    InsertWords,
    Op,
    Proposal,
    ProposalState,
    Provision,
    ProvisionKind,
    ProvisionText,
    ReplaceText,
    Revision,
    TextAnchor,
    apply_proposal,
    compare_documents,
    compilation_view,
    format_document,
    identity_mapping,
    issue_revision,
    read_document,
    redline,
)
from astana.core.text.alignment import positional
from astana.core.text.words import WORD, is_word, token_key, tokenise

SEED = 20150525
ARTICLES, PARAGRAPHS, WORDS_PER_PARAGRAPH = 250, 11, 72
PROPOSALS, EDITS = 1000, 500
EN_SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "ca",
    "co",
    "da",
    "de",
    "di",
    "do",
    "fa",
    "fe",
    "ga",
    "ge",
    "go",
    "ha",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
]
AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def vocabulary(rng: random.Random, make: Callable[[], str], size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add(make())
    return sorted(words)


def build(rng: random.Random) -> tuple[Document, list[str], list[str]]:
    en = vocabulary(rng, lambda: "".join(rng.choices(EN_SYLLABLES, k=rng.randint(1, 4))), 6000)
    ar = vocabulary(rng, lambda: "".join(rng.choices(AR_LETTERS, k=rng.randint(2, 7))), 6000)
    weights = [1 / (rank + 10) for rank in range(len(en))]

    def sentence(words: list[str], bracket: bool) -> ProvisionText:
        chosen = rng.choices(words, weights=weights, k=WORDS_PER_PARAGRAPH)
        source = " ".join(chosen) + "."
        if bracket:
            cut = rng.randint(5, WORDS_PER_PARAGRAPH - 10)
            source = (
                " ".join(chosen[:cut])
                + f" [{' '.join(chosen[cut : cut + 4])}]{{SNC}} "
                + " ".join(chosen[cut + 4 :])
                + "."
            )
        return ProvisionText.parse(source)

    articles = []
    for a in range(1, ARTICLES + 1):
        if a % 25 == 1:
            progress(f"generating article {a}/{ARTICLES}")
        paragraphs = tuple(
            Provision(
                f"art_{a}__para_{p}",
                ProvisionKind.PARAGRAPH,
                (("en", sentence(en, p % 7 == 0)), ("ar", sentence(ar, p % 7 == 0))),
            )
            for p in range(1, PARAGRAPHS + 1)
        )
        title = (
            ("en", ProvisionText.parse(" ".join(rng.sample(en, 3)))),
            ("ar", ProvisionText.parse(" ".join(rng.sample(ar, 3)))),
        )
        articles.append(
            Provision(f"art_{a}", ProvisionKind.ARTICLE, title, frozenset(), paragraphs)
        )
    return Document(("en", "ar"), tuple(articles)).validate(), en, ar


def proposals(rng: random.Random, document: Document, en: list[str]) -> list[Proposal]:
    parties = ["SNC", "SyNC", "KNC"]
    targets = rng.sample([i for i in document.ids() if "__para_" in i], PROPOSALS)
    out: list[Proposal] = []
    for n, target in enumerate(targets):
        source = str(document[target].text("en"))
        words = source.rstrip(".").split(" ")
        at = rng.randrange(2, 40)
        start = len(" ".join(words[:at])) + 1
        author = parties[n % 3]
        kind = n % 5
        if kind == 0:
            change: object = InsertWords(
                target, "en", TextAnchor.at(source, start, start), " ".join(rng.sample(en, 2))
            )
        elif kind == 1:
            change = DeleteWords(target, "en", TextAnchor.at(source, start, start + len(words[at])))
        elif kind == 2:
            change = AddAlternative(
                target,
                "en",
                ProvisionText.parse(" ".join(rng.sample(en, 3))),
                TextAnchor.at(source, start, start + len(words[at])),
            )
        elif kind == 3:
            change = ReplaceText(target, "ar", ProvisionText.parse(" ".join(rng.sample(en, 8))))
        else:
            article = target.split("__")[0]
            new = Provision(
                f"{target}_bis",
                ProvisionKind.PARAGRAPH,
                (("en", ProvisionText.parse(" ".join(rng.sample(en, 12)))),),
            )
            change = InsertProvision(new, article, target)
        supporters = (parties[(n + 1) % 3],) if n % 2 else ()
        out.append(Proposal(f"p{n}", 1, author, change, ProposalState.TABLED, supporters))  # type: ignore[arg-type]
    return out


def edited(rng: random.Random, document: Document, en: list[str]) -> Document:
    fresh = iter(f"novum{i}" for i in range(10 * EDITS))
    for target in rng.sample([i for i in document.ids() if "__para_" in i], EDITS):
        words = str(document[target].text("en")).split(" ")
        at = rng.randrange(1, len(words) - 2)
        while not words[at].isalpha():
            at += 1
        match rng.randrange(3):
            case 0:
                words[at] = next(fresh)
            case 1:
                words.insert(at, next(fresh))
            case _:
                del words[at]
        document = document.set_text(target, "en", ProvisionText.parse(" ".join(words)))
    return document


def timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def word_list(document: Document) -> list[str]:
    return [t for p in document.walk() for t in tokenise(str(p.text("en"))) if is_word(t)]


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_text() -> dict[str, object]:
    """Parse, compilation view and redline of the largest real text, and difflib beside them."""
    root = Path(__file__).resolve().parents[1] / "tests"
    # The derivation of the copied text and the shared data's place are the tests' own (loaded
    # by path: an installed package may already be called ``tests``).
    copied_text = _load(root / "helpers" / "real_texts.py").copied_text
    shared = _load(root / "shared_data.py").shared_data_root()
    source = copied_text(shared / "real-texts" / "paris-4dec2015.md")
    parse_ms, reading = timed(lambda: read_document(source, lenient=True), repeat=3)
    document = reading.document  # type: ignore[attr-defined]
    view_ms, _ = timed(lambda: compilation_view(document, [], "en"), repeat=3)
    option = next(p for p in document.walk() if p.kind is ProvisionKind.OPTION)
    shorter = document.remove(option.id)
    old_file, new_file = positional(document), positional(shorter)
    redline_ms, compared = timed(lambda: compare_documents(old_file, new_file, "en"), repeat=3)
    after = format_document(shorter)
    differ_ms, _ = timed(
        lambda: list(difflib.Differ().compare(source.splitlines(), after.splitlines()))
    )
    changes = len(compared.changes)  # type: ignore[attr-defined]
    progress(
        f"real text: {len(document)} provisions read in {parse_ms:.1f} ms, view {view_ms:.1f} ms, "
        f"one block option deleted: {changes} change(s) in {redline_ms:.1f} ms "
        f"(difflib.Differ over the lines {differ_ms:.1f} ms)"
    )
    return {
        "real_provisions": len(document),
        "real_problems": len(reading.problems),  # type: ignore[attr-defined]
        "real_parse_ms": round(parse_ms, 2),
        "real_view_ms": round(view_ms, 2),
        "real_redline_ms": round(redline_ms, 2),
        "real_redline_changes": changes,
        "real_differ_ms": round(differ_ms, 2),
        "real_redline_vs_differ": round(differ_ms / redline_ms, 2),
    }


def main() -> None:
    rng = random.Random(SEED)
    document, en, _ = build(rng)
    words = len(word_list(document))
    progress(f"document: {len(document)} provisions, {words} English words; generating proposals")
    tabled = proposals(rng, document, en)

    compile_ms, view = timed(lambda: compilation_view(document, tabled, "en"), repeat=3)
    one = next(p for p in tabled if isinstance(p.change, InsertWords))
    apply_ms, _ = timed(lambda: apply_proposal(document, one), repeat=20)
    rev1 = Revision(1, document)
    fold = [p.id for p in tabled[:100] if not isinstance(p.change, InsertProvision)]
    keep = [p.id for p in tabled[100:]]

    def issue() -> str:
        return issue_revision(rev1, tabled, fold=fold, keep=keep).revision.hash

    revision_ms, digest = timed(issue, repeat=2)
    progress(
        f"compilation {compile_ms:.1f} ms, apply {apply_ms:.3f} ms, revision {revision_ms:.1f} ms"
    )

    other = edited(rng, document, en)
    redline_ms, result = timed(lambda: redline(document, other, "en"), repeat=3)
    ours_ins: Counter[str] = Counter()
    ours_del: Counter[str] = Counter()
    for entry in result.changed():  # type: ignore[attr-defined]
        for run in entry.runs:
            bag = ours_ins if run.op is Op.INSERT else ours_del if run.op is Op.DELETE else None
            if bag is not None:
                bag.update(token_key(t) for t in tokenise(run.text) if is_word(t))

    a, b = word_list(document), word_list(other)
    progress(f"redline {redline_ms:.1f} ms; difflib on {len(a)} vs {len(b)} words (slow)")
    difflib_ms, opcodes = timed(lambda: difflib.SequenceMatcher(None, a, b).get_opcodes())
    dl_ins: Counter[str] = Counter()
    dl_del: Counter[str] = Counter()
    for tag, i1, i2, j1, j2 in opcodes:  # type: ignore[attr-defined]
        if tag in ("delete", "replace"):
            dl_del.update(a[i1:i2])
        if tag in ("insert", "replace"):
            dl_ins.update(b[j1:j2])

    codes: dict[str, str] = {}

    def encode(document: Document) -> str:
        """The English text's words, one character per distinct word."""
        text = "\n".join(str(p.text("en")) for p in document.walk())
        return "".join([codes.setdefault(w, chr(0x20000 + len(codes))) for w in WORD.findall(text)])

    def fdmp() -> list[tuple[str, str]]:
        return fast_diff_match_patch.diff(encode(document), encode(other), counts_only=False)  # type: ignore[no-any-return]

    fdmp_ms, changes = timed(fdmp, repeat=3)
    sa, sb = encode(document), encode(other)
    diff_only_ms, _ = timed(lambda: fast_diff_match_patch.diff(sa, sb, counts_only=False), repeat=3)
    decode = {c: w for w, c in codes.items()}
    fd_ins: Counter[str] = Counter()
    fd_del: Counter[str] = Counter()
    for op, chunk in changes:  # type: ignore[attr-defined]
        if op == "+":
            fd_ins.update(decode[c] for c in chunk)
        elif op == "-":
            fd_del.update(decode[c] for c in chunk)

    progress("alignment of the two revisions read as files")
    room = (
        other.remove("art_100")
        .insert(
            Provision(
                "art_5__para_4_bis",
                ProvisionKind.PARAGRAPH,
                (("en", ProvisionText.parse(" ".join(rng.sample(en, 40)) + ".")),),
            ),
            parent="art_5",
            after="art_5__para_4",
        )
        .move("art_200__para_3", parent="art_10", after="art_10__para_1")
    )
    expected = compare_documents(document, room, "en", mapping=identity_mapping(document, room))
    old_file, new_file = positional(document), positional(room)
    align_ms, aligned = timed(lambda: compare_documents(old_file, new_file, "en"), repeat=3)

    def provision_texts(document: Document) -> list[str]:
        return [str(p.text("en")) + "\n" + str(p.text("ar")) for p in document.walk()]

    pa, pb = provision_texts(old_file), provision_texts(new_file)
    align_difflib_ms, _ = timed(lambda: difflib.SequenceMatcher(None, pa, pb).get_opcodes())
    align_differ_ms, _ = timed(lambda: list(difflib.Differ().compare(pa, pb)))

    def kinds(result: object) -> list[tuple[str, str]]:
        return [(str(c.kind), c.where) for c in result.changes]  # type: ignore[attr-defined]

    align_agrees = kinds(aligned) == kinds(expected)
    agree_difflib = (ours_ins, ours_del) == (dl_ins, dl_del)
    agree_fdmp = (ours_ins, ours_del) == (fd_ins, fd_del)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    real = real_text()
    print(
        f"document: {len(document)} provisions, {words} words per language (en, ar), {PROPOSALS} open proposals"
    )
    print(f"compilation text:   {compile_ms:9.1f} ms  ({len(view.provisions)} articles)")  # type: ignore[attr-defined]
    print(f"one proposal:       {apply_ms:9.3f} ms")
    print(f"revision + hash:    {revision_ms:9.1f} ms  (sha256 {str(digest)[:16]}...)")
    print(
        f"redline ({EDITS} edits): {redline_ms:9.1f} ms  ({len(result.changed())} provisions changed)"
    )  # type: ignore[attr-defined]
    print(f"difflib:            {difflib_ms:9.1f} ms  (x{difflib_ms / redline_ms:.0f})")
    print(
        f"fast-diff-match-patch: {fdmp_ms:6.1f} ms  (x{fdmp_ms / redline_ms:.1f}), of which the C++ diff alone {diff_only_ms:.1f} ms (x{diff_only_ms / redline_ms:.2f})"
    )
    print(
        f"words inserted/deleted: ours {sum(ours_ins.values())}/{sum(ours_del.values())}, difflib {sum(dl_ins.values())}/{sum(dl_del.values())}, fdmp {sum(fd_ins.values())}/{sum(fd_del.values())}"
    )
    print(
        f"same words as difflib: {agree_difflib}; same words as fast-diff-match-patch: {agree_fdmp}"
    )
    print(
        f"alignment + redline of two files: {align_ms:9.1f} ms  ({len(aligned.changes)} changes, "  # type: ignore[attr-defined]
        f"as the room's identities give: {align_agrees}); over the {len(pa)} provisions' texts: "
        f"difflib.Differ {align_differ_ms:.1f} ms (x{align_differ_ms / align_ms:.1f}), "
        f"SequenceMatcher (equal texts only) {align_difflib_ms:.1f} ms (x{align_difflib_ms / align_ms:.2f})"
    )
    print(f"peak RSS: {peak:.0f} MB")
    print(
        json.dumps(
            {
                "compile_ms": round(compile_ms, 2),
                "apply_ms": round(apply_ms, 4),
                "revision_ms": round(revision_ms, 2),
                "redline_ms": round(redline_ms, 2),
                "difflib_ms": round(difflib_ms, 1),
                "fdmp_ms": round(fdmp_ms, 2),
                "speedup_vs_difflib": round(difflib_ms / redline_ms, 1),
                "speedup_vs_fdmp": round(fdmp_ms / redline_ms, 2),
                "fdmp_diff_only_ms": round(diff_only_ms, 2),
                "words_agree": agree_difflib and agree_fdmp,
                "align_ms": round(align_ms, 2),
                "align_differ_ms": round(align_differ_ms, 2),
                "align_vs_differ": round(align_differ_ms / align_ms, 2),
                "align_sequencematcher_ms": round(align_difflib_ms, 2),
                "align_changes": len(aligned.changes),  # type: ignore[attr-defined]
                "align_agrees": align_agrees,
                "peak_rss_mb": round(peak, 1),
                **real,
            }
        )
    )


if __name__ == "__main__":
    main()
