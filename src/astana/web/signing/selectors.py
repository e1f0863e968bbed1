"""Reads of signed revisions and what of them the public may see.

A signed revision reaches the public only when the convener publishes it
(``revision.publish``). Until then anyone sees its SHA-256 and how many of the parties signed
it ("1 of 3 parties signed Rev.1"); its text, title, signatories and reservations, the bundle
and the signed PDF reach only those who may read the text in its round (``text.read``), and
everyone else gets a 404, as if nothing were there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from astana.core.roles import Right
from astana.web.accounts.models import User
from astana.web.common.errors import NotFound
from astana.web.negotiation.access import actor_in_round
from astana.web.negotiation.actions.common import positions_of
from astana.web.negotiation.models import NegotiationText, TextRevision
from astana.web.signing.models import DocumentSignature, RevisionPublication

__all__ = [
    "SignedRevision",
    "access_signed",
    "may_read",
    "signed_revision",
    "signed_revisions",
    "withheld_entries",
]


@dataclass(frozen=True)
class SignedRevision:
    """A revision with at least one signature, the parties expected to sign, and whether the
    convener has published it."""

    text: NegotiationText
    revision: int
    sha256: str
    signatures: tuple[DocumentSignature, ...]
    parties: tuple[str, ...]
    publication: RevisionPublication | None

    @property
    def signed(self) -> int:
        """How many of the parties signed (a guarantor's signature is listed, not counted)."""
        return len({s.organisation.slug for s in self.signatures} & set(self.parties))

    @property
    def expected(self) -> int:
        """How many parties are expected to sign: the parties to the text."""
        return len(self.parties)

    @property
    def published(self) -> bool:
        return self.publication is not None


def _build(
    rows: Iterable[DocumentSignature], publications: Iterable[RevisionPublication]
) -> list[SignedRevision]:
    grouped: dict[tuple[int, int], list[DocumentSignature]] = {}
    for row in rows:
        grouped.setdefault((row.text_id, row.revision), []).append(row)
    published = {(p.text_id, p.revision): p for p in publications}
    parties: dict[int, tuple[str, ...]] = {}
    found = []
    for (text_id, number), signatures in sorted(grouped.items()):
        text = signatures[0].text
        if text_id not in parties:
            parties[text_id] = positions_of(text).parties
        found.append(
            SignedRevision(
                text=text,
                revision=number,
                sha256=signatures[0].revision_sha256,
                signatures=tuple(signatures),
                parties=parties[text_id],
                publication=published.get((text_id, number)),
            )
        )
    return found


def signed_revisions(text: NegotiationText | None = None) -> list[SignedRevision]:
    """Every signed revision (of ``text``, or of every text), by text and revision number."""
    rows = DocumentSignature.objects.select_related(
        "text__round__process", "organisation", "key__user", "entry"
    )
    publications = RevisionPublication.objects.select_related("published_by")
    if text is not None:
        rows = rows.filter(text=text)
        publications = publications.filter(text=text)
    return _build(rows, publications)


def signed_revision(text: NegotiationText, revision: int) -> SignedRevision | None:
    """Revision ``revision`` of ``text`` if anyone signed it."""
    rows = DocumentSignature.objects.filter(text=text, revision=revision).select_related(
        "text__round__process", "organisation", "key__user", "entry"
    )
    publications = RevisionPublication.objects.filter(text=text, revision=revision)
    found = _build(rows, publications)
    return found[0] if found else None


def may_read(user: User | AnonymousUser, text: NegotiationText) -> bool:
    """True when ``user`` may read ``text`` in its round (``text.read``)."""
    return actor_in_round(user, text.round).can(Right.TEXT_READ)


def access_signed(user: User | AnonymousUser, text_id: int, revision: int) -> SignedRevision:
    """A signed revision whose text ``user`` may download (bundle, signed PDF): anyone's once
    it is published, before that only a reader of the text's; otherwise ``NotFound``."""
    text = NegotiationText.objects.select_related("round__process").filter(pk=text_id).first()
    found = signed_revision(text, revision) if text is not None else None
    if found is None or not (found.published or may_read(user, found.text)):
        raise NotFound(f"Rev.{revision} of text {text_id} has not been signed.")
    return found


def withheld_entries(user: User | AnonymousUser, indexes: Iterable[int]) -> set[int]:
    """Which of the log entries ``indexes`` name a revision that is not published (signed or
    still under negotiation), of a text ``user`` may not read: ``revision.issued`` (the text's
    name) and ``signature.added`` (whose statement holds the signer and any reservation). The
    public gets their leaf hash only."""
    wanted = list(indexes)
    named: dict[int, tuple[int, int]] = {}
    for index, text_id, number in TextRevision.objects.filter(
        log_entry__index__in=wanted
    ).values_list("log_entry__index", "text_id", "number"):
        named[index] = (text_id, number)
    for index, text_id, number in DocumentSignature.objects.filter(
        entry__index__in=wanted
    ).values_list("entry__index", "text_id", "revision"):
        named[index] = (text_id, number)
    if not named:
        return set()
    published = set(
        RevisionPublication.objects.filter(text_id__in={t for t, _ in named.values()}).values_list(
            "text_id", "revision"
        )
    )
    texts = {
        t.pk: t
        for t in NegotiationText.objects.select_related("round").filter(
            pk__in={t for (t, n) in named.values() if (t, n) not in published}
        )
    }
    readable = {pk for pk, text in texts.items() if may_read(user, text)}
    return {
        index
        for index, (text_id, number) in named.items()
        if (text_id, number) not in published and text_id not in readable
    }
