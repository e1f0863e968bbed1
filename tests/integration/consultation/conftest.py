"""A consultation of the Astana Platform process, opened by the convener, with statements in
English and Arabic (accepted at once: the convener moderates) and one awaiting moderation
from a party; helpers to vote as the demo users and as anonymous browsers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from tests.helpers.people import user

from astana.web.consultation import actions
from astana.web.consultation.models import Consultation, Statement
from astana.web.demo import DEMO_PROCESS

STATEMENTS = [
    ("en", "A ceasefire must come before any talks on a constitution."),
    ("ar", "يجب أن يسبق وقف إطلاق النار أي محادثات حول الدستور."),
    ("en", "Refugees must be able to vote from abroad."),
    ("ar", "ينبغي أن تُجرى الانتخابات تحت إشراف الأمم المتحدة."),
    ("en", "Local councils should run services during the transition."),
    ("ar", "يجب الإفراج عن جميع المعتقلين قبل الانتخابات."),
]


def anon_key(n: int) -> str:
    return f"anonymous-browser-{n:04d}"


def _consultation() -> Consultation:
    created = actions.consultation_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        titles={"en": "The path to a settlement", "ar": "الطريق إلى التسوية"},
        questions={"en": "What should come first?", "ar": "ما الذي يجب أن يأتي أولاً؟"},
        allow_anonymous=True,
        open_now=True,
    )
    for language, text in STATEMENTS:
        actions.statement_submit(
            user=user("convener"), consultation_id=created.pk, text=text, language=language
        )
    created.refresh_from_db()
    return created


@pytest.fixture(scope="module")
def _consultation_built(module_db: bool) -> int | None:
    """The consultation, built once per module (see ``module_db``); None where it cannot be."""
    return _consultation().pk if module_db else None


@pytest.fixture
def consultation(db: None, _consultation_built: int | None) -> Consultation:
    if _consultation_built is None:
        return _consultation()
    return Consultation.objects.get(pk=_consultation_built)


@pytest.fixture
def accepted(consultation: Consultation) -> list[Statement]:
    return list(consultation.statements.filter(state="accepted").order_by("id"))


@pytest.fixture
def pending(consultation: Consultation) -> Statement:
    return actions.statement_submit(
        user=user("party1"),
        consultation_id=consultation.pk,
        text="The guarantors should publish the ceasefire maps.",
        language="en",
    )


def vote_all(consultation: Consultation, key: str, choices: list[str]) -> None:
    """An anonymous participant votes on the accepted statements in order."""
    rows = consultation.statements.filter(state="accepted").order_by("id")
    for statement, choice in zip(rows, choices, strict=False):
        actions.statement_vote(
            user=AnonymousUser(),
            consultation_id=consultation.pk,
            statement_id=statement.pk,
            choice=choice,
            participant_key=key,
        )


def two_camps(consultation: Consultation, per_camp: int = 6) -> None:
    """Two opinion camps of anonymous participants who disagree on the first four statements
    (two of each camp pass on one of them) and agree on the last two."""
    camp_a = ["agree", "agree", "disagree", "disagree", "agree", "agree"]
    camp_b = ["disagree", "disagree", "agree", "agree", "agree", "agree"]
    for n in range(per_camp):
        for offset, camp in ((0, camp_a), (100, camp_b)):
            choices = list(camp)
            if n >= per_camp - 2:
                choices[n % 2] = "pass"
            vote_all(consultation, anon_key(offset + n), choices)
