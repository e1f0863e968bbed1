"""Texts and revisions: ``text.list``, ``text.create``, ``text.read``, ``text.redline``,
``revision.issue``, ``revision.renumber``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import BasedOnIn, Id
from astana.web.common.rendered import shared_read
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.schemas import (
    RedlineOut,
    RedlineQuery,
    RevisionIssueIn,
    RevisionOut,
    TextCreateIn,
    TextOut,
    TextQuery,
    TextStateOut,
)

router = Router(auth=API_AUTH, tags=["texts"])
api = Operations(router)


@api.get("/rounds/{round_id}/texts", "text.list")
def text_list(request: HttpRequest, round_id: Id) -> list[TextOut]:
    """The texts negotiated in a round."""
    user = caller(request)

    def read() -> list[TextOut]:
        return [TextOut.of(text) for text in selectors.texts_in_round(user, round_id)[1]]

    return shared_read(user, ("text.list", round_id), read)


@api.post("/rounds/{round_id}/texts", Action.TEXT_CREATE)
def text_create(request: HttpRequest, round_id: Id, payload: TextCreateIn) -> Status[TextOut]:
    """The mediator creates a text (Rev.1), empty or from the bracketed notation. A notation
    with problems is refused with each in ``changes``, or, with ``lenient`` and
    ``accept_problems``, created with its problems (``text.read`` lists them)."""
    text = actions.text_create(
        user=caller(request),
        round_id=round_id,
        slug=payload.slug,
        titles=payload.titles.model_dump(),
        notation=actions.source_notation(notation=payload.notation, from_pdf=payload.from_pdf),
        languages=payload.languages,
        lenient=payload.lenient,
        accept_problems=payload.accept_problems,
    )
    return Status(201, TextOut.of(text))


@api.get("/texts/{text_id}", "text.read")
def text_read(request: HttpRequest, text_id: Id, query: Query[TextQuery]) -> TextStateOut:
    """A revision (the latest by default) as a view tree, with progress and positions."""
    user, language, view, revision = caller(request), query.language, query.view, query.revision

    def read() -> TextStateOut:
        state = selectors.text_state(user, text_id, language=language, view=view, revision=revision)
        return TextStateOut.of(state, language, view)

    return shared_read(user, ("text.read", text_id, language, view, revision), read)


@api.get("/texts/{text_id}/redline", "text.redline")
def text_redline(request: HttpRequest, text_id: Id, query: Query[RedlineQuery]) -> RedlineOut:
    """The word-level comparison of two revisions in one language."""
    text, compared = selectors.revision_redline(
        caller(request), text_id, query.old, query.new, query.language
    )
    return RedlineOut(text_id=text.pk, old=query.old, new=query.new, redline=compared.to_dict())


@api.post("/texts/{text_id}/revisions", Action.REVISION_ISSUE)
def revision_issue(
    request: HttpRequest, text_id: Id, payload: RevisionIssueIn
) -> Status[RevisionOut]:
    """The mediator issues the next revision, folding in, keeping or rejecting proposals."""
    row = actions.revision_issue(
        user=caller(request),
        text_id=text_id,
        based_on=payload.based_on,
        fold=payload.fold,
        keep=payload.keep,
        reject=payload.reject,
    )
    return Status(201, RevisionOut.of(row))


@api.post("/texts/{text_id}/renumbering", Action.REVISION_RENUMBER)
def revision_renumber(request: HttpRequest, text_id: Id, payload: BasedOnIn) -> Status[RevisionOut]:
    """The mediator's technical renumbering of a clean text: the next revision has every label
    its number in sequence (``4 bis.`` becomes ``5.``); refused (400) while proposals are open
    or brackets stand, or when nothing would change. The concordance is in the text's
    ``concordance`` (``text.read`` of the new revision) and in the audit entry."""
    row = actions.revision_renumber(
        user=caller(request), text_id=text_id, based_on=payload.based_on
    )
    return Status(201, RevisionOut.of(row))
