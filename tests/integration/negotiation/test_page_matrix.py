"""The role matrix for every form of the negotiation room: each role (anonymous included)
against each write, allowed or refused, and a refused write changes nothing.

Reads are covered in test_room_pages.py (PAGES); the API has its own matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from astana.web.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from astana.web.accounts.models import User
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.models import (
    CaucusNote,
    ExpertInvitation,
    NegotiationText,
    RoundInvitation,
    TextComment,
    TextProposal,
    TextRevision,
)
from astana.web.processes.models import Round, Session

pytestmark = pytest.mark.django_db

ROLES = [row[0] for row in DEMO_USERS]  # every demo login, one per role
PARTIES = {"party1", "party2", "party3"}
DELEGATIONS = PARTIES | {"guarantor"}


def _state() -> tuple[int, ...]:
    return (
        TextProposal.objects.count(),
        TextRevision.objects.count(),
        CaucusNote.objects.count(),
        TextComment.objects.count(),
        ExpertInvitation.objects.count(),
        Round.objects.count(),
        RoundInvitation.objects.count(),
        Session.objects.filter(is_open=True).count(),
        sum(NegotiationText.objects.values_list("version", flat=True)),
        sum(Session.objects.values_list("version", flat=True)),
    )


def _draft_of_party1(text: NegotiationText) -> TextProposal:
    return actions.proposal_draft(
        user=User.objects.get(username="party1"),
        text_id=text.pk,
        change={
            "kind": "delete_words",
            "provision": "art_4__para_1",
            "language": "en",
            "words": "Free",
        },
    )


def _closed_session(rnd: Round) -> Session:
    session = rnd.sessions.get(number=1)
    if session.is_open:
        actions.session_close(
            user=User.objects.get(username="host"),
            round_id=rnd.pk,
            number=1,
            based_on=session.version,
        )
    return rnd.sessions.get(number=1)


# name -> (who may, how to build the request from (round, text): url, data)
Request = Callable[[Round, NegotiationText], tuple[str, dict[str, Any]]]
WRITES: dict[str, tuple[set[str], Request]] = {
    "text.create": (
        {"mediator"},
        lambda r, t: (f"/en/rounds/{r.pk}/room/", {"slug": "new-text", "title_en": "New"}),
    ),
    "proposal.draft": (
        DELEGATIONS,
        lambda r, t: (
            f"/en/texts/{t.pk}/proposals/",
            {
                "kind": "delete_words",
                "provision": "art_4__para_1",
                "language": "en",
                "words": "Free",
            },
        ),
    ),
    "proposal.table": (
        {"party1"},
        lambda r, t: (
            f"/en/texts/{t.pk}/proposals/{_draft_of_party1(t).public_id}/table",
            {"based_on": 1},
        ),
    ),
    "proposal.support": (
        DELEGATIONS - {"party2"},
        lambda r, t: (
            f"/en/texts/{t.pk}/proposals/{t.proposals.get(reference='P2').public_id}/support",
            {"based_on": t.proposals.get(reference="P2").version},
        ),
    ),
    "proposal.oppose": (
        DELEGATIONS - {"party2"},
        lambda r, t: (
            f"/en/texts/{t.pk}/proposals/{t.proposals.get(reference='P2').public_id}/oppose",
            {"based_on": t.proposals.get(reference="P2").version},
        ),
    ),
    "position.set": (
        PARTIES,
        lambda r, t: (
            f"/en/texts/{t.pk}/positions/",
            {"based_on": t.version, "provision": "art_1", "stance": "support"},
        ),
    ),
    "revision.issue": (
        {"mediator"},
        lambda r, t: (f"/en/texts/{t.pk}/revisions/", {"based_on": t.version, "choice-P1": "fold"}),
    ),
    "caucus.note_add": (DELEGATIONS, lambda r, t: (f"/en/rounds/{r.pk}/caucus/", {"body": "note"})),
    "session.close": (
        {"host"},
        lambda r, t: (
            f"/en/rounds/{r.pk}/manage",
            {"step": "close", "number": 1, "based_on": r.sessions.get(number=1).version},
        ),
    ),
    "session.publish_minutes": (
        {"convener"},
        lambda r, t: (
            f"/en/rounds/{r.pk}/manage",
            {"step": "publish_minutes", "number": 1, "based_on": _closed_session(r).version},
        ),
    ),
    "participant.invite": (
        {"convener"},
        lambda r, t: (
            f"/en/rounds/{r.pk}/manage",
            {"step": "invite", "organisation": "government-of-jordan", "role": "observer"},
        ),
    ),
    "session.record": (
        {"secretariat"},
        lambda r, t: (
            f"/en/rounds/{r.pk}/sessions/1/record",
            {
                "based_on": r.sessions.get(number=1).version,
                "agenda": "Opening",
                "agenda_language": "en",
            },
        ),
    ),
    "expert.invite": (
        {"mediator"},
        lambda r, t: (
            f"/en/texts/{t.pk}/comments/",
            {"step": "invite", "organisation": "constitutional-experts"},
        ),
    ),
    "round.create": (
        {"convener"},
        lambda r, t: (
            "/en/processes/astana-platform/rounds/new",
            {"slug": "round-9", "title_en": "Round 9", "venue_en": "Astana", "start": "2027-01-10"},
        ),
    ),
}


@pytest.mark.parametrize("username", [*ROLES, None])
@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_against_every_role(
    roadmap: NegotiationText, write: str, username: str | None
) -> None:
    allowed, build = WRITES[write]
    url, data = build(roadmap.round, roadmap)
    client = Client()
    if username:
        assert client.login(username=username, password=DEMO_PASSWORD)
    before, audits = _state(), AuditEntry.objects.count()
    response = client.post(url, data)
    if username is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert _state() == before
    elif username in allowed:
        assert response.status_code == 302, (write, username, response.content.decode()[:500])
        assert _state() != before or write == "proposal.support"
        assert AuditEntry.objects.count() > audits
    else:
        # Refused by role (403, or 404 where even existence is confidential); the author of
        # P2 is refused by the rule that a party does not back its own proposal (400).
        refused = (
            (400,)
            if (write, username) in {("proposal.support", "party2"), ("proposal.oppose", "party2")}
            else (403, 404)
        )
        assert response.status_code in refused, (write, username, response.status_code)
        assert _state() == before
        assert AuditEntry.objects.count() == audits
