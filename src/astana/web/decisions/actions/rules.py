"""``rules.set``: the convener sets the rules of procedure of a round (or the process's
default, which rounds without their own rules follow)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.rules import Rule, RuleSyntaxError
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.errors import ActionError
from astana.web.common.events import event
from astana.web.decisions.access import process_actor_needing
from astana.web.decisions.models import RulesOfProcedure
from astana.web.decisions.rule_words import rule_in_words
from astana.web.negotiation.access import access_round

__all__ = ["parse_rule_text", "rules_set", "rules_set_default"]

MAX_RULE = 500
VOTING = {choice.value for choice in RulesOfProcedure.Voting}


def parse_rule_text(text: str) -> Rule:
    """The rule, or an ``ActionError`` that points at the column where it goes wrong."""
    if not text.strip() or len(text) > MAX_RULE:
        raise ActionError(
            _("A rule is from 1 to %(max_rule)s characters, e.g. 'consensus'.")
            % {"max_rule": MAX_RULE}
        )
    try:
        return Rule.parse(text)
    except RuleSyntaxError as error:
        raise ActionError(
            _("The rule %(text)s cannot be read: %(error)s.") % {"text": repr(text), "error": error}
        ) from error


def _voting(voting: str) -> str:
    if voting not in VOTING:
        raise ActionError(
            _("Voting is one of: %(voting)s.") % {"voting": ", ".join(sorted(VOTING))}
        )
    return voting


@transaction.atomic
def rules_set(
    *, user: User, round_id: int, rule: str, voting: str, secret: bool
) -> RulesOfProcedure:
    """The round's own rules: the decision rule, who votes (each delegation or each member)
    and whether votes stay hidden until a decision is closed. Open decisions keep theirs."""
    actor = access_round(user, round_id, need=Action.RULES_SET)
    canonical = str(parse_rule_text(rule))
    rules, _new = RulesOfProcedure.objects.update_or_create(
        round=actor.round,
        defaults={
            "process": actor.round.process,
            "rule": canonical,
            "voting": _voting(voting),
            "secret": secret,
            "set_by": user,
        },
    )
    audit(actor, Action.RULES_SET, rules, rules.pk, rule=canonical, voting=voting, secret=secret)
    event(
        actor.round,
        Action.RULES_SET,
        lambda: (
            (
                _("Rules of procedure: %(rule)s (each member votes)")
                if voting == RulesOfProcedure.Voting.MEMBER
                else _("Rules of procedure: %(rule)s (each delegation votes)")
            )
            % {"rule": rule_in_words(canonical)}
        ),
    )
    return rules


@transaction.atomic
def rules_set_default(
    *, user: User, process_slug: str, rule: str, voting: str, secret: bool
) -> RulesOfProcedure:
    """The process's default rules, for rounds that set none."""
    actor = process_actor_needing(user, process_slug, Action.RULES_SET)
    process = actor.process
    canonical = str(parse_rule_text(rule))
    rules, _new = RulesOfProcedure.objects.update_or_create(
        process=process,
        round=None,
        defaults={"rule": canonical, "voting": _voting(voting), "secret": secret, "set_by": user},
    )
    audit(
        actor,
        Action.RULES_SET,
        rules,
        rules.pk,
        process=process_slug,
        rule=canonical,
        voting=voting,
        secret=secret,
    )
    return rules
