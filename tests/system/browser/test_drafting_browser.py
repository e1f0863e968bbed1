"""Drafting by selecting, in real Chromium (issue 14): a party selects words of a provision in
the text (a double-click, as a person does), the small form beside them offers what to do,
the party chooses "Replace" and types the new words, and the draft saved is that change:
in English (left to right) and in Arabic (right to left, the Arabic column). The form keeps
to the fields of the kind chosen; the provision's own menu fills it to delete a provision."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"
TITLE = {
    "en": "Roadmap for a political solution in Syria",
    "ar": "خارطة طريق للحل السياسي في سوريا",
}
# (language, the word selected in Article 4 ¶1, the replacement, the provision's new text)
CASES = [
    (
        "en",
        "international",
        "United Nations",
        "Free parliamentary elections shall be held under United Nations supervision after "
        "the adoption of the new constitution.",
    ),
    (
        "ar",
        "دولي",
        "أممي",
        "تجرى انتخابات برلمانية حرة تحت إشراف أممي بعد إقرار الدستور الجديد.",
    ),
]


def _open_text(page, server: str, language: str) -> str:
    page.goto(f"{server}/{language}{ROUND_PAGE}")
    page.locator("a.room-link").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    page.get_by_role("link", name=TITLE[language]).first.click()
    page.wait_for_url(re.compile(r"/texts/\d+/$"))
    return page.url


def _double_click_word(page, provision: str, word: str) -> None:
    """Double-click ``word`` in ``provision``'s text, where the browser drew it."""
    box = page.evaluate(
        """([provision, word]) => {
          const content = document.querySelector(
            `.text-column li[data-provision="${provision}"] > .content`);
          const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at + 1);
            range.setEnd(node, at + 2);
            const r = range.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
          }
          return null;
        }""",
        [provision, word],
    )
    assert box, f"{word!r} is not shown in {provision}"
    page.mouse.dblclick(box["x"], box["y"])


@pytest.mark.parametrize(("language", "word", "replacement", "expected"), CASES)
def test_a_party_selects_words_and_proposes_a_replacement(
    server: str, login, screenshot, language: str, word: str, replacement: str, expected: str
) -> None:
    party = login(server, "party1", language)
    text_url = _open_text(party, server, language)
    assert party.evaluate("document.dir") == ("rtl" if language == "ar" else "ltr")
    text_id = re.search(r"/texts/(\d+)/", text_url).group(1)
    before = {p["id"] for p in party.request.get(f"{server}/api/texts/{text_id}/proposals").json()}

    _double_click_word(party, "art_4__para_1", word)
    popup = party.locator("#selection-draft")
    popup.wait_for(state="visible")
    assert popup.locator(".selection-quote").inner_text() == word
    # The small form stands by the selection, inside the page's width, in either direction.
    box = popup.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    popup.locator('[data-mode="replace"]').click()
    popup.locator(".selection-words textarea").fill(replacement)
    screenshot(party, f"drafting-{language}-selection")
    with party.expect_navigation():
        popup.locator(".selection-submit").click()
    assert party.locator("#refusal").count() == 0, party.locator("#refusal").inner_text()

    listed = party.request.get(f"{server}/api/texts/{text_id}/proposals").json()
    [draft] = [p for p in listed if p["id"] not in before]
    assert draft["state"] == "draft" and draft["author"] == "syrian-national-coalition"
    assert draft["change"] == {
        "kind": "replace_text",
        "target": "art_4__para_1",
        "language": language,
        "text": expected,
    }
    assert party.locator(f'tr.proposal.state-draft >> text="{draft["reference"]}"').count() == 1


def test_the_form_shows_the_fields_of_its_kind_and_the_provision_menu_fills_it(
    server: str, login, screenshot
) -> None:
    party = login(server, "party2", "en")
    _open_text(party, server, "en")
    form = party.locator("#draft-form")
    form.locator("select[name=kind]").select_option("insert_words")
    assert form.locator("textarea[name=text]").is_visible()
    assert form.get_by_text("Words to insert", exact=True).is_visible()
    assert not form.locator("select[name=provision_kind]").is_visible()
    form.locator("select[name=kind]").select_option("delete_provision")
    assert not form.locator("textarea[name=text]").is_visible()
    assert not form.locator("input[name=words]").is_visible()

    # The revision form's choices sit beside their labels (the mediator's page).
    item = party.locator('.text-column li[data-provision="art_3"]')
    item.locator(":scope > .provision-menu-button").click()
    party.locator('#provision-menu [data-provision-action="delete_provision"]').click()
    assert form.locator("select[name=kind]").input_value() == "delete_provision"
    assert form.locator("select[name=provision]").input_value() == "art_3"
    screenshot(party, "drafting-en-provision-menu")


def test_the_mediators_choices_sit_beside_their_labels(server: str, login, screenshot) -> None:
    mediator = login(server, "mediator", "ar")
    _open_text(mediator, server, "ar")
    form = mediator.locator("#revision-form")
    for label in form.locator("fieldset label").all()[:4]:
        radio = label.locator("input[type=radio]").bounding_box()
        words = label.bounding_box()
        assert radio and words and words["width"] < 400, words
        assert radio["width"] < 40
    assert mediator.locator("#mediate-form").is_visible()
    assert mediator.locator("#translation-form").is_visible()
    screenshot(mediator, "drafting-ar-mediator")
