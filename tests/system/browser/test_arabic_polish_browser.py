"""Arabic and Russian details in real Chromium (issue 14, item 7): the Arabic text beside the
English one aligned provision by provision, the Arabic-Indic digits button reaching every
number of a page, English notes on an Arabic page keeping their punctuation at their own end,
the Russian page of a text that has no Russian version saying so, and no timeline label cut
at the picture's edge. Screenshots go to var/screenshots/ for the README."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def _roadmap_url(page, server: str, language: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/{language}{ROUND_PAGE}")
    page.locator("a.room-link").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    links = page.locator("main a[href*='/texts/']").evaluate_all("els => els.map(e => e.href)")
    url = next(link for link in links if re.search(r"/texts/\d+/$", link))
    page.goto(url)
    return str(url)


def test_arabic_and_english_side_by_side_align_provision_by_provision(
    server: str, login, screenshot
) -> None:
    mediator = login(server, "mediator", "ar")
    mediator.goto(_roadmap_url(mediator, server, "ar") + "?compare=en")
    rows = mediator.locator(".aligned-row")
    assert rows.count() >= 10  # five articles and their paragraphs
    uneven = 0
    for row in rows.all():
        arabic = row.locator(".aligned-cell[lang=ar] li.provision").bounding_box()
        english = row.locator(".aligned-cell[lang=en] li.provision").bounding_box()
        assert arabic and english, row.get_attribute("data-provision")
        assert arabic["y"] == pytest.approx(english["y"], abs=0.5), row.get_attribute(
            "data-provision"
        )
        assert arabic["x"] > english["x"]  # the page's own language stands at the right
        uneven += abs(arabic["height"] - english["height"]) > 2
    # The check means something: some provisions are longer in one language than in the other,
    # and the next row starts level in both all the same.
    assert uneven >= 1
    screenshot(mediator, "text-side-by-side-ar")


def test_the_digits_button_reaches_every_number_of_the_page(server: str, page, screenshot) -> None:
    page.goto(f"{server}/ar/processes/astana-platform/rounds/ap-round-1/")
    assert "الجلسة 1" in page.locator("main").inner_text()
    page.locator("form.digits button").click()
    page.wait_for_load_state()
    shown = page.locator("main").inner_text()
    assert "الجلسة ١" in shown and "الجلسة 1" not in shown
    # Every number in Arabic text: any Latin digit left stands in text of another language.
    latin = page.evaluate(
        """() => {
          const found = [];
          const walker = document.createTreeWalker(document.querySelector('main'),
                                                   NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const lang = node.parentElement.closest('[lang]').getAttribute('lang');
            if (/[0-9]/.test(node.textContent) && lang === 'ar') found.push(node.textContent);
          }
          return found;
        }"""
    )
    assert latin == []
    screenshot(page, "digits-arabic-indic-ar")
    page.locator("form.digits button").click()
    page.wait_for_load_state()
    shown = page.locator("main").inner_text()
    assert "الجلسة 1" in shown and not any(d in shown for d in ARABIC_INDIC[1:])


def test_english_notes_on_an_arabic_page_keep_their_punctuation_at_their_end(
    server: str, login, screenshot
) -> None:
    mediator = login(server, "mediator", "ar")
    mediator.goto(_roadmap_url(mediator, server, "ar"))
    # The sandbox's reservation and justifications are written in English.
    notes = mediator.locator("#positions-recorded q, td .justification")
    assert notes.count() >= 2
    for note in notes.all():
        assert note.evaluate("e => getComputedStyle(e).direction") == "ltr"
        # The full stop that ends the English sentence stands at its right-hand end.
        first_x, last_x = note.evaluate(
            """e => {
              const text = e.firstChild;
              const at = (i) => { const r = document.createRange(); r.setStart(text, i);
                                  r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
              const last = text.textContent.trimEnd().length - 1;
              return [at(0).left, at(last).left];
            }"""
        )
        assert last_x > first_x
    screenshot(mediator, "english-notes-ar")


def test_a_text_without_a_russian_version_says_in_which_language_it_is_shown(
    server: str, login
) -> None:
    party = login(server, "party1", "ru")
    url = _roadmap_url(party, server, "ru")
    notice = party.locator("#shown-in-another-language")
    assert notice.is_visible()
    assert notice.get_attribute("data-shown") == "en"
    assert "английском" in notice.inner_text()
    party.goto(url.replace("/ru/", "/en/", 1))
    assert party.locator("#shown-in-another-language").count() == 0


@pytest.mark.parametrize("language", ["ar", "en"])
def test_no_timeline_label_is_cut_at_the_edge(server: str, page, screenshot, language: str) -> None:
    page.goto(f"{server}/{language}/processes/astana-platform/")
    picture = page.locator("svg.timeline").bounding_box()
    assert picture
    labels = page.locator("svg.timeline .tl-label").all()
    assert len(labels) >= 8
    for label in labels:
        box = label.bounding_box()
        assert box
        assert box["x"] >= picture["x"] - 0.5, label.text_content()
        assert box["x"] + box["width"] <= picture["x"] + picture["width"] + 0.5, (
            label.text_content()
        )
    screenshot(page, f"timeline-edges-{language}")
