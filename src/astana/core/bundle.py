"""Offline verification of a signed document's bundle (``astana verify``).

A bundle (format ``astana/bundle/v1``, JSON) carries the text of one revision in every
language, the log entries that matter to it (the revision issued, each signer's key
approval and any revocation, each signature), an inclusion proof for each entry, the log's
checkpoint with its witnesses' cosignatures and the log's public key. Nothing else is in
it: every value the report prints comes from the text (hashed) or from a log entry
(proven), never from an unsigned field.

What a bundle cannot vouch for itself is the key of the log that signed its checkpoint,
and the witnesses' keys: those come from outside (``Trust``: ``--log-key``, the key's
fingerprint, or the trust file the process publishes). Without them the report says that
the signatures verify but the log key was NOT independently verified. Each check gives a
line of the report in Arabic, English or Russian; the bundle verifies only when every check
passes.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from astana.core.ledger import (
    LogEntry,
    NoteError,
    SignatureStatement,
    SignedNote,
    VerifierKey,
    check_inclusion,
    fingerprint,
    open_checkpoint,
    same_fingerprint,
    verified_cosigners,
)
from astana.core.text import Document, Revision

__all__ = ["BUNDLE_FORMAT", "BundleCheck", "BundleReport", "Trust", "verify_bundle"]

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
    "log-key-fingerprint": {
        "en": "the log key has the fingerprint you gave ({value})",
        "ar": "لمفتاح السجل البصمة التي قدمتها ({value})",
        "ru": "отпечаток ключа журнала совпадает с указанным вами ({value})",
    },
    "log-key-unpinned": {
        "en": "log key NOT independently verified: it was taken from the bundle, fingerprint "
        "{value} (give --log-key or --trust)",
        "ar": "لم يتم التحقق من مفتاح السجل بشكل مستقل: أُخذ من الحزمة، بصمته {value} "
        "(استخدم --log-key أو --trust)",
        "ru": "ключ журнала НЕ проверен независимо: он взят из пакета, отпечаток {value} "
        "(укажите --log-key или --trust)",
    },
    "witnesses-unknown": {
        "en": "no witness keys given: {value} cosignature lines not checked; without witnesses "
        "the removal of the log's latest entries cannot be ruled out",
        "ar": "لم تُقدَّم مفاتيح شهود: لم يُتحقق من {value} من أسطر التوقيع المشترك؛ بلا شهود "
        "لا يمكن استبعاد حذف أحدث قيود السجل",
        "ru": "ключи свидетелей не указаны: {value} строк(и) совместных подписей не проверены; "
        "без свидетелей нельзя исключить удаление последних записей журнала",
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
        "en": "the log records Rev.{revision} of {document} ({process}) with this hash",
        "ar": "يسجّل السجل المراجعة {revision} من {document} ({process}) بهذه البصمة",
        "ru": "журнал фиксирует ред. {revision} документа {document} ({process}) с этим хешем",
    },
    "signature": {
        "en": "entry {index}: {signer} for {organisation} ({role}) signed at {time}"
        "{reservation}: {value}",
        "ar": "القيد {index}: {signer} عن {organisation} ({role}) وقّع في {time}"
        "{reservation}: {value}",
        "ru": "запись {index}: {signer} от {organisation} ({role}) подписал(а) {time}"
        "{reservation}: {value}",
    },
    "key": {
        "en": "{signer}'s key was approved for {organisation} by {approver} from {since}: {value}",
        "ar": "مفتاح {signer} اعتمده {approver} لـ {organisation} منذ {since}: {value}",
        "ru": "ключ {signer} одобрен для {organisation} ({approver}) с {since}: {value}",
    },
    "published": {
        "en": "entry {index}: the convener published Rev.{revision}, counting the signatures of "
        "entries {entries}; the bundle holds each of them: {value}",
        "ar": "القيد {index}: نشر المنظِّم المراجعة {revision} محتسباً توقيعات القيود {entries}؛ "
        "والحزمة تضمها كلها: {value}",
        "ru": "запись {index}: организатор опубликовал ред. {revision}, учтя подписи записей "
        "{entries}; все они есть в пакете: {value}",
    },
    "completeness-unproven": {
        "en": "no publication of Rev.{revision} in the bundle: it shows who signed, but cannot "
        "prove that no other signature exists (the text is not published yet, or the entry "
        "was left out)",
        "ar": "لا قيد نشر للمراجعة {revision} في الحزمة: تُثبت من وقّع، لكنها لا تُثبت عدم "
        "وجود توقيع آخر (لم يُنشر النص بعد، أو حُذف القيد)",
        "ru": "в пакете нет публикации ред. {revision}: он показывает, кто подписал, но не "
        "доказывает, что других подписей нет (текст ещё не опубликован или запись опущена)",
    },
    "summary": {
        "en": "{signed} of {parties} parties signed Rev.{revision} (sha256 {sha256}); "
        "guarantors: {guarantors}",
        "ar": "وقّع {signed} من {parties} أطراف على المراجعة {revision} (sha256 {sha256})؛ "
        "الضامنون: {guarantors}",
        "ru": "{signed} из {parties} сторон подписали ред. {revision} (sha256 {sha256}); "
        "гаранты: {guarantors}",
    },
}
NOTICES = frozenset({"log-key-unpinned", "witnesses-unknown", "completeness-unproven"})
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
        mark = "! " if self.key in NOTICES else "✓ " if self.ok else "✗ "
        line = mark + template.format(**arguments)
        if self.detail and not self.ok and ("value" in self.values or "{value}" not in template):
            line += f" — {self.detail}"
        return line


@dataclass(frozen=True)
class Trust:
    """What the verifier takes from outside the bundle: the log's key (or its fingerprint),
    and the witnesses' keys with how many of them must have cosigned the checkpoint."""

    log_key: VerifierKey | None = None
    log_fingerprint: str | None = None
    witnesses: tuple[VerifierKey, ...] = ()
    witnesses_required: int = 0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Trust:
        """A trust file (``GET /api/log/trust``, checked against what the process published):
        ``{"log_key": vkey, "log_key_fingerprint": ..., "witnesses": [vkey, ...],
        "witnesses_required": n}``; ``ValueError`` if malformed."""
        if not isinstance(data, Mapping):
            raise ValueError("a trust file is a JSON object")
        key = data.get("log_key")
        witnesses = data.get("witnesses", [])
        if not isinstance(witnesses, list):
            raise ValueError("witnesses is a list of verifier keys")
        parsed = tuple(VerifierKey.parse(str(w)) for w in witnesses)
        required = data.get("witnesses_required", 1 if parsed else 0)
        if not isinstance(required, int) or not 0 <= required <= len(parsed):
            raise ValueError(f"witnesses_required is a number from 0 to {len(parsed)}")
        printed = data.get("log_key_fingerprint")
        return cls(
            VerifierKey.parse(str(key)) if key else None,
            str(printed) if printed else None,
            parsed,
            required,
        )

    @classmethod
    def of_log_key(cls, text: str) -> Trust:
        """``--log-key``: the log's verifier key, or its fingerprint; ``ValueError`` else."""
        try:
            return cls(log_key=VerifierKey.parse(text.strip()))
        except ValueError:
            compact = text.replace(" ", "").replace(":", "").lower()
            if len(compact) == 32 and all(c in "0123456789abcdef" for c in compact):
                return cls(log_fingerprint=text)
            raise ValueError("not a verifier key nor a 32-hex-digit fingerprint") from None

    @property
    def pins_log(self) -> bool:
        return self.log_key is not None or self.log_fingerprint is not None


@dataclass
class BundleReport:
    checks: list[BundleCheck] = field(default_factory=list)
    # Whether the log key came from outside the bundle and matched.
    trusted: bool = False

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


def _canonical_text(document: Document, given: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical plain form of a bundle's text: every label stored (a text is stored with
    its labels, so none may be left out); a text stored before labels were data has none."""

    def labelled(provisions: Any) -> bool:
        return any("labels" in p or labelled(p.get("children", ())) for p in provisions)

    canonical = document.frozen().to_dict()
    if labelled(given.get("provisions", ())):
        return canonical

    def unlabelled(provisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {k: unlabelled(v) if k == "children" else v for k, v in p.items() if k != "labels"}
            for p in provisions
        ]

    return {**canonical, "provisions": unlabelled(canonical["provisions"])}


def verify_bundle(
    data: Mapping[str, Any], *, trust: Trust | None = None, log_key: VerifierKey | None = None
) -> BundleReport:
    """Check every part of ``data`` (a parsed bundle) against ``trust`` (or just a pinned
    ``log_key``); never raises on bad input."""
    report = BundleReport()
    if trust is None:
        trust = Trust(log_key=log_key)
    try:
        _verify(data, trust, report)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, NoteError) as error:
        report.add("format", False, f"malformed: {error!r}", value=BUNDLE_FORMAT)
    return report


ALLOWED = {
    "": {"format", "log", "document", "entries", "checkpoint"},
    "log": {"origin", "key"},
    "document": {"process", "id", "revision", "sha256", "text"},
    "entry": {"index", "data", "proof"},
}


def _only(where: str, value: Any) -> None:
    """Refuse a field the verifier would not check: nothing unsigned rides along."""
    extra = set(value) - ALLOWED[where]
    if extra:
        raise ValueError(f"unexpected field(s) {sorted(extra)} in {where or 'the bundle'}")


def _check_log_key(bundled: VerifierKey, trust: Trust, report: BundleReport) -> bool:
    printed = fingerprint(str(bundled).encode())
    if trust.log_key is not None:
        same = str(trust.log_key) == str(bundled)
        report.trusted = report.add(
            "log-key-pinned",
            same,
            "" if same else f"the bundle names {bundled}, not {trust.log_key}",
        )
        return same
    if trust.log_fingerprint is not None:
        same = same_fingerprint(trust.log_fingerprint, str(bundled).encode())
        report.trusted = report.add(
            "log-key-fingerprint",
            same,
            "" if same else f"the bundle's log key has fingerprint {printed}",
            value=trust.log_fingerprint,
        )
        return same
    report.add("log-key-unpinned", True, "", value=printed)
    return True


def _verify(data: Mapping[str, Any], trust: Trust, report: BundleReport) -> None:
    if not report.add(
        "format",
        data.get("format") == BUNDLE_FORMAT,
        ""
        if data.get("format") == BUNDLE_FORMAT
        else f"{data.get('format')!r} is not {BUNDLE_FORMAT}",
        value=BUNDLE_FORMAT,
    ):
        return
    _only("", data)
    _only("log", data["log"])
    _only("document", data["document"])
    bundled = VerifierKey.parse(data["log"]["key"])
    if not _check_log_key(bundled, trust, report):
        return
    note = SignedNote.parse(data["checkpoint"])
    try:
        checkpoint = open_checkpoint(note, bundled, origin=data["log"]["origin"])
    except ValueError as error:
        report.add("checkpoint", False, str(error), value="")
        return
    report.add("checkpoint", True, f"size {checkpoint.size}, root {checkpoint.root.hex()[:16]}…")
    if trust.witnesses:
        cosigners = verified_cosigners(note, list(trust.witnesses))
        names = ", ".join(k.name for k in cosigners) or "none"
        report.add(
            "witnesses",
            len(cosigners) >= trust.witnesses_required,
            f"{len(cosigners)} of {len(trust.witnesses)} ({names}); "
            f"{trust.witnesses_required} required",
        )
    else:
        report.add("witnesses-unknown", True, "", value=str(len(note.signatures) - 1))
    document = data["document"]
    revision = Revision(int(document["revision"]), Document.from_dict(document["text"]))
    if _canonical_text(revision.document, document["text"]) != document["text"]:
        raise ValueError("the document's text is not in its canonical form")
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
    indexes = [item["index"] for item in data["entries"]]
    if len(set(indexes)) != len(indexes):
        raise ValueError("an entry is in the bundle twice")
    for item in data["entries"]:
        _only("entry", item)
        entry = LogEntry.parse(item["data"])
        index = item["index"]
        try:
            if not isinstance(index, int) or entry.seq != index:
                raise ValueError(f"the entry says it is number {entry.seq}, not {index!r}")
            check_inclusion(
                entry.leaf_hash(), index, checkpoint.size, _b64list(item["proof"]), checkpoint.root
            )
            report.add("entry", True, "", index=str(index), event=entry.event)
            entries.append(entry)
        except ValueError as error:
            report.add("entry", False, str(error), index=str(index), event=entry.event)
    _check_record(document, revision, entries, report)


def _about(
    entries: list[LogEntry], event: str, document: Mapping[str, Any], revision: Revision
) -> list[LogEntry]:
    """The ``event`` entries about exactly this process, document, revision and hash."""
    return [
        e
        for e in entries
        if e.event == event
        and e.process == document["process"]
        and e.attribute("document") == document["id"]
        and e.attribute("revision") == str(revision.number)
        and e.attribute("revision-sha256") == revision.hash
    ]


def _issued(
    document: Mapping[str, Any], revision: Revision, entries: list[LogEntry], report: BundleReport
) -> LogEntry | None:
    """The ``revision.issued`` entry of exactly this process, document, revision and hash."""
    issued = _about(entries, "revision.issued", document, revision)
    report.add(
        "revision-issued",
        bool(issued),
        "" if issued else "no such entry in the bundle",
        revision=str(revision.number),
        document=str(document["id"]),
        process=str(document["process"]),
    )
    return issued[0] if issued else None


def _check_record(
    document: Mapping[str, Any], revision: Revision, entries: list[LogEntry], report: BundleReport
) -> None:
    issued = _issued(document, revision, entries, report)
    approvals = {e.attribute("public-key"): e for e in entries if e.event == "key.approved"}
    revocations: dict[str | None, LogEntry] = {}
    for e in entries:
        if e.event == "key.revoked":
            revocations.setdefault(e.attribute("public-key"), e)
    signatures = [e for e in entries if e.event == "signature.added"]
    if not signatures:
        report.add(
            "signature",
            False,
            "no signature in the bundle",
            index="—",
            signer="—",
            organisation="—",
            role="—",
            time="—",
            reservation="",
        )
    signed: dict[str, set[str]] = {"party": set(), "guarantor": set()}
    for entry in signatures:
        statement = SignatureStatement.parse(entry.attribute("statement") or "")
        key = entry.attribute("public-key")
        approval = approvals.get(key)
        organisation = (approval.attribute("organisation") if approval else None) or "?"
        values = {
            "index": str(entry.seq),
            "signer": statement.signer,
            "organisation": organisation,
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
            statement.process != document["process"]
            or statement.document != document["id"]
            or statement.revision != revision.number
            or statement.revision_sha256 != revision.hash
        ):
            problem = "the statement is about another process, document, revision or text"
        good = report.add("signature", not problem, problem, **values)
        revoked = revocations.get(key)
        fault = ""
        if approval is None:
            fault = "no approval of this key in the bundle"
        elif approval.attribute("signer") != statement.signer:
            fault = f"the key was approved for {approval.attribute('signer')}"
        elif approval.process != statement.process:
            fault = f"the key was approved in {approval.process}"
        elif (approval.attribute("valid-from") or "") > statement.time:
            fault = "the signature is older than the key's approval"
        elif revoked is not None and (revoked.attribute("valid-until") or "") <= statement.time:
            fault = "the key was revoked before the signature"
        good = (
            report.add(
                "key",
                not fault,
                fault,
                signer=statement.signer,
                organisation=organisation,
                approver=approval.attribute("approved-by") or "?" if approval else "?",
                since=approval.attribute("valid-from") or "?" if approval else "?",
            )
            and good
        )
        if good and statement.role in signed:
            signed[statement.role].add(organisation)
    _completeness(document, revision, entries, signatures, report)
    parties = (issued.attribute("parties") or "").split() if issued else []
    _summary(report, revision, signed, parties)


def _completeness(
    document: Mapping[str, Any],
    revision: Revision,
    entries: list[LogEntry],
    signatures: list[LogEntry],
    report: BundleReport,
) -> None:
    """Whether the bundle holds every signature: the convener's ``document.published`` entry
    lists the signature entries it counted; without it completeness is not proven (a notice)."""
    published = _about(entries, "document.published", document, revision)
    listed = (published[0].attribute("signature-entries") or "").split() if published else []
    if not listed:
        report.add("completeness-unproven", True, "", revision=str(revision.number))
        return
    held = {str(e.seq) for e in signatures}
    missing = [index for index in listed if index not in held]
    report.add(
        "published",
        not missing,
        f"the bundle lacks signature entries {', '.join(missing)}" if missing else "",
        index=str(published[0].seq),
        revision=str(revision.number),
        entries=", ".join(listed),
    )


def _summary(
    report: BundleReport, revision: Revision, signed: dict[str, set[str]], parties: list[str]
) -> None:
    """ "k of n parties signed Rev.N": n is the parties the log recorded with the revision."""
    outsiders = signed["party"] - set(parties) if parties else set()
    report.add(
        "summary",
        not outsiders,
        f"{', '.join(sorted(outsiders))} signed as a party but the log does not list them"
        if outsiders
        else "",
        signed=str(len(signed["party"])),
        parties=str(len(parties)) if parties else "?",
        revision=str(revision.number),
        sha256=revision.hash,
        guarantors=str(len(signed["guarantor"])),
    )
