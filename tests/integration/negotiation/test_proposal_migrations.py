"""The data migrations of proposals, run on rows as older versions left them: ``tabled_at``
filled in from the traces of tabling (a withdrawn proposal with none stays private), and
proposals kept in brackets no longer reported as folded in."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from tests.helpers.people import user

from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, TextProposal

BEFORE = [("negotiation", "0005_textrevision_log_entry")]
KEPT = importlib.import_module("astana.web.negotiation.migrations.0007_proposal_kept_in_brackets")


def _draft(text: NegotiationText, name: str, provision: str) -> TextProposal:
    return actions.proposal_draft(
        user=user(name),
        text_id=text.pk,
        change={"kind": "delete_provision", "provision": provision},
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("history_reloaded", "no_change_log")
def test_tabled_at_comes_from_the_traces_of_tabling(roadmap: NegotiationText) -> None:
    tabled = TextProposal.objects.get(text=roadmap, reference="P1")
    actions.proposal_withdraw(
        user=user("party1"), proposal_id=tabled.public_id, based_on=tabled.version
    )
    untraced = TextProposal.objects.get(text=roadmap, reference="P2")
    secret = _draft(roadmap, "party3", "art_5__para_1")
    actions.proposal_withdraw(
        user=user("party3"), proposal_id=secret.public_id, based_on=secret.version
    )
    # Back to the schema before the migration, and the rows as an older version left them:
    # no tabled_at, the draft's traces public (later migrations number the events anew).
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    audit = old.get_model("negotiation", "AuditEntry").objects
    events = old.get_model("negotiation", "RoundEvent").objects
    when = timezone.now() - timedelta(days=3)
    audit.filter(action="proposal.table", object_id="P1").update(at=when)
    audit.filter(action="proposal.table", object_id="P2").delete()
    events.filter(kind="proposal.table", summary__endswith=" P2").delete()
    old.get_model("negotiation", "TextProposal").objects.filter(
        pk__in=[tabled.pk, untraced.pk, secret.pk]
    ).update(tabled_at=None)
    audit.filter(object_id=secret.reference).update(confidential=False)
    events.filter(summary__endswith=secret.reference).update(audience=None)

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    tabled.refresh_from_db()
    untraced.refresh_from_db()
    secret.refresh_from_db()
    assert tabled.tabled_at == when  # from its proposal.table audit entry
    assert untraced.tabled_at == untraced.created_at  # tabled: only tabling leads there
    assert secret.tabled_at is None  # withdrawn with no trace of tabling: private for ever
    assert not AuditEntry.objects.filter(object_id=secret.reference, confidential=False).exists()
    assert set(
        RoundEvent.objects.filter(summary__endswith=secret.reference).values_list(
            "audience_id", flat=True
        )
    ) == {secret.author_id}


def test_kept_proposals_are_no_longer_reported_as_folded_in(roadmap: NegotiationText) -> None:
    actions.revision_issue(
        user=user("mediator"),
        text_id=roadmap.pk,
        based_on=roadmap.version,
        fold=["P1"],
        keep=["P3"],
    )
    # As the revision action left them before: every chosen proposal "folded in".
    TextProposal.objects.filter(text=roadmap, reference="P3").update(
        state="folded_in",
        data={**TextProposal.objects.get(reference="P3").data, "state": "folded_in"},
    )

    KEPT.mark_kept(apps, None)

    states = dict(TextProposal.objects.filter(text=roadmap).values_list("reference", "state"))
    assert states == {"P1": "folded_in", "P2": "tabled", "P3": "kept_in_brackets"}
    assert TextProposal.objects.get(text=roadmap, reference="P3").data["state"] == (
        "kept_in_brackets"
    )
