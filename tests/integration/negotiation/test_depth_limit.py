"""The bracket depth limit on every path: the room's form and the API refuse a text nested
one level too deep (with its line and column, nothing written); a text nested exactly to
the limit is created, shown, compared and downloaded in every format."""

from __future__ import annotations

import html
import json

import pytest
from django.test import Client

from astana.core.text.brackets import MAX_BRACKET_DEPTH
from astana.web.api.tokens import token_create
from astana.web.common.models import AuditEntry
from astana.web.negotiation.models import NegotiationText, TextRevision
from astana.web.processes.models import Round

from .test_room_characters import login

pytestmark = pytest.mark.django_db


def notation(depth: int) -> str:
    return f"@lang en\n\nArticle 1: Depth\n1. It is {'[' * depth}deep{']' * depth}.\n"


def written() -> tuple[int, int, int]:
    return (
        NegotiationText.objects.count(),
        TextRevision.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_room_form_refuses_a_text_too_deep(sandbox: Round) -> None:
    before = written()
    response = login("mediator").post(
        f"/en/rounds/{sandbox.pk}/room/",
        {"slug": "deep", "title_en": "Deep", "notation": notation(MAX_BRACKET_DEPTH + 400)},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "line 4, column 110: brackets nested more than 100 levels deep" in page
    assert written() == before


def test_the_api_refuses_a_text_too_deep(sandbox: Round) -> None:
    from astana.web.accounts.models import User

    token = token_create(user=User.objects.get(username="mediator"), name="t")[1]
    before = written()
    response = Client().post(
        f"/api/rounds/{sandbox.pk}/texts",
        json.dumps({"slug": "deep", "titles": {"en": "Deep"}, "notation": notation(10_000)}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400, response.content
    assert "brackets nested more than 100 levels deep" in response.json()["error"]
    assert written() == before


def test_a_text_at_the_limit_is_shown_and_downloaded_in_every_format(sandbox: Round) -> None:
    client = login("mediator")
    response = client.post(
        f"/en/rounds/{sandbox.pk}/room/",
        {"slug": "deep", "title_en": "Deep", "notation": notation(MAX_BRACKET_DEPTH)},
    )
    assert response.status_code == 302, html.unescape(response.content.decode())[-3000:]
    text = NegotiationText.objects.get(round=sandbox, slug="deep")
    assert client.get(f"/en/texts/{text.pk}/").status_code == 200
    for fmt in ("pdf", "docx", "akn", "txt"):
        response = client.get(f"/en/texts/{text.pk}/download.{fmt}?lang=en")
        assert response.status_code == 200, (fmt, response.content[:500])
