"""The world of the confidentiality matrix: the sandbox round driven, through the real actions,
into every confidential state, each carrying a unique canary word; a token and a logged-in
page client for every role; and who may read each canary.

Each canary is written as ``"<search word> <canary>"``: the search row looks for the search
word (never the canary itself, which the search page would echo back), and a leak is the
canary appearing anywhere a role may not read it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from django.test import Client
from tests.helpers.excerpts import PARIS_EXCERPT
from tests.helpers.people import ANONYMOUS, DEMO_ROLES, OUTSIDER, ROLES, client_of, token_of, user

from astana.core.ledger import ed25519
from astana.core.text.document import Document
from astana.core.text.provision import ProvisionKind
from astana.web.archive.indexing import rebuild_search_index
from astana.web.consultation import actions as consultation_actions
from astana.web.decisions import actions as decision_actions
from astana.web.demo import DEMO_PROCESS, load_sandbox
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import OutcomeDocument, Round, Session
from astana.web.signing import actions as signing_actions

__all__ = [
    "AUDIENCE",
    "CANARIES",
    "MISSING",
    "ROLES",
    "ROUND_MEMBERS",
    "SEARCH_WORDS",
    "World",
    "build_world",
]

ROADMAP: Final = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
ROUND_MEMBERS: Final = frozenset(DEMO_ROLES)  # every demo role is in round 3
EVERYONE: Final = frozenset(ROLES)
MISSING: Final = 987_654  # an id that names nothing
MISSING_PUBLIC_ID: Final = "A" * 22  # a proposal's public id that names nothing


def _canary(key: str) -> str:
    return f"qzleak{key}"


def _search_word(key: str) -> str:
    return f"swfind{key}"


# Who may read each canary, wherever it is read (DOMAIN.md's role matrix and issue 12).
AUDIENCE: Final[dict[str, frozenset[str]]] = {
    # (f) caucus notes: only their delegation.
    "caucusone": frozenset({"party1"}),
    "caucustwo": frozenset({"party2"}),
    # (a) a proposal never tabled: only its author delegation, whatever state it reaches.
    "draftone": frozenset({"party1"}),
    # ... also on a real text, on a paragraph inside a block option (issue 11's new kinds).
    "draftoption": frozenset({"party1"}),
    "withdrawndraft": frozenset({"party2"}),
    # Tabled, then withdrawn or set aside: the round's, never the public's.
    "tabledwithdrawn": ROUND_MEMBERS,
    "setaside": ROUND_MEMBERS,
    # (b) a revision signed by one party, not published: the round reads it, the public not.
    "signedrev": ROUND_MEMBERS,
    # (e) an open session's agenda and minutes: the round's until the convener publishes them.
    "agendaopen": ROUND_MEMBERS,
    "minutesopen": ROUND_MEMBERS,
    # An open decision and a closed, unpublished one: the round's.
    "decisionopen": ROUND_MEMBERS,
    "decisionclosed": ROUND_MEMBERS,
    # An invited expert's comment: read by whoever reads the text (the round).
    "comment": ROUND_MEMBERS,
    # A consultation in draft: those with a role in the process (every demo role).
    "consultdraft": ROUND_MEMBERS,
    # A statement awaiting moderation, and a rejected one: the moderators and their author.
    "statementpending": frozenset({"convener", "secretariat", "outsider"}),
    "statementrejected": frozenset({"convener", "secretariat", "outsider"}),
    # Published: everyone (controls that the public checks are not vacuous).
    "minutespublished": EVERYONE,
    "signedpublished": EVERYONE,
    "decisionpublished": EVERYONE,
}
CANARIES: Final = {key: _canary(key) for key in AUDIENCE}
SEARCH_WORDS: Final = {key: _search_word(key) for key in AUDIENCE}


def content(key: str) -> str:
    """The words that carry canary ``key``: its search word, then the canary."""
    return f"{SEARCH_WORDS[key]} {CANARIES[key]}"


@dataclass
class World:
    process: str
    round_id: int
    round_slug: str
    text_id: int  # the roadmap
    signed_text_id: int  # Rev.1 signed by party1 only, not published
    published_text_id: int  # Rev.1 signed by party1 only and published by the convener
    real_text_id: int  # a real text pasted leniently: labels as written, block options, a typo
    proposals: dict[str, str]  # draft, withdrawn_draft, tabled_withdrawn, set_aside, tabled,
    # draft_option (party1's, on the real text)
    decisions: dict[str, int]  # open, closed, published
    consultations: dict[str, int]  # draft, open
    statements: dict[str, int]  # pending, rejected, accepted
    committee_id: int
    nominee_id: int
    key_id: int
    document: str  # an outcome document of the history (its signature count)
    # The private references of the drafts never tabled (D + 8 hex digits), by canary key:
    # secret like their content (they name the draft in events and the audit log).
    references: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)  # pages, logged in as the role
    api_client: Client = field(default_factory=Client)  # the API, with a role's token


def _draft(name: str, text: NegotiationText, key: str, provision: str, after: str) -> TextProposal:
    return actions.proposal_draft(
        user=user(name),
        text_id=text.pk,
        change={
            "kind": "insert_words",
            "provision": provision,
            "language": "en",
            "after": after,
            "words": f" {content(key)}",
        },
        justification=f"Because {content(key)}.",
    )


def _real_text(rnd: Round) -> tuple[int, str]:
    """The excerpt of the draft Paris Agreement pasted leniently (its bracket typo kept as a
    problem of Rev.1), and party1's draft on the paragraph of its second block option: the
    new kinds (sections, option blocks, notes) must keep a draft as secret as anywhere."""
    text = actions.text_create(
        user=user("mediator"),
        round_id=rnd.pk,
        slug="matrix-real",
        titles={"en": "Draft agreement (excerpt)"},
        notation=PARIS_EXCERPT,
        lenient=True,
        accept_problems=True,
    )
    document = Document.from_dict(text.revisions.get(number=1).document)
    options = [p for p in document.walk() if p.kind is ProvisionKind.OPTION]
    (paragraph,) = options[1].children
    draft = _draft("party1", text, "draftoption", paragraph.id, "undertake")
    return text.pk, draft.public_id


def _version(proposal: TextProposal) -> int:
    proposal.refresh_from_db()
    return proposal.version


def _proposals(text: NegotiationText) -> dict[str, int]:
    draft = _draft("party1", text, "draftone", "art_4__para_1", "Free")
    withdrawn = _draft("party2", text, "withdrawndraft", "art_4__para_1", "Free")
    actions.proposal_withdraw(user=user("party2"), proposal_id=withdrawn.public_id, based_on=1)
    tabled_withdrawn = _draft("party3", text, "tabledwithdrawn", "art_4__para_1", "Free")
    actions.proposal_table(user=user("party3"), proposal_id=tabled_withdrawn.public_id, based_on=1)
    actions.proposal_withdraw(
        user=user("party3"),
        proposal_id=tabled_withdrawn.public_id,
        based_on=_version(tabled_withdrawn),
    )
    set_aside = _draft("party2", text, "setaside", "art_5__para_1", "return")
    actions.proposal_table(user=user("party2"), proposal_id=set_aside.public_id, based_on=1)
    set_aside.refresh_from_db()
    text.refresh_from_db()
    actions.revision_issue(
        user=user("mediator"), text_id=text.pk, based_on=text.version, reject=[set_aside.reference]
    )
    tabled = TextProposal.objects.filter(text=text, state="tabled").order_by("pk").first()
    assert tabled is not None
    return {
        "draft": draft.public_id,
        "withdrawn_draft": withdrawn.public_id,
        "tabled_withdrawn": tabled_withdrawn.public_id,
        "set_aside": set_aside.public_id,
        "tabled": tabled.public_id,
    }


def _signed_notation(key: str) -> str:
    return f"""@lang en

Statement of the matrix

Article 1: Dialogue
1. The parties agree on {content(key)} in Astana.
"""


def _signed_text(rnd: Round, key: str = "signedrev", *, publish: bool = False) -> tuple[int, int]:
    """A text whose Rev.1 carries canary ``key``, agreed and signed by party1 alone and, with
    ``publish``, published by the convener."""
    text = actions.text_create(
        user=user("mediator"),
        round_id=rnd.pk,
        slug=f"matrix-{key}",
        titles={"en": "Statement of the matrix"},
        notation=_signed_notation(key),
    )
    provisions = ["art_1", "art_1__para_1"]
    for name in ("party1", "party2", "party3"):
        for provision in provisions:
            text.refresh_from_db()
            actions.position_set(
                user=user(name),
                text_id=text.pk,
                based_on=text.version,
                provision=provision,
                stance="support",
            )
    for provision in provisions:
        for step in (actions.provision_agree_ad_referendum, actions.provision_confirm):
            text.refresh_from_db()
            step(user=user("mediator"), text_id=text.pk, based_on=text.version, provision=provision)
    private = ed25519.generate_private_key()
    signing_key = signing_actions.key_register(
        user=user("party1"),
        process_slug=rnd.process.slug,
        name=f"party1 matrix key for {key}",
        public_key=ed25519.public_key(private).hex(),
    )
    signing_actions.key_approve(
        user=user("convener"), key_id=signing_key.pk, fingerprint=signing_key.fingerprint
    )
    statement = signing_actions.statement_for(user=user("party1"), text_id=text.pk, revision=1)
    signing_actions.signature_add(
        user=user("party1"),
        text_id=text.pk,
        statement=str(statement),
        signature=base64.b64encode(statement.sign(private)).decode(),
    )
    if publish:
        text.refresh_from_db()
        signing_actions.revision_publish(
            user=user("convener"), text_id=text.pk, revision=1, based_on=text.version
        )
    return text.pk, signing_key.pk


def _session_version(rnd: Round, number: int) -> int:
    return Session.objects.get(round=rnd, number=number).version


def _record(rnd: Round, number: int, agenda: str, minutes: str) -> None:
    actions.session_record(
        user=user("secretariat"),
        round_id=rnd.pk,
        number=number,
        based_on=_session_version(rnd, number),
        agenda=[agenda],
        agenda_language="en",
        attendance=["syrian-national-coalition"],
        minutes={"en": minutes},
    )


def _decision(rnd: Round, key: str) -> int:
    return decision_actions.decision_call(
        user=user("mediator"),
        round_id=rnd.pk,
        subject="procedure",
        questions={"en": f"Shall we {content(key)}?"},
    ).pk


def _sessions_and_decisions(rnd: Round) -> dict[str, int]:
    """Session 1 closed with its minutes published (and a published decision); session 2
    open, with an unpublished agenda and minutes, an open and a closed unpublished decision."""
    _record(rnd, 1, "The opening", f"Minutes: {content('minutespublished')}.")
    published = _decision(rnd, "decisionpublished")
    decision_actions.decision_close(user=user("mediator"), decision_id=published)
    decision_actions.decision_publish(user=user("convener"), decision_id=published)
    actions.session_close(
        user=user("host"), round_id=rnd.pk, number=1, based_on=_session_version(rnd, 1)
    )
    actions.session_publish_minutes(
        user=user("convener"), round_id=rnd.pk, number=1, based_on=_session_version(rnd, 1)
    )
    actions.session_open(user=user("host"), round_id=rnd.pk, titles={"en": "Second session"})
    _record(rnd, 2, f"Agenda: {content('agendaopen')}", f"Minutes: {content('minutesopen')}.")
    opened = _decision(rnd, "decisionopen")
    closed = _decision(rnd, "decisionclosed")
    decision_actions.decision_close(user=user("mediator"), decision_id=closed)
    return {"open": opened, "closed": closed, "published": published}


def _consultations(rnd: Round) -> tuple[dict[str, int], dict[str, int]]:
    draft = consultation_actions.consultation_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        titles={"en": f"Consultation {content('consultdraft')}"},
    )
    opened = consultation_actions.consultation_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        titles={"en": "An open consultation"},
        round_id=rnd.pk,
        open_now=True,
    )
    statements = {}
    for key, name in (("pending", "statementpending"), ("rejected", "statementrejected")):
        statements[key] = consultation_actions.statement_submit(
            user=user("outsider"), consultation_id=opened.pk, text=content(name), language="en"
        ).pk
    consultation_actions.statement_moderate(
        user=user("secretariat"),
        statement_id=statements["rejected"],
        decision="reject",
        reason="Off topic.",
    )
    statements["accepted"] = consultation_actions.statement_submit(
        user=user("secretariat"),
        consultation_id=opened.pk,
        text="An accepted statement for all.",
        language="en",
    ).pk
    return {"draft": draft.pk, "open": opened.pk}, statements


COMMITTEE: Final = {
    "blocs": [
        {"name": "opposition", "seats": 2, "nominated_by": "syrian-negotiation-commission"},
        {"name": "civil society", "seats": 2, "nominated_by": "united-nations"},
    ],
    "approvers": ["united-nations"],
    "rule": "consensus",
}


def _committee() -> tuple[int, int]:
    committee = decision_actions.committee_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        slug="matrix-committee",
        names={"en": "A committee"},
        definition=COMMITTEE,
    )
    nominee = decision_actions.committee_nominate(
        user=user("observer"),
        committee_id=committee.pk,
        name="C1",
        bloc="civil society",
        gender="woman",
    )
    return committee.pk, nominee.pk


def build_world() -> World:
    """Every confidential state, reached through the actions (the demo users must exist)."""
    user(OUTSIDER)
    rnd = load_sandbox(ROADMAP)
    text = NegotiationText.objects.get(round=rnd, slug="roadmap")
    actions.caucus_note_add(user=user("party1"), round_id=rnd.pk, body=content("caucusone"))
    actions.caucus_note_add(user=user("party2"), round_id=rnd.pk, body=content("caucustwo"))
    proposals = _proposals(text)
    actions.expert_invite(
        user=user("mediator"), text_id=text.pk, organisation="constitutional-experts"
    )
    actions.comment_add(
        user=user("expert"), text_id=text.pk, provision="art_1", body=content("comment")
    )
    signed_text_id, key_id = _signed_text(rnd)
    published_text_id, _ = _signed_text(rnd, "signedpublished", publish=True)
    real_text_id, proposals["draft_option"] = _real_text(rnd)
    decisions = _sessions_and_decisions(rnd)
    consultations, statements = _consultations(rnd)
    committee_id, nominee_id = _committee()
    rebuild_search_index()  # as every load of the data does: search then sees every state
    world = World(
        process=DEMO_PROCESS,
        round_id=rnd.pk,
        round_slug=rnd.slug,
        text_id=text.pk,
        signed_text_id=signed_text_id,
        published_text_id=published_text_id,
        real_text_id=real_text_id,
        proposals=proposals,
        decisions=decisions,
        consultations=consultations,
        statements=statements,
        committee_id=committee_id,
        nominee_id=nominee_id,
        key_id=key_id,
        document=OutcomeDocument.objects.order_by("slug").values_list("slug", flat=True)[0],
    )
    world.references = {
        key: TextProposal.objects.get(public_id=proposals[label]).reference
        for key, label in (
            ("draftone", "draft"),
            ("withdrawndraft", "withdrawn_draft"),
            ("draftoption", "draft_option"),
        )
    }
    for name in ROLES:
        world.clients[name] = client_of(name)
        if name != ANONYMOUS:
            world.tokens[name] = token_of(name, "matrix")
    return world
