"""The roles a process asks a second factor of (issue 13): by default every role that signs,
approves keys, publishes, convenes or issues revisions, existing processes included."""

from django.db import migrations, models

import astana.web.processes.models


class Migration(migrations.Migration):
    dependencies = [
        ("processes", "0003_minutes_publication"),
    ]

    operations = [
        migrations.AddField(
            model_name="process",
            name="second_factor_roles",
            field=models.JSONField(
                blank=True, default=astana.web.processes.models.default_second_factor_roles
            ),
        ),
    ]
