"""Pages of signing and the public record: keys made in the browser (WebCrypto, the private key
never leaves it), the convener's approvals, signing an exact revision, a text's signatures and
their publication by the convener, the public record."""

from __future__ import annotations

import base64
import binascii
import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import direction
from astana.core.text import clean_view
from astana.core.text.characters import document_problems, reveal_characters
from astana.web.common.errors import ActionError, NotFound, Tampered
from astana.web.common.pages import acting_user, form_number, refused, shown_on_page, shows_refusals
from astana.web.negotiation.access import access_text
from astana.web.negotiation.actions.common import revision_of
from astana.web.negotiation.rendering import render_provisions
from astana.web.signing import actions, log, selectors
from astana.web.signing.bundle import build_bundle
from astana.web.signing.integrity import signature_mismatches
from astana.web.signing.signed_document import signed_document_pdf


@login_required
@shows_refusals
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
                if form_number(key_id) is None:
                    raise ActionError(_("Which key?"))
                if step == "approve":
                    # typed by the convener as the delegate read it out of band
                    actions.key_approve(
                        user=user,
                        key_id=int(key_id),
                        fingerprint=request.POST.get("fingerprint_compared", ""),
                    )
                else:
                    actions.key_revoke(user=user, key_id=int(key_id))
            else:
                raise ActionError(_("Unknown step."))
            return HttpResponseRedirect(reverse("signing:keys"))
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
    return render(
        request,
        "signing/keys.html",
        {
            "mine": selectors.keys_of(user),
            "to_approve": selectors.keys_to_approve(user),
            "processes": selectors.processes_to_sign_in(user),
            "error": error,
            "typed": request.POST if request.method == "POST" else {},
        },
        status=status,
    )


@login_required
@shows_refusals
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
                    _("The signed statement did not arrive intact; reload the page.")
                ) from bad
            actions.signature_add(
                user=user,
                text_id=text_id,
                statement=signed_text,
                signature=request.POST.get("signature", ""),
            )
            return HttpResponseRedirect(reverse("signing:record") + f"#text-{text_id}")
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
    found = selectors.latest_revision(text_id)
    if found is None:
        return refused(request, NotFound(_("There is no text %(text_id)s.") % {"text_id": text_id}))
    text, latest = found
    statement = actions.statement_for(
        user=user,
        text_id=text_id,
        revision=latest.number,
        reservation=request.GET.get("reservation", ""),
    )
    document = revision_of(latest).document
    # A text stored before direction controls and invisible characters were refused is shown
    # with them revealed (⟦U+202E⟧) and listed, and cannot be signed (signature_add refuses).
    unsafe = [
        f"{where} ({lang}): {problem}" for where, lang, problem in document_problems(document)
    ]
    columns = [
        {
            "language": lang,
            "direction": direction(lang),
            "html": render_provisions(clean_view(document, lang).to_dict()["provisions"], {}),
        }
        for lang in document.languages
    ]
    if unsafe:
        for column in columns:
            # render_provisions' escaped markup with characters replaced by ⟦U+XXXX⟧: still safe
            column["html"] = mark_safe(reveal_characters(column["html"]))
    approved = selectors.approved_public_keys(user)
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
            "signed": selectors.signed_revision(text, latest.number),
            "error": error,
            "language": language,
            "unsafe": unsafe,
        },
        status=status,
    )


def record(request: HttpRequest) -> HttpResponse:
    """The public record: the newest checkpoint, witnesses, signed documents, recent entries.

    A signed revision the convener has not published shows only its hash and how many parties
    signed it, except to those who may read its text."""
    signed = selectors.signed_revisions()
    for s in signed:
        for row in s.signatures:
            # a row edited in the database since it was logged is flagged, not shown as signed
            row.altered = bool(signature_mismatches(row))  # type: ignore[attr-defined]
    documents = [
        {"signed": s, "full": s.published or selectors.may_read(request.user, s.text)}
        for s in signed
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
            "witnesses": selectors.witnesses(),
            "documents": documents,
            "entries": selectors.recent_entries(25),
        },
    )


@login_required
@shows_refusals
def signatures(request: HttpRequest, text_id: int) -> HttpResponse:
    """A text's signed revisions for the readers of the text: who signed, with what
    reservation, whether it is published; the convener publishes a revision here."""
    user = acting_user(request)
    error, status = None, 200
    if request.method == "POST":
        try:
            revision, based_on = request.POST.get("revision", ""), request.POST.get("based_on", "")
            if form_number(revision) is None or form_number(based_on) is None:
                raise ActionError(_("Which revision, based on which version of the text?"))
            actions.revision_publish(
                user=user, text_id=text_id, revision=int(revision), based_on=int(based_on)
            )
            return HttpResponseRedirect(reverse("signing:signatures", args=[text_id]))
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
    actor, text = access_text(user, text_id)
    return render(
        request,
        "signing/signatures.html",
        {
            "text": text,
            "round": text.round,
            "documents": selectors.signed_revisions(text),
            "can_publish": actor.can(Action.REVISION_PUBLISH),
            "can_sign": actor.can(Action.SIGNATURE_ADD),
            "error": error,
        },
        status=status,
    )


def bundle_download(request: HttpRequest, text_id: int, revision: int) -> HttpResponse:
    """The bundle of a signed revision: anyone's once published, before that only a reader of
    the text's (everyone else gets a 404)."""
    try:
        signed = selectors.access_signed(request.user, text_id, revision)
    except NotFound as refusal:
        return refused(request, refusal)
    text = signed.text
    body = json.dumps(build_bundle(text, revision), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{text.slug}-rev{revision}-bundle.json"'
    )
    return response


def signed_download(request: HttpRequest, text_id: int, revision: int) -> HttpResponse:
    """The signed outcome document as PDF: the clean text in every language (side by side with
    ``?parallel=1``), then a signature page that says how many of the parties signed, with the
    signatories, dates and the SHA-256. Who may download it: as for the bundle."""
    try:
        signed = selectors.access_signed(request.user, text_id, revision)
    except NotFound as refusal:
        return refused(request, refusal)
    try:
        body = signed_document_pdf(
            signed,
            language=translation.get_language() or "en",
            parallel=request.GET.get("parallel") == "1",
        )
    except Tampered as refusal:
        return refused(request, refusal)
    text = signed.text
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{text.slug}-rev{revision}-signed.pdf"'
    return response
