"""A text page's one-action form (``form_action``) is made only for an action that takes every
field of its schema: a mismatch is refused when the view is made, not at a reader's POST."""

from __future__ import annotations

import pytest

from astana.web.negotiation import actions
from astana.web.negotiation.schemas import PositionIn, TranslationIn
from astana.web.negotiation.views_texts import form_action


def test_a_schema_whose_fields_the_action_does_not_take_is_refused() -> None:
    with pytest.raises(TypeError, match="takes no argument language, text of TranslationIn"):
        form_action(TranslationIn, actions.position_set, "position")


def test_the_view_is_named_after_its_action() -> None:
    view = form_action(PositionIn, actions.position_set, "position", "#positions")
    assert view.__name__ == "position_set"
