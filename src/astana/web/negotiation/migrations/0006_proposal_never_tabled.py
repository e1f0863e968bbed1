"""A proposal never tabled stays private to its delegation for ever, whatever state it reaches:
``tabled_at`` is now the one mark of having been tabled. Fill it in on rows that lack it:
from the ``proposal.table`` audit entry or live event where there is one; a proposal in a
state only tabling leads to (tabled, folded in, rejected) counts as tabled when it was
created; a withdrawn one with no trace of tabling counts as never tabled and stays private (its audit
entries confidential, its live events for its delegation only)."""

from typing import Any

from django.db import migrations


def mark_tabled(apps, schema_editor):  # type: ignore[no-untyped-def]
    TextProposal = apps.get_model("negotiation", "TextProposal")
    AuditEntry = apps.get_model("negotiation", "AuditEntry")
    RoundEvent = apps.get_model("negotiation", "RoundEvent")
    missing = TextProposal.objects.filter(tabled_at__isnull=True).exclude(state="draft")
    for row in missing.select_related("text", "author"):
        entry = (
            AuditEntry.objects.filter(
                action="proposal.table",
                round_id=row.text.round_id,
                object_type="textproposal",
                object_id=row.reference,
            )
            .order_by("at")
            .first()
        )
        event = (
            RoundEvent.objects.filter(
                text_id=row.text_id,
                kind="proposal.table",
                audience__isnull=True,
                summary=f"{row.author.slug} tabled {row.reference}",
            )
            .order_by("id")
            .first()
        )
        if entry is not None:
            row.tabled_at = entry.at
        elif event is not None:
            row.tabled_at = event.at
        elif row.state != "withdrawn":
            row.tabled_at = row.created_at
        else:
            _keep_private(apps, row)
            continue
        row.save(update_fields=["tabled_at"])


def _keep_private(apps: Any, row: Any) -> None:
    """What was recorded about a never-tabled proposal reaches only its delegation."""
    AuditEntry = apps.get_model("negotiation", "AuditEntry")
    RoundEvent = apps.get_model("negotiation", "RoundEvent")
    AuditEntry.objects.filter(
        round_id=row.text.round_id, object_type="textproposal", object_id=row.reference
    ).update(confidential=True)
    for event in RoundEvent.objects.filter(text_id=row.text_id, audience__isnull=True):
        if event.summary.split(" ")[-1] == row.reference:
            event.audience_id = row.author_id
            event.save(update_fields=["audience"])


class Migration(migrations.Migration):
    dependencies = [
        ("negotiation", "0005_textrevision_log_entry"),
    ]

    operations = [
        migrations.RunPython(mark_tabled, migrations.RunPython.noop),
    ]
