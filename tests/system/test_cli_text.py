"""``astana text``: statistics and redlines of files, as a delegate would run them (in process,
through the ``astana`` application itself; tests/system/test_cli_platform.py runs the console
script as a program)."""

# ruff: noqa: E501 - sample texts and report lines read best unbroken

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.charter import charter_source
from typer.testing import CliRunner

from astana.cli import app

REV1 = """@lang en

Roadmap

Article 1: Transition
1. The parties agree on [Option 1: a gradual political transition]{SNC} [Option 2: a transitional governing body]{SyNC}.
2. The parties call for the withdrawal of [all]{SNC, KNC} foreign fighters.

@lang ar

خارطة الطريق

المادة 1: الانتقال
1. تتفق الأطراف على [الخيار 1: انتقال سياسي تدريجي]{SNC} [الخيار 2: هيئة حكم انتقالية]{SyNC}.
2. تدعو الأطراف إلى انسحاب [جميع]{SNC, KNC} المقاتلين الأجانب.
"""


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Ran:
    result = CliRunner().invoke(app, ["text", *args])
    # an exit code, never an escaped exception (which a process would print as a traceback)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def test_stats_prints_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "rev1.txt"
    path.write_text(REV1, encoding="utf-8")
    result = run("stats", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "provisions": 3,
        "brackets": 2,
        "option_groups": 2,  # one in each language
        "options": 4,
        "alternatives": 0,
        "notes": 0,
        "words": 43,
        "bracketed_words": 16,
        "languages": ["en", "ar"],
        "problems": [],
    }
    english = json.loads(run("stats", str(path), "--lang", "en").stdout)
    assert english["languages"] == ["en"] and english["bracketed_words"] == 9


def test_redline_of_two_revisions(tmp_path: Path) -> None:
    old, new = tmp_path / "rev1.txt", tmp_path / "rev2.txt"
    old.write_text(REV1, encoding="utf-8")
    new.write_text(
        REV1.replace("[all]{SNC, KNC} foreign", "all foreign").replace("[جميع]{SNC, KNC}", "جميع"),
        encoding="utf-8",
    )
    result = run("redline", str(old), str(new), "--plain")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Article 1, 2. \u2014 changed: The parties call for the withdrawal of "
        "\u27e6-[-\u27e7all\u27e6-]{SNC, KNC}-\u27e7 foreign fighters."
    )
    arabic = run("redline", str(old), str(new), "--plain", "--lang", "ar")
    assert "المادة 1, 2. \u2014 changed: " in arabic.stdout
    assert "\u27e6-[-\u27e7جميع\u27e6-]{SNC, KNC}-\u27e7" in arabic.stdout
    assert run("redline", str(old), str(old), "--plain").stdout.strip() == "No differences."


def test_redline_markers_are_never_lost_when_piped(tmp_path: Path) -> None:
    """Not a terminal (a pipe, a file): no colour codes, and the markers without --plain;
    markers that no bracket or brace of the notation can be mistaken for."""
    old, new = tmp_path / "rev1.txt", tmp_path / "rev2.txt"
    old.write_text(REV1, encoding="utf-8")
    new.write_text(REV1.replace("[all]{SNC, KNC}", "[full]{SNC} [limited]{KNC}"), "utf-8")
    piped = run("redline", str(old), str(new))
    assert piped.returncode == 0, piped.stderr
    assert "\x1b" not in piped.stdout
    assert piped.stdout == run("redline", str(old), str(new), "--plain").stdout
    line = piped.stdout.strip()
    assert line.startswith("Article 1, 2. \u2014 changed: The parties call for the withdrawal of ")
    assert line.endswith(
        "[\u27e6-all-\u27e7\u27e6+full+\u27e7]{SNC\u27e6-, -\u27e7\u27e6+} [limited]{+\u27e7KNC} "
        "foreign fighters."
    )


def test_redline_as_json(tmp_path: Path) -> None:
    old, new = tmp_path / "rev1.txt", tmp_path / "rev2.txt"
    old.write_text(REV1, encoding="utf-8")
    new.write_text(REV1.replace("[all]{SNC, KNC} foreign", "all foreign"), encoding="utf-8")
    result = run("redline", str(old), str(new), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "changes": [
            {
                "provision": "art_1__para_2",
                "label": "2.",
                "kind": "changed",
                "provision_kind": "paragraph",
                "where": "Article 1, 2.",
                "words": [
                    {"op": "equal", "text": "The parties call for the withdrawal of "},
                    {"op": "delete", "text": "["},
                    {"op": "equal", "text": "all"},
                    {"op": "delete", "text": "]{SNC, KNC}"},
                    {"op": "equal", "text": " foreign fighters."},
                ],
            }
        ]
    }
    assert json.loads(run("redline", str(old), str(old), "--json").stdout) == {"changes": []}


OPTIONS = """Option 1:
    9. Decides to establish a committee on the admission of new Members.
Option 2:
    9. Requests the Secretary-General to report on the admission of new Members.
Option 3:
    9. Invites the Members to submit their views on the admission of new Members.
"""


def test_redline_of_two_files_matches_provisions_by_what_they_say(tmp_path: Path) -> None:
    """The Charter of the United Nations (about 8,700 words) with a group of block options,
    edited as a delegate edits a file: one option taken out (its label and its paragraph),
    a paragraph 4 bis written in, Article 7 deleted. Every identity after each edit comes
    from a new place; each edit is still one change, and nothing else is reported."""
    source = charter_source()
    at = source.index("Chapter II: Membership")
    old_text = source[:at] + OPTIONS + source[at:]
    option_2 = OPTIONS.splitlines(keepends=True)[2:4]
    new_text = old_text.replace("".join(option_2), "")
    new_text = new_text.replace(
        "5. All Members shall refrain",
        "4 bis. Members shall respect subsidiarity.\n5. All Members shall refrain",
    )
    article_7 = new_text[new_text.index("Article 7\n") : new_text.index("Article 8\n")]
    new_text = new_text.replace(article_7, "")
    old, new = tmp_path / "charter.txt", tmp_path / "charter-rev.txt"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    result = run("redline", str(old), str(new), "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert [(c["kind"], c["where"]) for c in changes] == [
        ("inserted", "Article 2, 4 bis."),
        ("deleted", "Article 2, Option 2"),
        ("deleted", "Article 7"),
    ]
    assert [item["text"] for item in changes[1]["content"]] == [
        "",
        "Requests the Secretary-General to report on the admission of new Members.",
    ]
    plain = run("redline", str(old), str(new)).stdout.splitlines()
    assert plain[:4] == [
        "Article 2, 4 bis. \u2014 inserted: \u27e6+Members shall respect subsidiarity.+\u27e7",
        "Article 2, Option 2 \u2014 deleted",
        "    Article 2, Option 2, 9.: \u27e6-Requests the Secretary-General to report on the "
        "admission of new Members.-\u27e7",
        "Article 7 \u2014 deleted",
    ]
    assert plain[4].startswith("    Article 7, 1.: \u27e6-There are established as principal")
    assert len(plain) == 6


def test_redline_lenient_reads_unbalanced_brackets_and_names_each_problem(
    tmp_path: Path,
) -> None:
    old, new = tmp_path / "rev1.txt", tmp_path / "rev2.txt"
    old.write_text("Article 1\n1. The parties [agree on\n2. Withdrawal of [all] forces.\n", "utf-8")
    new.write_text(
        "Article 1\n1. The parties [agree on\n2. Withdrawal of [most] forces.\n", "utf-8"
    )
    strict = run("redline", str(old), str(new))
    assert (strict.returncode, strict.stdout) == (1, "")
    assert strict.stderr.strip() == f"{old}:2:16: this bracket is never closed (close it with ])"
    lenient = run("redline", str(old), str(new), "--lenient")
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stdout.strip() == (
        "Article 1, 2. \u2014 changed: Withdrawal of [\u27e6-all-\u27e7\u27e6+most+\u27e7] forces."
    )
    problems = lenient.stderr.splitlines()
    assert [line.split(": ")[0] for line in problems] == [f"{old}:2:16", f"{new}:2:16"]
    assert all("this bracket is never closed" in line for line in problems)


def test_a_file_that_does_not_parse_names_line_column_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("Article 1\n1. The parties [agree on\n", encoding="utf-8")
    result = run("stats", str(path))
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"{path}:2:16: this bracket is never closed (")
    empty_option = tmp_path / "option.txt"
    empty_option.write_text("المادة 1\n1. [الخيار 1: نص] [الخيار 2: ]\n", encoding="utf-8")
    result = run("redline", str(path.with_name("option.txt")), str(path))
    assert result.returncode == 1
    assert "option.txt:2:" in result.stderr and "empty option" in result.stderr


def test_a_file_with_direction_controls_or_invisible_characters_names_each(
    tmp_path: Path,
) -> None:
    """Trojan Source: 'within 18 months' on screen, 'shtnom 81' in the bytes that are hashed."""
    path = tmp_path / "trojan.txt"
    path.write_text(
        "Article 1: Foreign fighters\n1. Withdrawal within \u202eshtnom 81\n2. Syr\u200bia\n",
        encoding="utf-8",
    )
    for args in (("stats", str(path)), ("redline", str(path), str(path))):
        result = run(*args)
        assert result.returncode == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0].startswith(f"{path}:2:22: U+202E RIGHT-TO-LEFT OVERRIDE: ")
        assert lines[1].startswith(f"{path}:3:7: U+200B ZERO WIDTH SPACE: ")
        assert len(lines) == 2


def test_brackets_nested_too_deep_are_refused_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.txt"
    path.write_text("Article 1: Deep\n1. " + "[" * 10_000 + "x" + "]" * 10_000 + "\n", "utf-8")
    for command in (("stats", str(path)), ("redline", str(path), str(path))):
        result = run(*command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert f"{path}:2:104: brackets nested more than 100 levels deep" in result.stderr
