"""System tests run the real programs (the CLI, the server) as subprocesses, each on a fresh
database: a SQLite file in a temporary folder, or a new database on the PostgreSQL server that
the run uses (``DATABASE_URL``)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASTANA = str(Path(sys.executable).with_name("astana"))


def fresh_database(tmp: Path) -> tuple[dict[str, str], object]:
    """Environment for a new, empty database; and how to drop it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return {"ASTANA_VAR_DIR": str(tmp)}, lambda: None
    import psycopg

    name = f"astana_browser_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return {"DATABASE_URL": f"{base}/{name}", "ASTANA_VAR_DIR": str(tmp)}, drop


@pytest.fixture(scope="session")
def database_factory() -> Callable[[Path], tuple[dict[str, str], object]]:
    """``database_factory(tmp)`` makes a fresh database: (environment, drop function)."""
    return fresh_database


@pytest.fixture
def astana_env() -> Iterator[dict[str, str]]:
    """Environment for running ``astana`` on a fresh, empty database."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-cli-"))
    extra, drop = fresh_database(tmp)
    yield {**os.environ, **extra, "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local"}
    drop()  # type: ignore[operator]


@pytest.fixture
def astana(astana_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``astana ARGS...`` on the fresh database; returns the completed process."""

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [ASTANA, *args],
            env=astana_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            input=input,
            timeout=300,
        )

    return run
