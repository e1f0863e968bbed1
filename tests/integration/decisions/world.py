"""The world the role matrices run in: the sandbox round with an open decision (party1 has
voted), a secret one (party2 voted no: nobody else may learn it before closing), a closed
unpublished one and a closed published one; a forming committee of the process with a free
civil-society seat; the round 1 statement's signature count; a token for every demo user and
an outsider who takes part in nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from astana.web.accounts.demo import DEMO_USERS
from astana.web.accounts.models import User
from astana.web.api.tokens import token_create
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.decisions import actions
from astana.web.decisions.models import (
    Approval,
    Committee,
    Decision,
    Nominee,
    RulesOfProcedure,
    SignatureCount,
    Vote,
)
from astana.web.decisions.seeds import load_signature_counts
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round, Session

from .conftest import SMALL_COMMITTEE, call, user

ROLES = ("anonymous", *(row[0] for row in DEMO_USERS), "outsider")
SECRET_QUESTION = "A secret question"


@dataclass
class World:
    round_id: int
    text_id: int
    open_id: int  # party1 voted yes
    secret_id: int  # party2 voted no
    closed_id: int  # closed, not published
    published_id: int
    committee_id: int
    nominee_id: int  # a civil-society member (the UN nominates that bloc)
    tokens: dict[str, str] = field(default_factory=dict)


def build_world(rnd: Round, text: NegotiationText) -> World:
    opened = call(rnd, text)
    actions.vote_cast(user=user("party1"), decision_id=opened.pk, choice="yes")
    secret = call(rnd, None, secret=True)
    secret.question_en = SECRET_QUESTION
    secret.save()
    actions.vote_cast(user=user("party2"), decision_id=secret.pk, choice="no")
    closed = call(rnd, text)
    actions.decision_close(user=user("mediator"), decision_id=closed.pk)
    published = call(rnd, None)
    actions.decision_close(user=user("mediator"), decision_id=published.pk)
    actions.decision_publish(user=user("convener"), decision_id=published.pk)
    committee = actions.committee_create(
        user=user("convener"),
        process_slug=rnd.process.slug,
        slug="matrix-committee",
        names={"en": "A committee"},
        definition=SMALL_COMMITTEE,
    )
    nominee = actions.committee_nominate(
        user=user("observer"),
        committee_id=committee.pk,
        name="C1",
        bloc="civil society",
        gender="woman",
    )
    load_signature_counts()
    outsider, _ = User.objects.get_or_create(username="outsider")
    world = World(
        round_id=rnd.pk,
        text_id=text.pk,
        open_id=opened.pk,
        secret_id=secret.pk,
        closed_id=closed.pk,
        published_id=published.pk,
        committee_id=committee.pk,
        nominee_id=nominee.pk,
    )
    for name in ROLES[1:]:
        world.tokens[name] = token_create(user=outsider if name == "outsider" else user(name))[1]
    return world


def snapshot() -> dict[str, Any]:
    """What a refused request must leave as it was."""
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (
                Decision,
                Vote,
                RulesOfProcedure,
                SignatureCount,
                Committee,
                Nominee,
                Approval,
                AuditEntry,
                RoundEvent,
            )
        },
        "decisions": list(
            Decision.objects.order_by("pk").values_list("pk", "state", "adopted", "published")
        ),
        "rules": list(RulesOfProcedure.objects.order_by("pk").values_list("rule", "voting")),
        "signatures": list(SignatureCount.objects.values_list("rule", "parties", "signed")),
        "nominees": list(Nominee.objects.order_by("pk").values_list("pk", "name", "state")),
        "committees": list(Committee.objects.values_list("pk", "version", "formed")),
        "sessions": list(Session.objects.order_by("pk").values_list("pk", "version", "minutes_en")),
    }


class Api:
    """JSON to /api/ with a role's bearer token (none for anonymous)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.client = Client()

    def call(self, role: str, method: str, path: str, body: Any = None) -> Any:
        headers = {}
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {self.world.tokens[role]}"
        if method == "GET":
            return self.client.get(path, headers=headers)
        data = json.dumps(body) if body is not None else b""
        return self.client.generic(
            method, path, data, content_type="application/json", headers=headers
        )
