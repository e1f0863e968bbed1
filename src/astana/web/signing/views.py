"""Pages of signing and the public record: keys made in the browser (WebCrypto, the private key
never leaves it), the convener's approvals, signing an exact revision, the public record."""

from __future__ import annotations

import base64
import binascii
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from astana.core.roles import Right, Role, has_right
from astana.core.text import clean_view
from astana.web.accounts.access import roles_in_process
from astana.web.accounts.models import User
from astana.web.negotiation.actions.common import revision_of
from astana.web.negotiation.errors import ActionError, NotFound, Tampered
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.pages import acting_user, refused
from astana.web.negotiation.rendering import render_provisions
from astana.web.processes.models import Process
from astana.web.signing import actions, log
from astana.web.signing.bundle import build_bundle
from astana.web.signing.integrity import signature_mismatches
from astana.web.signing.models import DelegateKey, DocumentSignature, LogLeaf, Witness


def _convened(user: User) -> list[Process]:
    """The processes ``user`` convenes (where they approve signing keys)."""
    return [
        p
        for p in Process.objects.all()
        if has_right(roles_in_process(user, p), Right.PARTICIPANT_INVITE)
    ]


@login_required
def keys(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    error, status = None, 200
    if request.method == "POST":
        try:
            step = request.POST.get("step", "register")
            if step == "register":
                actions.key_register(
                    user=user,
                    process_slug=request.POST.get("process", ""),
                    name=request.POST.get("name", ""),
                    public_key=request.POST.get("public_key", ""),
                )
            elif step in ("approve", "revoke"):
                key_id = request.POST.get("key", "")
                if not key_id.isdigit():
                    raise ActionError("Which key?")
                if step == "approve":
                    # the box is ticked once the fingerprint was checked with the delegate
                    actions.key_approve(
                        user=user,
                        key_id=int(key_id),
                        fingerprint=request.POST.get("fingerprint_checked", ""),
                    )
                else:
                    actions.key_revoke(user=user, key_id=int(key_id))
            else:
                raise ActionError("Unknown step.")
            return HttpResponseRedirect(reverse("signing:keys"))
        except ActionError as refusal:
            if isinstance(refusal, NotFound):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    convened = _convened(user)
    to_approve = (
        DelegateKey.objects.filter(organisation__participations__process__in=convened)
        .exclude(user=user)
        .distinct()
        .select_related("organisation", "user")
        .order_by("state", "-created_at")
        if convened
        else DelegateKey.objects.none()
    )
    processes = [
        p for p in Process.objects.all() if roles_in_process(user, p) & {Role.PARTY, Role.GUARANTOR}
    ]
    return render(
        request,
        "signing/keys.html",
        {
            "mine": DelegateKey.objects.filter(user=user)
            .select_related("organisation")
            .order_by("-created_at"),
            "to_approve": to_approve,
            "processes": processes,
            "error": error,
        },
        status=status,
    )


@login_required
def sign(request: HttpRequest, text_id: int) -> HttpResponse:
    user = acting_user(request)
    language = translation.get_language() or "en"
    error, status = None, 200
    if request.method == "POST":
        try:
            try:
                signed_text = base64.b64decode(
                    request.POST.get("statement_b64", ""), validate=True
                ).decode("utf-8")
            except (binascii.Error, ValueError) as bad:
                raise ActionError(
                    "The signed statement did not arrive intact; reload the page."
                ) from bad
            actions.signature_add(
                user=user,
                text_id=text_id,
                statement=signed_text,
                signature=request.POST.get("signature", ""),
            )
            return HttpResponseRedirect(reverse("signing:record") + f"#text-{text_id}")
        except ActionError as refusal:
            if isinstance(refusal, NotFound):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    text = NegotiationText.objects.select_related("round__process").filter(pk=text_id).first()
    if text is None:
        return refused(request, NotFound(f"There is no text {text_id}."))
    latest = text.revisions.order_by("-number").first()
    assert latest is not None
    try:
        statement = actions.statement_for(
            user=user,
            text_id=text_id,
            revision=latest.number,
            reservation=request.GET.get("reservation", ""),
        )
    except ActionError as refusal:
        return refused(request, refusal)
    document = revision_of(latest).document
    columns = [
        {
            "language": lang,
            "direction": "rtl" if lang == "ar" else "ltr",
            "html": render_provisions(clean_view(document, lang).to_dict()["provisions"], {}),
        }
        for lang in document.languages
    ]
    approved = list(
        DelegateKey.objects.filter(user=user, state=DelegateKey.State.APPROVED).values_list(
            "public_key", flat=True
        )
    )
    return render(
        request,
        "signing/sign.html",
        {
            "text": text,
            "round": text.round,
            "revision": latest,
            "columns": columns,
            "statement": str(statement),
            "statement_b64": base64.b64encode(statement.to_bytes()).decode(),
            "approved": json.dumps(approved),
            "signed": DocumentSignature.objects.filter(
                text=text, revision=latest.number
            ).select_related("organisation"),
            "error": error,
            "language": language,
        },
        status=status,
    )


def record(request: HttpRequest) -> HttpResponse:
    """The public record: the newest checkpoint, witnesses, signed documents, recent entries."""
    signed: dict[tuple[int, int], list[DocumentSignature]] = {}
    for row in DocumentSignature.objects.select_related(
        "text__round__process", "organisation", "key__user", "key__approval_entry", "entry"
    ):
        # a row edited in the database since it was logged is flagged, not shown as signed
        row.altered = bool(signature_mismatches(row))  # type: ignore[attr-defined]
        signed.setdefault((row.text_id, row.revision), []).append(row)
    documents = [
        {"text": rows[0].text, "revision": revision, "signatures": rows}
        for (_, revision), rows in sorted(signed.items())
    ]
    checkpoint = log.latest_checkpoint()
    return render(
        request,
        "signing/record.html",
        {
            "checkpoint": checkpoint,
            "note": log.cosigned_note(checkpoint) if checkpoint else "",
            "log_key": str(log.log_verifier()),
            "log_fingerprint": log.log_fingerprint(),
            "witnesses": Witness.objects.order_by("name"),
            "documents": documents,
            "entries": LogLeaf.objects.order_by("-index")[:25],
        },
    )


def _altered(signature: DocumentSignature) -> Tampered:
    return Tampered(
        f"The stored signature of {signature.organisation.slug} no longer matches its entry "
        f"{signature.entry.index} in the log: it was changed after signing, so this document "
        "is not issued. `astana audit` names what changed."
    )


def bundle_download(request: HttpRequest, text_id: int, revision: int) -> HttpResponse:
    text = NegotiationText.objects.select_related("round__process").filter(pk=text_id).first()
    if text is None or not DocumentSignature.objects.filter(text=text, revision=revision).exists():
        return refused(request, NotFound(f"Rev.{revision} of text {text_id} has not been signed."))
    body = json.dumps(build_bundle(text, revision), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{text.slug}-rev{revision}-bundle.json"'
    )
    return response


def signed_download(request: HttpRequest, text_id: int, revision: int) -> HttpResponse:
    """The signed outcome document as PDF: the clean text in every language (side by side with
    ``?parallel=1``), then a signature page with the signatories, dates and the SHA-256."""
    from astana.formats.pdf import Signatory, signed_pdf

    text = NegotiationText.objects.select_related("round__process").filter(pk=text_id).first()
    signatures = list(
        DocumentSignature.objects.filter(text_id=text_id, revision=revision).select_related(
            "text__round__process", "organisation", "key__user", "key__approval_entry", "entry"
        )
    )
    row = text.revisions.filter(number=revision).first() if text else None
    if text is None or row is None or not signatures:
        return refused(request, NotFound(f"Rev.{revision} of text {text_id} has not been signed."))
    for signature in signatures:
        if signature_mismatches(signature):
            return refused(request, _altered(signature))
    language = translation.get_language() or "en"
    document = revision_of(row).document
    languages = sorted(document.languages, key=lambda lang: lang != language)
    views = [clean_view(document, lang).to_dict() for lang in languages]
    names = {s.organisation.slug: s.organisation.tr("name", language).text for s in signatures}
    body = signed_pdf(
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
        names=names,
        parallel=request.GET.get("parallel") == "1",
        heading=text.tr("title", language).text,
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{text.slug}-rev{revision}-signed.pdf"'
    return response
