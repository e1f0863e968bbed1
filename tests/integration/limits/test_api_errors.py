"""Every error under /api/ is JSON, ``{"error": ..., "changes": []}``, whatever raised it and
whatever the settings (debug as in local settings, or not as in production): a body too
large (413), a bad request (400), an unknown path (404), a wrong method (405) and a crash
(500), including those Django answers before django-ninja runs. Pages keep HTML."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings

from astana.web.config.limits import RequestLimitsMiddleware
from astana.web.demo import DEMO_PASSWORD
from astana.web.negotiation import selectors
from astana.web.negotiation.models import NegotiationText

pytestmark = pytest.mark.django_db
FAILING = "tests.integration.limits.failing_urls"
DEBUG = pytest.mark.parametrize("debug", [False, True], ids=["production", "local"])


def client(username: str = "") -> Client:
    c = Client(raise_request_exception=False)
    if username:
        assert c.login(username=username, password=DEMO_PASSWORD)
    return c


def json_error(response: object, status: int) -> str:
    assert response.status_code == status, response.content[:300]  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    body = json.loads(response.content)  # type: ignore[attr-defined]
    assert body["changes"] == []
    assert isinstance(body["error"], str)
    return str(body["error"])


def test_the_middleware_wraps_everything() -> None:
    assert settings.MIDDLEWARE[0] == f"{RequestLimitsMiddleware.__module__}.RequestLimitsMiddleware"


@DEBUG
def test_a_body_too_large_is_413_json_before_it_is_read(debug: bool) -> None:
    body = b'{"slug": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + b'"}'
    with override_settings(DEBUG=debug):
        response = client().post("/api/rounds/1/texts", body, content_type="application/json")
    assert "larger than 2,500,000 bytes" in json_error(response, 413)


@DEBUG
def test_unknown_paths_and_wrong_methods_are_json(debug: bool) -> None:
    with override_settings(DEBUG=debug):
        assert json_error(client().get("/api/no/such/thing"), 404)
        assert json_error(client("mediator").get("/api/texts/99999999999999999999"), 422)
        response = client().delete("/api/texts/1/events")
    assert response.status_code in (404, 405)
    json_error(response, response.status_code)


@DEBUG
@override_settings(ROOT_URLCONF=FAILING)
def test_a_crash_and_a_bad_request_are_json_under_the_api_and_pages_under_the_site(
    debug: bool,
) -> None:
    with override_settings(DEBUG=debug):
        assert "Server error: nothing you sent was saved" in json_error(
            client().get("/api/crash"), 500
        )
        assert "Bad request" in json_error(client().get("/api/suspicious"), 400)
        page = client().get("/crash")
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


@DEBUG
def test_a_crash_inside_an_api_operation_is_json(
    debug: bool, roadmap: NegotiationText, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure point inside a real operation (the text's state), as a bug would raise."""

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug in a selector")

    monkeypatch.setattr(selectors, "text_state", broken)
    with override_settings(DEBUG=debug):
        response = client("mediator").get(f"/api/texts/{roadmap.pk}")
    assert "Server error: nothing you sent was saved" in json_error(response, 500)


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_page_form_too_large_is_a_413_page(roadmap: NegotiationText, encoding: str) -> None:
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    url = f"/en/texts/{roadmap.pk}/proposals/"
    if encoding == "multipart":
        response = client("party1").post(url, {"justification": body})
    else:
        response = client("party1").post(
            url, f"justification={body}", content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "larger than 2,500,000 bytes, the most this page accepts" in response.content.decode()
