"""Who votes on a decision, and the tally its votes make, for the core's ``decide``.

The voting members are the round's parties (organisations invited as parties; a round
without invitations takes the process's parties). With one vote per delegation each party is
a member; with one vote per member each delegate of a party (a person with a login acting
for it) is one, and each delegation is a bloc, so rules that count blocs (``majority of
votes cast in each bloc``) read per delegation. Presence is explicit: a member counts as
present when their delegation is in the session's attendance, or when they voted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from astana.core.rules import BlocTally, Outcome, Rule, Tally, decide
from astana.web.decisions.models import Decision, RulesOfProcedure, Vote
from astana.web.negotiation.actions.common import round_parties
from astana.web.processes.models import Organisation, Person, Round

__all__ = ["outcome_of", "voter_key", "voting_members"]


def voter_key(delegation: str, username: str, voting: str) -> str:
    """The key one voter votes under: the delegation, or the delegation and the delegate."""
    if voting == RulesOfProcedure.Voting.MEMBER:
        return f"{delegation}/{username}"
    return delegation


def voting_members(rnd: Round, voting: str) -> list[dict[str, str]]:
    """The members who may vote, as ``{"key", "delegation", "label"}``, in a stable order."""
    members = []
    for slug in round_parties(rnd):
        org = Organisation.objects.get(slug=slug)
        if voting != RulesOfProcedure.Voting.MEMBER:
            members.append({"key": slug, "delegation": slug, "label": org.tr("name", "en").text})
            continue
        delegates = Person.objects.filter(
            memberships__organisation=org, user__isnull=False
        ).select_related("user")
        for person in delegates.distinct().order_by("slug"):
            assert person.user is not None
            members.append(
                {
                    "key": voter_key(slug, person.user.get_username(), voting),
                    "delegation": slug,
                    "label": f"{person.tr('name', 'en').text} ({slug})",
                }
            )
    return members


def _tally(members: Sequence[dict[str, str]], votes: dict[str, str], attending: set[str]) -> Tally:
    present = [m for m in members if m["delegation"] in attending or m["key"] in votes]
    choices = [votes.get(m["key"]) for m in members]
    return Tally(
        members=len(members),
        present=len(present),
        yes=choices.count("yes"),
        no=choices.count("no"),
        abstain=choices.count("abstain"),
    )


def outcome_of(decision: Decision) -> Outcome:
    """The outcome of the decision's votes under its rule (as the votes stand now)."""
    members: list[dict[str, str]] = decision.members
    votes = dict(Vote.objects.filter(decision=decision).values_list("voter", "choice"))
    attending = set(decision.session.attendance.values_list("slug", flat=True))
    rule = Rule.parse(decision.rule)
    total = _tally(members, votes, attending)
    blocs: list[BlocTally] = []
    if rule.counts_blocs:
        for delegation in dict.fromkeys(m["delegation"] for m in members):
            own = [m for m in members if m["delegation"] == delegation]
            blocs.append(BlocTally(delegation, _tally(own, votes, attending)))
    return decide(rule, total if not blocs else None, blocs=blocs)


def counts(decision: Decision) -> dict[str, Any]:
    """Members, votes cast so far, and each choice's count."""
    choices = list(Vote.objects.filter(decision=decision).values_list("choice", flat=True))
    return {
        "members": len(decision.members),
        "voted": len(choices),
        "yes": choices.count("yes"),
        "no": choices.count("no"),
        "abstain": choices.count("abstain"),
    }
