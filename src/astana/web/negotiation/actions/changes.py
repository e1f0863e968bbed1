"""Turn a proposed change, as a page or the API sends it (plain fields), into a core change
against the current revision, with clear messages for every way it can be wrong."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, get_args

from django.utils.translation import gettext as _

from astana.core.text import (
    AddAlternative,
    AnchorLostError,
    Change,
    DeleteProvision,
    DeleteWords,
    Document,
    InsertProvision,
    InsertWords,
    MoveProvision,
    NotationError,
    Provision,
    ProvisionText,
    ReplaceText,
    StructureError,
)
from astana.core.text.anchors import TextAnchor
from astana.core.text.insertion import suggest_label
from astana.core.text.provision import LABELLED_KINDS
from astana.web.common.characters import checked_text
from astana.web.common.errors import ActionError

#: The kinds of proposed change, in the order the forms offer them (the API's ``kind``).
ChangeKind = Literal[
    "replace_text",
    "delete_words",
    "insert_words",
    "add_alternative",
    "insert_provision",
    "delete_provision",
    "move_provision",
]
KINDS: tuple[str, ...] = get_args(ChangeKind)
MAX_FIELD = 20_000


def _field(spec: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = spec.get(name)
    if value is None or value == "":
        if required:
            raise ActionError(
                _("The field %(name)s is needed for this kind of proposal.") % {"name": repr(name)}
            )
        return ""
    if not isinstance(value, str):
        raise ActionError(_("The field %(name)s must be text.") % {"name": repr(name)})
    if len(value) > MAX_FIELD:
        raise ActionError(
            _("The field %(name)s is longer than %(max_field)s characters.")
            % {"name": repr(name), "max_field": MAX_FIELD}
        )
    return checked_text(value, f"The field {name!r}")


def _provision(document: Document, identity: str) -> Provision:
    found = document.get(identity)
    if found is None:
        raise ActionError(
            _("There is no provision %(identity)s in the current revision.")
            % {"identity": repr(identity)}
        )
    return found


def _language(document: Document, spec: Mapping[str, Any]) -> str:
    language = _field(spec, "language")
    if language not in document.languages:
        raise ActionError(
            _("The text has no %(language)s version (it has %(languages)s).")
            % {"language": repr(language), "languages": ", ".join(document.languages)}
        )
    return language


def _text(value: str) -> ProvisionText:
    try:
        return ProvisionText.parse(value)
    except NotationError as error:
        raise ActionError(
            _("The proposed wording does not parse: %(error)s") % {"error": error}
        ) from error


def _labels(
    spec: Mapping[str, Any],
    document: Document,
    provision: Provision,
    parent: str | None,
    after: str | None,
) -> dict[str, str]:
    """The new provision's labels: as the proposer wrote them (``label`` in the form's
    ``language``, or ``labels`` per language), else the engine's suggestion in every language
    (``4 bis.`` after ``4.``), so that no label of the text moves."""
    written = spec.get("labels") or {}
    if not isinstance(written, Mapping):
        raise ActionError(_("The labels are given per language."))
    labels = {}
    for language, value in written.items():
        if language not in document.languages:
            raise ActionError(
                _("The text has no %(language)s version.") % {"language": repr(language)}
            )
        if isinstance(value, str) and value.strip():
            labels[language] = checked_text(value, f"The {language} label").strip()
    single = _field(spec, "label", required=False).strip()
    if single:
        labels[_language(document, spec)] = single
    if labels or provision.kind not in LABELLED_KINDS:
        return labels
    try:
        return {
            language: suggest_label(document, parent, after, provision.kind, language)
            for language in document.languages
        }
    except StructureError as error:
        raise ActionError(
            _("The new provision cannot stand there: %(error)s") % {"error": error}
        ) from error


def _occurrence(spec: Mapping[str, Any]) -> int:
    """Which appearance of the quoted words is meant (the first unless said)."""
    value = spec.get("occurrence") or 1
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 10_000:
        raise ActionError(_("The field 'occurrence' is a number from 1."))
    return value


def _insertion(spec: Mapping[str, Any]) -> tuple[str, str]:
    """The words to insert and the words of the text they follow (empty: at the start).

    The API's fields are ``words`` (to insert) and ``after``; a person writes the new words
    in ``text`` (the form's "New wording"), and then the words in ``words`` are where they go
    (unless ``after`` says so). Either way is accepted."""
    typed = _field(spec, "text", required=False)
    if not typed:
        if not _field(spec, "words", required=False):
            raise ActionError(_('Write the words to insert (in "New wording").'))
        return _field(spec, "words"), _field(spec, "after", required=False)
    if _field(spec, "before", required=False):
        return typed, ""
    after = _field(spec, "after", required=False) or _field(spec, "words", required=False)
    return typed, after


def change_from_spec(spec: Mapping[str, Any], document: Document, reference: str) -> Change:
    """The core change that ``spec`` describes, checked against ``document``."""
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ActionError(
            _("The kind of proposal must be one of: %(kinds)s.") % {"kinds": ", ".join(KINDS)}
        )
    try:
        if kind in ("replace_text", "delete_words", "insert_words", "add_alternative"):
            target = _field(spec, "provision")
            provision = _provision(document, target)
            language = _language(document, spec)
            source = provision.text(language).notation
            nth = _occurrence(spec)
            if kind == "replace_text":
                # With ``words``: those words (as selected in the text) are replaced, and the
                # change is the provision's whole new text.
                words = _field(spec, "words", required=False)
                replacement = _field(spec, "text")
                if words:
                    span = TextAnchor.quote(source, words, occurrence=nth)
                    end = span.start + len(span.exact)
                    replacement = source[: span.start] + replacement + source[end:]
                return ReplaceText(target, language, _text(replacement))
            if kind == "delete_words":
                return DeleteWords(
                    target,
                    language,
                    TextAnchor.quote(source, _field(spec, "words"), occurrence=nth),
                )
            if kind == "insert_words":
                inserted, after = _insertion(spec)
                before = _field(spec, "before", required=False)
                if before:
                    point = TextAnchor.quote(source, before, occurrence=nth).start
                else:
                    quoted = TextAnchor.quote(source, after, occurrence=nth) if after else None
                    point = quoted.start + len(quoted.exact) if quoted else 0
                return InsertWords(target, language, TextAnchor.at(source, point, point), inserted)
            words = _field(spec, "words", required=False)
            anchor = TextAnchor.quote(source, words, occurrence=nth) if words else None
            return AddAlternative(target, language, _text(_field(spec, "text")), anchor)
        if kind == "delete_provision":
            target = _field(spec, "provision")
            _provision(document, target)
            return DeleteProvision(target)
        parent: str | None = _field(spec, "parent", required=False) or None
        after_id: str | None = _field(spec, "after", required=False) or None
        if kind == "insert_provision" and not (parent or after_id) and spec.get("provision"):
            # A new provision "after provision X" stands beside X, under X's parent.
            after_id = _field(spec, "provision")
            above = _provision(document, after_id) and document.parent(after_id)
            parent = above.id if above is not None else None
        for identity in (parent, after_id):
            if identity is not None:
                _provision(document, identity)
        if kind == "move_provision":
            target = _field(spec, "provision")
            _provision(document, target)
            return MoveProvision(target, parent, after_id)
        texts = spec.get("texts")
        if not isinstance(texts, Mapping) or not texts:
            raise ActionError(_("A new provision needs its text in at least one language."))
        wording = {}
        for language, value in texts.items():
            if language not in document.languages:
                raise ActionError(
                    _("The text has no %(language)s version.") % {"language": repr(language)}
                )
            if not isinstance(value, str) or not value.strip():
                raise ActionError(_("The new provision's text must be non-empty text."))
            wording[language] = _text(value)
        kind_of = _field(spec, "provision_kind", required=False) or "paragraph"
        identity = f"new-{reference.lower()}"
        provision = Provision.create(identity, kind_of, wording)
        return InsertProvision(
            provision.with_labels(_labels(spec, document, provision, parent, after_id)),
            parent,
            after_id,
        )
    except AnchorLostError as error:
        raise ActionError(
            _("The words to change were not found: %(error)s") % {"error": error}
        ) from error
    except ValueError as error:
        raise ActionError(_("The proposal is not valid: %(error)s") % {"error": error}) from error
