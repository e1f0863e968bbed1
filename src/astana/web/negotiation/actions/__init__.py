"""Every write of the negotiation room, one function per action, named after its dotted
action name (``proposal.table`` → :func:`proposal_table`). Each is keyword-only, atomic,
checks the role matrix through :mod:`astana.web.negotiation.access`, checks the version the
request was based on, and writes the audit entry and the live event itself. Pages, the API
and the CLI call these and nothing else."""

from astana.web.negotiation.actions.caucus import caucus_note_add
from astana.web.negotiation.actions.comments import comment_add, expert_invite
from astana.web.negotiation.actions.positions import (
    CellChange,
    position_set,
    positions_set_row,
    provision_agree_ad_referendum,
    provision_confirm,
    provisions_agree_all,
)
from astana.web.negotiation.actions.proposals import (
    proposal_draft,
    proposal_mediate,
    proposal_oppose,
    proposal_support,
    proposal_table,
    proposal_withdraw,
)
from astana.web.negotiation.actions.renumbering import revision_renumber
from astana.web.negotiation.actions.rounds import (
    participant_invite,
    round_create,
    session_close,
    session_open,
    session_publish_minutes,
    session_record,
)
from astana.web.negotiation.actions.texts import revision_issue, source_notation, text_create
from astana.web.negotiation.actions.translations import translation_supply

__all__ = [
    "CellChange",
    "caucus_note_add",
    "comment_add",
    "expert_invite",
    "participant_invite",
    "position_set",
    "positions_set_row",
    "proposal_draft",
    "proposal_mediate",
    "proposal_oppose",
    "proposal_support",
    "proposal_table",
    "proposal_withdraw",
    "provision_agree_ad_referendum",
    "provision_confirm",
    "provisions_agree_all",
    "revision_issue",
    "revision_renumber",
    "round_create",
    "session_close",
    "session_open",
    "session_publish_minutes",
    "session_record",
    "source_notation",
    "text_create",
    "translation_supply",
]
