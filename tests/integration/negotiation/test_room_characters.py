"""Trojan Source in the room's forms: a direction override or an invisible character in a
text's title or notation, a proposal's wording or justification, or a reservation, is refused
on the page with the place and the character; what was typed is kept; nothing is written."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from astana.web.accounts.demo import DEMO_PASSWORD
from astana.web.common.models import AuditEntry
from astana.web.negotiation.models import NegotiationText, TextProposal, TextRevision
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db
RLO, ZWSP, LRI = "\u202e", "\u200b", "\u2066"


def login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def written() -> tuple[object, ...]:
    return (
        NegotiationText.objects.count(),
        TextRevision.objects.count(),
        TextProposal.objects.count(),
        AuditEntry.objects.count(),
        list(NegotiationText.objects.order_by("pk").values_list("version", "positions")),
    )


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        (
            {
                "slug": "trojan",
                "title_en": "Ceasefire",
                "notation": f"@lang en\n\nArticle 1: Ceasefire\n1. within {RLO}shtnom 81\n",
            },
            "line 4, column 11: U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
        (
            {"slug": "trojan", "title_en": f"Cease{ZWSP}fire"},
            "The en title contains a character that is not allowed, at line 1, column 6: "
            "U+200B ZERO WIDTH SPACE",
        ),
    ],
)
def test_text_creation_refuses_them(sandbox: Round, fields: dict[str, str], says: str) -> None:
    before = written()
    response = login("mediator").post(f"/en/rounds/{sandbox.pk}/room/", fields)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert says in page
    assert written() == before


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        (
            {
                "kind": "replace_text",
                "provision": "art_3__para_1",
                "language": "en",
                "text": f"within {RLO}shtnom 81",
            },
            "U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
        (
            {
                "kind": "delete_provision",
                "provision": "art_3__para_1",
                "justification": f"Syr{ZWSP}ia",
            },
            "The justification contains a character that is not allowed, at line 1, column 4: "
            "U+200B ZERO WIDTH SPACE",
        ),
    ],
)
def test_proposals_refuse_them(roadmap: NegotiationText, fields: dict[str, str], says: str) -> None:
    before = written()
    response = login("party1").post(f"/en/texts/{roadmap.pk}/proposals/", fields)
    assert response.status_code == 400
    assert says in html.unescape(response.content.decode())
    assert written() == before


def test_a_reservation_refuses_them_and_keeps_what_was_typed(roadmap: NegotiationText) -> None:
    typed = f"Only {LRI}if the calendar holds"
    before = written()
    response = login("party1").post(
        f"/en/texts/{roadmap.pk}/positions/",
        {
            "based_on": roadmap.version,
            "provision": "art_4__para_1",
            "stance": "support_with_reservation",
            "reservation": typed,
        },
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "The reservation contains a character that is not allowed, at line 1, column 6: " in page
    assert "U+2066 LEFT-TO-RIGHT ISOLATE" in page
    assert typed in page  # kept in the form, to be corrected
    assert written() == before


def test_arabic_with_a_joiner_between_letters_is_accepted(sandbox: Round) -> None:
    notation = "@lang ar\n\nالمادة 1: وقف إطلاق النار\n1. الأطراف می\u200cخواهند وقفاً شاملاً\n"
    response = login("mediator").post(
        f"/en/rounds/{sandbox.pk}/room/",
        {"slug": "joined", "title_ar": "وقف\u200cإطلاق", "notation": notation},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    text = NegotiationText.objects.get(round=sandbox, slug="joined")
    assert text.title_ar == "وقف\u200cإطلاق"
    stored = text.revisions.get().document
    text_of_paragraph = stored["provisions"][0]["children"][0]["texts"]["ar"]
    assert text_of_paragraph == "الأطراف می\u200cخواهند وقفاً شاملاً"
