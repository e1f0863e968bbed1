"""The audit trail and the live events move to the shared base (``common``): removed from
this app's state only. Their tables stay as they are (``common.0001`` takes them over under the
same names), so no row moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("negotiation", "0012_streams_cap"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditEntry"),
                migrations.DeleteModel(name="RoundEvent"),
            ],
            database_operations=[],
        ),
    ]
