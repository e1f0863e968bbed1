"""A revision keeps its ``revision.issued`` log entry, so a bundle finds it without searching
the log's text; revisions issued before this are matched to their entries once, here."""

import django.db.models.deletion
from django.db import migrations, models


def link_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    TextRevision = apps.get_model("negotiation", "TextRevision")
    LogLeaf = apps.get_model("signing", "LogLeaf")
    for row in TextRevision.objects.filter(log_entry=None).select_related("text__round"):
        document = f"{row.text.round.slug}/{row.text.slug}"
        for leaf in LogLeaf.objects.filter(
            event="revision.issued", data__contains=f"\ndocument {document}\n"
        ).order_by("index"):
            if f"\nrevision {row.number}\n" in leaf.data and row.sha256 in leaf.data:
                row.log_entry = leaf
                row.save(update_fields=["log_entry"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("negotiation", "0004_negotiationtext_witnesses_required"),
        ("signing", "0002_delegatekey_revocation_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="textrevision",
            name="log_entry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="signing.logleaf",
            ),
        ),
        migrations.RunPython(link_existing, migrations.RunPython.noop),
    ]
