"""The negotiation room: rounds at work, the single negotiating text, proposals, positions,
revisions, caucus spaces, the audit log and live updates."""
