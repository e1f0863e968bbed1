"""The operator's commands: the console script run for real (help, and the demo set up without
serving, on a fresh database), and in process, through the same ``astana`` application, help
everywhere, load-data on good and bad files, and createuser."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from astana.cli import app

ROOT = Path(__file__).resolve().parents[2]
ASTANA = str(Path(sys.executable).with_name("astana"))


def invoke(*args: str) -> tuple[int, str, str]:
    """``astana ARGS...`` in this process: exit code, stdout, stderr (never an escaped error)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_console_script_starts_and_helps(astana) -> None:
    result = astana("--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout and "demo" in result.stdout


@pytest.mark.parametrize(
    "command",
    [[], ["demo"], ["serve"], ["migrate"], ["load-data"], ["createuser"], ["unlock"], ["text"]],
)
def test_help_everywhere(command: list[str]) -> None:
    code, out, err = invoke(*command, "--help")
    assert code == 0, err
    assert "Usage" in out


@pytest.mark.django_db
def test_load_data_refuses_a_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    from astana.web.processes.models import Source

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: astana-history/1\nsources:\n  - id: s\n    title: T\n    language: xx\n",
        encoding="utf-8",
    )
    sources = Source.objects.count()
    code, _, err = invoke("load-data", str(bad))
    assert code == 2
    assert f"{bad}:5:" in "".join(err.splitlines())  # the console wraps long lines
    assert "Nothing was written" in err
    assert Source.objects.count() == sources
    code, _, err = invoke("load-data", str(ROOT / "data" / "history"))
    assert code == 0, err
    assert "Loaded" in err


@pytest.mark.django_db
def test_load_data_missing_path() -> None:
    code, _, err = invoke("load-data", "/nonexistent/history")
    assert code == 2
    assert "no such file" in err


@pytest.mark.db
def test_demo_sets_up_and_prints_logins_for_every_role(demo, demo_env, tmp_path: Path) -> None:
    result = demo.result  # ``astana demo --no-serve`` on a fresh database, run once per session
    assert result.returncode == 0, result.stderr

    def astana(*args: str) -> subprocess.CompletedProcess[str]:  # on a copy of the demo
        return subprocess.run(
            [ASTANA, *args], env=demo_env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )

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


@pytest.mark.django_db
def test_createuser() -> None:
    code, _, err = invoke(
        "createuser",
        "delegate7",
        "--organisation",
        "syriac-national-council",
        "--name",
        "A Delegate",
        "--password",
        "a-long-enough-password",
    )
    assert code == 0, err
    from astana.web.accounts.models import User

    assert User.objects.get(username="delegate7").check_password("a-long-enough-password")
    code, _, err = invoke("createuser", "delegate7", "--password", "a-long-enough-password")
    assert code == 2 and "taken" in err
    code, _, err = invoke(
        "createuser", "delegate8", "--organisation", "nope", "--password", "a-long-enough-password"
    )
    assert code == 2 and "no organisation" in err
    code, _, err = invoke("createuser", "delegate9", "--password", "short")
    assert code == 2 and "too short" in err
