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
