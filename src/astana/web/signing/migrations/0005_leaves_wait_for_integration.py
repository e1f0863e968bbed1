"""A leaf may wait for integration (its index null) while other writers of its process append:
the integrator finds the waiting ones by a partial index; readers see integrated leaves only."""

import django.db.models.manager
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("signing", "0004_minutes_on_the_log"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="logleaf",
            options={
                "base_manager_name": "rows",
                "default_manager_name": "objects",
                "ordering": ["index"],
            },
        ),
        migrations.AlterModelManagers(
            name="logleaf",
            managers=[
                ("rows", django.db.models.manager.Manager()),
                ("objects", django.db.models.manager.Manager()),
            ],
        ),
        migrations.AlterField(
            model_name="logleaf",
            name="index",
            field=models.PositiveBigIntegerField(null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name="logleaf",
            index=models.Index(
                condition=models.Q(("index__isnull", True)), fields=["id"], name="log_leaf_waiting"
            ),
        ),
    ]
