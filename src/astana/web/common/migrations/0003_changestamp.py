"""The change stamp's table. Its triggers are put on every table after each ``migrate``
(``common.apps``); going back past this migration takes them off first."""

from typing import Any

from django.db import migrations, models


def _remove_triggers(apps: Any, schema_editor: Any) -> None:
    from astana.web.common import changes

    changes.remove(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_event_summaries"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChangeStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("n", models.BigIntegerField(default=0)),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "common_changestamp"},
        ),
        migrations.RunPython(migrations.RunPython.noop, _remove_triggers),
    ]
