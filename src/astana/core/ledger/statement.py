"""What a delegate signs: the canonical statement of a signature on a revision.

The Ed25519 signature covers exactly these bytes (a ``record``), so it binds the
signer, their role, the process, the document, the revision number, the SHA-256 of
the revision (which covers every language version), the time, and any reservation::

    astana/signature/v1
    process <id>
    document <id>
    revision <n>
    revision-sha256 <64 lowercase hex digits>
    signer <id>
    role <role>
    time <YYYY-MM-DDTHH:MM:SSZ>
    reservation <text, escaped>          (only when there is one)

The first line separates these signatures from every other use of the same key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import ed25519
from .record import check_field, check_token, check_utc_time, decode_record, encode_record

__all__ = ["SIGNATURE_TAG", "SignatureStatement"]

SIGNATURE_TAG = "astana/signature/v1"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_NAMES = ("process", "document", "revision", "revision-sha256", "signer", "role", "time")


@dataclass(frozen=True)
class SignatureStatement:
    """A delegate's signature statement on one revision of one document."""

    process: str
    document: str
    revision: int
    revision_sha256: str
    signer: str
    role: str
    time: str
    reservation: str | None = None

    def __post_init__(self) -> None:
        check_token(self.process, "the process id")
        check_token(self.document, "the document id")
        if not isinstance(self.revision, int) or isinstance(self.revision, bool):
            raise TypeError("a revision number is an int")
        if self.revision < 0:
            raise ValueError("a revision number is not negative")
        if not _HEX64.fullmatch(self.revision_sha256):
            raise ValueError("the revision hash is 64 lowercase hex digits")
        check_token(self.signer, "the signer id")
        check_token(self.role, "the role")
        check_utc_time(self.time)
        if self.reservation is not None:
            check_field("reservation", self.reservation)

    @staticmethod
    def normalise(text: str) -> str:
        """Return free text as statements hold it: NFC, line breaks as ``\\n``."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return unicodedata.normalize("NFC", text)

    def _fields(self) -> list[tuple[str, str]]:
        values = (
            self.process,
            self.document,
            str(self.revision),
            self.revision_sha256,
            self.signer,
            self.role,
            self.time,
        )
        fields = list(zip(_NAMES, values, strict=True))
        if self.reservation is not None:
            fields.append(("reservation", self.reservation))
        return fields

    def __str__(self) -> str:
        return encode_record(SIGNATURE_TAG, self._fields())

    def to_bytes(self) -> bytes:
        """The canonical bytes that are signed."""
        return str(self).encode("utf-8")

    @classmethod
    def parse(cls, text: str | bytes) -> SignatureStatement:
        """Parse canonical statement text or bytes; ``ValueError`` if not exact."""
        fields = decode_record(text, SIGNATURE_TAG)
        names = tuple(name for name, _ in fields)
        if names not in (_NAMES, (*_NAMES, "reservation")):
            raise ValueError(f"a signature statement has the fields {_NAMES}")
        values = dict(fields)
        revision = values["revision"]
        if not revision.isascii() or not revision.isdigit() or str(int(revision)) != revision:
            raise ValueError("the revision number is canonical decimal")
        statement = cls(
            process=values["process"],
            document=values["document"],
            revision=int(revision),
            revision_sha256=values["revision-sha256"],
            signer=values["signer"],
            role=values["role"],
            time=values["time"],
            reservation=values.get("reservation"),
        )
        return statement

    def sign(self, private_key: bytes) -> bytes:
        """Return the signer's 64-byte Ed25519 signature of the canonical bytes."""
        return ed25519.sign(private_key, self.to_bytes())

    def verify(self, public_key: bytes, signature: bytes) -> bool:
        """Return whether ``signature`` is ``public_key``'s signature of this statement."""
        return ed25519.verify(public_key, self.to_bytes(), signature)
