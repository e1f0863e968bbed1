"""Trojan Source through the API: a direction override, an isolate, a direction mark or an
invisible character in any text that is negotiated or signed is a 400 that names the place
and the character, and nothing is written (issue 12, item 9)."""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

import pytest
from tests.helpers.people import user

from astana.web.api.urls import api as ninja_api
from astana.web.signing.actions import statement_for

from .badinput import POSITIONS, PROPOSALS, TEXTS, Bad, change, check
from .conftest import Api, Room

pytestmark = pytest.mark.django_db

RLO, LRI, ZWSP, RLM = "\u202e", "\u2066", "\u200b", "\u200f"
NOTATION = "@lang en\n\nA title\n\nArticle 1: Withdrawal\n1. within {bad}18 months\n"
DECISIONS = "/api/rounds/{round}/decisions"
STATEMENT = "/api/texts/{text}/revisions/1/statement?reservation=%E2%80%AEsnoitavreser"
SIGNATURES = "/api/texts/{text}/signatures"


def _crafted(ids: dict[str, int]) -> dict[str, str]:
    """A statement whose reservation holds an override, made by hand (the record format of
    statements allows format characters): refused before its signature is even checked."""
    fair = statement_for(user=user("party1"), text_id=ids["text"], revision=1)
    crafted = dataclasses.replace(fair, reservation=f"within {RLO}shtnom 81")
    return {"statement": str(crafted), "signature": base64.b64encode(bytes(64)).decode()}


MEDIATIONS = "/api/texts/{text}/mediator-proposals"
TRANSLATIONS = "/api/texts/{text}/translations"

CASES: dict[str, Bad] = {
    "mediate: override in a bridging text": Bad(
        "mediator",
        "POST",
        MEDIATIONS,
        lambda i: {
            "based_on": i["v"],
            "origin": "bridging",
            "change": {
                "kind": "replace_text",
                "provision": "art_4__para_1",
                "language": "en",
                "text": f"within {RLO}shtnom 81",
            },
        },
        400,
        "U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    "translate: isolate in a language version": Bad(
        "mediator",
        "POST",
        TRANSLATIONS,
        lambda i: {
            "based_on": i["v"],
            "provision": "art_4__para_1",
            "language": "ar",
            "text": f"خلال {LRI}18 شهراً",
        },
        400,
        "U+2066 LEFT-TO-RIGHT ISOLATE",
    ),
    "create: override in the notation": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "t", "titles": {"en": "A"}, "notation": NOTATION.format(bad=RLO)},
        400,
        "line 6, column 11: U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    "create: zero-width space in the notation": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "t", "titles": {"en": "A"}, "notation": NOTATION.format(bad=ZWSP)},
        400,
        "U+200B ZERO WIDTH SPACE",
    ),
    "create: isolate in a title": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "t", "titles": {"en": f"Road{LRI}map"}},
        400,
        "The en title contains a character that is not allowed, at line 1, column 5: "
        "U+2066 LEFT-TO-RIGHT ISOLATE",
    ),
    "draft: override in a replacement": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(
            kind="replace_text",
            provision="art_4__para_1",
            language="en",
            text=f"within {RLO}shtnom 81",
        ),
        400,
        "U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    "draft: zero-width space in inserted words": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(
            kind="insert_words",
            provision="art_4__para_1",
            language="en",
            after="Free",
            words=f" Syr{ZWSP}ia",
        ),
        400,
        "The field 'words' contains a character that is not allowed, at line 1, column 5: "
        "U+200B ZERO WIDTH SPACE",
    ),
    "draft: direction mark in a new provision": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="insert_provision", texts={"en": f"18{RLM} months"}, parent="art_4"),
        400,
        "U+200F RIGHT-TO-LEFT MARK",
    ),
    "draft: override in the justification": Bad(
        "party1",
        "POST",
        PROPOSALS,
        lambda i: {
            "change": {"kind": "delete_provision", "provision": "art_4__para_1"},
            "justification": f"fine\nthen {RLO}desrever",
        },
        400,
        "The justification contains a character that is not allowed, at line 2, column 6",
    ),
    "position: isolate in the reservation": Bad(
        "party1",
        "POST",
        POSITIONS,
        lambda i: {
            "based_on": i["v"],
            "provision": "art_4__para_1",
            "stance": "support_with_reservation",
            "reservation": f"only {LRI}if{RLO} x",
        },
        400,
        "(and 1 more such character)",
    ),
    "decision: override in the question": Bad(
        "mediator",
        "POST",
        DECISIONS,
        lambda i: {
            "subject": "procedure",
            "questions": {"en": f"Adjourn for {RLO}sruoh 2?"},
        },
        400,
        "The en question contains a character that is not allowed",
    ),
    "statement: override in the reservation": Bad(
        "party1", "GET", STATEMENT, None, 400, "U+202E RIGHT-TO-LEFT OVERRIDE"
    ),
    "signature: override in a crafted statement's reservation": Bad(
        "party1",
        "POST",
        SIGNATURES,
        _crafted,
        400,
        "The statement's reservation contains a character that is not allowed",
    ),
}

# Every operation that takes free text, by the operation id of the API, and the cases above
# that send it a direction control or an invisible character; or why it is not a text that is
# negotiated or signed (those keep their own rules: plain length and emptiness checks).
FREE_TEXT_FIELDS = {
    "notation", "titles", "text", "texts", "words", "justification", "reservation",
    "questions", "statement", "change", "body", "minutes", "name", "names", "notes",
    "reason", "venues", "votes_csv", "comments_csv", "rule", "agenda",
}  # fmt: skip
COVERED = {
    "text.create": ["create: override in the notation", "create: isolate in a title"],
    "proposal.draft": [
        "draft: override in a replacement",
        "draft: zero-width space in inserted words",
        "draft: direction mark in a new provision",
        "draft: override in the justification",
    ],
    "position.set": ["position: isolate in the reservation"],
    "proposal.mediate": ["mediate: override in a bridging text"],
    "translation.supply": ["translate: isolate in a language version"],
    "decision.call": ["decision: override in the question"],
    "signature.statement": ["statement: override in the reservation"],
    "signature.add": ["signature: override in a crafted statement's reservation"],
}
NOT_NEGOTIATED = {
    "caucus.note_add": "a delegation's private notes",
    "comment.add": "an expert's comment on a text",
    "round.create": "the round's own record",
    "session.open": "the session's record",
    "session.record": "minutes and agenda, kept by the secretariat",
    "token.create": "an API token's name",
    "key.register": "a signing key's name",
    "rules.set": "rules of procedure, a rule expression",
    "signature_count.set": "the record of a signature count",
    "committee.create": "a committee's record",
    "committee.nominate": "a committee nomination",
    "committee.replace": "a committee nomination",
    "consultation.create": "a public consultation",
    "statement.submit": "a consultation statement",
    "statement.moderate": "a moderation reason",
    "consultation.import": "a consultation import",
}


@pytest.mark.parametrize("name", list(CASES))
def test_unsafe_characters_are_refused_and_nothing_changes(api: Api, room: Room, name: str) -> None:
    check(api, room, CASES[name])


def test_arabic_and_persian_joiners_between_letters_are_kept(api: Api, room: Room) -> None:
    """ZWNJ and ZWJ between letters of a joining script change the letters' shapes: they are
    part of the wording, accepted and stored (in NFC)."""
    words = " \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0627\u0644\u0640\u200d\u0648"
    response = api.call(
        "party1",
        "POST",
        PROPOSALS.format(text=room.text_id),
        {
            "change": {
                "kind": "replace_text",
                "provision": "art_4__para_1",
                "language": "en",
                "text": f"Free{words}",
            },
            "justification": "\u06a9\u062a\u0627\u0628\u200c\u0647\u0627",
        },
    )
    assert response.status_code == 201, response.content.decode()


def _properties(schema: dict[str, Any], components: dict[str, Any]) -> set[str]:
    """The names of a request body's fields that are not numbers, booleans or ids."""
    if "$ref" in schema:
        return _properties(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    names = set()
    for name, field in schema.get("properties", {}).items():
        kinds = {field.get("type")} | {part.get("type") for part in field.get("anyOf", [])}
        if not kinds <= {"integer", "boolean", "number", "null"}:
            names.add(name)
    for part in schema.get("anyOf", []) + schema.get("allOf", []):
        names |= _properties(part, components)
    return names


def test_every_input_path_of_a_negotiated_or_signed_text_refuses_them() -> None:
    """Refusal at input covers every path by which a text that is negotiated or signed comes
    in: each API operation with a free-text field is either exercised above or named as not
    negotiated (the pages, the CLI and the importers call the same actions)."""
    schema = ninja_api.get_openapi_schema()
    components = schema["components"]["schemas"]
    with_text = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            fields = _properties(body["schema"], components) if body else set()
            fields |= {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            if fields & FREE_TEXT_FIELDS:
                with_text.add(operation["operationId"])
    assert with_text == set(COVERED) | set(NOT_NEGOTIATED)
    assert sorted(n for names in COVERED.values() for n in names) == sorted(
        n for n in CASES if "zero-width space in the notation" not in n
    )
