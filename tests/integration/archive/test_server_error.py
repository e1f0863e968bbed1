"""Issue 13: a server error shows no traceback: a page in the reader's language in the house
style, JSON on the API, with the security headers like every other answer."""

from __future__ import annotations

import json
from types import ModuleType

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from astana.web.config import urls as root_urls

SECRET_DETAIL = "qzinternal-detail-of-the-failure"


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


failing_urls = ModuleType("failing_urls")
failing_urls.urlpatterns = [  # type: ignore[attr-defined]
    path("en/fail/", fail),
    path("ar/fail/", fail),
    path("ru/fail/", fail),
    path("api/fail", fail),
    *root_urls.urlpatterns,
]
failing_urls.handler500 = root_urls.handler500  # type: ignore[attr-defined]


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def test_the_test_settings_show_no_traceback() -> None:
    assert settings.DEBUG is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "direction"),
    [
        ("en", "Server error", "ltr"),
        ("ar", "خطأ في الخادم", "rtl"),
        ("ru", "Ошибка сервера", "ltr"),
    ],
)
def test_a_page_error_is_a_page_in_the_readers_language(
    client: Client, language: str, heading: str, direction: str
) -> None:
    with override_settings(ROOT_URLCONF=failing_urls):
        response = client.get(f"/{language}/fail/")
    assert response.status_code == 500
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert f'lang="{language}" dir="{direction}"' in body
    assert "css/astana.css" in body  # the house style
    assert SECRET_DETAIL not in body
    assert "Traceback" not in body
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_an_api_error_is_json(client: Client) -> None:
    with override_settings(ROOT_URLCONF=failing_urls):
        response = client.get("/api/fail")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/json"
    answer = json.loads(response.content)
    assert answer["changes"] == []
    assert "nothing you sent was saved" in answer["error"]
    assert SECRET_DETAIL not in response.content.decode()
