"""The public references of 0006 become required and unique in their scope."""

from django.db import migrations, models

import astana.web.negotiation.models


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0010_idgaps_numbers")]

    operations = [
        migrations.AlterField(
            model_name="textproposal",
            name="public_id",
            field=models.CharField(
                default=astana.web.negotiation.models.new_public_id,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
        migrations.AddConstraint(
            model_name="caucusnote",
            constraint=models.UniqueConstraint(
                fields=("round", "organisation", "number"), name="caucus_note_unique_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="roundevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("audience__isnull", True)),
                fields=("round", "number"),
                name="event_unique_shared_number",
            ),
        ),
        migrations.AddConstraint(
            model_name="roundevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("audience__isnull", False)),
                fields=("round", "audience", "number"),
                name="event_unique_private_number",
            ),
        ),
    ]
