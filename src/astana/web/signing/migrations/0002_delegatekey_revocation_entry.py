"""A revoked key keeps its ``key.revoked`` log entry (bundles include it without searching the
log's text); keys revoked before this are matched to their entries once, here."""

import base64

import django.db.models.deletion
from django.db import migrations, models


def link_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    DelegateKey = apps.get_model("signing", "DelegateKey")
    LogLeaf = apps.get_model("signing", "LogLeaf")
    for key in DelegateKey.objects.filter(state="revoked", revocation_entry=None):
        encoded = base64.b64encode(bytes.fromhex(key.public_key)).decode()
        leaf = (
            LogLeaf.objects.filter(event="key.revoked", data__contains=f"\npublic-key {encoded}\n")
            .order_by("index")
            .first()
        )
        if leaf is not None:
            key.revocation_entry = leaf
            key.save(update_fields=["revocation_entry"])


class Migration(migrations.Migration):
    dependencies = [
        ("signing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="delegatekey",
            name="revocation_entry",
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
