"""The role matrix generated from the action table (astana.core.actions): for every action a
role may be given, each role whose rights lack the action's right is refused (Forbidden, or
NotFound where the object is hidden from it), and a role that holds it is allowed.

The world is the confidentiality matrix's, built once per module; each action is one test,
and every role's attempt runs in a savepoint that is rolled back, so each role meets the same
world. A recipe does the action as a given user, after any setup it needs (done by the users
whose part it is, inside the same savepoint). A new action in the table fails
``test_every_action_of_a_role_has_a_recipe`` until it has one here.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from astana.core.actions import ACTIONS, Action, holders
from astana.core.ledger import SIG_TYPE_COSIGNATURE_V1, SignerKey, ed25519
from astana.core.roles import Role
from astana.web.accounts.models import User
from astana.web.common.errors import Forbidden, NotFound
from astana.web.consultation import actions as consultation_actions
from astana.web.consultation.polis_import import consultation_import
from astana.web.decisions import actions as decision_actions
from astana.web.demo import DEMO_PROCESS, DEMO_USERS
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Session
from astana.web.signing import actions as signing_actions

from .world import World, user

pytestmark = pytest.mark.django_db

# The demo user who holds each role in the world's round and process.
AS: dict[Role, str] = {
    Role.CONVENER: "convener",
    Role.HOST: "host",
    Role.MEDIATOR: "mediator",
    Role.PARTY: "party1",
    Role.GUARANTOR: "guarantor",
    Role.OBSERVER: "observer",
    Role.EXPERT: "expert",
    Role.SECRETARIAT: "secretariat",
}

Run = Callable[[World, User], object]


@dataclass(frozen=True)
class Recipe:
    run: Run
    holder: str  # a user whose role holds the right and who is allowed here


def _text(world: World, pk: int | None = None) -> NegotiationText:
    return NegotiationText.objects.get(pk=pk or world.text_id)


def _session(world: World, number: int = 2) -> Session:
    return Session.objects.get(round_id=world.round_id, number=number)


def _close_session(world: World) -> None:
    actions.session_close(
        user=user("host"), round_id=world.round_id, number=2, based_on=_session(world).version
    )


def _minutes_ready(world: World) -> None:
    """Session 2's decisions closed and published (its minutes carry them), then closed."""
    decision_actions.decision_close(user=user("mediator"), decision_id=world.decisions["open"])
    for key in ("open", "closed"):
        decision_actions.decision_publish(user=user("convener"), decision_id=world.decisions[key])
    _close_session(world)


def _proposal(world: World, label: str) -> TextProposal:
    return TextProposal.objects.get(public_id=world.proposals[label])


def _fresh_draft(world: World) -> TextProposal:
    """A draft of party1 against the current revision."""
    return actions.proposal_draft(
        user=user("party1"),
        text_id=world.text_id,
        change={"kind": "delete_provision", "provision": "art_4__para_1"},
    )


def _renumberable(world: World) -> int:
    """A clean text of the world's round where party1's paragraph was inserted after 1. as
    1 bis. (so that a renumbering has labels to change); made once per savepoint."""
    found = NegotiationText.objects.filter(round_id=world.round_id, slug="renumbering").first()
    if found is not None:
        return found.pk
    text = actions.text_create(
        user=user("mediator"),
        round_id=world.round_id,
        slug="renumbering",
        titles={"en": "A clean text"},
        notation="@lang en\n1. One.\n2. Two.\n",
    )
    draft = actions.proposal_draft(
        user=user("party1"),
        text_id=text.pk,
        change={
            "kind": "insert_provision",
            "provision": "para_1",
            "texts": {"en": "One and a half."},
        },
    )
    tabled = actions.proposal_table(
        user=user("party1"), proposal_id=draft.public_id, based_on=draft.version
    )
    text.refresh_from_db()
    actions.revision_issue(
        user=user("mediator"), text_id=text.pk, based_on=text.version, fold=[tabled.reference]
    )
    return text.pk


def _on_proposal(step: Callable[..., object], label: str) -> Run:
    def run(world: World, who: User) -> object:
        row = _proposal(world, label)
        return step(user=who, proposal_id=row.public_id, based_on=row.version)

    return run


def _key(username: str) -> tuple[Any, Any]:
    """A key ``username`` registers; the private key and the pending row."""
    private = ed25519.generate_private_key()
    key = signing_actions.key_register(
        user=user(username),
        process_slug=DEMO_PROCESS,
        name=f"{username}'s matrix key",
        public_key=ed25519.public_key(private).hex(),
    )
    return private, key


def _approved_key(username: str) -> tuple[Any, Any]:
    private, key = _key(username)
    signing_actions.key_approve(user=user("convener"), key_id=key.pk, fingerprint=key.fingerprint)
    return private, key


def _signature_add(world: World, who: User) -> object:
    """The guarantor prepares and signs the statement; ``who`` hands it in."""
    private, _ = _approved_key("guarantor")
    statement = signing_actions.statement_for(
        user=user("guarantor"), text_id=world.signed_text_id, revision=1
    )
    return signing_actions.signature_add(
        user=who,
        text_id=world.signed_text_id,
        statement=str(statement),
        signature=base64.b64encode(statement.sign(private)).decode(),
    )


def _committee(world: World) -> int:
    """A committee whose only bloc is nominated by a body no demo user acts for."""
    return decision_actions.committee_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        slug="action-matrix",
        names={"en": "The action matrix's committee"},
        definition={
            "blocs": [
                {
                    "name": "opposition",
                    "seats": 2,
                    "nominated_by": "syrian-negotiation-commission",
                    "convener_nominates": True,  # the rules let the convener record them
                }
            ],
            "approvers": ["united-nations"],
            "rule": "consensus",
        },
    ).pk


def _nominee(world: World) -> int:
    return decision_actions.committee_nominate(
        user=user("convener"),
        committee_id=_committee(world),
        name="N1",
        bloc="opposition",
        gender="woman",
    ).pk


def _agreed_ad_referendum(world: World) -> NegotiationText:
    text = _text(world)
    actions.provision_agree_ad_referendum(
        user=user("mediator"), text_id=text.pk, based_on=text.version, provision="art_5__para_1"
    )
    return _text(world)


DOCUMENT = "ap-round-1-statement"  # an outcome document of the demo process
VOTES_CSV = b"timestamp,datetime,comment-id,voter-id,vote\n1,x,1,1,1\n2,x,1,2,-1\n"

RECIPES: dict[Action, Recipe] = {
    Action.ROUND_CREATE: Recipe(
        lambda w, who: actions.round_create(
            user=who,
            process_slug=DEMO_PROCESS,
            slug="action-matrix",
            titles={"en": "A round"},
            venues={"en": "Astana"},
            start="2026-05-25",
        ),
        "convener",
    ),
    Action.PARTICIPANT_INVITE: Recipe(
        lambda w, who: actions.participant_invite(
            user=who, round_id=w.round_id, organisation="movement-pluralistic-society", role="party"
        ),
        "convener",
    ),
    Action.SESSION_OPEN: Recipe(
        lambda w, who: (
            _close_session(w),
            actions.session_open(user=who, round_id=w.round_id, titles={"en": "Third"}),
        ),
        "host",
    ),
    Action.SESSION_CLOSE: Recipe(
        lambda w, who: actions.session_close(
            user=who, round_id=w.round_id, number=2, based_on=_session(w).version
        ),
        "host",
    ),
    Action.SESSION_RECORD: Recipe(
        lambda w, who: actions.session_record(
            user=who,
            round_id=w.round_id,
            number=2,
            based_on=_session(w).version,
            agenda=["An item"],
            agenda_language="en",
            attendance=["syrian-national-coalition"],
            minutes={"en": "Minutes."},
        ),
        "secretariat",
    ),
    Action.SESSION_PUBLISH_MINUTES: Recipe(
        lambda w, who: (
            _minutes_ready(w),
            actions.session_publish_minutes(
                user=who, round_id=w.round_id, number=2, based_on=_session(w).version
            ),
        ),
        "convener",
    ),
    Action.TEXT_CREATE: Recipe(
        lambda w, who: actions.text_create(
            user=who, round_id=w.round_id, slug="action-matrix", titles={"en": "A text"}
        ),
        "mediator",
    ),
    Action.REVISION_ISSUE: Recipe(
        lambda w, who: actions.revision_issue(
            user=who, text_id=w.text_id, based_on=_text(w).version
        ),
        "mediator",
    ),
    Action.REVISION_RENUMBER: Recipe(
        lambda w, who: actions.revision_renumber(
            user=who, text_id=_renumberable(w), based_on=_text(w, _renumberable(w)).version
        ),
        "mediator",
    ),
    Action.PROVISION_AGREE_AD_REFERENDUM: Recipe(
        lambda w, who: actions.provision_agree_ad_referendum(
            user=who, text_id=w.text_id, based_on=_text(w).version, provision="art_5__para_1"
        ),
        "mediator",
    ),
    Action.PROVISION_CONFIRM: Recipe(
        lambda w, who: actions.provision_confirm(
            user=who,
            text_id=w.text_id,
            based_on=_agreed_ad_referendum(w).version,
            provision="art_5__para_1",
        ),
        "mediator",
    ),
    Action.EXPERT_INVITE: Recipe(
        lambda w, who: actions.expert_invite(
            user=who, text_id=w.text_id, organisation="constitutional-experts"
        ),
        "mediator",
    ),
    Action.COMMENT_ADD: Recipe(
        lambda w, who: actions.comment_add(
            user=who, text_id=w.text_id, provision="art_1", body="Another view."
        ),
        "expert",
    ),
    Action.CAUCUS_NOTE_ADD: Recipe(
        lambda w, who: actions.caucus_note_add(user=who, round_id=w.round_id, body="A note."),
        "party1",
    ),
    Action.PROPOSAL_DRAFT: Recipe(
        lambda w, who: actions.proposal_draft(
            user=who,
            text_id=w.text_id,
            change={"kind": "delete_provision", "provision": "art_4__para_1"},
        ),
        "party1",
    ),
    Action.PROPOSAL_TABLE: Recipe(
        lambda w, who: (
            lambda row: actions.proposal_table(
                user=who, proposal_id=row.public_id, based_on=row.version
            )
        )(_fresh_draft(w)),
        "party1",
    ),
    Action.PROPOSAL_MEDIATE: Recipe(
        lambda w, who: actions.proposal_mediate(
            user=who,
            text_id=w.text_id,
            based_on=_text(w).version,
            change={"kind": "delete_provision", "provision": "art_4__para_1"},
            origin="bridging",
        ),
        "mediator",
    ),
    Action.TRANSLATION_SUPPLY: Recipe(
        lambda w, who: actions.translation_supply(
            user=who,
            text_id=w.text_id,
            based_on=_text(w).version,
            provision="art_4__para_1",
            language="en",
            text="A wording supplied in English.",
        ),
        "secretariat",
    ),
    Action.PROPOSAL_WITHDRAW: Recipe(_on_proposal(actions.proposal_withdraw, "draft"), "party1"),
    Action.PROPOSAL_SUPPORT: Recipe(_on_proposal(actions.proposal_support, "tabled"), "party3"),
    Action.PROPOSAL_OPPOSE: Recipe(_on_proposal(actions.proposal_oppose, "tabled"), "party3"),
    Action.POSITION_SET: Recipe(
        lambda w, who: actions.position_set(
            user=who,
            text_id=w.text_id,
            based_on=_text(w).version,
            provision="art_4__para_1",
            stance="support",
        ),
        "party1",
    ),
    Action.RULES_SET: Recipe(
        lambda w, who: decision_actions.rules_set(
            user=who, round_id=w.round_id, rule="consensus", voting="delegation", secret=False
        ),
        "convener",
    ),
    Action.DECISION_CALL: Recipe(
        lambda w, who: decision_actions.decision_call(
            user=who, round_id=w.round_id, subject="procedure", questions={"en": "Adjourn?"}
        ),
        "mediator",
    ),
    Action.VOTE_CAST: Recipe(
        lambda w, who: decision_actions.vote_cast(
            user=who, decision_id=w.decisions["open"], choice="yes"
        ),
        "party1",
    ),
    Action.DECISION_CLOSE: Recipe(
        lambda w, who: decision_actions.decision_close(user=who, decision_id=w.decisions["open"]),
        "mediator",
    ),
    Action.DECISION_PUBLISH: Recipe(
        lambda w, who: decision_actions.decision_publish(
            user=who, decision_id=w.decisions["closed"]
        ),
        "convener",
    ),
    Action.SIGNATURE_COUNT_SET: Recipe(
        lambda w, who: decision_actions.signature_count_set(
            user=who, document_slug=DOCUMENT, rule="all of members", parties=3, signed=3
        ),
        "secretariat",
    ),
    Action.COMMITTEE_CREATE: Recipe(
        lambda w, who: decision_actions.committee_create(
            user=who,
            process_slug=DEMO_PROCESS,
            slug="action-matrix-2",
            names={"en": "Another committee"},
            definition={
                "blocs": [{"name": "civil society", "seats": 1, "nominated_by": "united-nations"}],
                "approvers": ["united-nations"],
                "rule": "consensus",
            },
        ),
        "convener",
    ),
    Action.COMMITTEE_NOMINATE: Recipe(
        lambda w, who: decision_actions.committee_nominate(
            user=who, committee_id=_committee(w), name="N2", bloc="opposition", gender="man"
        ),
        "convener",
    ),
    Action.COMMITTEE_NOMINATE_LIST: Recipe(
        lambda w, who: decision_actions.committee_nominate_list(
            user=who, committee_id=_committee(w), members="N4, woman\nN5, man", bloc="opposition"
        ),
        "convener",
    ),
    Action.COMMITTEE_WITHDRAW: Recipe(
        lambda w, who: decision_actions.committee_withdraw(user=who, nominee_id=_nominee(w)),
        "convener",
    ),
    Action.COMMITTEE_REPLACE: Recipe(
        lambda w, who: decision_actions.committee_replace(
            user=who, nominee_id=_nominee(w), name="N3", gender="woman"
        ),
        "convener",
    ),
    Action.KEY_REGISTER: Recipe(
        lambda w, who: signing_actions.key_register(
            user=who,
            process_slug=DEMO_PROCESS,
            name="A key",
            public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
        ),
        "party1",
    ),
    Action.KEY_APPROVE: Recipe(
        lambda w, who: (
            lambda key: signing_actions.key_approve(
                user=who, key_id=key.pk, fingerprint=key.fingerprint
            )
        )(_key("party2")[1]),
        "convener",
    ),
    # party2's key: its owner (not a role the matrix tries) may revoke it as well.
    Action.KEY_REVOKE: Recipe(
        lambda w, who: signing_actions.key_revoke(user=who, key_id=_approved_key("party2")[1].pk),
        "convener",
    ),
    Action.SIGNATURE_STATEMENT: Recipe(
        lambda w, who: signing_actions.statement_for(
            user=who, text_id=w.signed_text_id, revision=1
        ),
        "party1",
    ),
    Action.SIGNATURE_ADD: Recipe(_signature_add, "guarantor"),
    Action.REVISION_PUBLISH: Recipe(
        lambda w, who: signing_actions.revision_publish(
            user=who,
            text_id=w.signed_text_id,
            revision=1,
            based_on=_text(w, w.signed_text_id).version,
        ),
        "convener",
    ),
    Action.WITNESS_REGISTER: Recipe(
        lambda w, who: signing_actions.witness_register(
            user=who,
            process_slug=DEMO_PROCESS,
            verifier_key=str(
                SignerKey.generate("witness.example/matrix", SIG_TYPE_COSIGNATURE_V1).verifier
            ),
        ),
        "convener",
    ),
    Action.WITNESSES_REQUIRE: Recipe(
        lambda w, who: signing_actions.witnesses_require(user=who, text_id=w.text_id, count=0),
        "convener",
    ),
    Action.CONSULTATION_CREATE: Recipe(
        lambda w, who: consultation_actions.consultation_create(
            user=who, process_slug=DEMO_PROCESS, titles={"en": "A consultation"}
        ),
        "convener",
    ),
    Action.CONSULTATION_UPDATE: Recipe(
        lambda w, who: consultation_actions.consultation_update(
            user=who, consultation_id=w.consultations["open"], allow_anonymous=True
        ),
        "convener",
    ),
    Action.CONSULTATION_IMPORT: Recipe(
        lambda w, who: consultation_import(
            user=who, consultation_id=w.consultations["open"], votes_csv=VOTES_CSV
        ),
        "convener",
    ),
    Action.STATEMENT_MODERATE: Recipe(
        lambda w, who: consultation_actions.statement_moderate(
            user=who, statement_id=w.statements["pending"], decision="accept"
        ),
        "secretariat",
    ),
}


class _Rollback(Exception):
    pass


def _attempt(world: World, recipe: Recipe, username: str) -> BaseException | None:
    """What ``username`` doing the action raised (None when it was done), rolled back."""
    outcome: BaseException | None = None
    try:
        with transaction.atomic():
            try:
                recipe.run(world, user(username))
            except Exception as error:  # what was raised is the result
                outcome = error
            raise _Rollback
    except _Rollback:
        pass
    return outcome


def test_every_action_of_a_role_has_a_recipe() -> None:
    given = {action for action, spec in ACTIONS.items() if spec.right is not None}
    assert set(RECIPES) == given, (given - set(RECIPES), set(RECIPES) - given)
    assert set(AS) == set(Role)


@pytest.mark.parametrize("action", list(RECIPES), ids=str)
def test_action_matrix(world: World, action: Action) -> None:
    recipe = RECIPES[action]
    allowed = holders(action)
    holder = next(role for name, role, *_ in DEMO_USERS if name == recipe.holder)
    assert holder in allowed, f"{recipe.holder} does not hold the right {action} needs"
    done = _attempt(world, recipe, recipe.holder)
    assert done is None, f"{action}: {recipe.holder} (holding its right) was refused: {done!r}"
    wrong = []
    for role in sorted(set(Role) - allowed):
        outcome = _attempt(world, recipe, AS[role])
        if not isinstance(outcome, Forbidden | NotFound):
            wrong.append(f"{role} ({AS[role]}): {outcome!r}")
    assert not wrong, f"{action} was not refused to roles without its right:\n" + "\n".join(wrong)
