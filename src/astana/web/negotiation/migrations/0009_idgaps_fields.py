"""Public references that reveal nothing about private work (issue 12, item 5): a random
public id per proposal, a per-caucus number per note, a per-scope number per live event.
The fields come first, the numbers for existing rows in 0007, the constraints in 0008 (three
migrations, so that PostgreSQL never alters a table with row updates pending)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0008_position_wording")]

    operations = [
        migrations.AddField(
            model_name="textproposal",
            name="public_id",
            field=models.CharField(max_length=32, null=True, editable=False),
        ),
        migrations.AddField(
            model_name="caucusnote",
            name="number",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="roundevent",
            name="number",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
