"""The operator's commands, run for real: help everywhere, load-data on good and bad files,
createuser, and demo set-up without serving."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "command",
    [[], ["demo"], ["serve"], ["migrate"], ["load-data"], ["createuser"], ["unlock"], ["text"]],
)
def test_help_everywhere(astana, command: list[str]) -> None:
    result = astana(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


def test_load_data_refuses_a_bad_file_and_writes_nothing(astana, tmp_path: Path) -> None:
    assert astana("migrate").returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: astana-history/1\nsources:\n  - id: s\n    title: T\n    language: xx\n",
        encoding="utf-8",
    )
    result = astana("load-data", str(bad))
    assert result.returncode == 2
    assert f"{bad}:5:" in result.stderr
    assert "Nothing was written" in result.stderr
    good = astana("load-data", str(ROOT / "data" / "history"))
    assert good.returncode == 0, good.stderr
    assert "Loaded" in good.stderr


def test_load_data_missing_path(astana) -> None:
    assert astana("migrate").returncode == 0
    result = astana("load-data", "/nonexistent/history")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_demo_sets_up_and_prints_logins_for_every_role(astana, tmp_path: Path) -> None:
    result = astana("demo", "--no-serve")
    assert result.returncode == 0, result.stderr
    # the demo's joint statement is signed and published, and its bundle verifies
    assert "published by the convener" in " ".join(result.stderr.split())  # lines wrap
    # a demo is not production, and says so (issue 13)
    assert "The demo runs with development settings" in " ".join(result.stderr.split())
    bundle = astana("bundle", "--latest")
    assert bundle.returncode == 0, bundle.stderr
    (tmp_path / "bundle.json").write_text(bundle.stdout, encoding="utf-8")
    # the demo prints the log key's fingerprint: what a verifier takes from outside the bundle
    printed = re.search(r"fingerprint \(also on /en/record/\): ([0-9a-f ]+)", result.stderr)
    assert printed, result.stderr
    fingerprint = printed.group(1).strip()
    unpinned = astana("verify", str(tmp_path / "bundle.json"), "--json")
    assert unpinned.returncode == 3, unpinned.stdout  # verified, but the key came from the bundle
    verified = astana("verify", str(tmp_path / "bundle.json"), "--log-key", fingerprint, "--json")
    assert verified.returncode == 0, verified.stdout
    for username in [
        "convener",
        "host",
        "mediator",
        "party1",
        "party2",
        "party3",
        "guarantor",
        "observer",
        "expert",
        "secretariat",
    ]:
        assert f"  {username} " in result.stderr
    assert "astana-demo" in result.stderr


def test_createuser(astana) -> None:
    assert astana("demo", "--no-serve").returncode == 0
    ok = astana(
        "createuser",
        "delegate7",
        "--organisation",
        "syriac-national-council",
        "--name",
        "A Delegate",
        "--password",
        "a-long-enough-password",
    )
    assert ok.returncode == 0, ok.stderr
    taken = astana("createuser", "delegate7", "--password", "a-long-enough-password")
    assert taken.returncode == 2 and "taken" in taken.stderr
    unknown = astana(
        "createuser", "delegate8", "--organisation", "nope", "--password", "a-long-enough-password"
    )
    assert unknown.returncode == 2 and "no organisation" in unknown.stderr
    short = astana("createuser", "delegate9", "--password", "short")
    assert short.returncode == 2 and "too short" in short.stderr
