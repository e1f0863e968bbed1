"""Page forms are read through the API's input schemas (astana.web.api.forms): the same
fields and limits, an empty field meaning "not given", and a refusal the page can show."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from astana.web.api.forms import form_fields, form_input, form_texts
from astana.web.common.errors import ActionError
from astana.web.negotiation.schemas import CommentIn, PositionIn, RevisionIssueIn


def _form(**fields: str) -> QueryDict:
    form = QueryDict(mutable=True)
    form.update({"csrfmiddlewaretoken": "x", "step": "anything", **fields})
    return form


def test_a_form_fills_the_schema_and_other_fields_are_ignored() -> None:
    payload = form_input(
        PositionIn,
        _form(based_on="3", provision="art_1", stance="cannot_accept", reservation=""),
    )
    assert payload.based_on == 3
    assert payload.stance == "cannot_accept"
    assert payload.reservation == ""  # left empty: the schema's default


def test_an_empty_optional_field_is_not_given() -> None:
    assert form_fields(PositionIn, _form(provision="", reservation="")) == {"provision": ""}


def test_a_form_that_does_not_fit_is_a_refusal_naming_the_field() -> None:
    with pytest.raises(ActionError) as caught:
        form_input(PositionIn, _form(based_on="3", provision="art_1", stance="maybe"))
    message = str(caught.value)
    assert '"stance"' in message
    assert message.endswith("Nothing was saved.")


def test_the_schema_limits_apply_to_the_page() -> None:
    with pytest.raises(ActionError, match='"body"'):
        form_input(CommentIn, _form(provision="art_1", body="x" * 100_000))
    with pytest.raises(ActionError, match='"body"'):
        form_input(CommentIn, _form(provision="art_1", body=""))


def test_the_page_may_say_it_in_its_own_words() -> None:
    reload = {"based_on": "Reload the page."}
    with pytest.raises(ActionError, match=r"^Reload the page\.$"):
        form_input(RevisionIssueIn, _form(based_on="x"), messages=reload)


def test_values_shaped_by_the_view_go_over_the_form() -> None:
    payload = form_input(RevisionIssueIn, _form(based_on="2"), fold=["P1"], keep=[], reject=["P2"])
    assert (payload.fold, payload.keep, payload.reject) == (["P1"], [], ["P2"])


def test_form_texts_gives_every_language() -> None:
    form = _form(title_en="Agenda", title_ru="")
    assert form_texts(form, "title") == {"ar": "", "en": "Agenda", "ru": ""}
