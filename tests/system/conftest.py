"""System tests run the real programs (the CLI, the server) as subprocesses, each on a fresh
database: a SQLite file in a temporary folder, or a new database on the PostgreSQL server that
the run uses (``DATABASE_URL``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASTANA = str(Path(sys.executable).with_name("astana"))


def fresh_database(tmp: Path, template: str | None = None) -> tuple[dict[str, str], object]:
    """Environment for a new, empty database (or a copy of the PostgreSQL database
    ``template``); and how to drop it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return {"ASTANA_VAR_DIR": str(tmp)}, lambda: None
    import psycopg

    name = f"astana_browser_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    base = url.rsplit("/", 1)[0]

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return {"DATABASE_URL": f"{base}/{name}", "ASTANA_VAR_DIR": str(tmp)}, drop


@dataclass(frozen=True)
class Demo:
    """``astana demo --no-serve`` as it ran: its folder (``ASTANA_VAR_DIR``: the SQLite file,
    the log's and the witness's keys), the environment that reaches its database, its output."""

    folder: Path
    env: dict[str, str]
    result: subprocess.CompletedProcess[str]

    def copy(self, tmp: Path) -> tuple[dict[str, str], object]:
        """Environment for a copy of the demo (database and folder) in ``tmp``; and its drop."""
        assert self.result.returncode == 0, self.result.stderr
        shutil.copytree(self.folder, tmp, dirs_exist_ok=True)
        template = self.env.get("DATABASE_URL", "").rsplit("/", 1)[-1] or None
        return fresh_database(tmp, template=template)


@pytest.fixture(scope="session")
def demo() -> Iterator[Demo]:
    """The demo set up once per run (``astana demo --no-serve`` on a fresh database), for the
    tests that read it or take a copy of it. The tests that use it run on one pytest-xdist
    worker (tests/conftest.py groups them), so that it is set up once."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-demo-"))
    extra, drop = fresh_database(tmp)
    env = {**os.environ, **extra, "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local"}
    result = subprocess.run(
        [ASTANA, "demo", "--no-serve"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    yield Demo(tmp, env, result)
    drop()  # type: ignore[operator]
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def demo_env(demo: Demo) -> Iterator[dict[str, str]]:
    """Environment for running ``astana`` on a copy of the demo, the test's own."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-cli-"))
    extra, drop = demo.copy(tmp)
    yield {**demo.env, **extra}
    drop()  # type: ignore[operator]
    shutil.rmtree(tmp, ignore_errors=True)


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
