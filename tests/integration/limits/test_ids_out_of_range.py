"""An id, revision or version beyond what any database stores (``99999999999999999999``) in a
page's URL or query is a 404 (or a form's clear refusal), never an overflow in the driver;
the API answers 422 JSON for its typed paths."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from astana.web.accounts.demo import DEMO_PASSWORD
from astana.web.common.models import AuditEntry
from astana.web.negotiation.models import NegotiationText

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


def mediator() -> Client:
    client = Client(raise_request_exception=False)
    assert client.login(username="mediator", password=DEMO_PASSWORD)
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/en/texts/{HUGE}/",
        f"/en/rounds/{HUGE}/room/",
        f"/en/texts/{HUGE}/download.pdf",
        "/en/texts/{text}/redline.pdf?old=" + HUGE,
        "/en/texts/{text}/redline.docx?old=1&new=" + HUGE,
        "/en/texts/{text}/redline/?old=" + HUGE,
        "/en/texts/{text}/download.pdf?revision=" + HUGE,
        "/en/texts/{text}/?revision=" + HUGE,
    ],
)
def test_a_number_out_of_range_is_404(roadmap: NegotiationText, url: str) -> None:
    response = mediator().get(url.format(text=roadmap.pk))
    assert response.status_code == 404, response.content[:300]


def test_a_version_out_of_range_in_a_form_is_refused(roadmap: NegotiationText) -> None:
    before = AuditEntry.objects.count()
    response = mediator().post(
        f"/en/texts/{roadmap.pk}/agreement/",
        {"provision": "art_1", "based_on": HUGE, "step": "agree_ad_referendum"},
    )
    assert response.status_code == 400
    assert "valid 'based_on'" in html.unescape(response.content.decode())
    assert AuditEntry.objects.count() == before


def test_the_api_answers_422_json(roadmap: NegotiationText) -> None:
    response = mediator().get(f"/api/texts/{HUGE}")
    assert response.status_code == 422
    assert "error" in response.json()
