"""Existing rows get their public references: a random public id per proposal; notes and
live events numbered 1, 2, 3, ... within their scope, in the order they were written."""

import secrets

from django.db import migrations


def number_rows(apps, schema_editor):  # type: ignore[no-untyped-def]
    TextProposal = apps.get_model("negotiation", "TextProposal")
    CaucusNote = apps.get_model("negotiation", "CaucusNote")
    RoundEvent = apps.get_model("negotiation", "RoundEvent")
    proposals = list(TextProposal.objects.filter(public_id__isnull=True).only("pk"))
    for row in proposals:
        row.public_id = secrets.token_urlsafe(16)
    TextProposal.objects.bulk_update(proposals, ["public_id"], batch_size=500)
    for model, scope in ((CaucusNote, "organisation_id"), (RoundEvent, "audience_id")):
        rows = list(model.objects.order_by("round_id", scope, "id").only("pk", "round_id", scope))
        number, last = 0, None
        for row in rows:
            key = (row.round_id, getattr(row, scope))
            number = number + 1 if key == last else 1
            row.number, last = number, key
        model.objects.bulk_update(rows, ["number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0009_idgaps_fields")]

    operations = [migrations.RunPython(number_rows, migrations.RunPython.noop)]
