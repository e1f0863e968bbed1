"""The negotiation room in the browser's pages (Django test client): who sees what, forms that
act, refusals that keep what was typed, and a stale write that says what changed."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.test import Client
from tests.helpers.people import DEMO_ROLES, login

from astana.web.accounts.models import User
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.models import CaucusNote, NegotiationText, TextProposal
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db


EVERYONE = list(DEMO_ROLES)  # every demo login, one per role
# page -> who gets it (everyone else: 403 if they take part in the round, 404/302 otherwise)
PAGES = {
    "room": set(EVERYONE),
    "text": set(EVERYONE),
    "redline": set(EVERYONE),
    "caucus": {"party1", "party2", "party3", "guarantor"},
    "audit": {"convener", "host"},
}


def _url(page: str, sandbox: Round, roadmap: NegotiationText) -> str:
    return {
        "room": f"/en/rounds/{sandbox.pk}/room/",
        "text": f"/en/texts/{roadmap.pk}/",
        "redline": f"/en/texts/{roadmap.pk}/redline/?old=1&new=1",
        "caucus": f"/en/rounds/{sandbox.pk}/caucus/",
        "audit": f"/en/rounds/{sandbox.pk}/audit/",
    }[page]


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("username", [*EVERYONE, None])
def test_page_access_by_role(
    client: Client, sandbox: Round, roadmap: NegotiationText, page: str, username: str | None
) -> None:
    if username:
        login(username, client)
    response = client.get(_url(page, sandbox, roadmap))
    if username is None:
        assert response.status_code == 302  # to the login page
    elif username in PAGES[page]:
        assert response.status_code == 200, (page, username)
    else:
        assert response.status_code in (403, 404), (page, username)


def test_drafts_and_caucus_notes_stay_in_the_delegation(
    client: Client, sandbox: Round, roadmap: NegotiationText
) -> None:
    party1 = login("party1")
    response = party1.post(
        f"/en/texts/{roadmap.pk}/proposals/",
        {
            "kind": "delete_words",
            "provision": "art_3__para_1",
            "language": "en",
            "words": "under the aegis of the United Nations",
            "justification": "CONFIDENTIAL-REASON",
        },
    )
    assert response.status_code == 302
    draft = TextProposal.objects.get(text=roadmap, state="draft")
    party1.post(f"/en/rounds/{sandbox.pk}/caucus/", {"body": "CONFIDENTIAL-NOTE: our red line"})
    assert CaucusNote.objects.filter(round=sandbox).count() == 1
    assert "CONFIDENTIAL-REASON" in party1.get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert "CONFIDENTIAL-NOTE" in party1.get(f"/en/rounds/{sandbox.pk}/caucus/").content.decode()
    for username in [u for u in EVERYONE if u != "party1"]:
        other = login(username)
        for url in [
            f"/en/texts/{roadmap.pk}/",
            f"/en/rounds/{sandbox.pk}/room/",
            f"/en/rounds/{sandbox.pk}/caucus/",
            f"/en/rounds/{sandbox.pk}/audit/",
            f"/en/texts/{roadmap.pk}/?view=party",
        ]:
            body = other.get(url).content.decode()
            assert "CONFIDENTIAL" not in body, (username, url)
            assert f'id="proposal-{draft.reference}"' not in body, (username, url)
    # Nobody else can table or withdraw it either.
    party2 = login("party2")
    response = party2.post(
        f"/en/texts/{roadmap.pk}/proposals/{draft.public_id}/table", {"based_on": draft.version}
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert not AuditEntry.objects.filter(detail__icontains="CONFIDENTIAL").exists()


def test_a_round_of_pages_from_draft_to_revision(client: Client, roadmap: NegotiationText) -> None:
    party1 = login("party1")
    party1.post(
        f"/en/texts/{roadmap.pk}/proposals/",
        {
            "kind": "delete_words",
            "provision": "art_3__para_1",
            "language": "en",
            "words": "under the aegis of the United Nations",
        },
    )
    draft = TextProposal.objects.get(text=roadmap, state="draft")
    assert (
        party1.post(
            f"/en/texts/{roadmap.pk}/proposals/{draft.public_id}/table", {"based_on": draft.version}
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.state == "tabled"
    mediator = login("mediator")
    roadmap.refresh_from_db()
    response = mediator.post(
        f"/en/texts/{roadmap.pk}/revisions/",
        {
            "based_on": roadmap.version,
            "choice-P1": "fold",
            "choice-P3": "keep",
            f"choice-{draft.reference}": "reject",
        },
    )
    assert response.status_code == 302
    assert roadmap.revisions.count() == 2
    page = mediator.get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert "immediate and complete" in page and "Rev.2" in page
    redline = mediator.get(f"/en/texts/{roadmap.pk}/redline/?old=1&new=2").content.decode()
    assert 'class="run-insert"' in redline and "immediate" in redline
    observer = login("observer")
    response = observer.post(
        f"/en/texts/{roadmap.pk}/revisions/", {"based_on": roadmap.version + 1}
    )
    assert response.status_code == 403
    assert roadmap.revisions.count() == 2


def test_stale_position_is_refused_with_what_changed_and_the_typed_text_kept(
    roadmap: NegotiationText,
) -> None:
    party1, party3 = login("party1"), login("party3")
    based_on = roadmap.version
    first = party1.post(
        f"/en/texts/{roadmap.pk}/positions/",
        {"based_on": based_on, "provision": "art_4__para_1", "stance": "support"},
    )
    assert first.status_code == 302
    typed = "Our leadership must approve the election calendar first."
    second = party3.post(
        f"/en/texts/{roadmap.pk}/positions/",
        {
            "based_on": based_on,
            "provision": "art_4__para_1",
            "stance": "support_with_reservation",
            "reservation": typed,
        },
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "changed since you loaded it" in html
    assert "Syrian National Coalition supports Article 4 ¶1 — Free parliamentary elections" in html
    assert typed in html  # kept in the form
    roadmap.refresh_from_db()
    stances = [
        p
        for p in roadmap.positions["positions"]
        if p["party"] == "kurdish-parties" and p["provision"] == "art_4__para_1"
    ]
    assert stances == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "nope"}, "kind of proposal"),
        (
            {"kind": "delete_words", "provision": "art_99", "language": "en", "words": "x"},
            "no provision",
        ),
        (
            {"kind": "delete_words", "provision": "art_3__para_1", "language": "fr", "words": "x"},
            "no &#x27;fr&#x27;",
        ),
        (
            {
                "kind": "delete_words",
                "provision": "art_3__para_1",
                "language": "en",
                "words": "zebra",
            },
            "not found",
        ),
        (
            {
                "kind": "replace_text",
                "provision": "art_3__para_1",
                "language": "en",
                "text": "[unbalanced",
            },
            "does not parse",
        ),
        (
            {
                "kind": "replace_text",
                "provision": "art_3__para_1",
                "language": "en",
                "text": "x" * 30_000,
            },
            "longer than",
        ),
    ],
)
def test_bad_proposals_are_refused_and_change_nothing(
    roadmap: NegotiationText, data: dict[str, str], message: str
) -> None:
    party1 = login("party1")
    before = (
        TextProposal.objects.count(),
        NegotiationText.objects.get(pk=roadmap.pk).version,
        AuditEntry.objects.count(),
    )
    response = party1.post(f"/en/texts/{roadmap.pk}/proposals/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    after = (
        TextProposal.objects.count(),
        NegotiationText.objects.get(pk=roadmap.pk).version,
        AuditEntry.objects.count(),
    )
    assert after == before


def test_mediator_creates_a_text_from_the_notation_and_bad_notation_keeps_the_form(
    sandbox: Round,
) -> None:
    mediator = login("mediator")
    url = f"/en/rounds/{sandbox.pk}/room/"
    before = NegotiationText.objects.count()
    bad = "@lang en\n\nArticle 1: Broken\n1. An [unbalanced bracket.\n"
    response = mediator.post(url, {"slug": "broken", "title_en": "Broken", "notation": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "line 4" in html and "An [unbalanced bracket." in html
    assert NegotiationText.objects.count() == before
    good = "@lang en\n\nArticle 1: Ceasefire\n1. The parties commit to a [nationwide] ceasefire.\n"
    response = mediator.post(url, {"slug": "ceasefire", "title_en": "Ceasefire", "notation": good})
    assert response.status_code == 302
    text = NegotiationText.objects.get(round=sandbox, slug="ceasefire")
    assert text.revisions.get().number == 1
    party = login("party1")
    assert party.post(url, {"slug": "mine", "title_en": "Mine"}).status_code == 403


def test_ids_from_another_text_or_unknown_ids_are_404_and_change_nothing(
    roadmap: NegotiationText,
) -> None:
    other = actions.text_create(
        user=User.objects.get(username="mediator"),
        round_id=roadmap.round_id,
        slug="other",
        titles={"en": "Other"},
        notation="@lang en\n\nArticle 1: One\n1. Text.\n",
    )
    tabled = roadmap.proposals.get(reference="P2")
    party1 = login("party1")
    before = (tabled.version, TextProposal.objects.count())
    for url in [
        f"/en/texts/{other.pk}/proposals/{tabled.public_id}/support",
        f"/en/texts/{roadmap.pk}/proposals/999999/support",
        f"/en/texts/999999/proposals/{tabled.public_id}/support",
    ]:
        assert party1.post(url, {"based_on": tabled.version}).status_code == 404, url
    for url in [
        "/en/texts/999999/",
        "/en/rounds/999999/room/",
        "/en/texts/999999/redline/?old=1&new=2",
        f"/en/texts/{roadmap.pk}/?revision=99",
    ]:
        assert party1.get(url).status_code == 404, url
    assert party1.get(f"/en/texts/{roadmap.pk}/redline/?old=x&new=2").status_code == 400
    assert party1.post(f"/en/texts/{roadmap.pk}/positions/", {"based_on": "abc"}).status_code == 400
    tabled.refresh_from_db()
    assert (tabled.version, TextProposal.objects.count()) == before


def test_each_provision_anchor_is_unique_with_languages_side_by_side(
    roadmap: NegotiationText,
) -> None:
    for url in (f"/en/texts/{roadmap.pk}/", f"/ar/texts/{roadmap.pk}/?compare=en"):
        page = login("party1").get(url).content.decode()
        ids = Counter(re.findall(r'\bid="([^"]+)"', page))
        assert ids["prov-art_1"] == 1, url
        assert [i for i, n in ids.items() if n > 1] == [], url
