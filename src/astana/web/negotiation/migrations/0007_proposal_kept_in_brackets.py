"""A proposal the mediator kept in brackets in a revision is *kept in brackets*, no longer
reported as *folded in*: each issued revision's ``kept`` list says which ones it kept."""

from django.db import migrations


def mark_kept(apps, schema_editor):  # type: ignore[no-untyped-def]
    TextProposal = apps.get_model("negotiation", "TextProposal")
    TextRevision = apps.get_model("negotiation", "TextRevision")
    for revision in TextRevision.objects.all():
        if not revision.kept:
            continue
        for row in TextProposal.objects.filter(
            text_id=revision.text_id, reference__in=list(revision.kept), state="folded_in"
        ):
            row.state = "kept_in_brackets"
            row.data = {**row.data, "state": "kept_in_brackets"}
            row.save(update_fields=["state", "data"])


def mark_folded(apps, schema_editor):  # type: ignore[no-untyped-def]
    TextProposal = apps.get_model("negotiation", "TextProposal")
    for row in TextProposal.objects.filter(state="kept_in_brackets"):
        row.state = "folded_in"
        row.data = {**row.data, "state": "folded_in"}
        row.save(update_fields=["state", "data"])


class Migration(migrations.Migration):
    dependencies = [
        ("negotiation", "0006_proposal_never_tabled"),
    ]

    operations = [
        migrations.RunPython(mark_kept, mark_folded),
    ]
