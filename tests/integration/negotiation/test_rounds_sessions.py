"""Rounds and sessions at work: the convener creates and invites, the host opens and closes
sessions, the secretariat keeps the record, experts comment where invited; every other role
is refused, and refused input changes nothing."""

from __future__ import annotations

import pytest
from tests.helpers.people import login, user
from tests.helpers.visible import visible_text

from astana.web.common.errors import ActionError, Forbidden, Stale
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, RoundInvitation, TextComment
from astana.web.processes.models import Organisation, Round

pytestmark = pytest.mark.django_db


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


def test_invitations_name_organisations_and_roles_in_words_in_any_language(
    sandbox: Round,
) -> None:
    """A convener writes who is invited as people say it: an organisation by its name or
    short name in Arabic, English or Russian, a role by its word; the room's invite form lists
    organisations by name and roles in words, never an identifier."""
    un = Organisation.objects.get(slug="united-nations")
    snc = Organisation.objects.get(slug="syrian-national-coalition")
    convener = login("convener")
    response = convener.post(
        "/ar/processes/astana-platform/rounds/new",
        {
            "slug": "round-5",
            "title_ar": "الجولة الخامسة",
            "venue_ar": "أستانا",
            "start": "2026-12-01",
            "invitations": f"{snc.name_ar}: طرف\n{un.name_en.upper()} : observer\n",
        },
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    rnd = Round.objects.get(process__slug="astana-platform", slug="round-5")
    roles = set(RoundInvitation.objects.filter(round=rnd).values_list("organisation__slug", "role"))
    assert {(snc.slug, "party"), (un.slug, "observer")} <= roles
    entry = AuditEntry.objects.get(action="round.create", round=rnd)
    assert [snc.slug, "party"] in entry.detail["invitations"]

    room = convener.get(f"/en/rounds/{rnd.pk}/room/").content.decode()
    form = room.split('id="invite-form"')[1].split("</form>")[0]
    assert f'<option value="{snc.slug}">Syrian National Coalition</option>' in form
    assert '<option value="guarantor">guarantor</option>' in form
    arabic = convener.get(f"/ar/rounds/{rnd.pk}/room/").content.decode()
    assert "دولة ضامنة" in arabic.split('id="invite-form"')[1].split("</form>")[0]
    # The convener's own role in words too ("You act as: convener" showed the code).
    acting = arabic.split("صفتك")[1].split("</p>")[0]
    assert "الجهة الداعية" in acting and "convener" not in acting

    # The room's form and the API take words too: a Russian role, an English short name.
    kurds = Organisation.objects.get(slug="kurdish-parties")
    response = convener.post(
        f"/ru/rounds/{rnd.pk}/manage",
        {"step": "invite", "organisation": kurds.tr("name", "ru").text, "role": "наблюдатель"},
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    assert RoundInvitation.objects.filter(round=rnd, organisation=kurds, role="observer").exists()


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


def test_a_round_form_in_arabic_names_its_fields_in_arabic_and_minutes_keep_their_lines(
    sandbox: Round,
) -> None:
    """What the form lacks is named in the page's language ("يلزم العنوان", not "title"), and
    minutes written from an Arabic page keep their line breaks (the check once depended on the
    English word for minutes)."""
    response = login("convener").post(
        "/ar/processes/astana-platform/rounds/new",
        {"slug": "round-6", "venue_ar": "أستانا", "start": "2026-12-01"},
    )
    assert "العنوان" in response.content.decode() and "title" not in visible_text(
        response.content.decode()
    )
    assert not Round.objects.filter(slug="round-6").exists()
    opened = sandbox.sessions.filter(is_open=True).first() or actions.session_open(
        user=user("host"), round_id=sandbox.pk, titles={"en": "Third"}
    )
    response = login("secretariat").post(
        f"/ar/rounds/{sandbox.pk}/sessions/{opened.number}/record",
        {
            "based_on": opened.version,
            "agenda": "",
            "agenda_language": "ar",
            "minutes_ar": "افتتح الوسيط الجلسة.\nثم تكلمت الوفود.",
        },
    )
    assert response.status_code == 302, visible_text(response.content.decode())[-800:]
    opened.refresh_from_db()
    assert opened.minutes_ar == "افتتح الوسيط الجلسة.\nثم تكلمت الوفود."
