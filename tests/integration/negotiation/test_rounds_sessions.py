"""Rounds and sessions at work: the convener creates and invites, the host opens and closes
sessions, the secretariat keeps the record, experts comment where invited; every other role
is refused, and refused input changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from astana.web.accounts.demo import DEMO_PASSWORD
from astana.web.accounts.models import User
from astana.web.common.errors import ActionError, Forbidden, Stale
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, RoundInvitation, TextComment
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


def login(name: str) -> Client:
    client = Client()
    assert client.login(username=name, password=DEMO_PASSWORD)
    return client


def test_convener_creates_a_round_with_invitations_through_the_page(sandbox: Round) -> None:
    convener = login("convener")
    response = convener.post(
        "/en/processes/astana-platform/rounds/new",
        {
            "slug": "round-4",
            "title_en": "Round 4",
            "title_ar": "الجولة الرابعة",
            "venue_en": "Astana",
            "start": "2026-12-01",
            "end": "2026-12-03",
            "invitations": "syrian-national-coalition: party\nunited-nations: observer",
        },
    )
    assert response.status_code == 302
    rnd = Round.objects.get(process__slug="astana-platform", slug="round-4")
    roles = set(RoundInvitation.objects.filter(round=rnd).values_list("organisation__slug", "role"))
    assert ("syrian-national-coalition", "party") in roles and (
        "astana-platform",
        "convener",
    ) in roles
    assert AuditEntry.objects.filter(action="round.create", round=rnd).exists()


@pytest.mark.parametrize(
    "name", ["host", "mediator", "party1", "guarantor", "observer", "expert", "secretariat"]
)
def test_only_the_convener_creates_rounds(sandbox: Round, name: str) -> None:
    before = Round.objects.count()
    response = login(name).post(
        "/en/processes/astana-platform/rounds/new",
        {"slug": "round-x", "title_en": "X", "venue_en": "X", "start": "2026-12-01"},
    )
    assert response.status_code == 403
    assert Round.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slug": "Bad Slug"}, "lower-case"),
        ({"title_en": ""}, "title is needed"),
        ({"start": "2026-13-01"}, "date like"),
        ({"end": "2026-11-01"}, "cannot end before"),
        ({"invitations": "nobody: party"}, "no organisation"),
        ({"invitations": "united-nations: emperor"}, "role must be"),
        ({"invitations": "no colon here"}, "organisation: role"),
        ({"slug": "ap-round-1"}, "already has a round"),
    ],
)
def test_bad_round_input_is_refused_and_changes_nothing(
    sandbox: Round, fields: dict[str, str], message: str
) -> None:
    data = {
        "slug": "round-5",
        "title_en": "Round 5",
        "venue_en": "Astana",
        "start": "2026-12-01",
        "end": "2026-12-02",
        "invitations": "",
    }
    data.update(fields)
    before = (Round.objects.count(), RoundInvitation.objects.count())
    response = login("convener").post("/en/processes/astana-platform/rounds/new", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Round.objects.count(), RoundInvitation.objects.count()) == before


def test_host_opens_and_closes_a_session_and_the_secretariat_keeps_the_record(
    sandbox: Round,
) -> None:
    with pytest.raises(ActionError, match="already open"):
        actions.session_open(user=user("host"), round_id=sandbox.pk)
    first = sandbox.sessions.get(number=1)
    actions.session_close(user=user("host"), round_id=sandbox.pk, number=1, based_on=first.version)
    session = actions.session_open(
        user=user("host"), round_id=sandbox.pk, titles={"en": "Second sitting"}
    )
    assert session.number == 2 and session.is_open and session.opened_by.slug == "demo-host"
    for name in ["convener", "mediator", "party1", "observer", "secretariat"]:
        with pytest.raises(Forbidden):
            actions.session_open(user=user(name), round_id=sandbox.pk)
    secretariat = login("secretariat")
    response = secretariat.post(
        f"/en/rounds/{sandbox.pk}/sessions/2/record",
        {
            "based_on": session.version,
            "agenda": "Opening\nArticle 1\nAny other business",
            "agenda_language": "en",
            "attendance": ["syrian-national-coalition", "united-nations"],
            "minutes_en": "The mediator opened the sitting.",
            "minutes_ar": "افتتح الوسيط الجلسة.",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert [a.text_en for a in session.agenda.all()] == [
        "Opening",
        "Article 1",
        "Any other business",
    ]
    assert set(session.attendance.values_list("slug", flat=True)) == {
        "syrian-national-coalition",
        "united-nations",
    }
    assert session.minutes_ar == "افتتح الوسيط الجلسة."
    stale = secretariat.post(
        f"/en/rounds/{sandbox.pk}/sessions/2/record",
        {
            "based_on": session.version - 1,
            "agenda": "Overwritten",
            "agenda_language": "en",
            "minutes_en": "My careful minutes that must not be lost.",
        },
    )
    assert stale.status_code == 409
    assert "My careful minutes that must not be lost." in stale.content.decode()
    session.refresh_from_db()
    assert session.minutes_en == "The mediator opened the sitting."
    assert login("party1").get(f"/en/rounds/{sandbox.pk}/sessions/2/record").status_code == 403


def test_experts_comment_only_where_invited(roadmap: NegotiationText) -> None:
    with pytest.raises(Forbidden, match="not invited"):
        actions.comment_add(
            user=user("expert"), text_id=roadmap.pk, provision="art_3__para_1", body="Too vague."
        )
    with pytest.raises(Forbidden):
        actions.expert_invite(
            user=user("party1"), text_id=roadmap.pk, organisation="constitutional-experts"
        )
    actions.expert_invite(
        user=user("mediator"), text_id=roadmap.pk, organisation="constitutional-experts"
    )
    expert = login("expert")
    response = expert.post(
        f"/en/texts/{roadmap.pk}/comments/",
        {"provision": "art_3__para_1", "body": "Name the body that appoints the committee."},
    )
    assert response.status_code == 302
    assert TextComment.objects.filter(text=roadmap).count() == 1
    assert (
        "Name the body that appoints"
        in login("observer").get(f"/en/texts/{roadmap.pk}/").content.decode()
    )
    bad = expert.post(f"/en/texts/{roadmap.pk}/comments/", {"provision": "art_99", "body": "x"})
    assert bad.status_code == 400 and "no provision" in bad.content.decode()
    with pytest.raises(Forbidden):
        actions.comment_add(user=user("observer"), text_id=roadmap.pk, provision="art_1", body="x")
    assert TextComment.objects.filter(text=roadmap).count() == 1


def test_a_stale_close_is_refused(sandbox: Round) -> None:
    with pytest.raises(Stale):
        actions.session_close(user=user("host"), round_id=sandbox.pk, number=1, based_on=99)
