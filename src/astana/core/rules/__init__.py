"""Decision rules, quorum, signature counts and committee composition, as pure data.

A rule is text (``consensus else 75% of members``) parsed into a ``Rule``; ``decide``
applies it to a ``Tally`` (and the tally of each bloc where the rule counts blocs) and
returns an ``Outcome`` that explains itself in Arabic, English and Russian. A
``CommitteeDefinition`` holds the composition rules of a committee; ``check_composition``
lists every rule a proposed ``Composition`` breaks. ``docs/rules.md`` has the grammar.
"""

from astana.core.rules.committee import (
    BlocSeats,
    CommitteeDefinition,
    Composition,
    Gender,
    Member,
    Quota,
    QuotaScope,
)
from astana.core.rules.composition_check import (
    CompositionReport,
    Violation,
    ViolationCode,
    check_composition,
)
from astana.core.rules.decision import (
    Check,
    Outcome,
    StageResult,
    Subject,
    decide,
    decide_signatures,
)
from astana.core.rules.examples import SCC_RULE, SYRIAN_CONSTITUTIONAL_COMMITTEE
from astana.core.rules.explanation import Lang, threshold_label
from astana.core.rules.rule import Consensus, Quorum, Requirement, Rule, Stage, Vote
from astana.core.rules.syntax import RuleSyntaxError, parse_rule
from astana.core.rules.tally import BlocTally, Tally
from astana.core.rules.threshold import Base, Threshold

__all__ = [
    "SCC_RULE",
    "SYRIAN_CONSTITUTIONAL_COMMITTEE",
    "Base",
    "BlocSeats",
    "BlocTally",
    "Check",
    "CommitteeDefinition",
    "Composition",
    "CompositionReport",
    "Consensus",
    "Gender",
    "Lang",
    "Member",
    "Outcome",
    "Quorum",
    "Quota",
    "QuotaScope",
    "Requirement",
    "Rule",
    "RuleSyntaxError",
    "Stage",
    "StageResult",
    "Subject",
    "Tally",
    "Threshold",
    "Violation",
    "ViolationCode",
    "Vote",
    "check_composition",
    "decide",
    "decide_signatures",
    "parse_rule",
    "threshold_label",
]
