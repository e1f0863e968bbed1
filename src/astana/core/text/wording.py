"""What a position or an agreement is bound to: the exact wording of one provision.

A provision's **wording fingerprint** is the SHA-256 (lower-case hex) of the UTF-8 JSON
``{"format": "astana-wording/1", "id": ..., "kind": ..., "text": {language: notation}}``
written like the revision's canonical form (keys sorted, no spaces, every string in NFC).
The notation of each language version carries its brackets, its options and who holds
them, so a change to any of these in *any* language version (or a language version added
or removed) is a new wording. The provision's display number and its sub-provisions are
not part of it: moving a provision does not change what it says, and each sub-provision
has its own wording.

A :class:`Wording` is that fingerprint together with the revision it was taken from, so
that a stale position can say "given on Rev.1 wording".
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from astana.core.text.provision import Provision
from astana.core.text.revision import Revision, RevisionNumber

__all__ = ["UNKNOWN_WORDING", "WORDING_FORMAT", "Wording", "wording_fingerprint"]

#: The format name written into every fingerprinted content.
WORDING_FORMAT: Final = "astana-wording/1"
_FINGERPRINT: Final = re.compile(r"[0-9a-f]{64}")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def wording_fingerprint(provision: Provision) -> str:
    """SHA-256 of ``provision``'s own wording in every language version (see the module)."""
    content = {
        "format": WORDING_FORMAT,
        "id": provision.id,
        "kind": str(provision.kind),
        "text": {lang: _nfc(str(text)) for lang, text in provision.texts},
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Wording:
    """The wording something was given on: the revision and the provision's fingerprint.

    ``Wording()`` (no revision, no fingerprint) is an unknown wording, from before positions
    were bound to one: it matches no provision.
    """

    revision: int | None = None
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if self.revision is not None and self.revision < 0:
            raise ValueError("revision numbers start at 0")
        if self.fingerprint and not _FINGERPRINT.fullmatch(self.fingerprint):
            raise ValueError(f"not a wording fingerprint: {self.fingerprint!r}")
        if (self.revision is None) != (not self.fingerprint):
            raise ValueError("a wording has both a revision and a fingerprint, or neither")

    @classmethod
    def of(cls, revision: Revision, provision: str) -> Wording:
        """The wording of ``provision`` in ``revision``; ValueError if it has no such one."""
        if provision not in revision.document:
            raise ValueError(f"there is no provision {provision} in {revision.label}")
        return cls(revision.number, wording_fingerprint(revision.document[provision]))

    @property
    def known(self) -> bool:
        """False for a wording recorded before positions were bound to one."""
        return bool(self.fingerprint)

    @property
    def label(self) -> RevisionNumber | None:
        """``Rev.N``, or None when unknown."""
        return None if self.revision is None else RevisionNumber(self.revision)

    def matches(self, provision: Provision) -> bool:
        """True when ``provision`` reads exactly as it did when this wording was taken."""
        return self.known and self.fingerprint == wording_fingerprint(provision)


#: The wording of a position or an agreement recorded before they were bound to one.
UNKNOWN_WORDING: Final = Wording()
