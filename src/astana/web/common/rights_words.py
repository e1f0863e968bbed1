"""Each right of :mod:`astana.core.roles` as a refusal says it, in the reader's language:
"You may not record a position in this round", never "does not allow position.set"."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from astana.core.roles import Right

__all__ = ["RIGHT_WORDS", "refusal"]

#: What holding each right lets a person do, as the end of "You may not ...".
RIGHT_WORDS: dict[Right, Promise] = {
    Right.ROUND_CREATE: gettext_lazy("create a round"),
    Right.PARTICIPANT_INVITE: gettext_lazy("invite participants"),
    Right.RULES_SET: gettext_lazy("set the rules of procedure"),
    Right.RECORD_PUBLISH: gettext_lazy("publish the record"),
    Right.SESSION_OPEN: gettext_lazy("open a session"),
    Right.SESSION_CLOSE: gettext_lazy("close a session"),
    Right.AUDIT_READ: gettext_lazy("read the audit log"),
    Right.TEXT_OWN: gettext_lazy("create or manage a negotiating text"),
    Right.REVISION_ISSUE: gettext_lazy("issue a revision"),
    Right.DECISION_CALL: gettext_lazy("call a decision"),
    Right.PROPOSAL_TABLE: gettext_lazy("draft or table a proposal"),
    Right.POSITION_SET: gettext_lazy("record a position"),
    Right.VOTE_CAST: gettext_lazy("vote"),
    Right.SIGNATURE_ADD: gettext_lazy("sign"),
    Right.CAUCUS_USE: gettext_lazy("use a delegation's caucus"),
    Right.COMMITTEE_MANAGE: gettext_lazy("manage committees"),
    Right.KEY_REGISTER: gettext_lazy("register a signing key"),
    Right.KEY_APPROVE: gettext_lazy("approve a signing key"),
    Right.WITNESS_MANAGE: gettext_lazy("manage witnesses"),
    Right.SIGNATURE_COUNT_SET: gettext_lazy("record a signature count"),
    Right.CONSULTATION_MANAGE: gettext_lazy("manage a consultation"),
    Right.CONSULTATION_MODERATE: gettext_lazy("moderate a consultation"),
    Right.TEXT_READ: gettext_lazy("read the texts"),
    Right.OUTCOME_READ: gettext_lazy("read the outcomes"),
    Right.COMMENT_ADD: gettext_lazy("comment on a text"),
    Right.RECORD_EDIT: gettext_lazy("keep the record of a session"),
}


def refusal(right: Right | None, where: str = "round") -> str:
    """The refusal of ``right`` to a role that lacks it, in the active language (``None``:
    an action no role's right covers, which its own rule allows)."""
    what = str(RIGHT_WORDS[right]) if right is not None else _("do this")
    if where == "process":
        return _("Your role in this process does not let you %(what)s.") % {"what": what}
    return _("Your role in this round does not let you %(what)s.") % {"what": what}
