"""Every write of decisions and committees, one function per dotted action name
(``vote.cast`` → :func:`vote_cast`): keyword-only, atomic, checking the role through
:mod:`astana.web.decisions.access` and writing the audit entry (and, in a round, the live
event) itself. Pages, the API and the demo loader call these and nothing else."""

from astana.web.decisions.actions.committee_lists import committee_nominate_list
from astana.web.decisions.actions.committees import (
    committee_approve,
    committee_create,
    committee_nominate,
    committee_replace,
    committee_withdraw,
)
from astana.web.decisions.actions.decisions import (
    decision_call,
    decision_close,
    decision_publish,
    vote_cast,
)
from astana.web.decisions.actions.rules import rules_set, rules_set_default
from astana.web.decisions.actions.signatures import signature_count_set

__all__ = [
    "committee_approve",
    "committee_create",
    "committee_nominate",
    "committee_nominate_list",
    "committee_replace",
    "committee_withdraw",
    "decision_call",
    "decision_close",
    "decision_publish",
    "rules_set",
    "rules_set_default",
    "signature_count_set",
    "vote_cast",
]
