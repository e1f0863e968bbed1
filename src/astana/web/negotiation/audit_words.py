"""The audit log in words: each entry's action as a translated verb ("Position recorded"),
who did it by name, and the object it touched named as people name it ("Roadmap for a
political solution in Syria — Article 5 ¶1 — The parties agree…", "Proposal P3",
"Decision 2", "Session 1"). The stored record keeps its codes (the API and the entry's detail
give them); the page reads in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from astana.core.actions import Action
from astana.web.negotiation.presenting import delegation_name, provision_names

__all__ = ["ACTION_WORDS", "AuditRow", "action_word", "audit_rows"]

#: Each action as the audit log says it happened.
ACTION_WORDS: dict[str, Promise] = {
    Action.ROUND_CREATE: gettext_lazy("Round created"),
    Action.PARTICIPANT_INVITE: gettext_lazy("Participant invited"),
    Action.SESSION_OPEN: gettext_lazy("Session opened"),
    Action.SESSION_CLOSE: gettext_lazy("Session closed"),
    Action.SESSION_RECORD: gettext_lazy("Session record kept"),
    Action.SESSION_PUBLISH_MINUTES: gettext_lazy("Minutes published"),
    Action.TEXT_CREATE: gettext_lazy("Text created"),
    Action.REVISION_ISSUE: gettext_lazy("Revision issued"),
    Action.REVISION_RENUMBER: gettext_lazy("Text renumbered"),
    Action.PROVISION_AGREE_AD_REFERENDUM: gettext_lazy("Provision agreed ad referendum"),
    Action.PROVISION_CONFIRM: gettext_lazy("Provision confirmed as agreed"),
    Action.EXPERT_INVITE: gettext_lazy("Expert invited to comment"),
    Action.COMMENT_ADD: gettext_lazy("Comment added"),
    Action.CAUCUS_NOTE_ADD: gettext_lazy("Caucus note added"),
    Action.PROPOSAL_DRAFT: gettext_lazy("Proposal drafted"),
    Action.PROPOSAL_TABLE: gettext_lazy("Proposal tabled"),
    Action.PROPOSAL_WITHDRAW: gettext_lazy("Proposal withdrawn"),
    Action.PROPOSAL_SUPPORT: gettext_lazy("Proposal supported"),
    Action.PROPOSAL_OPPOSE: gettext_lazy("Proposal opposed"),
    Action.POSITION_SET: gettext_lazy("Position recorded"),
    Action.RULES_SET: gettext_lazy("Rules of procedure set"),
    Action.DECISION_CALL: gettext_lazy("Decision called"),
    Action.VOTE_CAST: gettext_lazy("Vote cast"),
    Action.DECISION_CLOSE: gettext_lazy("Decision closed"),
    Action.DECISION_PUBLISH: gettext_lazy("Decision published"),
    Action.SIGNATURE_COUNT_SET: gettext_lazy("Signature count recorded"),
    Action.COMMITTEE_CREATE: gettext_lazy("Committee created"),
    Action.COMMITTEE_NOMINATE: gettext_lazy("Member nominated"),
    Action.COMMITTEE_WITHDRAW: gettext_lazy("Nomination withdrawn"),
    Action.COMMITTEE_REPLACE: gettext_lazy("Member replaced"),
    Action.COMMITTEE_APPROVE: gettext_lazy("Member approved"),
    Action.KEY_REGISTER: gettext_lazy("Signing key registered"),
    Action.KEY_APPROVE: gettext_lazy("Signing key approved"),
    Action.KEY_REVOKE: gettext_lazy("Signing key revoked"),
    Action.SIGNATURE_STATEMENT: gettext_lazy("Signing statement made"),
    Action.SIGNATURE_ADD: gettext_lazy("Signature added"),
    Action.REVISION_PUBLISH: gettext_lazy("Revision published"),
    Action.WITNESS_REGISTER: gettext_lazy("Witness registered"),
    Action.WITNESSES_REQUIRE: gettext_lazy("Witnesses required"),
    Action.COSIGNATURE_ADD: gettext_lazy("Witness signature added"),
    Action.CONSULTATION_CREATE: gettext_lazy("Consultation created"),
    Action.CONSULTATION_UPDATE: gettext_lazy("Consultation updated"),
    Action.CONSULTATION_IMPORT: gettext_lazy("Consultation imported"),
    Action.STATEMENT_SUBMIT: gettext_lazy("Statement submitted"),
    Action.STATEMENT_MODERATE: gettext_lazy("Statement moderated"),
    Action.STATEMENT_VOTE: gettext_lazy("Statement voted on"),
    Action.TOKEN_CREATE: gettext_lazy("Access token created"),
    Action.TOKEN_REVOKE: gettext_lazy("Access token revoked"),
    Action.SECOND_FACTOR_ENABLE: gettext_lazy("Second factor turned on"),
    Action.SECOND_FACTOR_DISABLE: gettext_lazy("Second factor turned off"),
    Action.RECOVERY_CODES_REGENERATE: gettext_lazy("Recovery codes renewed"),
    Action.PROCESS_SECOND_FACTOR: gettext_lazy("Second factor rule of the process set"),
    Action.ACCOUNT_LOCKOUT: gettext_lazy("Login locked"),
    Action.ACCOUNT_UNLOCK: gettext_lazy("Login unlocked"),
}

#: What kind of record an entry touched, where no better name is found.
OBJECT_WORDS: dict[str, Promise] = {
    "negotiationtext": gettext_lazy("Text"),
    "textproposal": gettext_lazy("Proposal"),
    "textcomment": gettext_lazy("Comment"),
    "caucusnote": gettext_lazy("Caucus note"),
    "expertinvitation": gettext_lazy("Invitation to comment"),
    "decision": gettext_lazy("Decision"),
    "rulesofprocedure": gettext_lazy("Rules of procedure"),
    "session": gettext_lazy("Session"),
    "round": gettext_lazy("Round"),
    "committee": gettext_lazy("Committee"),
    "nominee": gettext_lazy("Nominee"),
    "consultation": gettext_lazy("Consultation"),
    "statement": gettext_lazy("Statement"),
    "user": gettext_lazy("Account"),
    "apitoken": gettext_lazy("Access token"),
}


def action_word(action: str) -> str:
    """An action's dotted name as the log says it ("Position recorded")."""
    found = ACTION_WORDS.get(action)
    return str(found) if found is not None else _("Other action")


@dataclass(frozen=True)
class AuditRow:
    entry: Any
    action: str
    who: str
    object: str


def audit_rows(entries: Iterable[Any], language: str) -> list[AuditRow]:
    """``entries`` (AuditEntry rows) in words, in ``language``."""
    from astana.web.negotiation.actions.common import latest_revision
    from astana.web.negotiation.models import NegotiationText

    texts: dict[str, tuple[str, dict[str, str]]] = {}

    def text_words(pk: str) -> tuple[str, dict[str, str]]:
        if pk not in texts:
            text = NegotiationText.objects.filter(pk=pk).first() if pk.isdigit() else None
            if text is None:
                texts[pk] = (str(OBJECT_WORDS["negotiationtext"]), {})
            else:
                _row, revision = latest_revision(text)
                document = revision.document
                lang = language if language in document.languages else document.languages[0]
                texts[pk] = (text.tr("title", language).text, provision_names(document, lang))
        return texts[pk]

    rows = []
    for entry in entries:
        kind, ident = entry.object_type, str(entry.object_id)
        detail = entry.detail if isinstance(entry.detail, dict) else {}
        if kind == "textrevision":  # "text/number"
            pk, _slash, number = ident.partition("/")
            title, _names = text_words(pk)
            shown = _("Rev.%(n)s of %(title)s") % {
                "n": detail.get("number", number),
                "title": title,
            }
        elif kind == "negotiationtext":
            pk, _slash, provision = ident.partition("/")
            title, names = text_words(pk)
            shown = title
            if provision:
                shown = f"{shown} — {names.get(provision, _('a provision'))}"
        elif kind == "textproposal":
            shown = _("Proposal %(ref)s") % {"ref": ident}
        else:
            shown = str(OBJECT_WORDS.get(kind, _("Record")))
        who = entry.actor.get_username() if entry.actor is not None else "—"
        if entry.organisation is not None:
            who = f"{who} ({delegation_name(entry.organisation, language)})"
        rows.append(AuditRow(entry=entry, action=action_word(entry.action), who=who, object=shown))
    return rows
