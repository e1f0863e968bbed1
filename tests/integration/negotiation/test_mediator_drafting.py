"""The mediator drafts and the translators supply language versions (issue 14, items 3 and 5):
the mediator's proposal or bridging text, tabled at once and marked as such; a language
version supplied or corrected, issuing the next revision with the flag cleared, audited and
shown in the redline; the drafting form's "insert words" with the words in "New wording".
Every role is tried on both actions, through the page and the API: a refused one changes
nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from django.test import Client
from tests.helpers.people import ANONYMOUS, OUTSIDER, ROLES, bearer, client_of, token_of, user
from tests.helpers.unchanged import unchanged

from astana.core.actions import Action, holders
from astana.core.text import Document
from astana.formats.print_html import attribution_text
from astana.web.common.models import AuditEntry
from astana.web.demo import DEMO_USERS
from astana.web.negotiation import selectors
from astana.web.negotiation.models import NegotiationText, TextProposal, TextRevision

pytestmark = pytest.mark.django_db


def _inline_items(provisions: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every inline item (text, bracket, option) of a view tree's provisions."""

    def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for item in items:
            yield item
            for key in ("children", "options"):
                if isinstance(item.get(key), list):
                    yield from walk(item[key])

    for provision in provisions:
        yield from walk(provision["content"])
        yield from _inline_items(provision["children"])


ROLE_OF = {name: role for name, role, *_ in DEMO_USERS}
WORDING = "Elections shall be held within twelve months of the adoption of the constitution."


def _latest(text: NegotiationText) -> Document:
    row = text.revisions.order_by("-number").first()
    assert row is not None
    return Document.from_dict(row.document)


def _may(name: str, action: Action) -> bool:
    return name in ROLE_OF and ROLE_OF[name] in holders(action)


# ---- the form: "insert words" with the words in "New wording"


def test_insert_words_typed_in_new_wording_is_drafted(roadmap: NegotiationText) -> None:
    party = client_of("party1")
    answer = party.post(
        f"/en/texts/{roadmap.pk}/proposals/",
        {
            "kind": "insert_words",
            "provision": "art_4__para_1",
            "language": "en",
            "words": "held",
            "text": "promptly",
            # Fields of other kinds, as a form sends them, are left aside.
            "move_after": "",
            "provision_kind": "paragraph",
            "label": "",
            "justification": "",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    draft = TextProposal.objects.filter(text=roadmap, state="draft").latest("id")
    change = draft.data["change"]
    assert change["kind"] == "insert_words" and change["words"] == "promptly"
    assert change["anchor"]["prefix"].endswith("shall be held")


def test_insert_words_before_the_selected_words(roadmap: NegotiationText) -> None:
    party = client_of("party1")
    answer = party.post(
        f"/en/texts/{roadmap.pk}/proposals/",
        {
            "kind": "insert_words",
            "provision": "art_4__para_1",
            "language": "en",
            "before": "parliamentary",
            "text": "transparent",
        },
    )
    assert answer.status_code == 302
    change = TextProposal.objects.filter(text=roadmap, state="draft").latest("id").data["change"]
    assert change["anchor"]["suffix"].startswith("parliamentary")


def test_replace_selected_words_makes_the_whole_new_text(roadmap: NegotiationText) -> None:
    party = client_of("party2")
    answer = party.post(
        f"/ar/texts/{roadmap.pk}/proposals/",
        {
            "kind": "replace_text",
            "provision": "art_4__para_1",
            "language": "en",
            "words": "international",
            "text": "United Nations",
        },
    )
    assert answer.status_code == 302
    change = TextProposal.objects.filter(text=roadmap, state="draft").latest("id").data["change"]
    assert change["text"] == (
        "Free parliamentary elections shall be held under United Nations supervision after "
        "the adoption of the new constitution."
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "insert_words", "words": "held"}, "Write the words to insert"),
        ({"kind": "insert_words", "words": "nowhere", "text": "x"}, "were not found"),
        ({"kind": "delete_words", "words": "held", "occurrence": "9"}, "does not occur 9"),
        ({"kind": "delete_words", "words": "held", "occurrence": "0"}, "occurrence"),
    ],
)
def test_a_wrong_drafting_form_is_refused_and_changes_nothing(
    roadmap: NegotiationText, fields: dict[str, str], message: str
) -> None:
    party = client_of("party1")
    with unchanged():
        answer = party.post(
            f"/en/texts/{roadmap.pk}/proposals/",
            {"provision": "art_4__para_1", "language": "en", **fields},
        )
    assert answer.status_code == 400
    assert message in answer.content.decode()


# ---- the mediator's proposal


def test_the_mediator_tables_a_bridging_text_marked_as_such(roadmap: NegotiationText) -> None:
    mediator = client_of("mediator")
    page = mediator.get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert 'id="mediate-form"' in page and 'id="draft-form"' not in page
    answer = mediator.post(
        f"/en/texts/{roadmap.pk}/mediator-proposals/",
        {
            "based_on": roadmap.version,
            "origin": "bridging",
            "kind": "replace_text",
            "provision": "art_4__para_1",
            "language": "en",
            "text": WORDING,
            "justification": "Between the parties' dates.",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    row = TextProposal.objects.filter(text=roadmap).latest("id")
    assert row.state == "tabled" and row.reference == "P4" and row.tabled_at is not None
    assert row.author.slug == "kazakhstan-mfa" and row.data["origin"] == "bridging"
    entry = AuditEntry.objects.filter(action="proposal.mediate").latest("id")
    assert entry.detail["origin"] == "bridging"
    for name, language, shown in (
        ("party1", "en", "bridging text"),
        ("observer", "ar", "نص توفيقي"),
        ("party3", "ru", "компромиссный текст"),
    ):
        page = client_of(name).get(f"/{language}/texts/{roadmap.pk}/").content.decode()
        assert f'<span class="badge origin origin-bridging">{shown}</span>' in page, name
    # Where it stands in the compilation text, and in the print (PDF) of it.
    page = client_of("party2").get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert "P4 proposed by Ministry of Foreign Affairs of Kazakhstan (bridging text)" in page
    tree = selectors.text_state(user("observer"), roadmap.pk, language="en").view
    marked = [
        item
        for item in _inline_items(tree["provisions"])
        if (item.get("attribution") or {}).get("proposal") == "P4"
    ]
    assert marked, "the bridging text is not in the compilation text"
    assert all("(bridging text)" in attribution_text(item, "en", {}) for item in marked)
    assert all("(نص توفيقي)" in attribution_text(item, "ar", {}) for item in marked)
    # And in the Word export (the bridging text is English: its bracket is in that section).
    word = client_of("party2").get(f"/en/texts/{roadmap.pk}/download.docx?lang=en,ar")
    assert word.status_code == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert any("#P4 (bridging text)" in p for p in paragraphs), paragraphs
    assert not any("#P1 (" in p for p in paragraphs)  # a party's proposal is not marked
    # The parties back it; the mediator folds it in like any tabled proposal.
    roadmap.refresh_from_db()
    listed = Client(headers=bearer(token_of("party1"))).get(f"/api/texts/{roadmap.pk}/proposals")
    listed = listed.json()
    assert {p["reference"]: p["origin"] for p in listed}["P4"] == "bridging"
    support = client_of("party1").post(
        f"/en/texts/{roadmap.pk}/proposals/{row.public_id}/support", {"based_on": row.version}
    )
    assert support.status_code == 302
    roadmap.refresh_from_db()
    issued = mediator.post(
        f"/en/texts/{roadmap.pk}/revisions/", {"based_on": roadmap.version, "choice-P4": "fold"}
    )
    assert issued.status_code == 302
    assert str(_latest(roadmap)["art_4__para_1"].text("en")) == WORDING


@pytest.mark.parametrize("name", ROLES)
def test_only_the_mediator_tables_a_mediators_proposal(roadmap: NegotiationText, name: str) -> None:
    form = {
        "based_on": roadmap.version,
        "origin": "mediator",
        "kind": "delete_provision",
        "provision": "art_5__para_1",
    }
    before = TextProposal.objects.filter(text=roadmap).count()
    if _may(name, Action.PROPOSAL_MEDIATE):
        assert (
            client_of(name).post(f"/en/texts/{roadmap.pk}/mediator-proposals/", form).status_code
            == 302
        )
        assert TextProposal.objects.filter(text=roadmap).count() == before + 1
        return
    client = client_of(name)
    with unchanged():
        page = client.post(f"/en/texts/{roadmap.pk}/mediator-proposals/", form)
    assert page.status_code in ((302,) if name == ANONYMOUS else (403, 404)), page.status_code
    if name == ANONYMOUS:
        assert "/accounts/login/" in page["Location"]
    if name in (ANONYMOUS, OUTSIDER):
        return
    payload = {
        "based_on": roadmap.version,
        "origin": "mediator",
        "change": {"kind": "delete_provision", "provision": "art_5__para_1"},
    }
    api = Client(headers=bearer(token_of(name)))
    with unchanged():
        answer = api.post(
            f"/api/texts/{roadmap.pk}/mediator-proposals",
            payload,
            content_type="application/json",
        )
    assert answer.status_code in (403, 404), (name, answer.status_code)


def test_a_mediators_proposal_on_a_stale_version_is_refused(roadmap: NegotiationText) -> None:
    with unchanged():
        answer = client_of("mediator").post(
            f"/en/texts/{roadmap.pk}/mediator-proposals/",
            {
                "based_on": roadmap.version - 1,
                "kind": "delete_provision",
                "provision": "art_5__para_1",
            },
        )
    assert answer.status_code == 409


# ---- translations


def _folded_english_change(roadmap: NegotiationText) -> NegotiationText:
    """Rev.2 folds party2's English wording of Article 4 (P2): its Arabic needs translation."""
    roadmap.refresh_from_db()
    answer = client_of("mediator").post(
        f"/en/texts/{roadmap.pk}/revisions/", {"based_on": roadmap.version, "choice-P2": "fold"}
    )
    assert answer.status_code == 302
    roadmap.refresh_from_db()
    assert _latest(roadmap)["art_4__para_1"].needs_translation == {"ar"}
    return roadmap


ARABIC = "تجرى انتخابات برلمانية حرة ونزيهة خلال ثمانية عشر شهراً تحت إشراف الأمم المتحدة."


def test_the_secretariat_supplies_the_arabic_and_the_flag_clears(
    roadmap: NegotiationText,
) -> None:
    roadmap = _folded_english_change(roadmap)
    page = client_of("secretariat").get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert 'id="translation-form"' in page
    answer = client_of("secretariat").post(
        f"/en/texts/{roadmap.pk}/translations/",
        {
            "based_on": roadmap.version,
            "provision": "art_4__para_1",
            "language": "ar",
            "text": ARABIC,
        },
    )
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    latest = TextRevision.objects.filter(text=roadmap).latest("number")
    assert latest.number == 3
    document = Document.from_dict(latest.document)
    assert document["art_4__para_1"].needs_translation == frozenset()
    assert str(document["art_4__para_1"].text("ar")) == ARABIC
    entry = AuditEntry.objects.filter(action="translation.supply").latest("id")
    assert entry.detail["language"] == "ar" and entry.detail["wording_changed"] is True
    assert entry.detail["number"] == 3
    arabic = client_of("party1").get(f"/ar/texts/{roadmap.pk}/").content.decode()
    assert "تحتاج إلى ترجمة" not in arabic.split('id="prov-art_4__para_1"')[1].split("</li>")[0]
    redline = (
        client_of("observer")
        .get(f"/en/texts/{roadmap.pk}/redline/?old=2&new=3&language=ar")
        .content.decode()
    )
    assert "run-insert" in redline and "ثمانية عشر" in redline


def test_confirming_a_translation_as_it_stands_keeps_positions_current(
    roadmap: NegotiationText,
) -> None:
    roadmap = _folded_english_change(roadmap)
    current = str(_latest(roadmap)["art_4__para_1"].text("ar"))
    answer = client_of("mediator").post(
        f"/en/texts/{roadmap.pk}/translations/",
        {
            "based_on": roadmap.version,
            "provision": "art_4__para_1",
            "language": "ar",
            "text": current,
        },
    )
    assert answer.status_code == 302
    assert _latest(roadmap)["art_4__para_1"].needs_translation == frozenset()
    assert (
        AuditEntry.objects.filter(action="translation.supply")
        .latest("id")
        .detail["wording_changed"]
        is False
    )
    # Nothing is left to supply: a second time is refused and changes nothing.
    roadmap.refresh_from_db()
    with unchanged():
        again = client_of("mediator").post(
            f"/en/texts/{roadmap.pk}/translations/",
            {
                "based_on": roadmap.version,
                "provision": "art_4__para_1",
                "language": "ar",
                "text": current,
            },
        )
    assert again.status_code == 400
    assert "needs no translation" in again.content.decode()


@pytest.mark.parametrize("name", ROLES)
def test_only_the_mediator_and_the_secretariat_supply_translations(
    roadmap: NegotiationText, name: str
) -> None:
    form = {
        "based_on": roadmap.version,
        "provision": "art_5__para_1",
        "language": "en",
        "text": "The parties agree to meet again in Astana.",
    }
    if _may(name, Action.TRANSLATION_SUPPLY):
        answer = client_of(name).post(f"/en/texts/{roadmap.pk}/translations/", form)
        assert answer.status_code == 302
        assert roadmap.revisions.count() == 2
        return
    client = client_of(name)
    with unchanged():
        page = client.post(f"/en/texts/{roadmap.pk}/translations/", form)
    assert page.status_code in ((302,) if name == ANONYMOUS else (403, 404)), page.status_code
    if name in (ANONYMOUS, OUTSIDER):
        return
    api = Client(headers=bearer(token_of(name)))
    form["based_on"] = roadmap.version
    with unchanged():
        answer = api.post(
            f"/api/texts/{roadmap.pk}/translations", form, content_type="application/json"
        )
    assert answer.status_code in (403, 404), (name, answer.status_code)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"provision": "art_9"}, "no provision"),
        ({"language": "ru"}, "version (it has"),
        ({"text": "   "}, "Write the provision"),
        ({"text": "An [unclosed bracket."}, "does not parse"),
    ],
)
def test_a_wrong_translation_is_refused_and_changes_nothing(
    roadmap: NegotiationText, fields: dict[str, str], message: str
) -> None:
    form = {
        "based_on": str(roadmap.version),
        "provision": "art_5__para_1",
        "language": "en",
        "text": "A new wording.",
        **fields,
    }
    with unchanged():
        answer = client_of("secretariat").post(f"/en/texts/{roadmap.pk}/translations/", form)
    assert answer.status_code == 400, answer.status_code
    assert message in answer.content.decode()


def test_english_and_arabic_folded_together_leave_nothing_pending(
    roadmap: NegotiationText,
) -> None:
    """The story of issue 14: both wordings of a change folded into one revision, and the
    English still read "(translation pending)"."""
    drafts = []
    for language, wording in (("en", WORDING), ("ar", ARABIC)):
        answer = client_of("party1").post(
            f"/en/texts/{roadmap.pk}/proposals/",
            {
                "kind": "replace_text",
                "provision": "art_4__para_1",
                "language": language,
                "text": wording,
            },
        )
        assert answer.status_code == 302
        draft = TextProposal.objects.filter(text=roadmap, state="draft").latest("id")
        assert (
            client_of("party1")
            .post(
                f"/en/texts/{roadmap.pk}/proposals/{draft.public_id}/table",
                {"based_on": draft.version},
            )
            .status_code
            == 302
        )
        drafts.append(TextProposal.objects.get(pk=draft.pk).reference)
    roadmap.refresh_from_db()
    answer = client_of("mediator").post(
        f"/en/texts/{roadmap.pk}/revisions/",
        {"based_on": roadmap.version, **{f"choice-{r}": "fold" for r in drafts}},
    )
    assert answer.status_code == 302
    assert _latest(roadmap)["art_4__para_1"].needs_translation == frozenset()
    page = client_of("party1").get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert "needs translation" not in page
