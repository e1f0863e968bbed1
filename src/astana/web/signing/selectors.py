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
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from astana.core.actions import Action, may
from astana.core.roles import Right
from astana.web.accounts.access import roles_in_process
from astana.web.accounts.models import User
from astana.web.common.errors import NotFound
from astana.web.negotiation.access import actor_in_round
from astana.web.negotiation.actions.common import positions_of
from astana.web.negotiation.models import NegotiationText, TextRevision
from astana.web.processes.models import Process
from astana.web.signing.models import (
    DelegateKey,
    DocumentSignature,
    LogLeaf,
    RevisionPublication,
    Witness,
)

__all__ = [
    "SignedRevision",
    "access_signed",
    "approved_public_keys",
    "keys_of",
    "keys_to_approve",
    "latest_revision",
    "may_read",
    "processes_to_sign_in",
    "recent_entries",
    "signed_revision",
    "signed_revisions",
    "withheld_entries",
    "witnesses",
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
        raise NotFound(
            _("Rev.%(revision)s of text %(text_id)s has not been signed.")
            % {"revision": revision, "text_id": text_id}
        )
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


def convened_by(user: User) -> list[Process]:
    """The processes ``user`` convenes (where they approve signing keys)."""
    return [p for p in Process.objects.all() if may(roles_in_process(user, p), Action.KEY_APPROVE)]


def keys_of(user: User) -> QuerySet[DelegateKey]:
    """The signing keys ``user`` registered, newest first."""
    return (
        DelegateKey.objects.filter(user=user).select_related("organisation").order_by("-created_at")
    )


def keys_to_approve(user: User) -> QuerySet[DelegateKey]:
    """The keys of the delegations of the processes ``user`` convenes, other than their own:
    pending first, newest first."""
    convened = convened_by(user)
    if not convened:
        return DelegateKey.objects.none()
    return (
        DelegateKey.objects.filter(organisation__participations__process__in=convened)
        .exclude(user=user)
        .distinct()
        .select_related("organisation", "user")
        .order_by("state", "-created_at")
    )


def processes_to_sign_in(user: User) -> list[Process]:
    """The processes where ``user`` may register a signing key (a party's or a guarantor's)."""
    return [p for p in Process.objects.all() if may(roles_in_process(user, p), Action.KEY_REGISTER)]


def approved_public_keys(user: User) -> list[str]:
    """The public keys of ``user``'s approved signing keys (hex)."""
    return list(
        DelegateKey.objects.filter(user=user, state=DelegateKey.State.APPROVED).values_list(
            "public_key", flat=True
        )
    )


def latest_revision(text_id: int) -> tuple[NegotiationText, TextRevision] | None:
    """Text ``text_id`` and its latest revision, or None when there is no such text."""
    text = NegotiationText.objects.select_related("round__process").filter(pk=text_id).first()
    if text is None:
        return None
    latest = text.revisions.order_by("-number").first()
    assert latest is not None
    return text, latest


def witnesses() -> QuerySet[Witness]:
    """The log's witnesses, by name."""
    return Witness.objects.order_by("name")


def recent_entries(count: int) -> QuerySet[LogLeaf]:
    """The newest ``count`` entries of the log, newest first."""
    return LogLeaf.objects.order_by("-index")[:count]
