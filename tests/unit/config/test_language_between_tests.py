"""A language activated in one test (as a request to a /ru/ page does through Django's
LocaleMiddleware) does not carry into the next test on the same worker."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.xdist_group("language-between-tests")  # one worker, in this order


def test_a_test_that_leaves_russian_active() -> None:
    translation.activate("ru")
    assert translation.get_language() == "ru"


def test_the_next_test_starts_in_the_default_language() -> None:
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_the_two_ran_on_one_worker(request: pytest.FixtureRequest) -> None:
    # pytest-xdist keeps a group on one worker by the suffix it puts on the test's id; with a
    # pytest whose ids it can no longer rename (9.2, pytest-xdist issue 1386) every group is
    # silently dealt out like any test: the test above would prove nothing, and the demo's
    # groups (tests/conftest.py) would each be set up on every worker.
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@language-between-tests")
