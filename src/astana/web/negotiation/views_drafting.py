"""The mediator's drafting forms on a text's page: a mediator's proposal or bridging text
(``proposal.mediate``) and a language version supplied or corrected (``translation.supply``).
Thin, like :mod:`views_texts`: parse the form, call one action, redirect or re-render the
text's page with the refusal and what was typed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from astana.web.api.forms import form_fields
from astana.web.common.pages import acting_user
from astana.web.negotiation import actions
from astana.web.negotiation.schemas import ChangeIn, TranslationIn
from astana.web.negotiation.views_texts import _act, _based_on, change_of_form, form_action


@login_required
@require_POST
def proposal_mediate(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST

    def call() -> object:
        change: dict[str, Any] = change_of_form(form_fields(ChangeIn, post), post)
        return actions.proposal_mediate(
            user=acting_user(request),
            text_id=text_id,
            based_on=_based_on(request),
            change=change,
            origin=post.get("origin", "mediator"),
            justification=post.get("justification", ""),
        )

    return _act(request, text_id, "mediate", call, "#proposals")


translation_supply = form_action(
    TranslationIn, actions.translation_supply, "translation", "#translation-form"
)
