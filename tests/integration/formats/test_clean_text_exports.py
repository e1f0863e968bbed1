"""The clean text reads alike on the page and in every export (docs/text-engine.md, "The
clean text"): agreed words, "…" where bracketed text was left out, no broken phrase."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.test import Client, RequestFactory
from tests.helpers.people import user

from astana.web.negotiation import downloads
from astana.web.negotiation.models import NegotiationText

pytestmark = pytest.mark.django_db

# The sandbox roadmap's Article 2 as the parties left it: "[immediate and complete]" and
# "[all]" in brackets.
WITHDRAWAL = (
    "The parties call for the withdrawal of … foreign fighters from the territory of Syria."
)


def _download(text: NegotiationText, fmt: str) -> bytes:
    request = RequestFactory().get("/", {"lang": "en", "view": "clean"})
    request.user = user("mediator")
    response = downloads.text_download(request, text_id=text.pk, fmt=fmt)
    assert response.status_code == 200
    return bytes(response.content)


def test_the_page_and_the_exports_show_the_same_clean_text(roadmap: NegotiationText) -> None:
    client = Client()
    client.force_login(user("mediator"))
    page = client.get(f"/en/texts/{roadmap.pk}/", {"view": "clean"}).content.decode()
    shown = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert WITHDRAWAL.replace(".", "") in shown
    plain = _download(roadmap, "txt").decode()
    assert WITHDRAWAL in plain
    word = "\n".join(
        p.text for p in docx.Document(io.BytesIO(_download(roadmap, "docx"))).paragraphs
    )
    assert WITHDRAWAL in word
    for text in (plain, word):
        assert "  " not in text and "[" not in text
        assert "withdrawal of foreign" not in text  # the broken phrase of issue 14
