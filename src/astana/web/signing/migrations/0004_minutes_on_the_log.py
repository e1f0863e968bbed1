"""Published minutes go on the log (``minutes.published``, the SHA-256 of their content) so
that an edit after publication shows in ``astana audit``. Minutes published before this get
their entry here, once, with their content as it stands now."""

from django.db import migrations


def log_published(apps, schema_editor):  # type: ignore[no-untyped-def]
    from astana.web.signing.minutes import log_minutes

    Session = apps.get_model("processes", "Session")
    published = Session.objects.filter(minutes_published_at__isnull=False)
    for session in published.select_related("round__process").order_by("pk"):
        log_minutes(session)


class Migration(migrations.Migration):
    dependencies = [
        ("signing", "0003_revision_publication"),
        ("processes", "0003_minutes_publication"),
    ]

    operations = [migrations.RunPython(log_published, migrations.RunPython.noop)]
