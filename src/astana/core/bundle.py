"""Offline verification of a signed document's bundle (``astana verify``).

A bundle (format ``astana/bundle/v1``, JSON) carries the text of one revision in every
language, the log entries that matter to it (the revision issued, each signer's key
approval and any revocation, each signature), an inclusion proof for each entry, the log's
checkpoint with its witnesses' cosignatures, the log's public key and the witness keys.
Verification needs nothing else: no server, no database. Each check gives a line of the
report in Arabic, English or Russian; the bundle verifies only when every check passes.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from astana.core.ledger import (
    LogEntry,
    SignatureStatement,
    SignedNote,
    VerifierKey,
    check_inclusion,
    open_checkpoint,
    verified_cosigners,
)
from astana.core.text import Document, Revision

__all__ = ["BUNDLE_FORMAT", "BundleCheck", "BundleReport", "verify_bundle"]

BUNDLE_FORMAT = "astana/bundle/v1"

MESSAGES: dict[str, dict[str, str]] = {
    "format": {
        "en": "bundle format {value}",
        "ar": "صيغة الحزمة {value}",
        "ru": "формат пакета {value}",
    },
    "log-key": {"en": "log key {value}", "ar": "مفتاح السجل {value}", "ru": "ключ журнала {value}"},
    "log-key-pinned": {
        "en": "the log key is the one you gave",
        "ar": "مفتاح السجل هو المفتاح الذي قدمته",
        "ru": "ключ журнала совпадает с указанным вами",
    },
    "log-key-unpinned": {
        "en": "the log key was taken from the bundle (give --log-key to pin it)",
        "ar": "أُخذ مفتاح السجل من الحزمة (استخدم --log-key لتثبيته)",
        "ru": "ключ журнала взят из пакета (укажите --log-key, чтобы закрепить его)",
    },
    "checkpoint": {
        "en": "checkpoint signed by the log: {value}",
        "ar": "نقطة تحقق موقعة من السجل: {value}",
        "ru": "контрольная точка подписана журналом: {value}",
    },
    "witnesses": {
        "en": "witnesses cosigned: {value}",
        "ar": "شهود وقّعوا: {value}",
        "ru": "подписи свидетелей: {value}",
    },
    "text-hash": {
        "en": "the text of Rev.{revision} in {languages} has SHA-256 {value}",
        "ar": "نص المراجعة {revision} بلغات {languages} بصمته SHA-256 {value}",
        "ru": "текст ред. {revision} ({languages}) имеет SHA-256 {value}",
    },
    "entry": {
        "en": "log entry {index} ({event}) is in the log: {value}",
        "ar": "القيد {index} ({event}) موجود في السجل: {value}",
        "ru": "запись {index} ({event}) есть в журнале: {value}",
    },
    "revision-issued": {
        "en": "the log records Rev.{revision} with this hash",
        "ar": "يسجّل السجل المراجعة {revision} بهذه البصمة",
        "ru": "журнал фиксирует ред. {revision} с этим хешем",
    },
    "signature": {
        "en": "{signer} ({role}) signed at {time}{reservation}: {value}",
        "ar": "{signer} ({role}) وقّع في {time}{reservation}: {value}",
        "ru": "{signer} ({role}) подписал(а) {time}{reservation}: {value}",
    },
    "listed": {
        "en": "the signature of {signer} listed in the bundle is entry {index}: {value}",
        "ar": "توقيع {signer} المدرج في الحزمة هو القيد {index}: {value}",
        "ru": "подпись {signer}, указанная в пакете, — запись {index}: {value}",
    },
    "key": {
        "en": "{signer}'s key was approved by {approver} from {since}: {value}",
        "ar": "مفتاح {signer} اعتمده {approver} منذ {since}: {value}",
        "ru": "ключ {signer} одобрен {approver} с {since}: {value}",
    },
}
OK = {"en": "verified", "ar": "تم التحقق", "ru": "проверено"}
RESERVATION = {"en": " with reservation", "ar": " مع تحفظ", "ru": " с оговоркой"}


@dataclass(frozen=True)
class BundleCheck:
    key: str
    ok: bool
    detail: str
    values: Mapping[str, str] = field(default_factory=dict)

    def line(self, language: str) -> str:
        template = MESSAGES[self.key].get(language, MESSAGES[self.key]["en"])
        value = OK.get(language, "verified") if self.ok and not self.detail else self.detail
        arguments = {"value": value, **self.values}
        line = ("✓ " if self.ok else "✗ ") + template.format(**arguments)
        if "value" in self.values and self.detail and not self.ok:
            line += f" — {self.detail}"
        return line


@dataclass
class BundleReport:
    checks: list[BundleCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, key: str, ok: bool, detail: str = "", **values: str) -> bool:
        self.checks.append(BundleCheck(key, ok, detail, values))
        return ok

    def lines(self, language: str = "en") -> list[str]:
        return [c.line(language) for c in self.checks]


def _b64list(items: Sequence[str]) -> list[bytes]:
    return [base64.b64decode(item, validate=True) for item in items]


def verify_bundle(data: Mapping[str, Any], *, log_key: VerifierKey | None = None) -> BundleReport:
    """Check every part of ``data`` (a parsed bundle); never raises on bad input."""
    report = BundleReport()
    try:
        _verify(data, log_key, report)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        report.add("format", False, f"malformed: {error}")
    return report


def _verify(data: Mapping[str, Any], pinned: VerifierKey | None, report: BundleReport) -> None:
    if not report.add(
        "format",
        data.get("format") == BUNDLE_FORMAT,
        ""
        if data.get("format") == BUNDLE_FORMAT
        else f"{data.get('format')!r} is not {BUNDLE_FORMAT}",
        value=BUNDLE_FORMAT,
    ):
        return
    bundled = VerifierKey.parse(data["log"]["key"])
    if pinned is not None:
        if not report.add(
            "log-key-pinned",
            str(pinned) == str(bundled),
            "" if str(pinned) == str(bundled) else f"the bundle names {bundled}, not {pinned}",
        ):
            return
    else:
        report.add("log-key-unpinned", True, "")
    note = SignedNote.parse(data["checkpoint"])
    try:
        checkpoint = open_checkpoint(note, bundled, origin=data["log"]["origin"])
    except ValueError as error:
        report.add("checkpoint", False, str(error), value="")
        return
    report.add("checkpoint", True, f"size {checkpoint.size}, root {checkpoint.root.hex()[:16]}…")
    witnesses = [VerifierKey.parse(k) for k in data.get("witnesses", [])]
    required = int(data.get("witnesses_required", 0))
    cosigners = verified_cosigners(note, witnesses)
    names = ", ".join(k.name for k in cosigners) or "none"
    report.add(
        "witnesses",
        len(cosigners) >= required,
        f"{len(cosigners)} of {len(witnesses)} ({names}); {required} required",
    )
    document = data["document"]
    revision = Revision(int(document["revision"]), Document.from_dict(document["text"]))
    languages = ", ".join(revision.document.languages)
    report.add(
        "text-hash",
        revision.hash == document["sha256"],
        ""
        if revision.hash == document["sha256"]
        else f"computed {revision.hash}, bundle says {document['sha256']}",
        value=revision.hash,
        revision=str(revision.number),
        languages=languages,
    )
    entries: list[LogEntry] = []
    for item in data["entries"]:
        entry = LogEntry.parse(item["data"])
        index = int(item["index"])
        try:
            if entry.seq != index:
                raise ValueError(f"the entry says it is number {entry.seq}")
            check_inclusion(
                entry.leaf_hash(), index, checkpoint.size, _b64list(item["proof"]), checkpoint.root
            )
            report.add("entry", True, "", index=str(index), event=entry.event)
            entries.append(entry)
        except ValueError as error:
            report.add("entry", False, str(error), index=str(index), event=entry.event)
    _check_record(document, revision, entries, report)
    verified = {e.seq for e in entries if e.event == "signature.added"}
    for listed in data.get("signatures", []):
        present = int(listed["entry"]) in verified
        report.add(
            "listed",
            present,
            "" if present else "its log entry is missing from the bundle",
            signer=str(listed.get("signer", "?")),
            index=str(listed["entry"]),
        )


def _check_record(
    document: Mapping[str, Any], revision: Revision, entries: list[LogEntry], report: BundleReport
) -> None:
    issued = [
        e
        for e in entries
        if e.event == "revision.issued"
        and e.attribute("document") == document["id"]
        and e.attribute("revision") == str(revision.number)
    ]
    report.add(
        "revision-issued",
        any(e.attribute("revision-sha256") == revision.hash for e in issued),
        "" if issued else "no such entry in the bundle",
        revision=str(revision.number),
    )
    approvals = {e.attribute("public-key"): e for e in entries if e.event == "key.approved"}
    revocations = {e.attribute("public-key"): e for e in entries if e.event == "key.revoked"}
    signatures = [e for e in entries if e.event == "signature.added"]
    if not signatures:
        report.add(
            "signature",
            False,
            "no signature in the bundle",
            signer="—",
            role="—",
            time="—",
            reservation="",
        )
    for entry in signatures:
        statement = SignatureStatement.parse(entry.attribute("statement") or "")
        values = {
            "signer": statement.signer,
            "role": statement.role,
            "time": statement.time,
            "reservation": " (" + statement.reservation + ")" if statement.reservation else "",
        }
        problem = ""
        try:
            entry.check_signature()
        except ValueError as error:
            problem = str(error)
        if not problem and (
            statement.document != document["id"]
            or statement.revision != revision.number
            or statement.revision_sha256 != revision.hash
        ):
            problem = "the statement is about another document, revision or text"
        report.add("signature", not problem, problem, **values)
        key = entry.attribute("public-key")
        approval = approvals.get(key)
        revoked = revocations.get(key)
        fault = ""
        if approval is None:
            fault = "no approval of this key in the bundle"
        elif approval.attribute("signer") != statement.signer:
            fault = f"the key was approved for {approval.attribute('signer')}"
        elif (approval.attribute("valid-from") or "") > statement.time:
            fault = "the signature is older than the key's approval"
        elif revoked is not None and (revoked.attribute("valid-until") or "") <= statement.time:
            fault = "the key was revoked before the signature"
        report.add(
            "key",
            not fault,
            fault,
            signer=statement.signer,
            approver=approval.attribute("approved-by") or "?" if approval else "?",
            since=approval.attribute("valid-from") or "?" if approval else "?",
        )
