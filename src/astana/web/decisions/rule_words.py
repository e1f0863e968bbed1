"""A decision rule in the reader's words: ``consensus else 75% of members`` reads
"consensus; otherwise 75% of the members" in English, Arabic or Russian. The rule as written
(the grammar of :mod:`astana.core.rules.syntax`) stays the record and the API's; a rule that
does not parse is shown as written."""

from __future__ import annotations

from django.utils.translation import gettext as _

from astana.core.rules.rule import Consensus, Rule, Vote
from astana.core.rules.threshold import Base, Threshold

__all__ = ["rule_in_words"]


def _threshold(threshold: Threshold) -> str:
    if threshold.style == "majority":
        return _("a majority")
    if threshold.style == "all":
        return _("all")
    written = str(threshold).removeprefix("more than ")
    return _("more than %(share)s") % {"share": written} if threshold.strict else written


def _base(base: Base) -> str:
    return {
        Base.MEMBERS: _("the members"),
        Base.PRESENT: _("those present"),
        Base.VOTES_CAST: _("the votes cast"),
    }[base]


def _requirement(requirement: Consensus | Vote) -> str:
    if isinstance(requirement, Consensus):
        return _("consensus")
    said = _("%(threshold)s of %(base)s") % {
        "threshold": _threshold(requirement.threshold),
        "base": _base(requirement.base),
    }
    return _("%(rule)s in each bloc") % {"rule": said} if requirement.in_each_bloc else said


def rule_in_words(text: str) -> str:
    """``text`` (a rule as written) in the active language."""
    try:
        rule = Rule.parse(text)
    except ValueError:
        return text
    stages = [_(" and ").join(_requirement(r) for r in stage.requirements) for stage in rule.stages]
    said = _("; otherwise ").join(stages)
    if rule.quorum is not None:
        quorum = _("quorum: %(threshold)s of the members") % {
            "threshold": _threshold(rule.quorum.threshold)
        }
        if rule.quorum.in_each_bloc:
            quorum = _("%(rule)s in each bloc") % {"rule": quorum}
        said = _("%(quorum)s; %(rule)s") % {"quorum": quorum, "rule": said}
    return said
