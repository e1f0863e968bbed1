"""The signed outcome document as PDF: the clean text of a signed revision in every language
(side by side with ``parallel``), then a signature page that says how many of the parties
signed, with the signatories, dates and the SHA-256. A signature edited in the database since
it was logged stops it (``Tampered``): such a document is not issued."""

from __future__ import annotations

from astana.core.text import clean_view
from astana.formats.pdf import Signatory, signed_pdf
from astana.web.common.errors import Tampered
from astana.web.negotiation.actions.common import revision_of
from astana.web.negotiation.presenting import delegation_name
from astana.web.signing.integrity import signature_mismatches
from astana.web.signing.models import DocumentSignature
from astana.web.signing.selectors import SignedRevision

__all__ = ["altered", "signed_document_pdf"]


def altered(signature: DocumentSignature) -> Tampered:
    """The refusal for a stored signature that no longer matches its log entry."""
    return Tampered(
        f"The stored signature of {delegation_name(signature.organisation)} no longer matches "
        f"its entry "
        f"{signature.entry.index} in the log: it was changed after signing, so this document "
        "is not issued. `astana audit` names what changed."
    )


def signed_document_pdf(signed: SignedRevision, *, language: str, parallel: bool) -> bytes:
    """The PDF of ``signed`` with ``language`` first; ``Tampered`` if a signature was altered."""
    text, signatures = signed.text, signed.signatures
    row = text.revisions.get(number=signed.revision)
    for signature in signatures:
        if signature_mismatches(signature):
            raise altered(signature)
    document = revision_of(row).document
    languages = sorted(document.languages, key=lambda lang: lang != language)
    views = [clean_view(document, lang).to_dict() for lang in languages]
    names = {s.organisation.slug: s.organisation.tr("name", language).text for s in signatures}
    return signed_pdf(
        views,
        signatories=[
            Signatory(
                party=names[s.organisation.slug],
                signed_by=s.key.user.get_username(),
                date=s.signed_at.strftime("%Y-%m-%d %H:%M UTC"),
            )
            for s in signatures
        ],
        revision=row.number,
        sha256=row.sha256,
        signed=signed.signed,
        parties=signed.expected,
        names=names,
        parallel=parallel,
        heading=text.tr("title", language).text,
        language=language,
    )
