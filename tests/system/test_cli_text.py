"""``astana text``: statistics and redlines of files, as a delegate would run them (in process,
through the ``astana`` application itself; tests/system/test_cli_platform.py runs the console
script as a program)."""

# ruff: noqa: E501 - sample texts and report lines read best unbroken

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

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
        "art_1__para_2 (paragraph 2) [changed]: The parties call for the withdrawal of "
        "[-[-]all[-]{SNC, KNC}-] foreign fighters."
    )
    arabic = run("redline", str(old), str(new), "--plain", "--lang", "ar")
    assert "[-[-]جميع[-]{SNC, KNC}-]" in arabic.stdout
    assert run("redline", str(old), str(old), "--plain").stdout.strip() == "No differences."


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
