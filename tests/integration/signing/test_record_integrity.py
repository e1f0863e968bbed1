"""The record's rows against its log: a raw SQL edit of any stored row (revision text,
signature, key approval, revocation, checkpoint, log leaf, cosignature, published minutes)
makes ``astana audit`` name the row and what differs, and exit non-zero; pages, downloads and
bundles refuse a revision whose stored text no longer has its hash (a clear 409, not a 500).
Removing the log's latest entries passes the audit unless a witness kept a checkpoint."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from typer.testing import CliRunner

from astana.cli import app
from astana.core.ledger import LogEntry
from astana.web.accounts.models import User
from astana.web.common.errors import Tampered
from astana.web.negotiation import actions as room
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Session
from astana.web.signing import actions, log
from astana.web.signing.bundle import build_bundle
from astana.web.signing.models import (
    Checkpoint,
    Cosignature,
    DelegateKey,
    DocumentSignature,
    LogLeaf,
    LogNode,
    RevisionPublication,
)

pytestmark = pytest.mark.django_db


def _audit(*extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", *extra])
    return result.exit_code, result.stdout


def _sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _revision_text(text: NegotiationText) -> None:
    row = text.revisions.get(number=1)
    edited = json.dumps(row.document).replace("three months", "three years")
    assert edited != json.dumps(row.document)
    _sql("UPDATE negotiation_textrevision SET document = %s WHERE id = %s", edited, row.pk)


def _reservation(text: NegotiationText) -> None:
    row = DocumentSignature.objects.filter(text=text).order_by("pk").first()
    _sql(
        "UPDATE signing_documentsignature SET reservation = %s WHERE id = %s",
        "except article 2",
        row.pk,
    )


def _signature_delegation(text: NegotiationText) -> None:
    first, second = DocumentSignature.objects.filter(text=text).order_by("pk")[:2]
    _sql("DELETE FROM signing_documentsignature WHERE id = %s", second.pk)
    _sql(
        "UPDATE signing_documentsignature SET organisation_id = %s WHERE id = %s",
        second.organisation_id,
        first.pk,
    )


def _key_approval(text: NegotiationText) -> None:
    key = DelegateKey.objects.filter(state="approved").order_by("pk").first()
    _sql(
        "UPDATE signing_delegatekey SET valid_from = valid_from - INTERVAL '1 day' WHERE id = %s"
        if connection.vendor == "postgresql"
        else "UPDATE signing_delegatekey SET valid_from = datetime(valid_from, '-1 day') "
        "WHERE id = %s",
        key.pk,
    )


def _revocation(text: NegotiationText) -> None:
    key = DelegateKey.objects.filter(state="approved").order_by("pk").last()
    actions.key_revoke(user=User.objects.get(username="convener"), key_id=key.pk)
    _sql(
        "UPDATE signing_delegatekey SET valid_until = %s WHERE id = %s",
        "2000-01-01 00:00:00+00:00" if connection.vendor == "postgresql" else "2000-01-01 00:00:00",
        key.pk,
    )


def _checkpoint(text: NegotiationText) -> None:
    row, later = Checkpoint.objects.order_by("size")[2:4]
    root, other = row.note.split("\n")[2], later.note.split("\n")[2]
    _sql(
        "UPDATE signing_checkpoint SET note = %s WHERE id = %s",
        row.note.replace(root, other),
        row.pk,
    )


def _leaf(text: NegotiationText) -> None:
    leaf = LogLeaf.objects.get(index=3)
    _sql(
        "UPDATE signing_logleaf SET data = %s WHERE id = %s",
        leaf.data.replace("time 2", "time 1", 1),
        leaf.pk,
    )


def _cosignature(text: NegotiationText) -> None:
    row = Cosignature.objects.get()
    other = Checkpoint.objects.exclude(pk=row.checkpoint_id).order_by("-size").first()
    _sql("UPDATE signing_cosignature SET checkpoint_id = %s WHERE id = %s", other.pk, row.pk)


def _published_minutes(text: NegotiationText) -> None:
    _published_minutes_unchanged(text)
    session = Session.objects.get(round=text.round, number=1)
    assert _audit()[0] == 0
    _sql(
        "UPDATE processes_session SET minutes_en = %s WHERE id = %s",
        "The parties agreed on nothing.",
        session.pk,
    )


TAMPERS: dict[str, tuple[Callable[[NegotiationText], None], str, str]] = {
    "revision text": (_revision_text, "negotiation_textrevision", "the stored text hashes to"),
    "signature reservation": (_reservation, "signing_documentsignature", "reservation"),
    "signature delegation": (_signature_delegation, "signing_documentsignature", "organisation"),
    "key approval": (_key_approval, "signing_delegatekey", "approval valid-from"),
    "revocation": (_revocation, "signing_delegatekey", "revocation valid-until"),
    "checkpoint": (_checkpoint, "signing_checkpoint size 3", "not a valid signed checkpoint"),
    "log leaf": (
        _leaf,
        "signing_checkpoint size 4, signing_logleaf index 3",
        "root does not match the entries",
    ),
    "cosignature": (_cosignature, "signing_cosignature", "does not verify"),
    "published minutes": (_published_minutes, "processes_session", "the minutes now hash to"),
}


@pytest.mark.parametrize("kind", list(TAMPERS))
def test_an_edited_row_is_named_by_the_audit(statement: NegotiationText, kind: str) -> None:
    status, output = _audit()
    assert status == 0 and "log verified" in output, output
    tamper, table, reason = TAMPERS[kind]
    tamper(statement)
    status, output = _audit()
    assert status == 1, output
    named = [line for line in output.splitlines() if line.startswith("FAILED: " + table)]
    assert any(reason in line for line in named), output


@pytest.mark.parametrize("read_before", [False, True], ids=["cold", "read-before-the-edit"])
def test_pages_downloads_and_bundles_refuse_an_edited_revision(
    statement: NegotiationText, read_before: bool
) -> None:
    party = Client()
    party.force_login(User.objects.get(username="party1"))
    if read_before:
        # The server keeps the revision it read (common.kept); what it kept must not stand in
        # for a row edited since.
        page = party.get(f"/en/texts/{statement.pk}/?revision=1")
        assert page.status_code == 200 and "three months" in page.content.decode()
    _revision_text(statement)
    pages = [
        f"/en/texts/{statement.pk}/",
        f"/en/texts/{statement.pk}/download.txt?revision=1&view=clean",
        f"/en/record/bundles/{statement.pk}/1.json",
        f"/en/record/signed/{statement.pk}/1.pdf",
    ]
    for url in pages:
        response = party.get(url)
        assert response.status_code == 409, (url, response.status_code)
        assert "does not match the SHA-256" in response.content.decode(), url
        assert "three years" not in response.content.decode()
    api = Client().get(f"/api/log/bundles/{statement.pk}/1")
    assert api.status_code == 409 and "does not match" in api.json()["error"]
    with pytest.raises(Tampered):
        build_bundle(statement, 1)


def test_the_record_page_hides_an_edited_signature(statement: NegotiationText) -> None:
    _reservation(statement)
    page = Client().get("/en/record/").content.decode()
    assert "except article 2" not in page
    assert "no longer matches the log" in page
    party = Client()
    party.force_login(User.objects.get(username="party1"))
    pdf = party.get(f"/en/record/signed/{statement.pk}/1.pdf")
    assert pdf.status_code == 409 and "no longer matches" in pdf.content.decode()


def _truncate(entries: int) -> None:
    """What an operator with the database could do: drop the last ``entries`` entries and every
    row that refers to them, and set the head back."""
    size = log.tree_size()
    keep = size - entries
    gone = list(LogLeaf.objects.filter(index__gte=keep).values_list("pk", flat=True))
    DocumentSignature.objects.filter(entry_id__in=gone).delete()
    RevisionPublication.objects.filter(entry_id__in=gone).delete()
    Cosignature.objects.filter(checkpoint__size__gt=keep).delete()
    Checkpoint.objects.filter(size__gt=keep).delete()
    LogLeaf.objects.filter(pk__in=gone).delete()
    LogNode.objects.filter(
        pk__in=[n.pk for n in LogNode.objects.all() if (n.index + 1) << n.level > keep]
    ).delete()
    _sql("UPDATE signing_loghead SET size = %s, frontier = %s WHERE id = 1", keep, b"")


def test_removing_the_latest_entries_shows_only_against_a_witness(
    statement: NegotiationText, tmp_path: Path
) -> None:
    kept = tmp_path / "witness.json"  # the witness keeps its cosigned checkpoint elsewhere
    shutil.copy(Path(settings.VAR_DIR) / "demo-witness.json", kept)
    assert _audit("--witnessed", str(kept))[0] == 0
    _truncate(2)  # party3's signature and the publication are gone from log and database
    status, output = _audit()
    assert status == 0, output  # without a witness, nothing shows: this is what it cannot prove
    status, output = _audit("--witnessed", str(kept))
    assert status == 1 and "were removed" in output, output
    size = log.tree_size()
    assert f"entries {size}..{size + 1}" in output


def test_minutes_published_before_the_log_kept_them_get_their_entry(
    statement: NegotiationText,
) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("astana.web.signing.migrations.0004_minutes_on_the_log")
    session = Session.objects.get(round=statement.round, number=1)
    Session.objects.filter(pk=session.pk).update(minutes_published_at=session.opened_at)
    status, output = _audit()
    assert status == 1 and "their hash is not in the log" in output, output
    before = _minutes_entries(session)
    migration.log_published(apps, None)
    migration.log_published(apps, None)  # once: a second run adds nothing
    assert _minutes_entries(session) == before + 1
    assert _audit()[0] == 0


def test_a_correction_of_published_minutes_goes_on_the_log(statement: NegotiationText) -> None:
    _published_minutes_unchanged(statement)
    session = Session.objects.get(round=statement.round, number=1)
    assert _minutes_entries(session) == 1
    room.session_record(
        user=User.objects.get(username="secretariat"),
        round_id=statement.round.pk,
        number=1,
        based_on=session.version,
        agenda=["Opening"],
        agenda_language="en",
        attendance=[],
        minutes={"en": "Corrected: the session opened at ten."},
    )
    assert _minutes_entries(session) == 2
    assert _audit()[0] == 0


def _minutes_entries(session: Session) -> int:
    ref = f"\nsession {session.round.slug}/{session.number}\n"
    return LogLeaf.objects.filter(event="minutes.published", data__contains=ref).count()


def _published_minutes_unchanged(text: NegotiationText) -> None:
    rnd = text.round
    session = Session.objects.get(round=rnd, number=1)
    room.session_close(
        user=User.objects.get(username="host"), round_id=rnd.pk, number=1, based_on=session.version
    )
    session.refresh_from_db()
    room.session_publish_minutes(
        user=User.objects.get(username="convener"),
        round_id=rnd.pk,
        number=1,
        based_on=session.version,
    )


def test_the_audit_says_what_waits_for_integration_and_passes(statement: NegotiationText) -> None:
    """A leaf written and not yet integrated (log.py: concurrent writers) is not in the log: the
    audit verifies the log without it, says that it waits, and passes; once integrated it is
    verified with the rest."""
    size = log.tree_size()
    entry = LogEntry.create(
        seq=0,
        event="document.published",
        process="astana-platform",
        time=log.now_utc(),
        attributes={"document": "waiting/text", "revision": "1", "revision-sha256": "0" * 64},
    )
    LogLeaf.rows.create(index=None, event=entry.event, data=str(entry), leaf_hash=b"")
    status, output = _audit()
    assert status == 0 and f"log verified: {size} entries" in output, output
    assert "1 entries are written and wait for integration" in output
    assert log.integrate() == 1
    status, output = _audit()
    assert status == 0 and f"log verified: {size + 1} entries" in output, output
    assert "wait for integration" not in output
