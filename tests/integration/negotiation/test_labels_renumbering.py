"""Labels in the room: a provision inserted after ``1.`` is ``1 bis.`` (suggested, or as the
proposer writes it) in every language and no other label moves; the mediator's technical
renumbering is an explicit act, refused on a text with brackets or open proposals, and issues
a revision with the concordance table (page, CSV, API, audit). Ordinary database tests: they
run on SQLite and, through the suite's script, on PostgreSQL."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from tests.helpers.people import bearer, login, token_of, user

from astana.core.actions import Action
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.actions.common import latest_revision
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db

CLEAN = """@lang en

Clean text

Article 1: Scope
1. One.
2. Two.

@lang ar

نص نظيف

المادة 1: النطاق
1. واحد.
2. اثنان.
"""


def _clean_text(sandbox: Round) -> NegotiationText:
    return actions.text_create(
        user=user("mediator"),
        round_id=sandbox.pk,
        slug="clean",
        titles={"en": "Clean text", "ar": "نص نظيف"},
        notation=CLEAN,
    )


def _insert(text: NegotiationText, **extra: object) -> TextProposal:
    """party1 drafts and tables a new paragraph after ``1.`` of Article 1."""
    draft = actions.proposal_draft(
        user=user("party1"),
        text_id=text.pk,
        change={
            "kind": "insert_provision",
            "provision": "art_1__para_1",
            "texts": {"en": "One and a half.", "ar": "واحد ونصف."},
            **extra,
        },
    )
    return actions.proposal_table(
        user=user("party1"), proposal_id=draft.public_id, based_on=draft.version
    )


def _fold(text: NegotiationText, reference: str) -> None:
    text.refresh_from_db()
    actions.revision_issue(
        user=user("mediator"), text_id=text.pk, based_on=text.version, fold=[reference]
    )


def _page(client: Client, language: str, text: NegotiationText, query: str = "") -> str:
    response = client.get(f"/{language}/texts/{text.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_an_inserted_paragraph_is_1_bis_in_every_language_and_no_label_moves(
    sandbox: Round,
) -> None:
    text = _clean_text(sandbox)
    tabled = _insert(text)
    labels = tabled.data["change"]["provision"]["labels"]
    assert labels == {"en": "1 bis.", "ar": "1 مكرراً."}
    reader = login("observer")
    english = _page(reader, "en", text)
    assert '<span class="label">1 bis.</span>' in english
    assert '<span class="label">2.</span>' in english  # paragraph 2 stays 2.
    arabic = _page(reader, "ar", text)
    assert '<span class="label">1 مكرراً.</span>' in arabic
    _fold(text, tabled.reference)
    _, revision = latest_revision(text)
    document = revision.document
    assert document.label(tabled.data["change"]["provision"]["id"], "en") == "1 bis."
    assert document.label("art_1__para_2", "en") == "2."


def test_the_proposer_chooses_the_label_and_the_form_suggests_one(sandbox: Round) -> None:
    text = _clean_text(sandbox)
    party1 = login("party1")
    response = party1.post(
        f"/en/texts/{text.pk}/proposals/",
        {
            "kind": "insert_provision",
            "provision": "art_1__para_1",
            "language": "en",
            "text": "One and a half.",
            "label": "1 A.",
        },
    )
    assert response.status_code == 302
    draft = TextProposal.objects.get(text=text, state="draft")
    assert draft.data["change"]["provision"]["labels"] == {"en": "1 A."}
    assert draft.data["change"]["after"] == "art_1__para_1"
    assert draft.data["change"]["parent"] == "art_1"
    # A refused form is shown again with the suggestion for the provision chosen.
    refused = party1.post(
        f"/en/texts/{text.pk}/proposals/",
        {"kind": "insert_provision", "provision": "art_1__para_1", "language": "en"},
    )
    assert refused.status_code == 400
    assert 'id="new-label" value="1 bis."' in refused.content.decode()


def test_renumbering_is_refused_on_a_text_with_brackets_and_open_proposals(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    mediator = login("mediator")
    before = roadmap.revisions.count()
    response = mediator.post(f"/en/texts/{roadmap.pk}/renumbering/", {"based_on": roadmap.version})
    assert response.status_code == 400
    assert "clean text" in response.content.decode()
    assert "are still open" in response.content.decode()
    bracketed = actions.text_create(
        user=user("mediator"),
        round_id=sandbox.pk,
        slug="bracketed",
        titles={"en": "Bracketed"},
        notation="@lang en\n1. One [or two]{syrian-national-coalition}.\n",
    )
    with pytest.raises(Exception, match=r"1\. \(para_1\) still has brackets in en"):
        actions.revision_renumber(
            user=user("mediator"), text_id=bracketed.pk, based_on=bracketed.version
        )
    text = _clean_text(sandbox)
    _insert(text)
    text.refresh_from_db()
    with pytest.raises(Exception, match="still open"):
        actions.revision_renumber(user=user("mediator"), text_id=text.pk, based_on=text.version)
    assert roadmap.revisions.count() == before
    assert text.revisions.count() == 1


def test_nothing_to_renumber_is_said_so(sandbox: Round) -> None:
    text = _clean_text(sandbox)
    with pytest.raises(Exception, match="nothing to renumber"):
        actions.revision_renumber(user=user("mediator"), text_id=text.pk, based_on=text.version)


def test_renumbering_issues_a_revision_with_its_concordance(sandbox: Round) -> None:
    text = _clean_text(sandbox)
    tabled = _insert(text)
    _fold(text, tabled.reference)
    new_id = tabled.data["change"]["provision"]["id"]
    text.refresh_from_db()
    mediator = login("mediator")
    response = mediator.post(f"/en/texts/{text.pk}/renumbering/", {"based_on": text.version})
    assert response.status_code == 302
    row, revision = latest_revision(text)
    assert row.number == 3
    assert revision.document.label(new_id, "en") == "2."
    assert revision.document.label("art_1__para_2", "ar") == "3."
    page = _page(login("party2"), "en", text)
    assert 'id="concordance"' in page
    assert '<td class="old-label">1 bis.</td><td class="new-label">2.</td>' in page
    arabic = _page(login("party2"), "ar", text)
    assert '<td class="old-label">1 مكرراً.</td><td class="new-label">2.</td>' in arabic
    csv = login("party2").get(f"/en/texts/{text.pk}/concordance.csv?revision=3")
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "provision,kind,old (en),old (ar),new (en),new (ar)"
    assert f"{new_id},paragraph,1 bis.,1 مكرراً.,2.,2." in lines
    assert "art_1__para_2,paragraph,2.,2.,3.,3." in lines
    entry = AuditEntry.objects.get(action=Action.REVISION_RENUMBER.value)
    assert {"id": "art_1__para_2", "kind": "paragraph", "old": {"en": "2.", "ar": "2."},
            "new": {"en": "3.", "ar": "3."}} in entry.detail["concordance"]  # fmt: skip
    # The revision before keeps its labels: Rev.2 still reads 1 bis.
    assert "1 bis." in _page(login("party2"), "en", text, "?revision=2")


def test_the_api_renumbers_and_reads_the_concordance(client: Client, sandbox: Round) -> None:
    text = _clean_text(sandbox)
    token = token_of("party1")
    created = client.post(
        f"/api/texts/{text.pk}/proposals",
        json.dumps(
            {
                "change": {
                    "kind": "insert_provision",
                    "provision": "art_1__para_1",
                    "texts": {"en": "One and a half."},
                    "labels": {"en": "1 bis.", "ar": "1 مكرراً."},
                }
            }
        ),
        content_type="application/json",
        headers=bearer(token),
    )
    assert created.status_code == 201, created.content
    draft = TextProposal.objects.get(text=text, state="draft")
    tabled = actions.proposal_table(
        user=user("party1"), proposal_id=draft.public_id, based_on=draft.version
    )
    _fold(text, tabled.reference)
    text.refresh_from_db()
    headers = bearer(token_of("mediator"))
    refused = client.post(
        f"/api/texts/{text.pk}/renumbering",
        json.dumps({"based_on": text.version - 1}),
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 409
    done = client.post(
        f"/api/texts/{text.pk}/renumbering",
        json.dumps({"based_on": text.version}),
        content_type="application/json",
        headers=headers,
    )
    assert done.status_code == 201, done.content
    state = client.get(f"/api/texts/{text.pk}?language=ar", headers=headers).json()
    assert state["revision"] == 3
    rows = {row["id"]: row for row in state["concordance"]}
    assert rows["art_1__para_2"]["old"]["ar"] == "2."
    assert rows["art_1__para_2"]["new"]["ar"] == "3."


def test_the_room_renders_notes_options_and_bracket_fragments() -> None:
    from astana.core.text import (
        Bracket,
        Document,
        Provision,
        ProvisionKind,
        ProvisionText,
        compilation_view,
    )
    from astana.core.text.brackets import Note
    from astana.web.negotiation.rendering import render_provisions

    para = ProvisionKind.PARAGRAPH
    opening = ProvisionText((Bracket(("Parties shall",), ("SNC",), None, True, False),))
    closing = ProvisionText((Bracket(("report",), ("SNC",), None, False, True),))
    noted = ProvisionText(("Two", Note("No text required")))
    option = Provision.create(
        "opt_1",
        ProvisionKind.OPTION,
        {"en": "Short"},
        [Provision("para_3", para, (("en", noted),))],
    )
    document = Document(
        ("en",),
        (
            Provision("para_1", para, (("en", opening),)),
            Provision("para_2", para, (("en", closing),)),
            option.with_labels({"en": "Option 1"}),
            Provision.create("note_1", ProvisionKind.NOTE, {"en": "To be placed"}),
        ),
    ).validate()
    html = render_provisions(compilation_view(document, [], "en").to_dict()["provisions"], {})
    assert '<span class="bracket fragment" title="held by SNC">[Parties shall</span>' in html
    assert '<span class="bracket fragment" title="held by SNC">report]</span>' in html
    assert '<li class="provision option ' in html
    assert '<span class="label">Option 1:</span> <span class="content">Short</span>' in html
    assert '<span class="drafting-note">{No text required}</span>' in html
    assert '<li class="provision note ' in html


def test_the_redline_names_provisions_by_label(sandbox: Round) -> None:
    text = _clean_text(sandbox)
    tabled = _insert(text)
    _fold(text, tabled.reference)
    page = login("party2").get(f"/en/texts/{text.pk}/redline/?old=1&new=2").content.decode()
    # By its labels from the article down; its wording follows, so no opening words before it.
    assert re.search(r'<span class="label">Article \d+ ¶1 bis</span>', page)
    assert not re.search(r'<span class="label">[^<]* — ', page)
    arabic = login("party2").get(f"/ar/texts/{text.pk}/redline/?old=1&new=2&language=ar")
    assert re.search(r'<span class="label">[^<]*¶1 مكرراً</span>', arabic.content.decode())


def test_a_text_stored_without_labels_keeps_its_numbers(sandbox: Round) -> None:
    """A revision stored with empty labels (as texts were between labels becoming data and
    texts being stored with them) is read with its numbers as labels: an insertion after 1.
    is 1 bis., and 2. stays 2."""
    text = _clean_text(sandbox)
    row = text.revisions.get(number=1)

    def unlabel(provisions: list[dict[str, object]]) -> None:
        for provision in provisions:
            provision["labels"] = {}
            unlabel(provision["children"])  # type: ignore[arg-type]

    unlabel(row.document["provisions"])
    row.save(update_fields=["document"])
    tabled = _insert(text)
    assert tabled.data["change"]["provision"]["labels"]["en"] == "1 bis."
    _fold(text, tabled.reference)
    _, revision = latest_revision(text)
    assert revision.document.label("art_1__para_2", "en") == "2."
