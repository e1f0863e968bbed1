"""Page forms read through the API's input schemas.

Where a page and an API operation take the same input (a position, a comment, a caucus
note, a proposal's draft, a vote, a consultation's statement), the page's form is validated
by the operation's input schema (``<app>/schemas.py``), so the fields and their limits are
declared once. A form that does not fit is an :class:`ActionError` whose message names each
field and what is wrong with it, shown on the page like any other refusal; the action then
checks again, as it does for every caller.

A field a form leaves empty is not given: the schema's default applies, or the schema says
that it is needed. Call :func:`form_input` inside the view's refusal handling, after
nothing that would tell a caller more than the action itself does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from astana.core.language import LANGUAGES
from astana.web.common.errors import ActionError

__all__ = ["form_fields", "form_input", "form_message", "form_texts"]

InputT = TypeVar("InputT", bound=BaseModel)


def form_fields(schema: type[BaseModel], form: Mapping[str, str]) -> dict[str, str]:
    """The fields of ``schema`` that ``form`` (a QueryDict or a dict) fills in; an empty one
    is left out when the schema has a default for it."""
    out: dict[str, str] = {}
    for name, field in schema.model_fields.items():
        value = form.get(name)
        if value is None or (value == "" and not field.is_required()):
            continue
        out[name] = value
    return out


def form_texts(form: Mapping[str, str], prefix: str) -> dict[str, str]:
    """A text given per language in a form's ``<prefix>_ar``, ``<prefix>_en`` and
    ``<prefix>_ru`` fields, as the API takes it (``{"ar": ..., "en": ..., "ru": ...}``); the
    action cleans it (``astana.core.language.TranslatedText``)."""
    return {language: form.get(f"{prefix}_{language}") or "" for language in LANGUAGES}


def form_message(error: ValidationError) -> str:
    """One sentence per problem: ``The form's "stance": Input should be ... Nothing was
    saved.``"""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in item["loc"])
        problems.append(f'The form\'s "{where}": {item["msg"]}.' if where else f"{item['msg']}.")
    return " ".join(problems) + " Nothing was saved."


def form_input(
    schema: type[InputT],
    form: Mapping[str, str],
    *,
    messages: Mapping[str, str] | None = None,
    **shaped: object,
) -> InputT:
    """``form`` validated by ``schema``: its fields (see :func:`form_fields`), with
    ``shaped`` (values the view built from the form, such as a nested object or a list) over
    them. ``messages`` gives the page's own words for a field that does not fit (the first
    such field's message is the whole refusal)."""
    try:
        return schema.model_validate({**form_fields(schema, form), **shaped})
    except ValidationError as error:
        for item in error.errors(include_url=False, include_input=False):
            field = str(item["loc"][0]) if item["loc"] else ""
            if messages and field in messages:
                raise ActionError(messages[field]) from error
        raise ActionError(form_message(error)) from error
