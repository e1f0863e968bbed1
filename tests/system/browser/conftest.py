"""A real server and a real browser: ``astana demo --no-serve`` then ``astana serve`` in a
subprocess on a fresh database (SQLite file, or a new database on the PostgreSQL server the
run uses), driven by Debian's Chromium through Playwright. Screenshots go to var/screenshots/."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.system.servers import ROOT, serve, stop

SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def platform_env(demo) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """A copy of the database ``astana demo --no-serve`` set up (history, demo users, sandbox)."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-browser-"))
    extra, drop = demo.copy(tmp)
    env = {
        **os.environ,
        **extra,
        "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local",
        "ASTANA_DEBUG": "0",
    }
    yield env
    drop()


@pytest.fixture(scope="session")
def server(platform_env: dict[str, str]) -> Iterator[str]:
    """Base URL of a running platform (one worker process)."""
    process, base = serve(platform_env)
    yield base
    stop(process)


@pytest.fixture(scope="session")
def second_server(platform_env: dict[str, str], server: str) -> Iterator[str]:
    """Another server process on the same database, as a second app worker would be."""
    process, base = serve(platform_env)
    yield base
    stop(process)


# What Chromium says in the console when a policy refuses something (issue 13).
POLICY_COMPLAINTS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def policy_violations() -> Iterator[list[str]]:
    """The console messages of the test's pages that report a refused script, style, connection
    or a bad policy header; the test fails at teardown if there is any."""
    found: list[str] = []
    yield found
    assert not found, "the pages broke the security policy:\n" + "\n".join(found)


def watch_console(context: object, found: list[str]) -> None:
    def on_console(message: object) -> None:
        text = str(message.text)  # type: ignore[attr-defined]
        if any(complaint in text for complaint in POLICY_COMPLAINTS):
            found.append(text)

    context.on("console", on_console)  # type: ignore[attr-defined]


SignedIn = dict[tuple[str, str, str], tuple[object, str]]


@pytest.fixture(scope="session")
def signed_in() -> SignedIn:
    """What each user's first login through the form left in its browser context (cookies,
    storage) and where it landed, by server, user and language; later logins of the same user
    on the same server start from it, as Playwright's guide to authentication advises, so that
    a story's pages, not the password hash, take the run's time."""
    return {}


@pytest.fixture
def login(browser: object, policy_violations: list[str], signed_in: SignedIn) -> object:
    """``login(base, username)`` returns a page in a new browser context, logged in: through
    the login form the first time the run logs ``username`` in on ``base``, with the session
    that login made afterwards."""
    contexts = []

    def open_as(base: str, username: str, language: str = "en") -> object:
        known = signed_in.get((base, username, language))
        state = {"storage_state": known[0]} if known else {}
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **state)  # type: ignore[attr-defined]
        watch_console(context, policy_violations)
        contexts.append(context)
        page = context.new_page()
        if known:
            page.goto(known[1])
            return page
        page.goto(f"{base}/{language}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "astana-demo")
        page.click("form.login button[type=submit]")
        page.wait_for_load_state()
        signed_in[(base, username, language)] = (context.storage_state(), page.url)
        return page

    yield open_as
    for context in contexts:
        context.close()


class _Chromium:
    """Chromium through Playwright, started when a story first needs it and stopped once the
    stories of this folder are done (``pytest_runtest_teardown`` below): Playwright's
    synchronous API keeps an event loop running in the thread, and Django refuses database work
    beside a running loop, so the tests that follow the stories (the demo's groups run first)
    need it gone. A story after that starts it again."""

    def __init__(self) -> None:
        self.playwright: Any = None
        self.browser: Any = None

    def get(self) -> Any:
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.playwright.stop()
            self.browser = self.playwright = None


CHROMIUM = _Chromium()
HERE = Path(__file__).resolve().parent


@pytest.hookimpl(trylast=True)  # after the test's fixtures (its pages, its contexts) are closed
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    if nextitem is None or HERE not in Path(nextitem.path).resolve().parents:
        CHROMIUM.stop()


@pytest.fixture
def browser() -> object:
    return CHROMIUM.get()


@pytest.fixture
def page(browser: object, policy_violations: list[str]) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    watch_console(context, policy_violations)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot() -> object:
    """``screenshot(page, name)`` saves a full-page PNG under var/screenshots/ (with
    ``full_page=False``, what the window shows)."""

    def take(page: object, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
        return path

    return take
