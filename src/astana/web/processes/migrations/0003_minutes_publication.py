"""Session minutes wait for the convener's publication before the public archive shows them.
Sessions that exist already were public under the old rule and stay public."""

from django.db import migrations, models
from django.db.models.functions import Now


def keep_existing_public(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("processes", "Session").objects.update(minutes_published_at=Now())


class Migration(migrations.Migration):
    dependencies = [
        ("processes", "0002_live_sessions"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="minutes_published_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(keep_existing_public, migrations.RunPython.noop),
    ]
