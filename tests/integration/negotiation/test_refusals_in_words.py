"""Issue 14, words everywhere: the room refuses in the reader's language.

A refusal of the room's actions (proposals, positions, texts, sessions, translations, access)
is said in the language of the page that asked, English text unchanged; a stale proposal says
who supports and opposes it by the delegations' names and its state in words, never by a slug
or a code."""

from __future__ import annotations

import re

import lxml.html  # type: ignore[import-untyped]
import pytest
from django.utils import translation
from tests.helpers.people import client_of, user
from tests.helpers.visible import internal_ids

from astana.web.common.errors import ActionError
from astana.web.decisions import actions as decision_actions
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Organisation, Round
from astana.web.signing import actions as signing_actions

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _tabled(roadmap: NegotiationText) -> TextProposal:
    roadmap.refresh_from_db()
    draft = actions.proposal_draft(
        user=user("party1"),
        text_id=roadmap.pk,
        change={
            "kind": "insert_words",
            "provision": "art_4__para_1",
            "language": "en",
            "after": "Free",
            "words": " and fair",
        },
        justification="clarity",
    )
    return actions.proposal_table(user=user("party1"), proposal_id=draft.public_id, based_on=1)


def _refusal(call, language: str) -> str:  # type: ignore[no-untyped-def]
    with translation.override(language), pytest.raises(ActionError) as refused:
        call()
    return str(refused.value)


@pytest.mark.parametrize(
    ("language", "script", "english"),
    [("ar", ARABIC, None), ("ru", CYRILLIC, None), ("en", None, "Only the delegation")],
)
def test_a_refusal_is_said_in_the_readers_language(
    roadmap: NegotiationText, language: str, script: re.Pattern[str] | None, english: str | None
) -> None:
    tabled = _tabled(roadmap)
    refusals = [
        # Another delegation withdraws party1's proposal.
        _refusal(
            lambda: actions.proposal_withdraw(
                user=user("party2"), proposal_id=tabled.public_id, based_on=tabled.version
            ),
            language,
        ),
        # A justification far too long.
        _refusal(
            lambda: actions.proposal_draft(
                user=user("party2"),
                text_id=roadmap.pk,
                change={"kind": "delete_provision", "provision": "art_5__para_1"},
                justification="x" * 6000,
            ),
            language,
        ),
        # A text that does not exist.
        _refusal(
            lambda: actions.position_set(
                user=user("party2"),
                text_id=999_999,
                based_on=1,
                provision="art_1__para_1",
                stance="support",
            ),
            language,
        ),
    ]
    for said in refusals:
        if script is not None:
            assert script.search(said), (language, said)
            assert not re.search(r"\b(?:the|is|than|only|there)\b", said, re.I), said
    if english:
        assert refusals[0].startswith(english)
        assert refusals[1] == "The justification is longer than 5000 characters."
        assert refusals[2] == "There is no text 999999."


def test_a_stale_proposal_says_who_backs_it_by_name_in_the_pages_language(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    tabled = _tabled(roadmap)
    stale = tabled.version
    actions.proposal_support(user=user("party2"), proposal_id=tabled.public_id, based_on=stale)
    tabled.refresh_from_db()
    actions.proposal_oppose(
        user=user("party3"), proposal_id=tabled.public_id, based_on=tabled.version
    )
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    supporter = Organisation.objects.get(slug="syriac-national-council")
    for language, state in (("en", "tabled"), ("ar", "مطروح")):
        response = client_of("party2").post(
            f"/{language}/texts/{roadmap.pk}/proposals/{tabled.public_id}/support",
            {"based_on": stale},
        )
        assert response.status_code == 409, language
        tree = lxml.html.fromstring(response.content.decode())
        (refusal,) = tree.xpath("//*[@id='refusal']")
        said = refusal.text_content()
        name = supporter.tr("short_name", language).text or supporter.tr("name", language).text
        assert name in said, (language, said)
        assert state in said, (language, said)
        assert internal_ids(said, slugs) == [], said
    tabled.refresh_from_db()
    assert tabled.version == stale + 2  # the refused requests changed nothing


def _unknown_voting(sandbox: Round) -> None:
    decision_actions.rules_set(
        user=user("convener"),
        round_id=sandbox.pk,
        rule="consensus",
        voting="by acclamation",
        secret=False,
    )


@pytest.mark.parametrize(("language", "script"), [("ar", ARABIC), ("ru", CYRILLIC)])
def test_decisions_and_signing_refuse_in_the_readers_language(
    sandbox: Round, language: str, script: re.Pattern[str]
) -> None:
    refusals = {
        "voting": _refusal(lambda: _unknown_voting(sandbox), language),
        "key": _refusal(
            lambda: signing_actions.key_register(
                user=user("party2"),
                process_slug=sandbox.process.slug,
                name="laptop",
                public_key="not a key",
            ),
            language,
        ),
    }
    for what, said in refusals.items():
        assert script.search(said), (what, said)
        assert not re.search(r"\b(?:the|is|must|one of)\b", said, re.I), (what, said)
    assert "Voting is one of:" in _refusal(lambda: _unknown_voting(sandbox), "en")
