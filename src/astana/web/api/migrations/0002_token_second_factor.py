"""A token remembers whether the session that made it was verified by a second factor."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="verified",
            field=models.BooleanField(default=False),
        ),
    ]
