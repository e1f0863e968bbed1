"""``astana text stats`` and ``astana text outline`` on a real text, as a delegate runs them on
an excerpt copied from a UN page (in process, through the ``astana`` application): counts,
the outline with labels as written, and the source's own bracket typos, refused strictly
and listed leniently."""

# ruff: noqa: E501 - sample texts and report lines read best unbroken

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from astana.cli import app

#: An excerpt of the Paris decision of 6 November 2015 (section II), as copied from the page.
EXCERPT = """Intended nationally determined contributions

II. INTENDED NATIONALLY DETERMINED CONTRIBUTIONS

15. Reiterates its call to developed country Parties [and Parties with economies in transition in a position to do so] to provide support;

16. Option 1 : [Requests the SBI to clarify the information, which shall report on progress made to the [ADP][COP] [at its X session][in 2017];]

    Option 2: No text.

17. [Takes note of] [Welcomes] the synthesis report {Note: see document FCCC/CP/2015/7}

18. Requests the IPC to report to the COP at its first session;
"""

#: The same with one of the source's typos: paragraph 13 ends with a ] that closes nothing.
TYPO = EXCERPT.replace(
    "18. Requests the IPC to report to the COP at its first session;",
    "18. Requests the IPC to report to the COP at its first session;]",
)
TYPO_LINE = 13


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["text", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_stats_counts_options_alternatives_and_notes_with_no_problem(tmp_path: Path) -> None:
    code, out, err = run("stats", _file(tmp_path, EXCERPT))
    assert code == 0, err
    figures = json.loads(out)
    assert {
        k: figures[k]
        for k in (
            "provisions",
            "brackets",
            "option_groups",
            "options",
            "alternatives",
            "notes",
            "problems",
        )
    } == {
        # the section, 15., 16. with its two options, 17., 18.
        "provisions": 7,
        "brackets": 8,
        "option_groups": 1,
        "options": 2,
        "alternatives": 2,  # [ADP][COP], [at its X session][in 2017]
        "notes": 1,
        "problems": [],
    }


def test_outline_lists_each_provision_with_its_label_as_written(tmp_path: Path) -> None:
    code, out, err = run("outline", "--json", _file(tmp_path, EXCERPT))
    assert code == 0, err
    entries = json.loads(out)
    assert [(e["kind"], e["label"], e["depth"]) for e in entries] == [
        ("section", "II.", 0),
        ("paragraph", "15.", 1),
        ("paragraph", "16.", 1),
        ("option", "Option 1", 2),
        ("option", "Option 2", 2),
        ("paragraph", "17.", 1),
        ("paragraph", "18.", 1),
    ]
    assert len({e["id"] for e in entries}) == len(entries)


def test_plain_outline_is_indented_label_kind_and_id(tmp_path: Path) -> None:
    code, out, err = run("outline", _file(tmp_path, EXCERPT))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[0].startswith("II.  section  ")
    assert lines[3].startswith("    Option 1  option  ")


def test_strictly_a_bracket_typo_is_refused_naming_file_line_and_column(tmp_path: Path) -> None:
    path = _file(tmp_path, TYPO)
    for command in ("stats", "outline"):
        code, out, err = run(command, path)
        assert code == 1
        assert out == ""
        problems = err.strip().splitlines()
        assert len(problems) == 1, err
        assert problems[0].startswith(f"{path}:{TYPO_LINE}:")
        assert "]" in problems[0] or "bracket" in problems[0]


def test_leniently_the_typo_is_listed_and_the_rest_is_counted(tmp_path: Path) -> None:
    code, out, err = run("stats", "--lenient", _file(tmp_path, TYPO))
    assert code == 0, err
    figures = json.loads(out)
    assert [p.split(":")[0] for p in figures["problems"]] == [str(TYPO_LINE)]
    assert (figures["provisions"], figures["options"], figures["notes"]) == (7, 2, 1)


def test_stats_of_a_language_the_text_lacks_is_refused(tmp_path: Path) -> None:
    code, out, err = run("stats", "--lang", "ar", _file(tmp_path, EXCERPT))
    assert code == 1 and out == ""
    assert "no ar version" in err
