"""Migrations negotiation 0013 and common 0001 move the audit trail and the live events to the
shared base in Django's state only: the rows stay where they are, under the same ids, and the
move undoes and redoes cleanly."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.events import event
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.processes.models import Organisation, Round

MOVE = ("negotiation", "0012_streams_cap")  # the last migration before the move
BEFORE = [("common", None), MOVE]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("history_reloaded", "no_change_log")
def test_the_audit_trail_and_the_events_keep_their_rows_across_the_move() -> None:
    rnd = Round.objects.order_by("pk").first()
    assert rnd is not None
    organisation = Organisation.objects.order_by("pk").first()
    with transaction.atomic():  # as in an action: the event's number locks the round's row
        party1 = User.objects.get(username="party1")
        entry = audit(party1, Action.SESSION_RECORD, rnd, rnd.pk, in_round=rnd)
        shared = event(rnd, Action.SESSION_RECORD, "before the move")
        private = event(rnd, Action.PROPOSAL_DRAFT, "a delegation's own", audience=organisation)
    audit_rows = list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "round_id"))
    event_rows = list(
        RoundEvent.objects.order_by("pk").values_list("pk", "kind", "number", "audience_id")
    )

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([MOVE]).apps
    old_audit = old.get_model("negotiation", "AuditEntry")
    old_events = old.get_model("negotiation", "RoundEvent")
    assert list(old_audit.objects.order_by("pk").values_list("pk", "action", "round_id")) == (
        audit_rows
    )
    assert old_events.objects.get(pk=shared.pk).summary == "before the move"
    assert old_events.objects.get(pk=private.pk).audience_id == organisation.pk

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "round_id")) == (
        audit_rows
    )
    assert (
        list(RoundEvent.objects.order_by("pk").values_list("pk", "kind", "number", "audience_id"))
        == event_rows
    )
    assert AuditEntry.objects.get(pk=entry.pk).actor == User.objects.get(username="party1")
    assert AuditEntry._meta.db_table == "negotiation_auditentry"
    assert RoundEvent._meta.db_table == "negotiation_roundevent"
