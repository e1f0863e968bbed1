"""``astana rules``: the command line applies rules, prints JSON and refuses bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from astana.cli.rules import app

runner = CliRunner()
SCC = "consensus else 75% of members"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_prints_the_outcome_and_why() -> None:
    code, out, _ = run("check", "--rule", SCC, "--members", "150", "--yes", "114", "--no", "10")
    assert code == 0
    assert out == (
        "adopted: no consensus (10 formal objections); "
        "114 of 150 members in favour, 75% needs 113\n"
    )


def test_check_one_short_of_seventy_five_percent() -> None:
    code, out, _ = run(
        "check", "--rule", "75% of members", "--members", "150", "--yes", "112", "--no", "38"
    )
    assert code == 0
    assert out == "not adopted: 112 of 150 members in favour, 75% needs 113\n"


def test_check_in_json() -> None:
    code, out, _ = run(
        "check", "--rule", SCC, "--members", "45", "--yes", "34", "--no", "11", "--json"
    )
    assert code == 0
    record = json.loads(out)
    assert record["adopted"] is True
    assert record["needed"] == 34
    assert record["explanation"] == (
        "adopted: no consensus (11 formal objections); 34 of 45 members in favour, 75% needs 34"
    )
    assert record["decided_by"] == "75% of members"
    assert record["tally"]["absent"] == 0
    assert record["lang"] == "en"


def test_check_in_arabic_and_russian() -> None:
    args = (
        "check",
        "--rule",
        "2/3 of present",
        "--members",
        "30",
        "--yes",
        "20",
        "--no",
        "5",
        "--abstain",
        "5",
    )
    code, out, _ = run(*args, "--lang", "ar", "--json")
    assert code == 0
    assert json.loads(out)["explanation"] == (
        "اعتُمد: عدد المؤيدين 20 من أصل 30 من الحاضرين، والمطلوب 20 (2/3)"
    )
    code, out, _ = run(*args, "--lang", "ru")
    assert out == "принято: «за» 20 из 30 присутствующих, для 2/3 нужно 20\n"


def test_check_with_a_quorum_and_present() -> None:
    code, out, _ = run(
        "check",
        "--rule",
        "quorum 2/3 of members; majority of votes cast",
        "--members",
        "150",
        "--yes",
        "60",
        "--no",
        "10",
        "--present",
        "99",
        "--json",
    )
    assert code == 0
    record = json.loads(out)
    assert (record["adopted"], record["quorum_met"]) == (False, False)
    assert (
        record["explanation"]
        == "not adopted: quorum not met, 99 of 150 members present, 2/3 needs 100"
    )


def test_check_with_blocs() -> None:
    code, out, _ = run(
        "check",
        "--rule",
        "majority of votes cast in each bloc",
        "--blocs",
        "government:50:40:5,opposition:50:20:25,civil society:50:30:10:5",
        "--json",
    )
    assert code == 0
    record = json.loads(out)
    assert record["adopted"] is False
    assert [b["name"] for b in record["blocs"]] == ["government", "opposition", "civil society"]
    assert record["tally"]["members"] == 150
    failing = [c["bloc"] for c in record["checks"] if not c["met"]]
    assert failing == ["opposition"]


def test_blocs_and_totals_that_agree_are_accepted() -> None:
    code, _, _ = run(
        "check",
        "--rule",
        "majority of members",
        "--members",
        "100",
        "--yes",
        "60",
        "--blocs",
        "a:50:30:10,b:50:30:0",
    )
    assert code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--rule", "2/3 of memberz", "--members", "10", "--yes", "7", "--no", "3"),
            "bad rule: column 8: expected 'members', 'present' or 'votes cast', found 'memberz'",
        ),
        (
            (
                "--rule",
                "majority of members",
                "--members",
                "10",
                "--yes",
                "7",
                "--no",
                "3",
                "--abstain",
                "1",
            ),
            "yes + no + abstain (7 + 3 + 1 = 11) exceeds members (10)",
        ),
        (
            (
                "--rule",
                "majority of members",
                "--members",
                "10",
                "--yes",
                "5",
                "--no",
                "3",
                "--present",
                "7",
            ),
            "exceeds present (7)",
        ),
        (
            (
                "--rule",
                "majority of members",
                "--members",
                "10",
                "--yes",
                "5",
                "--no",
                "3",
                "--present",
                "11",
            ),
            "present (11) exceeds members (10)",
        ),
        (
            ("--rule", "majority of members", "--members", "10", "--yes", "5"),
            "give --members, --yes and --no, or --blocs",
        ),
        (
            (
                "--rule",
                "majority of members in each bloc",
                "--members",
                "10",
                "--yes",
                "5",
                "--no",
                "1",
            ),
            "counts each bloc: give the tally of each bloc",
        ),
        (("--rule", "majority of members", "--blocs", "a:50:30"), "bad --blocs"),
        (
            ("--rule", "majority of members", "--blocs", "a:50:30:10", "--members", "51"),
            "--members 51 differs from the blocs' total 50",
        ),
    ],
)
def test_bad_input_exits_with_code_two(args: tuple[str, ...], message: str) -> None:
    code, out, err = run("check", *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_the_error_points_at_the_column() -> None:
    _, _, err = run(
        "check", "--rule", "consensus or 2/3", "--members", "3", "--yes", "3", "--no", "0"
    )
    assert "  consensus or 2/3\n            ^" in err


def test_signatures() -> None:
    code, out, _ = run("signatures", "--parties", "15", "--signed", "9")
    assert (code, out) == (0, "adopted: signed by 9 of 15 parties; a majority needs 8\n")
    code, out, _ = run("signatures", "--parties", "15", "--signed", "7", "--json")
    record = json.loads(out)
    assert (record["adopted"], record["needed"]) == (False, 8)
    code, _, err = run("signatures", "--parties", "15", "--signed", "9", "--rule", "consensus")
    assert code == 2
    assert "use 'all of members'" in err


def test_format_prints_the_canonical_rule() -> None:
    code, out, _ = run("format", "Consensus   ELSE 75.0% OF Members")
    assert (code, out) == (0, "consensus else 75% of members\n")
    code, _, err = run("format", "consensus else")
    assert code == 2
    assert "column 15" in err


def test_an_unknown_language_is_a_usage_error() -> None:
    code, _, _ = run(
        "check", "--rule", SCC, "--members", "1", "--yes", "1", "--no", "0", "--lang", "fr"
    )
    assert code == 2
