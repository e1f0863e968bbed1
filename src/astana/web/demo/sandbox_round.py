"""The sandbox scenario that ``make demo`` loads: a live round 3 of the Astana Platform on a
short roadmap in Arabic and English, with open brackets, tabled proposals from the three
demo parties and one reservation, so a visitor can log in as any role and negotiate.

It is built through the same actions each role uses (see ``load_sandbox``), so what the demo
shows is what the platform produces, and it is also a worked example.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from astana.web.demo.users import DEMO_PROCESS, DEMO_USERS, demo_user
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

__all__ = ["SANDBOX_ROUND", "load_sandbox"]

SANDBOX_ROUND = "ap-round-3-sandbox"


@transaction.atomic
def load_sandbox(roadmap: Path) -> Round:
    """Create (or re-create) the sandbox round; the demo users must exist.

    The convener creates the round and invites the demo organisations, the host opens its
    first session, the secretariat records who attends, the mediator tables the roadmap and
    the parties draft, table, support and take positions, each through the action that role
    would use. Only what no role does is written directly: removing the previous sandbox
    round, and marking the round as sandbox (not history) with its summary."""
    Round.objects.filter(process__slug=DEMO_PROCESS, slug=SANDBOX_ROUND).delete()
    today = date.today().isoformat()
    rnd = actions.round_create(
        user=demo_user("convener"),
        process_slug=DEMO_PROCESS,
        slug=SANDBOX_ROUND,
        titles={
            "en": "Round 3 (sandbox)",
            "ar": "الجولة الثالثة (تجريبية)",
            "ru": "Раунд 3 (песочница)",
        },
        venues={"en": "Astana", "ar": "أستانا", "ru": "Астана"},
        start=today,
        end=today,
        invitations=[(org_slug, role.value) for _, role, org_slug, _ in DEMO_USERS],
    )
    Round.objects.filter(pk=rnd.pk).update(
        is_sandbox=True,
        summary_en="A live practice round on a short roadmap: not part of the historical record.",
        summary_ar="جولة تدريبية حية على خارطة طريق قصيرة، وليست جزءاً من السجل التاريخي.",
        summary_ru="Учебный раунд по короткой дорожной карте; не часть исторической записи.",
    )
    session = actions.session_open(
        user=demo_user("host"),
        round_id=rnd.pk,
        titles={"en": "Opening session", "ar": "الجلسة الافتتاحية", "ru": "Открытие"},
    )
    actions.session_record(
        user=demo_user("secretariat"),
        round_id=rnd.pk,
        number=session.number,
        based_on=session.version,
        agenda=[],
        agenda_language="en",
        attendance=sorted({org_slug for _, _, org_slug, _ in DEMO_USERS}),
        minutes={},
    )
    rnd.refresh_from_db()
    text = actions.text_create(
        user=demo_user("mediator"),
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
            user=demo_user(username), text_id=text.pk, change=change, justification=why
        )
        tabled.append(
            actions.proposal_table(
                user=demo_user(username), proposal_id=draft.public_id, based_on=draft.version
            )
        )
    third = tabled[2]
    third.refresh_from_db()
    actions.proposal_support(
        user=demo_user("party1"), proposal_id=third.public_id, based_on=third.version
    )
    text = NegotiationText.objects.get(pk=text.pk)
    actions.position_set(
        user=demo_user("party2"),
        text_id=text.pk,
        based_on=text.version,
        provision="art_5__para_1",
        stance="support_with_reservation",
        reservation="Subject to our leadership's consultation on the venue of the next round.",
    )
    for username in ("party1", "party3"):
        text.refresh_from_db()
        actions.position_set(
            user=demo_user(username),
            text_id=text.pk,
            based_on=text.version,
            provision="art_5__para_1",
            stance="support",
        )
    return rnd
