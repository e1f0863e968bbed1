"""A list of committee members as a nominating body sends it: pasted, one member a line, or a
CSV file, read into rows that ``committee.nominate_list`` checks all together.

Each line is ``name, gender[, bloc[, small body[, co-chair]]]``, comma-separated (a name with
a comma in it is quoted, as CSV does), with an optional header line (``name,gender,bloc,...``).
The gender is ``woman`` or ``man`` (also in Arabic and Russian); the bloc, when left out, is
the one chosen in the form; the small body and co-chair columns are ``yes``/``no`` (or
``1``/``0``, in any of the three languages), empty meaning no. Empty lines are skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Final

__all__ = ["MAX_LIST_BYTES", "MAX_LIST_LINES", "ListLine", "read_nominee_list"]

MAX_LIST_LINES: Final = 1000
MAX_LIST_BYTES: Final = 200_000
_GENDERS: Final = {
    "woman": "woman",
    "w": "woman",
    "f": "woman",
    "female": "woman",
    "امرأة": "woman",
    "إمرأة": "woman",
    "женщина": "woman",
    "ж": "woman",
    "man": "man",
    "m": "man",
    "male": "man",
    "رجل": "man",
    "мужчина": "man",
    "м": "man",
}
_YES: Final = frozenset({"yes", "y", "1", "true", "x", "نعم", "да"})
_NO: Final = frozenset({"", "no", "n", "0", "false", "لا", "нет"})
_HEADER: Final = frozenset({"name", "الاسم", "имя"})


@dataclass(frozen=True)
class ListLine:
    """One member as the list gives them; ``problems`` says what is wrong with the line."""

    line: int
    name: str
    gender: str
    bloc: str
    in_small_body: bool
    co_chair: bool
    problems: tuple[str, ...] = ()


def _flag(value: str, what: str, problems: list[str]) -> bool:
    word = value.strip().casefold()
    if word in _YES:
        return True
    if word not in _NO:
        problems.append(f"{what} is 'yes' or 'no', not {value.strip()!r}")
    return False


def read_nominee_list(text: str, default_bloc: str = "") -> list[ListLine]:
    """The list's members, each with its line number and the problems of its own line
    (a missing name, an unknown gender word, a flag that is neither yes nor no, too many
    columns); the checks against the committee are the action's."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_LIST_BYTES:
        raise ValueError(f"The list is longer than {MAX_LIST_BYTES // 1000} kB.")
    lines = text.splitlines()
    if len(lines) > MAX_LIST_LINES:
        raise ValueError(f"The list has more than {MAX_LIST_LINES} lines; send it in parts.")
    rows: list[ListLine] = []
    reader = csv.reader(io.StringIO("\n".join(lines)))
    for raw in reader:
        number = reader.line_num
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            continue
        if number == 1 and cells[0].casefold() in _HEADER:
            continue
        problems: list[str] = []
        if len(cells) > 5:
            problems.append(
                "a line has at most 5 columns: name, gender, bloc, small body, co-chair"
            )
        cells += [""] * (5 - len(cells))
        name, gender_word, bloc, small, chair = cells[:5]
        if not name:
            problems.append("the name is missing")
        gender = _GENDERS.get(gender_word.casefold(), "")
        if not gender:
            problems.append(
                f"the gender is 'woman' or 'man', not {gender_word!r}"
                if gender_word
                else "the gender is missing ('woman' or 'man')"
            )
        rows.append(
            ListLine(
                line=number,
                name=" ".join(name.split()),
                gender=gender,
                bloc=bloc or default_bloc,
                in_small_body=_flag(small, "the small-body column", problems),
                co_chair=_flag(chair, "the co-chair column", problems),
                problems=tuple(problems),
            )
        )
    return rows
