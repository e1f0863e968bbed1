"""A database too busy for a request (SQLite's write lock held past its timeout, PostgreSQL out of
connection slots) is answered 503 with Retry-After, never 500: the request wrote nothing and may
simply be retried (issue 15: a thousand event streams opened at once gave 500s). The API
answers in its JSON shape, pages with the refusal page, the event stream with the 503 its page
already backs off from. Any other database error stays an error."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from tests.helpers.people import bearer, client_of, token_of

from astana.web.archive import selectors as archive_selectors
from astana.web.common.errors import OVERLOAD_RETRY_SECONDS, is_overload
from astana.web.negotiation import actions, streams
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db


def _locked(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("database is locked")


def test_what_counts_as_overload() -> None:
    assert is_overload(OperationalError("database is locked"))
    assert is_overload(OperationalError("FATAL: sorry, too many clients already"))
    assert is_overload(OperationalError("remaining connection slots are reserved for roles"))
    assert not is_overload(OperationalError("no such table: negotiation_caucusnote"))
    assert not is_overload(ValueError("database is locked"))


def test_the_api_answers_503_in_its_shape(sandbox: Round, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "caucus_note_add", _locked)
    response = Client().post(
        f"/api/rounds/{sandbox.pk}/caucus",
        {"body": "a note"},
        "application/json",
        headers=bearer(token_of("party1")),
    )
    assert response.status_code == 503
    assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
    assert response.json()["changes"] == []
    assert "too busy" in response.json()["error"]


def test_a_page_answers_503_with_the_refusal_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_selectors, "processes", _locked)
    for language, words in (("en", "too busy"), ("ar", "مشغولة")):
        response = Client().get(f"/{language}/")
        assert response.status_code == 503, language
        assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
        assert words in response.content.decode(), language


@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume")
def test_an_event_stream_the_database_cannot_register_is_a_503(
    sandbox: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streams, "_register", _locked)
    response = client_of("party1").get(f"/en/rounds/{sandbox.pk}/events")
    assert response.status_code == 503
    assert response["Retry-After"] == str(streams.RETRY_SECONDS)


def test_another_database_error_is_not_called_overload(
    sandbox: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("no such table: negotiation_caucusnote")

    monkeypatch.setattr(actions, "caucus_note_add", broken)
    with pytest.raises(OperationalError, match="no such table"):
        Client().post(
            f"/api/rounds/{sandbox.pk}/caucus",
            {"body": "a note"},
            "application/json",
            headers=bearer(token_of("party1")),
        )
