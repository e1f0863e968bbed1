"""The records every app writes through the shared base: the audit trail (``AuditEntry``,
one row per action, written only by :func:`astana.web.common.audit.audit`) and the live
events of a round (``RoundEvent``, written by :func:`astana.web.common.events.event`).

Both tables were the negotiation app's; they keep their table names (``db_table``), so the
move (migration ``common.0001``) changed no row. Foreign keys name their targets by string:
the base imports no app's models. One of them points up: an event names the room's text that
changed or was acted on (``negotiation.NegotiationText``: a decision on it, a signature of it),
since a stale request is told from these rows what changed since; events about no text (a
round created, a session opened) leave it empty.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation

from astana.web.common.cursor import event_reference

__all__ = ["AuditEntry", "ChangeStamp", "RoundEvent"]


class AuditEntry(models.Model):
    """Who did what, when, to which object: one row per action, written by the action itself."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "processes.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    round = models.ForeignKey(
        "processes.Round", null=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=80)
    detail = models.JSONField(default=dict)
    # Caucus activity (a draft, a note) is recorded but kept out of the convener's view.
    confidential = models.BooleanField(default=False)

    class Meta:
        db_table = "negotiation_auditentry"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class RoundEvent(models.Model):
    """A change every open page of the round should show: the feed of live updates.

    Stored in the database, so that a change made through one app worker reaches pages
    served by any other worker (they poll this table).

    Each event belongs to one scope: the round's shared scope (``audience`` None) or one
    delegation's private scope. ``number`` counts 1, 2, 3, ... within the scope, given in the
    writing transaction while the round's row is locked, so a reader sees consecutive numbers
    in every scope it may read and nothing of the scopes it may not; the row's id (global,
    across every scope) is used only for ordering and never shown. ``text`` and ``version``
    say which negotiating text changed, and to which version (a stale request is told, from
    these rows, what changed since).
    """

    round = models.ForeignKey(
        "processes.Round", on_delete=models.CASCADE, related_name="live_events"
    )
    text = models.ForeignKey(
        "negotiation.NegotiationText", null=True, on_delete=models.CASCADE, related_name="events"
    )
    version = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=40)
    # In English (the API's and the record's), and ``summaries`` in each platform language
    # by code, written when the event happened ({} for an event written before them).
    summary = models.CharField(max_length=500)
    summaries = models.JSONField(default=dict, blank=True)
    # None: every reader of the round; else only that delegation (its own caucus activity).
    audience = models.ForeignKey(
        "processes.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "negotiation_roundevent"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "number"],
                condition=models.Q(audience__isnull=True),
                name="event_unique_shared_number",
            ),
            models.UniqueConstraint(
                fields=["round", "audience", "number"],
                condition=models.Q(audience__isnull=False),
                name="event_unique_private_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.summary}"

    def said(self, language: str | None = None) -> str:
        """The event in ``language`` (by default the active one, the reader's page's); an
        event written before events were said in every language reads as it was written."""
        code = (language or translation.get_language() or "en").split("-")[0]
        return str(self.summaries.get(code) or self.summary)

    @property
    def reference(self) -> str:
        """How readers name the event: ``r12`` (shared), ``d3`` (its delegation's own)."""
        return event_reference(self.number, private=self.audience_id is not None)


class ChangeStamp(models.Model):
    """One row: how many transactions have changed what pages show (``n``), and a random
    ``token`` drawn anew with each, written by the database's own triggers in the changing
    transaction (``astana.web.common.changes``). A page rendered once is served again while
    the stamp it was made under stands."""

    n = models.BigIntegerField(default=0)
    token = models.BigIntegerField(default=0)

    class Meta:
        db_table = "common_changestamp"

    def __str__(self) -> str:
        return f"{self.n} changes ({self.token:x})"
