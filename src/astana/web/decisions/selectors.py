"""Reads of decisions and committees, already filtered for the reader: pages and the API
show what these return and nothing else.

A decision's votes are shown only when its reader may see them: once it is closed, or while
it is open where the rules do not keep votes secret. Before that a reader learns how many
have voted and, if they vote, their own vote; never anyone else's or the running count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import LANGUAGES
from astana.core.roles import Right
from astana.core.rules import CompositionReport
from astana.web.accounts.models import User
from astana.web.common.access import process_named
from astana.web.common.actors import ProcessActor
from astana.web.common.errors import NotFound, Tampered
from astana.web.decisions.access import can_read_committee, may_nominate, process_actor
from astana.web.decisions.composition import nominees_of, report_of
from astana.web.decisions.counting import counts, voter_key
from astana.web.decisions.models import Committee, Decision, Nominee, RulesOfProcedure, Vote
from astana.web.negotiation.access import Actor, access_round
from astana.web.negotiation.actions.common import revision_of
from astana.web.processes.models import Round

__all__ = [
    "CommitteeView",
    "DecisionView",
    "committee_view",
    "committees_in_process",
    "decision_view",
    "decisions_in_round",
    "published_outcomes",
    "rules_for_round",
]


def rules_for_round(rnd: Round) -> RulesOfProcedure:
    """The round's own rules, else its process's default, else consensus by delegation."""
    own = RulesOfProcedure.objects.filter(round=rnd).first()
    if own is not None:
        return own
    default = RulesOfProcedure.objects.filter(process_id=rnd.process_id, round=None).first()
    return default or RulesOfProcedure(process_id=rnd.process_id)


@dataclass(frozen=True)
class DecisionView:
    """A decision as one reader may see it."""

    decision: Decision
    results_visible: bool
    voted: int
    members: int
    counts: dict[str, int] = field(default_factory=dict)  # empty while hidden
    roll_call: list[dict[str, str]] = field(default_factory=list)  # empty while hidden
    my_vote: str | None = None
    may_vote: bool = False
    may_close: bool = False
    may_publish: bool = False
    # The provision decided on, as cited: its label per language in the text's latest revision.
    provision_labels: dict[str, str] = field(default_factory=dict)

    @property
    def provision_label(self) -> str:
        """The provision's label in the reader's language, else in the text's first language
        that has one (never its identity)."""
        language = translation.get_language() or "en"
        found = self.provision_labels.get(language[:2], "")
        return found or next(iter(self.provision_labels.values()), "")

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        d = self.decision
        return {
            "id": d.pk,
            "number": d.number,
            "round_id": d.round_id,
            "session": d.session.number,
            "subject": d.subject,
            "text_id": d.text_id,
            "provision": d.provision,
            "provision_labels": self.provision_labels or None,
            "questions": {k: getattr(d, f"question_{k}") for k in LANGUAGES},
            "rule": d.rule,
            "voting": d.voting,
            "secret": d.secret,
            "state": d.state,
            "published": d.published,
            "members": self.members,
            "voted": self.voted,
            "results_visible": self.results_visible,
            "counts": self.counts or None,
            "roll_call": self.roll_call if self.results_visible else None,
            "my_vote": self.my_vote,
            "adopted": d.adopted,
            "explanations": (
                {k: getattr(d, f"explanation_{k}") for k in LANGUAGES} if not d.is_open else None
            ),
            "outcome": d.outcome if not d.is_open else None,
        }


def decision_view(actor: Actor | None, decision: Decision) -> DecisionView:
    """What ``actor`` (None: the public, reading a published outcome) may see of ``decision``."""
    visible = not decision.is_open or not decision.secret
    tally = counts(decision)
    labels = {m["key"]: m["label"] for m in decision.members}
    roll_call = []
    if visible:
        roll_call = [
            {"voter": v.voter, "label": labels.get(v.voter, v.voter), "choice": v.choice}
            for v in Vote.objects.filter(decision=decision).order_by("id")
        ]
    my_vote, may_vote = None, False
    if actor is not None and actor.delegation is not None and actor.can(Right.VOTE_CAST):
        key = voter_key(actor.delegation.slug, actor.user.get_username(), decision.voting)
        my_vote = (
            Vote.objects.filter(decision=decision, voter=key).values_list("choice", flat=True)
        ).first()
        member = key in labels
        may_vote = member and my_vote is None and decision.is_open and decision.session.is_open
    can = actor.can if actor is not None else (lambda right: False)
    return DecisionView(
        decision=decision,
        results_visible=visible,
        voted=tally["voted"],
        members=tally["members"],
        counts={k: tally[k] for k in ("yes", "no", "abstain")} if visible else {},
        roll_call=roll_call,
        my_vote=my_vote,
        may_vote=may_vote,
        may_close=decision.is_open and can(Right.DECISION_CALL),
        may_publish=not decision.is_open and not decision.published and can(Right.RECORD_PUBLISH),
        provision_labels=_provision_labels(decision),
    )


def _provision_labels(decision: Decision) -> dict[str, str]:
    text = decision.text
    if not decision.provision or text is None:
        return {}
    row = text.revisions.order_by("-number").first()
    if row is None:
        return {}
    try:
        document = revision_of(row).document
    except Tampered:  # the text page says so; the decision still shows the identity
        return {}
    return document.labels(decision.provision) if decision.provision in document else {}


def decisions_in_round(
    user: User | AnonymousUser, round_id: int
) -> tuple[Actor, list[DecisionView]]:
    """Every decision of a round the user takes part in, newest first."""
    actor = access_round(user, round_id, need=Right.OUTCOME_READ)
    rows = (
        Decision.objects.filter(round=actor.round)
        .select_related("session", "text")
        .order_by("-number")
    )
    return actor, [decision_view(actor, row) for row in rows]


def published_outcomes(round_id: int) -> tuple[Round, list[DecisionView]]:
    """The published outcomes of a round: what the public reads."""
    rnd = Round.objects.select_related("process").filter(pk=round_id).first()
    if rnd is None:
        raise NotFound(_("There is no round %(round_id)s.") % {"round_id": round_id})
    rows = Decision.objects.filter(round=rnd, published=True, state=Decision.State.CLOSED)
    rows = rows.select_related("session", "text").order_by("number")
    return rnd, [decision_view(None, row) for row in rows]


@dataclass(frozen=True)
class CommitteeView:
    """A committee as one reader may see it, with its live validity check."""

    committee: Committee
    actor: ProcessActor
    nominees: list[Nominee]
    report: CompositionReport
    may_manage: bool
    nominating_for: list[str]  # blocs whose nominating body the reader acts for
    approving_for: list[str]  # approvers the reader acts for

    def messages(self, language: str, bodies: Mapping[str, str] | None = None) -> tuple[str, ...]:
        return self.report.messages(language, bodies)

    def as_dict(self, language: str = "en") -> dict[str, Any]:
        c = self.committee
        return {
            "id": c.pk,
            "slug": c.slug,
            "process": c.process.slug,
            "names": {k: getattr(c, f"name_{k}") for k in LANGUAGES},
            "definition": c.definition,
            "version": c.version,
            "formed": c.formed,
            "valid": self.report.valid,
            "violations": [
                {"code": v.code, "shortfall": v.shortfall, "message": v.message(language)}
                for v in self.report.violations
            ],
            "members": [nominee_dict(n) for n in self.nominees if n.active],
            "former": [nominee_dict(n) for n in self.nominees if not n.active],
        }


def nominee_dict(nominee: Nominee) -> dict[str, Any]:
    return {
        "id": nominee.pk,
        "name": nominee.name,
        "bloc": nominee.bloc,
        "gender": nominee.gender,
        "nominated_by": nominee.nominated_by.slug,
        "in_small_body": nominee.in_small_body,
        "co_chair": nominee.co_chair,
        "state": nominee.state,
        "replaces": nominee.replaces_id,
        "approved_by": sorted(a.approver.slug for a in nominee.approvals.all()),
    }


def committee_view(actor: ProcessActor, committee: Committee) -> CommitteeView:
    nominees = nominees_of(committee)
    definition = committee.definition
    may_manage = actor.can(Action.COMMITTEE_NOMINATE)
    return CommitteeView(
        committee=committee,
        actor=actor,
        nominees=nominees,
        report=report_of(committee, nominees),
        may_manage=may_manage,
        nominating_for=[b["name"] for b in definition["blocs"] if may_nominate(actor, b)],
        approving_for=[a for a in definition["approvers"] if actor.acts_for(a)],
    )


def committees_in_process(
    user: User | AnonymousUser, process_slug: str
) -> tuple[ProcessActor, list[Committee]]:
    """The committees of a process the user may read (the public: formed ones only)."""
    process = process_named(process_slug)
    actor = process_actor(user, process)
    rows = Committee.objects.filter(process=process).select_related("process").order_by("slug")
    return actor, [c for c in rows if can_read_committee(actor, c)]
