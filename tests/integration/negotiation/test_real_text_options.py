"""A round on a real text, by its labels as written: "we support Option 2 of paragraph 25", "we
propose to delete Option 1". The whole draft decision of 6 November 2015 is pasted leniently
(its ten source typos kept as problems); a party's position on an option inside paragraph 25,
another party's proposal to delete the other option, and the mediator's next revision keep
every label (paragraph 26 stays 26, the remaining option stays "Option 2") and the position
(its wording did not change); the redline of the two revisions is the one deletion, and the
citation names the option with its paragraph. Ordinary database tests: they run on
SQLite and, through the suite's script, on PostgreSQL."""

from __future__ import annotations

import pytest
from tests.helpers.people import user
from tests.helpers.real_texts import copied_text, real_text

from astana.core.text.alignment import ChangeKind, citation, compare_documents
from astana.core.text.document import Document
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.negotiation.presenting import provision_names
from astana.web.negotiation.selectors import current_positions
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db


def _document(text: NegotiationText, number: int) -> Document:
    return Document.from_dict(text.revisions.get(number=number).document)


def _by_label(document: Document, *labels: str) -> str:
    """The identity of the provision reached by ``labels`` as written, outermost first (the
    label of a provision in the text as a delegate names it)."""
    found = [
        p.id
        for p in document.walk()
        if [document.label(a, "en") for a in _ancestry(document, p.id)][-len(labels) :]
        == list(labels)
    ]
    assert len(found) == 1, (labels, found)
    return found[0]


def _ancestry(document: Document, identity: str) -> list[str]:
    chain = [identity]
    while (parent := document.parent(chain[0])) is not None:
        chain.insert(0, parent.id)
    return chain


def _fresh(text: NegotiationText) -> int:
    text.refresh_from_db()
    return text.version


def test_support_option_2_of_paragraph_25_and_delete_option_1(sandbox: Round) -> None:
    text = actions.text_create(
        user=user("mediator"),
        round_id=sandbox.pk,
        slug="paris-decision",
        titles={"en": "Draft decision -/CP.21"},
        notation=copied_text(real_text("paris-decision-6nov2015.md")),
        lenient=True,
        accept_problems=True,
    )
    rev1 = _document(text, 1)
    option_1 = _by_label(rev1, "25.", "Option 1")
    option_2 = _by_label(rev1, "25.", "Option 2")
    paragraph_26 = _by_label(rev1, "III.", "26.")

    actions.position_set(
        user=user("party1"),
        text_id=text.pk,
        based_on=_fresh(text),
        provision=option_2,
        stance="support",
    )
    draft = actions.proposal_draft(
        user=user("party2"),
        text_id=text.pk,
        change={"kind": "delete_provision", "provision": option_1},
        justification="Option 2 of paragraph 25 is our common ground.",
    )
    actions.proposal_table(user=user("party2"), proposal_id=draft.public_id, based_on=1)
    tabled = TextProposal.objects.get(pk=draft.pk)

    actions.revision_issue(
        user=user("mediator"), text_id=text.pk, based_on=_fresh(text), fold=[tabled.reference]
    )
    rev2 = _document(text, 2)
    assert option_1 not in rev2
    assert [rev2.label(c.id, "en") for c in rev2[_by_label(rev2, "25.")].children] == ["Option 2"]
    assert rev2[option_2] == rev1[option_2]
    assert rev2.label(paragraph_26, "en") == "26."  # no label moved
    assert [rev1.label(p.id, "en") for p in rev1.walk() if p.id != option_1] == [
        rev2.label(p.id, "en") for p in rev2.walk()
    ]

    changes = compare_documents(rev1, rev2, language="en").changes
    assert [(c.kind, c.provision, c.label) for c in changes] == [
        (ChangeKind.DELETED, option_1, "Option 1")
    ]
    (position,) = current_positions(text)["positions"]
    assert position["provision"] == option_2
    assert position["current"] is True, "the wording of Option 2 did not change"
    assert citation(rev1, option_1, "en") == "25., Option 1"
    assert citation(rev1, _by_label(rev1, "25."), "en") == "25."
    block = _by_label(rev1, "I.", "Option I", "6.")
    assert citation(rev1, block, "en") == "I., Option I, 6."


def test_the_rooms_names_cite_a_decisions_paragraph_without_its_sections(sandbox: Round) -> None:
    """The provision pickers and proposals name a provision as a delegate cites it: a
    decision's paragraph 25 is "¶25" (numbered across the sections above it), its option
    "¶25 Option 2"; an agreement's paragraph keeps its article ("Article 2 ¶1")."""
    text = actions.text_create(
        user=user("mediator"),
        round_id=sandbox.pk,
        slug="paris-decision",
        titles={"en": "Draft decision -/CP.21"},
        notation=copied_text(real_text("paris-decision-6nov2015.md")),
        lenient=True,
        accept_problems=True,
    )
    document = _document(text, 1)
    names = provision_names(document, "en")
    assert names[_by_label(document, "25.", "Option 2")].startswith("¶25 Option 2 — Develop")
    assert names[_by_label(document, "III.", "25.")].startswith("¶25")
    six = _by_label(document, "I.", "Option I", "6.")  # 6. stands in each of three options
    assert names[six].startswith("I Option I ¶6")
    roadmap = Document.from_dict(
        sandbox.texts.get(slug="roadmap").revisions.order_by("-number").first().document
    )
    assert provision_names(roadmap, "en")["art_2__para_1"].startswith("Article 2 ¶1 — ")
