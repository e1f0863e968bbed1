"""The sandbox scenario that ``make demo`` loads: a live round 3 of the Astana Platform on a
short roadmap in Arabic and English, with open brackets, tabled proposals from the three
demo parties and one reservation, so a visitor can log in as any role and negotiate.

It is built through the same actions a delegation uses, so it is also a worked example.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from astana.web.accounts.demo import DEMO_PROCESS, DEMO_USERS
from astana.web.accounts.models import User
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, RoundInvitation
from astana.web.processes.models import Organisation, Person, Process, Round, Session

__all__ = ["SANDBOX_ROUND", "load_sandbox"]

SANDBOX_ROUND = "ap-round-3-sandbox"


def _user(name: str) -> User:
    return User.objects.get(username=name)


@transaction.atomic
def load_sandbox(roadmap: Path) -> Round:
    """Create (or re-create) the sandbox round; the demo users must exist."""
    process = Process.objects.get(slug=DEMO_PROCESS)
    Round.objects.filter(process=process, slug=SANDBOX_ROUND).delete()
    today = date.today().isoformat()
    rnd = Round.objects.create(
        process=process,
        slug=SANDBOX_ROUND,
        number=3,
        start=today,
        end=today,
        state=Round.State.IN_SESSION,
        is_sandbox=True,
        title_en="Round 3 (sandbox)",
        title_ar="الجولة الثالثة (تجريبية)",
        title_ru="Раунд 3 (песочница)",
        venue_en="Astana",
        venue_ar="أستانا",
        venue_ru="Астана",
        summary_en="A live practice round on a short roadmap: not part of the historical record.",
        summary_ar="جولة تدريبية حية على خارطة طريق قصيرة، وليست جزءاً من السجل التاريخي.",
        summary_ru="Учебный раунд по короткой дорожной карте; не часть исторической записи.",
    )
    for _, role, org_slug, _ in DEMO_USERS:
        RoundInvitation.objects.create(
            round=rnd, organisation=Organisation.objects.get(slug=org_slug), role=role.value
        )
    session = Session.objects.create(
        round=rnd,
        slug=f"{SANDBOX_ROUND}-session-1",
        number=1,
        date=today,
        opened_by=Person.objects.get(slug="demo-host"),
        is_open=True,
        opened_at=timezone.now(),
        title_en="Opening session",
        title_ar="الجلسة الافتتاحية",
        title_ru="Открытие",
    )
    session.attendance.set(Organisation.objects.filter(invitations__round=rnd).distinct())
    text = actions.text_create(
        user=_user("mediator"),
        round_id=rnd.pk,
        slug="roadmap",
        titles={
            "en": "Roadmap for a political solution in Syria",
            "ar": "خارطة طريق للحل السياسي في سوريا",
            "ru": "Дорожная карта политического урегулирования в Сирии",
        },
        notation=roadmap.read_text(encoding="utf-8"),
    )
    drafts = [
        (
            "party1",
            {
                "kind": "insert_words",
                "provision": "art_2__para_1",
                "language": "en",
                "after": "call for the",
                "words": " immediate and complete",
            },
            "Withdrawal must start at once, not at an unspecified date.",
        ),
        (
            "party2",
            {
                "kind": "replace_text",
                "provision": "art_4__para_1",
                "language": "en",
                "text": "Free and fair parliamentary elections shall be held within eighteen "
                "months under the supervision of the United Nations.",
            },
            "A date and a supervisor make the commitment verifiable.",
        ),
        (
            "party3",
            {
                "kind": "add_alternative",
                "provision": "art_3__para_1",
                "language": "en",
                "words": "a constitutional committee",
                "text": "a constitutional committee representing all components of Syrian society",
            },
            "Every community must have a seat.",
        ),
    ]
    tabled = []
    for username, change, why in drafts:
        draft = actions.proposal_draft(
            user=_user(username), text_id=text.pk, change=change, justification=why
        )
        tabled.append(
            actions.proposal_table(
                user=_user(username), proposal_id=draft.public_id, based_on=draft.version
            )
        )
    third = tabled[2]
    third.refresh_from_db()
    actions.proposal_support(
        user=_user("party1"), proposal_id=third.public_id, based_on=third.version
    )
    text = NegotiationText.objects.get(pk=text.pk)
    actions.position_set(
        user=_user("party2"),
        text_id=text.pk,
        based_on=text.version,
        provision="art_5__para_1",
        stance="support_with_reservation",
        reservation="Subject to our leadership's consultation on the venue of the next round.",
    )
    for username in ("party1", "party3"):
        text.refresh_from_db()
        actions.position_set(
            user=_user(username),
            text_id=text.pk,
            based_on=text.version,
            provision="art_5__para_1",
            stance="support",
        )
    return rnd
