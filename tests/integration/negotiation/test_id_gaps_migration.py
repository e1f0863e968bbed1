"""Migrations 0009-0011 give rows written before them their public references: each proposal
a random public id, each caucus note and live event its number within its scope, in the order
written (the numbers the actions give new rows)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from astana.web.accounts.models import User
from astana.web.common.models import RoundEvent
from astana.web.negotiation import actions
from astana.web.negotiation.models import CaucusNote, NegotiationText, TextProposal
from astana.web.processes.models import Round

BEFORE = [("negotiation", "0008_position_wording")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("history_reloaded", "no_change_log")
def test_rows_written_before_the_migration_are_numbered_as_the_actions_number_them(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    for name in ("party1", "party2", "party1", "party3", "party1"):
        actions.caucus_note_add(user=User.objects.get(username=name), round_id=sandbox.pk, body="n")
        actions.proposal_draft(
            user=User.objects.get(username=name),
            text_id=roadmap.pk,
            change={"kind": "delete_provision", "provision": "art_5__para_1"},
        )
    events = dict(RoundEvent.objects.values_list("pk", "number"))
    notes = dict(CaucusNote.objects.values_list("pk", "number"))
    assert sorted(notes.values()) == [1, 1, 1, 2, 3]
    assert len(events) > 10 and max(events.values()) < len(events)  # several scopes

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert dict(RoundEvent.objects.values_list("pk", "number")) == events
    assert dict(CaucusNote.objects.values_list("pk", "number")) == notes
    public = list(TextProposal.objects.values_list("public_id", flat=True))
    assert len(public) == 8 and len(set(public)) == 8
    assert all(len(p) == 22 and not p.isdigit() for p in public)
