"""The log entry: one recorded event of a process, in canonical bytes (what a leaf hashes).

An entry is a ``record``::

    astana/log-entry/v1
    seq <its index in the log, from 0>
    event <revision.issued | signature.added | decision.recorded | committee.approved
           | document.published | key.approved | key.revoked>
    process <process id>
    time <YYYY-MM-DDTHH:MM:SSZ>
    <attribute> <value>          sorted by name, each name once

``seq`` makes a deleted or reordered entry name itself in an audit. Each event type
requires some attributes (``REQUIRED_ATTRIBUTES``); a ``signature.added`` entry
carries the whole signed statement, the signer's public key and the signature, so
an auditor re-verifies the signature offline.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass

from .hashing import leaf_hash
from .keys import decode_base64
from .record import check_field, check_token, check_utc_time, decode_record, encode_record
from .statement import SignatureStatement

__all__ = ["ENTRY_TAG", "EVENT_TYPES", "REQUIRED_ATTRIBUTES", "LogEntry"]

ENTRY_TAG = "astana/log-entry/v1"
EVENT_TYPES = (
    "revision.issued",
    "signature.added",
    "decision.recorded",
    "committee.approved",
    "document.published",
    "key.approved",
    "key.revoked",
    "minutes.published",
)
REQUIRED_ATTRIBUTES: Mapping[str, tuple[str, ...]] = {
    "revision.issued": ("document", "revision", "revision-sha256"),
    "signature.added": ("public-key", "signature", "statement"),
    "decision.recorded": ("decision",),
    "committee.approved": ("committee",),
    "document.published": ("document", "revision", "revision-sha256"),
    # A delegate's public key, approved by the convener to sign for a delegation (from
    # ``valid-from``), and its revocation (from ``valid-until``).
    "key.approved": ("approved-by", "organisation", "public-key", "signer", "valid-from"),
    "key.revoked": ("public-key", "signer", "valid-until"),
    # A session's minutes (with agenda and attendance) as the convener published them, and
    # again after each correction: ``minutes-sha256`` is the hash of their content.
    "minutes.published": ("minutes-sha256", "session"),
}
_HEAD = ("seq", "event", "process", "time")
_SLOTS = ("seq", "event", "process", "time", "attributes")


@dataclass(frozen=True)
class LogEntry:
    """One event of the public record; ``to_bytes()`` is the leaf's data."""

    seq: int
    event: str
    process: str
    time: str
    attributes: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        self._check_head()
        for name, value in self.attributes:
            check_field(name, value)

    def _check_head(self) -> None:
        if not isinstance(self.seq, int) or isinstance(self.seq, bool) or self.seq < 0:
            raise ValueError("seq is a non-negative int")
        if self.event not in EVENT_TYPES:
            raise ValueError(f"unknown event type {self.event!r}")
        check_token(self.process, "the process id")
        check_utc_time(self.time)
        names = [name for name, _ in self.attributes]
        if names != sorted(set(names)):
            raise ValueError("attributes are sorted by name, each name once")
        if set(names) & set(_HEAD):
            raise ValueError(f"attribute names exclude {_HEAD}")
        missing = set(REQUIRED_ATTRIBUTES[self.event]) - set(names)
        if missing:
            raise ValueError(f"{self.event} needs attributes {sorted(missing)}")

    @classmethod
    def create(
        cls, *, seq: int, event: str, process: str, time: str, attributes: Mapping[str, str]
    ) -> LogEntry:
        """Build an entry from an unordered mapping of attributes."""
        return cls(seq, event, process, time, tuple(sorted(attributes.items())))

    @classmethod
    def signature_added(
        cls, *, seq: int, statement: SignatureStatement, public_key: bytes, signature: bytes
    ) -> LogEntry:
        """The entry recording a delegate's signature (time = the statement's time)."""
        attributes = {
            "public-key": base64.b64encode(public_key).decode("ascii"),
            "signature": base64.b64encode(signature).decode("ascii"),
            "statement": str(statement),
        }
        return cls.create(
            seq=seq,
            event="signature.added",
            process=statement.process,
            time=statement.time,
            attributes=attributes,
        )

    def attribute(self, name: str) -> str | None:
        """The value of attribute ``name``, or ``None``."""
        return dict(self.attributes).get(name)

    def __str__(self) -> str:
        head = (str(self.seq), self.event, self.process, self.time)
        return encode_record(ENTRY_TAG, [*zip(_HEAD, head, strict=True), *self.attributes])

    def to_bytes(self) -> bytes:
        """The canonical bytes of the entry (the leaf data)."""
        return str(self).encode("utf-8")

    def leaf_hash(self) -> bytes:
        """The RFC 6962 leaf hash of ``to_bytes()``."""
        return leaf_hash(self.to_bytes())

    @classmethod
    def parse(cls, record: str | bytes) -> LogEntry:
        """Parse canonical entry text or bytes; ``ValueError`` if not exact."""
        fields = decode_record(record, ENTRY_TAG)
        if tuple(name for name, _ in fields[:4]) != _HEAD:
            raise ValueError(f"a log entry starts with the fields {_HEAD}")
        seq = fields[0][1]
        if not seq.isascii() or not seq.isdigit() or str(int(seq)) != seq:
            raise ValueError("seq is canonical decimal")
        # decode_record has checked every field already: build without re-checking them
        # (this is the auditor's hot path), then check what ties the fields together.
        entry = object.__new__(cls)
        values = (int(seq), fields[1][1], fields[2][1], fields[3][1], tuple(fields[4:]))
        for name, value in zip(_SLOTS, values, strict=True):
            object.__setattr__(entry, name, value)
        entry._check_head()
        return entry

    def check_signature(self) -> None:
        """For ``signature.added``: raise ``ValueError`` unless the signature verifies.

        Also checks that the statement belongs to this entry's process and time.
        Other event types pass.
        """
        if self.event != "signature.added":
            return
        values = dict(self.attributes)
        statement = SignatureStatement.parse(values["statement"])
        public_key = decode_base64(values["public-key"], "the public key")
        signature = decode_base64(values["signature"], "the signature")
        if statement.process != self.process or statement.time != self.time:
            raise ValueError("the statement is of another process or time than the entry")
        if not statement.verify(public_key, signature):
            raise ValueError("the signature does not verify")
