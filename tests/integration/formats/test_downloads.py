"""Downloads go through the same access rules as the pages: readers of the text get it in
every format, outsiders get 404, and a delegation's draft reaches nobody else's export."""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern
from tests.helpers.people import user

from astana.web.accounts.models import User
from astana.web.negotiation import actions, downloads, urls_downloads
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db


def get(
    view: object, user: object, query: dict[str, str] | None = None, **kwargs: object
) -> HttpResponse:
    request = RequestFactory().get("/", query or {})
    request.user = user  # type: ignore[assignment]
    return view(request, **kwargs)  # type: ignore[operator,no-any-return]


def words_of_docx(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_a_reader_downloads_the_text_in_every_format(roadmap: NegotiationText) -> None:
    mediator = user("mediator")
    response = get(
        downloads.text_download, mediator, {"lang": "en,ar"}, text_id=roadmap.pk, fmt="docx"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="roadmap-rev1-compilation-en-ar.docx"'
    )
    text = words_of_docx(response.content)
    assert "immediate and complete" in text  # a tabled proposal, in brackets
    assert "المادة 2: المقاتلون الأجانب" in text
    akn = get(downloads.text_download, mediator, {"lang": "ar"}, text_id=roadmap.pk, fmt="akn")
    assert akn.status_code == 200
    assert b'FRBRlanguage language="ara"' in akn.content
    txt = get(
        downloads.text_download,
        mediator,
        {"lang": "en", "view": "clean"},
        text_id=roadmap.pk,
        fmt="txt",
    )
    assert txt.status_code == 200
    assert "[" not in txt.content.decode()
    pdf = get(
        downloads.text_download,
        mediator,
        {"lang": "ar,en", "parallel": "1"},
        text_id=roadmap.pk,
        fmt="pdf",
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_outsiders_and_bad_requests_are_refused(roadmap: NegotiationText) -> None:
    anonymous = get(downloads.text_download, AnonymousUser(), text_id=roadmap.pk, fmt="pdf")
    assert anonymous.status_code == 302  # to the login page
    User.objects.create_user(username="stranger", password="x")
    stranger = get(downloads.text_download, user("stranger"), text_id=roadmap.pk, fmt="docx")
    assert stranger.status_code == 404
    assert b"Word" not in stranger.content
    mediator = user("mediator")
    assert get(downloads.text_download, mediator, text_id=roadmap.pk, fmt="exe").status_code == 400
    missing = get(
        downloads.text_download, mediator, {"revision": "9"}, text_id=roadmap.pk, fmt="txt"
    )
    assert missing.status_code == 404
    wrong = get(downloads.text_download, mediator, {"lang": "ru"}, text_id=roadmap.pk, fmt="txt")
    assert wrong.status_code == 400
    assert (
        get(downloads.round_calendar, user("stranger"), round_id=roadmap.round_id).status_code
        == 404
    )


def test_a_draft_is_never_exported_to_another_delegation(roadmap: NegotiationText) -> None:
    actions.proposal_draft(
        user=user("party2"),
        text_id=roadmap.pk,
        change={
            "kind": "insert_words",
            "provision": "art_5__para_1",
            "language": "en",
            "after": "return to",
            "words": " secretly drafted",
        },
        justification="a draft",
    )
    for name in ("party1", "party3", "mediator", "party2"):
        response = get(
            downloads.text_download, user(name), {"lang": "en"}, text_id=roadmap.pk, fmt="docx"
        )
        assert response.status_code == 200
        assert "secretly drafted" not in words_of_docx(response.content)


def test_redline_and_calendar(roadmap: NegotiationText, sandbox: Round) -> None:
    mediator = user("mediator")
    roadmap.refresh_from_db()
    proposal = roadmap.proposals.filter(state="tabled").order_by("id").first()
    assert proposal is not None
    actions.revision_issue(
        user=mediator, text_id=roadmap.pk, based_on=roadmap.version, fold=[proposal.reference]
    )
    response = get(
        downloads.redline_download,
        mediator,
        {"old": "1", "new": "2", "lang": "en"},
        text_id=roadmap.pk,
        fmt="docx",
    )
    assert response.status_code == 200
    runs = [r for p in docx.Document(io.BytesIO(response.content)).paragraphs for r in p.runs]
    assert any(r.font.underline and "immediate" in r.text for r in runs)
    pdf = get(
        downloads.redline_download,
        mediator,
        {"old": "1", "new": "2", "lang": "ar"},
        text_id=roadmap.pk,
        fmt="pdf",
    )
    assert pdf.status_code == 200
    calendar = get(downloads.round_calendar, mediator, round_id=sandbox.pk)
    assert calendar.status_code == 200
    assert b"BEGIN:VEVENT" in calendar.content
    assert f"{sandbox.slug}-session-1@".encode() in calendar.content


def test_the_url_patterns_name_every_download() -> None:
    names = {p.name for p in urls_downloads.urlpatterns if isinstance(p, URLPattern)}
    assert names == {"text_download", "redline_download", "concordance_download", "round_calendar"}
