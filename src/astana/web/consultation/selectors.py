"""Reads of consultations: the list of a process, the next statement, the results, and the
consensus panel the mediator sees beside the negotiating text.

Results come from the latest stored analysis only (the analysis itself runs in the
background, see ``background.py``); a results view says how many votes that analysis saw
and how many came since.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from astana.core.actions import Action, may
from astana.core.roles import Right, has_right
from astana.web.accounts.access import roles_in_process
from astana.web.accounts.models import User
from astana.web.common.access import process_named
from astana.web.consultation.access import ConsultationActor
from astana.web.consultation.actions import participant_of
from astana.web.consultation.counts import versions
from astana.web.consultation.models import Analysis, Consultation, Statement
from astana.web.consultation.priority import StatementTally, choose_next
from astana.web.processes.models import Process

__all__ = [
    "Progress",
    "Results",
    "consensus_panel",
    "consultations_beside_text",
    "consultations_in_process",
    "latest_analysis",
    "next_statement",
    "results_of",
]


def consultations_in_process(
    user: User | AnonymousUser, process_slug: str
) -> tuple[Process, bool, list[Consultation]]:
    """The process, whether the user may create consultations there, and those they see."""
    process = process_named(process_slug)
    roles = roles_in_process(user, process)
    rows = process.consultations.select_related("round")
    if not roles:
        rows = rows.exclude(state=Consultation.State.DRAFT)
    return process, may(roles, Action.CONSULTATION_CREATE), list(rows)


def latest_analysis(consultation: Consultation) -> Analysis | None:
    return consultation.analyses.order_by("-at_change", "-id").first()


@dataclass(frozen=True)
class Progress:
    """The statement to show next and how far the participant has come."""

    statement: Statement | None
    voted: int
    total: int


def next_statement(
    actor: ConsultationActor, participant_key: str | None, *, rng: random.Random | None = None
) -> Progress:
    """The next accepted statement this participant has not voted on (Pol.is' priority)."""
    consultation = actor.consultation
    participant = participant_of(actor, participant_key, create=False)
    voted: set[int] = set()
    if participant is not None:
        voted = set(participant.votes.values_list("statement_id", flat=True))
    accepted = list(consultation.statements.filter(state=Statement.State.ACCEPTED))
    # The tallies and extremity of the latest stored analysis (Pol.is, too, weighs with
    # its last math run): two keys of its JSON, never the whole of it, and no count over
    # every vote of the consultation on each page.
    found = (
        consultation.analyses.order_by("-at_change", "-id")
        .values_list("result__totals", "result__map__extremity")
        .first()
    )
    totals, extremity = (found[0] or {}, found[1] or {}) if found else ({}, {})
    tallies = []
    for s in accepted:
        seen = totals.get(str(s.pk)) or {}
        agree, passes = int(seen.get("agree", 0)), int(seen.get("pass", 0))
        tallies.append(
            StatementTally(
                s.pk,
                agree,
                passes,
                agree + passes + int(seen.get("disagree", 0)),
                float(extremity.get(str(s.pk), 0.0)),
            )
        )
    if rng is None:
        rng = random.Random(f"{participant.pk if participant else 0}:{len(voted)}")
    chosen = choose_next(tallies, voted, rng=rng)
    statement = next((s for s in accepted if s.pk == chosen), None) if chosen else None
    done = sum(1 for t in tallies if t.statement_id in voted)
    return Progress(statement, done, len(tallies))


@dataclass(frozen=True)
class StatementLine:
    """A statement as the results show it: its number, text and the share behind it."""

    number: int
    statement: Statement
    direction: str
    percent: int
    n: int


@dataclass(frozen=True)
class GroupView:
    number: int
    size: int
    statements: list[StatementLine]


@dataclass
class Results:
    consultation: Consultation
    analysis: Analysis | None
    numbers: dict[int, int]
    newer_votes: int = 0
    moderation_since: bool = False
    groups: list[GroupView] = field(default_factory=list)
    consensus: list[StatementLine] = field(default_factory=list)
    dissensus: list[StatementLine] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return self.newer_votes > 0 or self.moderation_since

    @property
    def ok(self) -> bool:
        return self.analysis is not None and self.analysis.result.get("status") == "ok"

    def as_dict(self) -> dict[str, Any]:
        def line(x: StatementLine) -> dict[str, Any]:
            s = x.statement
            return {
                "statement": s.pk,
                "number": x.number,
                "text": s.text,
                "language": s.language,
                "direction": x.direction,
                "percent": x.percent,
                "votes": x.n,
            }

        analysis = self.analysis
        return {
            "consultation": self.consultation.pk,
            "analysed_votes": analysis.vote_count if analysis else 0,
            "computed_at": analysis.computed_at.isoformat() if analysis else None,
            "newer_votes": self.newer_votes,
            "stale": self.stale,
            "status": analysis.result.get("status") if analysis else "none",
            "k": analysis.result.get("k", 0) if analysis else 0,
            # why there are no groups or one ("" when silhouette chose): too-few-participants,
            # one-opinion, no-split (docs/consultation.md, "How many groups")
            "grouping_reason": analysis.result.get("grouping_reason", "") if analysis else "",
            "groups": [
                {"group": g.number, "size": g.size, "statements": [line(x) for x in g.statements]}
                for g in self.groups
            ],
            "consensus": [line(x) for x in self.consensus],
            "dissensus": [line(x) for x in self.dissensus],
        }


def _line(
    item: dict[str, Any], statements: dict[int, Statement], numbers: dict[int, int]
) -> StatementLine | None:
    statement = statements.get(int(item["statement_id"]))
    if statement is None or statement.state != Statement.State.ACCEPTED:
        return None
    trials = int(item["n_trials"]) or 1
    percent = round(100 * int(item["n_success"]) / trials)
    return StatementLine(
        numbers[statement.pk], statement, item["direction"], percent, int(item["n_trials"])
    )


def results_of(consultation: Consultation) -> Results:
    """The latest stored analysis as the results page shows it (access checked by the caller)."""
    statements = {s.pk: s for s in consultation.statements.all()}
    accepted = [s for s in statements.values() if s.state == Statement.State.ACCEPTED]
    numbers = {s.pk: n for n, s in enumerate(sorted(accepted, key=lambda s: s.pk), start=1)}
    analysis = latest_analysis(consultation)
    results = Results(consultation, analysis, numbers)
    version, vote_changes = versions([consultation.pk]).get(consultation.pk, (0, 0))
    if analysis is None:
        results.newer_votes = vote_changes
        return results
    results.newer_votes = max(vote_changes - analysis.at_vote_change, 0)
    results.moderation_since = version - analysis.at_change > results.newer_votes
    data = analysis.result
    if data.get("status") != "ok":
        return results
    sizes = data.get("group_sizes", [])
    for g, size in enumerate(sizes):
        lines = [_line(x, statements, numbers) for x in data.get("repness", {}).get(str(g), [])]
        results.groups.append(GroupView(g, size, [x for x in lines if x is not None]))
    for direction, target in (("agree", results.consensus), ("disagree", results.dissensus)):
        for item in data.get("consensus", {}).get(direction, []):
            found = _line(item, statements, numbers)
            if found is not None:
                target.append(found)
    return results


def consensus_panel(consultation: Consultation) -> Results:
    """What the mediator sees beside the text: the consensus statements of the latest run."""
    return results_of(consultation)


def consultations_beside_text(user: User | AnonymousUser, text: Any) -> list[Consultation]:
    """Consultations whose results ``user`` may read, for a negotiating text's page: those of
    the text's round and those of its process not tied to a round, with a stored analysis."""
    rnd = text.round
    roles = roles_in_process(user, rnd.process)
    rows = (
        Consultation.objects.filter(process_id=rnd.process_id)
        .filter(Q(round=rnd) | Q(round__isnull=True))
        .exclude(state=Consultation.State.DRAFT)
        .filter(analyses__isnull=False)
        .distinct()
        .order_by("-created_at", "-id")
    )
    if has_right(roles, Right.OUTCOME_READ):
        return list(rows)
    return list(rows.filter(results_published=True))
