"""The platform's audit of its own rows against its log (``astana audit``).

The log proves what was recorded; the pages, downloads and bundles read the database. So
the audit re-derives, from the rows, everything the log recorded and compares: every
revision's text is re-hashed and checked against its ``revision.issued`` entry; every
signature row against its ``signature.added`` entry (statement, signature, key, signer,
delegation, reservation, time); every key approval and revocation against its entry; every
cosignature against its witness's key; published minutes against their latest
``minutes.published`` entry; and every leaf's stored hash against its data. Each finding
names the table, the row and what differs.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from astana.core.ledger import (
    LogEntry,
    SignatureStatement,
    SignedNote,
    VerifierKey,
    format_utc_time,
)
from astana.core.text import Document, Revision
from astana.web.negotiation.models import TextRevision
from astana.web.processes.models import Session
from astana.web.signing.minutes import logged_minutes, minutes_sha256, session_ref
from astana.web.signing.models import Cosignature, DelegateKey, DocumentSignature, LogLeaf

__all__ = [
    "Mismatch",
    "key_mismatches",
    "minutes_mismatches",
    "revision_mismatches",
    "row_mismatches",
    "signature_mismatches",
]


@dataclass(frozen=True)
class Mismatch:
    """A row that no longer agrees with the log: ``row`` names it, ``reason`` says how."""

    row: str
    reason: str

    def __str__(self) -> str:
        return f"{self.row}: {self.reason}"


def _entry(leaf: LogLeaf | None) -> LogEntry | None:
    if leaf is None:
        return None
    try:
        return LogEntry.parse(leaf.data)
    except ValueError:
        return None  # the log audit reports the malformed entry itself


def _utc(moment: datetime | None) -> str:
    return format_utc_time(moment.astimezone(UTC).replace(microsecond=0)) if moment else ""


def _b64(hex_key: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_key)).decode()


def _differences(entry: LogEntry, expected: dict[str, str]) -> list[str]:
    """``name: row says X, log says Y`` for each attribute (or ``process``) that differs."""
    found = []
    for name, value in expected.items():
        logged = entry.process if name == "process" else entry.attribute(name)
        if logged != value:
            found.append(f"{name}: the row says {value!r}, the log says {logged!r}")
    return found


def revision_mismatches(row: TextRevision) -> list[str]:
    """Why a stored revision disagrees with its hash or its ``revision.issued`` entry."""
    problems = []
    try:
        computed = Revision(row.number, Document.from_dict(row.document)).hash
    except (KeyError, TypeError, ValueError) as error:
        computed = f"(unreadable: {error})"
    if computed != row.sha256:
        problems.append(f"the stored text hashes to {computed}, not the issued {row.sha256}")
    entry = _entry(row.log_entry)
    if entry is None:
        problems.append("it has no revision.issued entry in the log")
        return problems
    problems += _differences(
        entry,
        {
            "process": row.text.round.process.slug,
            "document": row.text.document_id,
            "revision": str(row.number),
            "revision-sha256": computed,
        },
    )
    return problems


def signature_mismatches(row: DocumentSignature) -> list[str]:
    """Why a signature row disagrees with its ``signature.added`` entry or its key's approval."""
    entry = _entry(row.entry)
    if entry is None or entry.event != "signature.added":
        return [f"its log entry {row.entry.index} is not a signature.added entry"]
    problems = _differences(
        entry,
        {
            "statement": row.statement,
            "signature": row.signature,
            "public-key": _b64(row.key.public_key),
        },
    )
    try:
        statement = SignatureStatement.parse(entry.attribute("statement") or "")
    except ValueError as error:
        return [*problems, f"the logged statement is malformed: {error}"]
    expected = {
        "process": row.text.round.process.slug,
        "document": row.text.document_id,
        "revision": str(row.revision),
        "revision-sha256": row.revision_sha256,
        "signer": row.key.user.get_username(),
        "time": _utc(row.signed_at),
        "reservation": row.reservation,
    }
    logged = {
        "process": statement.process,
        "document": statement.document,
        "revision": str(statement.revision),
        "revision-sha256": statement.revision_sha256,
        "signer": statement.signer,
        "time": statement.time,
        "reservation": statement.reservation or "",
    }
    for name, value in expected.items():
        if logged[name] != value:
            problems.append(
                f"{name}: the row says {value!r}, the signed statement {logged[name]!r}"
            )
    approval = _entry(row.key.approval_entry)
    slug = row.organisation.slug
    if row.organisation_id != row.key.organisation_id:
        problems.append(f"organisation: the row says {slug!r}, its key is another delegation's")
    elif approval is not None and approval.attribute("organisation") != slug:
        problems.append(
            f"organisation: the row says {slug!r}, the key's approval in the log "
            f"{approval.attribute('organisation')!r}"
        )
    return problems


def _key_differences(what: str, entry: LogEntry, key: DelegateKey, **more: str) -> list[str]:
    """``{what} name: ...`` for each attribute of the key's ``entry`` (its approval or its
    revocation) that differs from the key's row: its process, public key and signer, then
    ``more`` (``valid_until`` is the attribute ``valid-until``)."""
    expected = {
        "process": key.process.slug,
        "public-key": _b64(key.public_key),
        "signer": key.user.get_username(),
        **{name.replace("_", "-"): value for name, value in more.items()},
    }
    return [f"{what} {p}" for p in _differences(entry, expected)]


def key_mismatches(key: DelegateKey) -> list[str]:
    """Why a key's approval or revocation disagrees with its log entries."""
    problems: list[str] = []
    approval = _entry(key.approval_entry)
    if approval is None:
        if key.state == DelegateKey.State.APPROVED or (
            key.state == DelegateKey.State.REVOKED and key.revocation_entry_id is not None
        ):
            problems.append(f"the key is {key.state} but its approval is not in the log")
    else:
        if approval.event != "key.approved":
            return [f"its approval entry {approval.seq} is a {approval.event} entry"]
        if key.state == DelegateKey.State.PENDING:
            problems.append("the key is pending but the log approved it")
        problems += _key_differences(
            "approval",
            approval,
            key,
            organisation=key.organisation.slug,
            approved_by=key.approved_by.get_username() if key.approved_by else "",
            valid_from=_utc(key.valid_from),
        )
    revocation = _entry(key.revocation_entry)
    if revocation is None:
        if approval is not None and key.state == DelegateKey.State.REVOKED:
            problems.append("the key is revoked but its revocation is not in the log")
    else:
        if key.state != DelegateKey.State.REVOKED:
            problems.append(f"the key is {key.state} but the log revoked it")
        problems += _key_differences(
            "revocation", revocation, key, valid_until=_utc(key.valid_until)
        )
    return problems


def minutes_mismatches(session: Session) -> list[str]:
    """Why published minutes differ from what the log recorded at publication."""
    entry = _entry(logged_minutes(session))
    if entry is None:
        return ["the minutes are published but their hash is not in the log"]
    computed = minutes_sha256(session)
    logged = entry.attribute("minutes-sha256")
    if logged != computed:
        return [f"the minutes now hash to {computed}, the log recorded {logged} at publication"]
    return []


def _cosignature_mismatch(row: Cosignature) -> list[str]:
    key = VerifierKey.parse(row.witness.verifier_key)
    try:
        note = SignedNote.parse(row.checkpoint.note)
        line = SignedNote.parse(note.text + "\n" + row.line + "\n").signatures[0]
    except ValueError as error:
        return [f"the cosignature line is malformed: {error}"]
    if not (line.is_by(key) and line.verify(key, note.text)):
        return [f"the cosignature does not verify with {row.witness.name}'s key"]
    return []


def row_mismatches() -> Iterator[Mismatch]:
    """Every row of the record that disagrees with the log, table by table."""
    for leaf in LogLeaf.objects.order_by("index").iterator(chunk_size=2000):
        try:
            computed = LogEntry.parse(leaf.data).leaf_hash()
        except ValueError:
            continue  # the log audit names a malformed entry
        if bytes(leaf.leaf_hash) != computed:
            yield Mismatch(
                f"signing_logleaf index {leaf.index}", "the stored leaf hash is not its data's"
            )
    for revision in TextRevision.objects.select_related(
        "text__round__process", "log_entry"
    ).order_by("pk"):
        name = f"negotiation_textrevision id {revision.pk} ({revision.text.document_id} "
        name += f"Rev.{revision.number})"
        for problem in revision_mismatches(revision):
            yield Mismatch(name, problem)
    for signature in DocumentSignature.objects.select_related(
        "text__round__process",
        "entry",
        "organisation",
        "key__user",
        "key__approval_entry",
    ).order_by("pk"):
        name = f"signing_documentsignature id {signature.pk} ({signature.organisation.slug} on "
        name += f"{signature.text.document_id} Rev.{signature.revision}, "
        name += f"entry {signature.entry.index})"
        for problem in signature_mismatches(signature):
            yield Mismatch(name, problem)
    for key in DelegateKey.objects.select_related(
        "process", "user", "organisation", "approved_by", "approval_entry", "revocation_entry"
    ).order_by("pk"):
        name = f"signing_delegatekey id {key.pk} ({key.user.get_username()}, {key.state})"
        for problem in key_mismatches(key):
            yield Mismatch(name, problem)
    for cosignature in Cosignature.objects.select_related("checkpoint", "witness").order_by("pk"):
        name = f"signing_cosignature id {cosignature.pk} ({cosignature.witness.name} on the "
        name += f"checkpoint at size {cosignature.checkpoint.size})"
        for problem in _cosignature_mismatch(cosignature):
            yield Mismatch(name, problem)
    published = Session.objects.filter(minutes_published_at__isnull=False)
    for session in published.select_related("round__process").order_by("pk"):
        name = f"processes_session id {session.pk} ({session.round.process.slug} "
        name += f"{session_ref(session)})"
        for problem in minutes_mismatches(session):
            yield Mismatch(name, problem)
