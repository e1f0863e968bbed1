"""The real UN texts of the shared test data (``real-texts/*.md``, Markdown transcriptions of
bracketed negotiating texts) as a reader gets them copying the rendered page.

:func:`copied_text` derives that text from the transcription, line by line; the lines stay
the transcription's lines (a provision per line, indentation kept), only the Markdown is
taken off:

- the front matter (``---`` ... ``---`` at the top), the table-of-contents marks (``* TOC``,
  ``{:toc}``), HTML comments (``<!-- -->``, which separate lists) and link definitions
  (``[source]: http://...``) are removed, each with its line;
- the footnote definitions are dropped, and with them the rest of the file: in these
  transcriptions they are gathered after the body (``[^1]: ...`` to the end, with their
  indented continuations and the link definitions), on the rendered page they stand in a
  footnote list after it, detached from the provisions they annotate, and the references to
  them (``[^13]``, and ``[[^14]]`` with the brackets put around one) are dropped too. The
  *asterisk* footnotes of the source documents
  (``\\*`` after a word, then a line ``* This paragraph will be finalized ...``) are body
  text and stay: the reference as ``*``, the footnote line with its leading ``* ``;
- heading marks (``## ``) come off; emphasis marks (``*``, ``**``, ``***``) are removed
  where they open and close emphasis (paired as CommonMark pairs them), and an asterisk
  that marks nothing stays as the page shows it: ``[NDMC*][INDC]`` (the source's footnote
  asterisk), the ``* `` that opens a list item; ``\\*`` is a literal ``*``; strike-through
  (``~~``) and superscript (``^th^``) marks come off, HTML tags (``<span ...>``) are removed
  and their text kept. Where the transcription left an emphasis open (``3. *Consultative
  period``), the page shows the ``*`` and so does the copy;
- a link ``[text][ref]`` becomes its text, where ``ref`` is defined in the file (as
  Markdown has it: ``[SBSTA][AC]`` with no ``[AC]: url`` is two bracketed alternatives and
  stays); ``[x](a)``, a bracket then a letter in the source document, is not a link
  to anything and stays as written;
- a backslash at the end of a line (a hard line break: the transcription kept the source
  PDF's line wrap inside one paragraph) joins the line to the next with a space; any other
  backslash escapes the character after it, which is kept.

Blank lines are kept (they separate provisions, as on the page)."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["REAL_TEXTS", "copied_text", "real_text"]

#: The transcriptions this helper reads (``real-texts/`` in the shared test data).
REAL_TEXTS = ("paris-decision-6nov2015.md", "paris-4dec2015.md")

_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]]+\]:")
_LINK_DEFINITION = re.compile(r"\[(?P<name>[^\]^][^\]]*)\]:\s+\S+\s*")
#: A footnote link, with the brackets the transcription put around it (``Parties[[^14]]``):
#: the page shows the footnote's number there, which a copy of the text leaves out.
_FOOTNOTE_REFERENCE = re.compile(r"\[\[\^[^\]]+\]\]|\[\^[^\]]+\]")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[([A-Za-z][\w-]*)\]")
_HEADING = re.compile(r"#{1,6}[ \t\u00a0]+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_SUPERSCRIPT = re.compile(r"\^([^\^\s]+)\^")
_COMMENT = re.compile(r"[ \t]*<!--.*-->[ \t]*")


def real_text(name: str) -> Path:
    """The transcription ``name`` in the shared test data (the test fails clearly without it)."""
    from tests.shared_data import shared_data

    return shared_data("real-texts", name)


def copied_text(path: Path | str) -> str:
    """The text a reader gets copying the rendered page of the transcription at ``path``."""
    source = Path(path).read_text(encoding="utf-8")
    return copied_from_markdown(source)


def copied_from_markdown(source: str) -> str:
    """:func:`copied_text` of a transcription's Markdown (the module docstring says how)."""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            raise ValueError("front matter opened with --- is never closed")
        lines = lines[end + 1 :]
    defined = {m["name"].lower() for line in lines if (m := _LINK_DEFINITION.fullmatch(line))}
    out: list[str] = []
    pending = ""  # a line ended by a hard break, waiting for the next
    for line in lines:
        if _FOOTNOTE_DEFINITION.match(line):
            break
        stripped = line.strip()
        if stripped in ("* TOC", "{:toc}") or _LINK_DEFINITION.fullmatch(line):
            continue
        if _COMMENT.fullmatch(line):
            continue
        if pending:
            line = pending + " " + line.lstrip()
            pending = ""
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending = line[:-1].rstrip()
            continue
        out.append(_copied_line(line, defined))
    if pending:
        out.append(_copied_line(pending, defined))
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out) + "\n"


def _copied_line(line: str, defined: set[str]) -> str:
    """One line as copied: its indentation as written, its text without marks."""
    indentation = line[: len(line) - len(line.lstrip())]
    return (indentation + _unmark(line[len(indentation) :], defined).strip()).rstrip()


def _unmark(line: str, defined: set[str]) -> str:
    """One line without its Markdown marks."""
    line = _HEADING.sub("", line, count=1) if _HEADING.match(line) else line
    line = _FOOTNOTE_REFERENCE.sub("", line)
    line = _REFERENCE_LINK.sub(
        lambda link: link[1] if link[2].lower() in defined else link[0], line
    )
    line = _SUPERSCRIPT.sub(r"\1", line)
    line = line.replace("~~", "")
    kept: list[str] = []  # characters; an escaped one is kept as a 1-tuple, never a mark
    characters = iter(line)
    for character in characters:
        if character == "\\":
            escaped = next(characters, None)
            kept.append(ESCAPED + (escaped if escaped is not None else "\\"))
        else:
            kept.append(character)
    # tags come off after emphasis is paired: ``*<span>...</span>*`` is emphasis
    return _TAG.sub("", "".join(c[-1] for c in _without_emphasis(kept))).rstrip()


#: Marks a character that was escaped with a backslash: it is text, never a mark.
ESCAPED = "\x00"


def _without_emphasis(characters: list[str]) -> list[str]:
    """The characters without the ``*`` runs that open or close emphasis, as CommonMark
    pairs them: a run opens where it is left-flanking (text follows it, and it follows a
    space or punctuation when punctuation follows it), closes where text comes before it
    (the site's Markdown closes ``**Option 3:**Building``, CommonMark would not), and a
    closer takes the nearest opener before it. An unpaired ``*`` stays (``NDMC*``,
    a list item's ``* ``)."""
    runs: list[list[int]] = []  # [start, length] of each run of unescaped *
    index = 0
    while index < len(characters):
        if characters[index] == "*":
            end = index
            while end < len(characters) and characters[end] == "*":
                end += 1
            runs.append([index, end - index])
            index = end
        else:
            index += 1

    def text(at: int) -> str:
        return characters[at][-1] if 0 <= at < len(characters) else " "

    def punctuation(character: str) -> bool:
        return not character.isalnum() and not character.isspace()

    removed: set[int] = set()
    openers: list[list[int]] = []
    for run in runs:
        start, length = run
        before, after = text(start - 1), text(start + length)
        left = not after.isspace() and (
            not punctuation(after) or before.isspace() or punctuation(before)
        )
        right = not before.isspace()  # looser than CommonMark, as the page has it:
        # ``**Option 3:**Building`` is bold there
        if right and openers:
            opener = openers[-1]
            used = min(opener[1], run[1])
            removed.update(range(opener[0] + opener[1] - used, opener[0] + opener[1]))
            removed.update(range(run[0], run[0] + used))
            opener[1] -= used
            run[0], run[1] = run[0] + used, run[1] - used
            if opener[1] == 0:
                openers.pop()
        if left and run[1]:
            openers.append(run)
    return [c for i, c in enumerate(characters) if i not in removed]
