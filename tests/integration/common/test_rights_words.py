"""Every right of the core's table has the words a refusal says it with, in each language:
a right added without them made every refusal of it a KeyError (a 500) instead of a
sentence."""

from __future__ import annotations

import pytest
from django.utils import translation

from astana.core.roles import Right
from astana.web.common.rights_words import RIGHT_WORDS, refusal


def test_every_right_has_its_words() -> None:
    assert set(RIGHT_WORDS) == set(Right)


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_every_right_is_refused_in_the_readers_language(language: str) -> None:
    with translation.override("en"):
        english = {right: refusal(right) for right in Right}
    with translation.override(language):
        for right in Right:
            assert refusal(right) != english[right], right
