"""A real server and a real browser: ``astana demo --no-serve`` then ``astana serve`` in a
subprocess on a fresh database (SQLite file, or a new database on the PostgreSQL server the
run uses), driven by Debian's Chromium through Playwright. Screenshots go to var/screenshots/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "var" / "screenshots"
ASTANA = str(Path(sys.executable).with_name("astana"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(database_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Base URL of a running platform with the built-in data and demo users."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-browser-"))
    extra, drop = database_factory(tmp)
    env = {
        **os.environ,
        **extra,
        "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local",
        "ASTANA_DEBUG": "0",
    }
    subprocess.run(
        [ASTANA, "demo", "--no-serve"], env=env, check=True, capture_output=True, cwd=ROOT
    )
    port = _free_port()
    process = subprocess.Popen(
        [ASTANA, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/en/", timeout=2)
            break
        except OSError as error:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"server did not start: {process.stderr.read() if process.stderr else ''}"
                ) from error
            time.sleep(0.3)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        drop()  # type: ignore[operator]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot() -> object:
    """``screenshot(page, name)`` saves a full-page PNG under var/screenshots/."""

    def take(page: object, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path

    return take
