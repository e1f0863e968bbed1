"""A mediator starts from a real text: pasted or uploaded, it is refused with every problem
listed (line, column, reason, hint) and nothing written; read leniently with the mediator's
confirmation it is created, its problems kept with Rev.1, listed on the text's page and
marked at the provision where each falls, in English and Arabic; the API likewise. Ordinary
database tests: they run on SQLite and, through the suite's script, on PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.helpers.excerpts import PARIS_EXCERPT, TYPO_COLUMN, TYPO_LINE, TYPO_PROVISION
from tests.helpers.people import bearer, login, token_of, user
from tests.helpers.unchanged import unchanged
from tests.shared_data import shared_data

from astana.core.actions import Action
from astana.web.common.errors import ActionError, Unreadable
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db

#: The excerpt with a second slip: a bracket opened and never closed in the Arabic version.
TWO_SLIPS = PARIS_EXCERPT.replace("ببذل جهود", "ببذل [جهود", 1)
SECOND_LINE = TWO_SLIPS.split("\n").index("2. تتعهد جميع الأطراف ببذل [جهود التخفيف.") + 1
TYPO = f"{TYPO_LINE}:{TYPO_COLUMN}: a closing bracket ] without an opening one"


def _create(sandbox: Round, notation: str, **options: bool) -> NegotiationText:
    return actions.text_create(
        user=user("mediator"),
        round_id=sandbox.pk,
        slug="paris",
        titles={"en": "Draft agreement"},
        notation=notation,
        **options,
    )


def test_strict_refusal_lists_every_problem_and_writes_nothing(sandbox: Round) -> None:
    with unchanged("a text with bracket typos"), pytest.raises(Unreadable) as refusal:
        _create(sandbox, TWO_SLIPS)
    assert "2 problems" in str(refusal.value)
    assert refusal.value.changes == [
        TYPO + " (kept as a literal ]; write \\] for one)",
        f"{SECOND_LINE}:28: this bracket is never closed (kept as a literal [; close it with ])",
    ]


def test_lenient_without_the_confirmation_is_refused(sandbox: Round) -> None:
    with unchanged("a lenient reading not confirmed"), pytest.raises(Unreadable) as refusal:
        _create(sandbox, PARIS_EXCERPT, lenient=True)
    assert "confirm" in str(refusal.value)
    assert refusal.value.changes[0].startswith(TYPO)


def test_characters_that_may_not_stand_in_a_text_are_refused_even_leniently(
    sandbox: Round,
) -> None:
    with unchanged("a text with a direction control"), pytest.raises(ActionError):
        _create(sandbox, PARIS_EXCERPT.replace("Each", "Each\u202e"), lenient=True,
                accept_problems=True)  # fmt: skip


def test_lenient_with_the_confirmation_creates_the_text_with_its_problems(
    sandbox: Round,
) -> None:
    text = _create(sandbox, TWO_SLIPS, lenient=True, accept_problems=True)
    revision = text.revisions.get()
    assert revision.problems == [
        {
            "line": TYPO_LINE,
            "column": TYPO_COLUMN,
            "reason": "a closing bracket ] without an opening one",
            "hint": "kept as a literal ]; write \\] for one",
            "provision": TYPO_PROVISION,
        },
        {
            "line": SECOND_LINE,
            "column": 28,
            "reason": "this bracket is never closed",
            "hint": "kept as a literal [; close it with ]",
            "provision": "art_2__opt_2__para_1",
        },
    ]
    entry = AuditEntry.objects.filter(action=Action.TEXT_CREATE).latest("pk")
    assert entry.detail["problems"] == 2
    # A clean text read leniently needs no confirmation and has none.
    clean = actions.text_create(
        user=user("mediator"),
        round_id=sandbox.pk,
        slug="clean",
        titles={"en": "Clean"},
        notation=PARIS_EXCERPT.replace("[INDC]]", "[INDC]"),
        lenient=True,
    )
    assert clean.revisions.get().problems == []


def _room_post(client: Client, sandbox: Round, language: str, **fields: object) -> Any:
    form = {"slug": "paris", "title_en": "Draft agreement", **fields}
    return client.post(f"/{language}/rounds/{sandbox.pk}/room/", form)


def test_the_room_refuses_then_creates_and_the_page_marks_the_problem(sandbox: Round) -> None:
    mediator = login("mediator")
    with unchanged("a pasted text with a typo"):
        response = _room_post(mediator, sandbox, "ar", notation=PARIS_EXCERPT)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"السطر {TYPO_LINE}، العمود {TYPO_COLUMN}: قوس إغلاق ] بلا قوس فتح" in html
    assert "أنشئ النص رغم ذلك وعلّم المشكلات" in html
    assert "[NDMCs][INDC]]" in html  # the pasted text is kept in the form
    response = _room_post(mediator, sandbox, "ar", notation=PARIS_EXCERPT, accept_problems="on")
    assert response.status_code == 302
    text = NegotiationText.objects.get(round=sandbox, slug="paris")
    for language, listed, labels in [
        (
            "en",
            f"line {TYPO_LINE}, column {TYPO_COLUMN}: a closing bracket ]",
            ("Article 3", "Option 1"),
        ),
        ("ar", f"السطر {TYPO_LINE}، العمود {TYPO_COLUMN}: قوس إغلاق ]", ("المادة 3", "الخيار 1")),
    ]:
        page = mediator.get(f"/{language}/texts/{text.pk}/").content.decode()
        assert 'id="reading-problems"' in page and listed in page
        assert f'href="#prov-{TYPO_PROVISION}">1.</a>' in page
        marked = page[page.index(f'id="prov-{TYPO_PROVISION}"') :]
        marked = marked[: marked.index("</li>")]
        assert "problem-mark" in marked and "\u26a0" in marked
        assert all(f'<span class="label">{label}' in page for label in labels)
    # Everyone in the round sees the marks; Rev.2, issued from the room, has none.
    assert 'id="reading-problems"' in login("party1").get(f"/en/texts/{text.pk}/").content.decode()
    text.refresh_from_db()
    actions.revision_issue(user=user("mediator"), text_id=text.pk, based_on=text.version)
    assert 'id="reading-problems"' not in mediator.get(f"/en/texts/{text.pk}/").content.decode()
    page = mediator.get(f"/en/texts/{text.pk}/?revision=1").content.decode()
    assert 'id="reading-problems"' in page


def test_the_room_reads_an_uploaded_file_and_text_pasted_from_a_pdf(sandbox: Round) -> None:
    mediator = login("mediator")
    upload = SimpleUploadedFile("paris.txt", PARIS_EXCERPT.encode(), content_type="text/plain")
    response = _room_post(mediator, sandbox, "en", file=upload, accept_problems="on")
    assert response.status_code == 302
    problems = NegotiationText.objects.get(slug="paris").revisions.get().problems
    assert [(p["line"], p["provision"]) for p in problems] == [(TYPO_LINE, TYPO_PROVISION)]
    # Copied out of a PDF: a paragraph wrapped over two lines and a page number.
    pdf = (
        "Article 1 (scope)\n\n1. The Parties shall regularly prepare and\n"
        "communicate their [contributions]].\n\n- 2 -\n\n2. Two.\n"
    )
    with unchanged("a PDF paste not confirmed"):
        response = _room_post(mediator, sandbox, "en", slug="pdf", notation=pdf, from_pdf="on")
    assert response.status_code == 400
    html = response.content.decode()
    assert "prepare and communicate their [contributions]]" in html  # joined, as read
    refused = _room_post(
        mediator, sandbox, "en", slug="bad", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    )
    assert refused.status_code == 400
    assert "use .docx, .txt, .xml or .akn" in refused.content.decode()


def test_the_api_refuses_with_every_problem_and_creates_with_the_confirmation(
    client: Client, sandbox: Round
) -> None:
    headers = bearer(token_of("mediator"))
    url = f"/api/rounds/{sandbox.pk}/texts"
    body = {"slug": "paris", "titles": {"en": "Draft agreement"}, "notation": TWO_SLIPS}

    def post(**options: bool) -> Any:
        return client.post(
            url, json.dumps({**body, **options}), content_type="application/json", headers=headers
        )

    with unchanged("an API text with typos"):
        for options in ({}, {"lenient": True}, {"accept_problems": True}):
            refused = post(**options)
            assert refused.status_code == 400, options
            answer = refused.json()
            assert len(answer["changes"]) == 2 and answer["changes"][0].startswith(TYPO)
    created = post(lenient=True, accept_problems=True)
    assert created.status_code == 201, created.content
    text_id = created.json()["id"]
    state = client.get(f"/api/texts/{text_id}?language=ar", headers=headers).json()
    assert [(p["line"], p["provision"]) for p in state["problems"]] == [
        (TYPO_LINE, TYPO_PROVISION),
        (SECOND_LINE, "art_2__opt_2__para_1"),
    ]
    schema = client.get("/api/openapi.json").json()
    fields = schema["components"]["schemas"]["TextCreateIn"]["properties"]
    assert {"lenient", "accept_problems", "from_pdf"} <= set(fields)


def test_the_room_imports_a_word_file_from_the_secretariat(sandbox: Round) -> None:
    data = shared_data("real-texts", "art62-party-inputs.docx").read_bytes()
    upload = SimpleUploadedFile("art62.docx", data)
    response = _room_post(login("mediator"), sandbox, "en", slug="art62", file=upload)
    assert response.status_code == 302
    text = NegotiationText.objects.get(round=sandbox, slug="art62")
    assert text.revisions.get().problems == []
    page = login("party1").get(f"/en/texts/{text.pk}/").content.decode()
    assert '<span class="label">I.</span>' in page and 'id="reading-problems"' not in page
