"""Shared test set-up: which database the run uses, the built-in history loaded once per run,
and the ``db`` marker on every test that touches the database (``make test`` runs those again
on PostgreSQL)."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol
from hypothesis import settings as hypothesis_settings

# In CI (.ci/run sets CI=true) property tests run a fixed set of examples, so a landing never
# depends on luck; on developers' machines they explore new examples every run (and keep
# failures). Neither has a deadline: the suite asserts nothing about time on shared machines.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True, deadline=None
)
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
hypothesis_settings.load_profile("ci" if CI else "dev")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def pytest_report_header(config: pytest.Config) -> list[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return [f"database: SQLite {sqlite3.sqlite_version} (file in a temporary test database)"]
    import psycopg

    with psycopg.connect(url) as connection:
        version = connection.execute("SELECT version()").fetchone()
    return [f"database: {version[0] if version else 'PostgreSQL'} ({url})"]


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (``make test`` runs one worker per CPU) each worker keeps the files the
    platform writes under ``var/`` (log key, demo witness) in a folder of its own, as it keeps
    its own test database: a worker never reads what the other wrote for its database. The
    tests that use the demo set-up run first (``DemoFirst``).

    Python's cycle collector runs less often than its defaults say (700 new objects, every
    tenth young collection, every tenth middle one): a test process holds Django, its URL
    table, compiled templates and the shared worlds, and each full collection walked all of
    them, some 20 times a minute; about a tenth of the tests' CPU went there. With these
    thresholds it is a twentieth, and what the tests leave behind is still collected."""
    gc.set_threshold(10_000, 20, 20)
    config.pluginmanager.register(DemoFirst(), "astana-demo-first")
    _one_middleware_chain()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        from django.conf import settings

        settings.VAR_DIR = Path(settings.VAR_DIR) / "test-workers" / worker


# Python 3.11 keeps its frames' data on a stack of chunks: the first of each thread is 16 KiB,
# each next one is mapped from the system (mmap) when a call does not fit in the chunk in use,
# and given back (munmap) as soon as that call returns (CPython bug gh-142183, fixed in 3.13
# and 3.14 by keeping one chunk). A test sits about as deep as that first chunk ends (pytest,
# its plugins, the test client, Django's middleware and templates), so its calls crossed the
# edge back and forth: some 2,000 maps and unmaps of 16 KiB per test, each with its page
# faults: a seventh of the suite's CPU (the SQLite tests: 362 s before, 311 s after). Each
# test now runs from a frame so large that Python maps one chunk of 256 KiB for it, once, with
# about 130 KiB left above that frame: room for every call of the test
# (tests/unit/test_deep_stack.py).
_FRAME_SLOTS = 15_500  # 8 bytes each, plus Python's reserve of 1,000: just over 128 KiB


def _deep_frame() -> Any:
    names = " = ".join(f"_{i}" for i in range(_FRAME_SLOTS))
    source = (
        "def on_a_deep_stack(call, *args):\n"
        "    if call is None:  # never: the names only make the frame large\n"
        f"        {names} = None\n"
        "    return call(*args)\n"
    )
    made: dict[str, Any] = {}
    exec(compile(source, "<tests/conftest.py: on_a_deep_stack>", "exec"), made)
    return made["on_a_deep_stack"]


on_a_deep_stack = _deep_frame()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool:
    """pytest's own protocol for a test (set-up, call, tear-down, each reported), run from
    ``on_a_deep_stack``."""
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    on_a_deep_stack(runtestprotocol, item, True, nextitem)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


_MIDDLEWARE_STATE = (
    "_view_middleware",
    "_template_response_middleware",
    "_exception_middleware",
    "_middleware_chain",
)


def _one_middleware_chain() -> None:
    """The test client's middleware loaded once per process, as a server loads it, instead of
    once per ``Client``: WhiteNoise's alone reads the metadata of every static file (the
    admin's, the API docs') when it is made, about a tenth of the CPU of the suite's requests.
    A test that changes a setting (``override_settings``, pytest-django's ``settings``) gets
    a chain loaded anew."""
    from django.core.handlers.base import BaseHandler
    from django.core.signals import setting_changed
    from django.test.client import AsyncClientHandler, ClientHandler

    kept: dict[tuple[type, bool], tuple[Any, ...]] = {}
    load = BaseHandler.load_middleware

    def load_middleware(self: BaseHandler, is_async: bool = False) -> None:
        key = (type(self), is_async)
        if key not in kept:
            load(self, is_async)
            kept[key] = tuple(getattr(self, name) for name in _MIDDLEWARE_STATE)
        for name, value in zip(_MIDDLEWARE_STATE, kept[key], strict=True):
            setattr(self, name, value)

    for handler in (ClientHandler, AsyncClientHandler):
        handler.load_middleware = load_middleware  # type: ignore[method-assign]
    setting_changed.connect(lambda **kwargs: kept.clear(), weak=False)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    database_fixtures = {
        "db",
        "transactional_db",
        "client",
        "admin_client",
        "django_user_model",
        "live_server",
        "django_db_setup",
    }
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & database_fixtures:
            item.add_marker(pytest.mark.db)
        if "demo" in fixtures:
            item.add_marker(pytest.mark.xdist_group(_demo_group(item)))


def _demo_group(item: pytest.Item) -> str:
    """The tests that use the demo set-up (tests/system/conftest.py: session fixtures) run in
    two groups, each kept on one worker by ``--dist loadgroup``: the browser stories (one
    server, one Chromium) and the other programs run on a copy of the demo (several servers,
    the CLI, the exports). Together they were the PostgreSQL step's longest piece of work on
    one worker (about 300 s of its 320); apart, each worker sets the demo up once (8 s)."""
    return "demo-browser" if item.get_closest_marker("browser") else "demo"


class DemoFirst:
    """The demo's groups first, the browser stories before the rest: they are the run's longest
    pieces of work on one worker, so they start while the other workers share out the rest,
    instead of running alone at the end. Last of the ordering hooks: pytest-django orders tests
    by their kind of database access, which would put the groups last again."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        def order(item: pytest.Item) -> int:
            if "demo" not in getattr(item, "fixturenames", ()):
                return 2
            return 0 if item.get_closest_marker("browser") else 1

        items.sort(key=order)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """The test database, with the built-in history and the demo users loaded once."""
    from tests.helpers.unchanged import install_change_log

    from astana.web.archive.loading import load_history_paths
    from astana.web.demo import create_demo_users

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_history_paths(DATA / "history")
        create_demo_users()
        install_change_log()


REAL_TRANSACTION_FIXTURES = {"transactional_db", "live_server", "history_reloaded"}


def needs_real_transactions(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool(set(getattr(item, "fixturenames", ())) & REAL_TRANSACTION_FIXTURES)


@pytest.fixture(scope="module")
def module_db(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[bool]:
    """One transaction for the whole test module, rolled back at its end: module-scoped fixtures
    build the worlds their tests only read once in it, and each test runs in a savepoint of its
    own inside it (pytest-django's ``db``), so a test still sees the world as built and leaves
    nothing behind. False, and no transaction, where a test of the module needs real
    transactions (it flushes the database): the fixtures then build for each test."""
    module = request.module
    items = [item for item in request.session.items if getattr(item, "module", None) is module]
    if any(needs_real_transactions(item) for item in items):
        yield False
        return
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def history_reloaded(transactional_db: None) -> None:
    """For the few tests that need real transactions (they run migrations): each such test ends
    with a flush of the database, so the next one loads the history and the demo users again."""
    from astana.web.archive.loading import load_history_paths
    from astana.web.demo import create_demo_users
    from astana.web.processes.models import Process

    if not Process.objects.exists():
        load_history_paths(DATA / "history")
        create_demo_users()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: a request to an /ar/ or /ru/ page activates
    its language for the thread (Django's LocaleMiddleware), which would otherwise carry into
    the next test on the same worker and change the messages it reads."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def no_change_log() -> Iterator[None]:
    """The change log's triggers off for a test that undoes and redoes migrations (they name
    columns a migration drops); back on after it (``tests.helpers.unchanged``); the change
    stamp's too (``common.changes``)."""
    from tests.helpers.unchanged import install_change_log, remove_change_log

    from astana.web.common import changes

    remove_change_log()
    changes.remove()  # as ``migrate`` does (the test migrates through the executor)
    yield
    install_change_log()
    changes.install()
