"""A whole round in real Chromium, once in English and once in Arabic (issue 14): the mediator
pastes a joint statement with three open brackets (and one provision not yet translated), three
parties close them by selecting the bracketed words in the text, in both languages, the
mediator tables a bridging text the same way and issues Rev.2, supplies the missing and the
outdated language versions from the provision's own menu, each party fills its column of the
positions grid, and the mediator records agreement, ad referendum then confirmed, on every
provision at once: the text is adoptable.

Along the way: no page any of them reads shows an internal identifier (a provision's identity,
an organisation's slug, a dotted action name); a change made in one browser reaches the pages
open in the others without reload (the observer's text, the mediator's grid); the observer can
act on nothing. The story counts what it took (the requests that changed something, and the
clicks, choices and typed fields of the people) and prints the count, which the README quotes
beside the screenshots it takes (``make screenshots`` copies them to docs/screenshots/)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from tests.helpers.visible import internal_ids

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
TEXTS = Path(__file__).with_name("texts")
ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"
PARTIES = ("party1", "party2", "party3")

# What each language's story types: the bracketed words closed (and how), the mediator's
# bridging text, the translations the mediator supplies, a reservation.
WORDS = {
    "en": {
        "title": "Joint statement on the next round",
        "all": ("[all]", "all"),
        "deadline": "[within three months]",
        "aegis": "[under the aegis of the United Nations]",
        "bridge": "with the facilitation of the United Nations",
        "para_3": "A constitutional committee shall be convened with the facilitation of the "
        "United Nations in Geneva.",
        "para_5": "The guarantor states shall report on the ceasefire at the next round.",
        "reservation": "Subject to the approval of our leadership.",
        "adoptable": "Adoptable",
    },
    "ar": {
        "title": "بيان مشترك بشأن الجولة المقبلة",
        "all": ("[جميع]", "جميع"),
        "deadline": "[في غضون ثلاثة أشهر]",
        "aegis": "[تحت رعاية الأمم المتحدة]",
        "bridge": "بتيسير من الأمم المتحدة",
        "para_3": "تنعقد لجنة دستورية بتيسير من الأمم المتحدة في جنيف.",
        "para_5": "تقدم الدول الضامنة تقريراً عن وقف إطلاق النار في الجولة المقبلة.",
        "reservation": "رهناً بموافقة قيادتنا.",
        "adoptable": "قابل للاعتماد",
    },
}
OTHER = {"en": "ar", "ar": "en"}

# The start and the end of the words to select, where the browser drew them (right to left
# too), once scrolled into the window: the mouse is pressed on the first character's leading
# edge and released on the last's trailing edge, as a person drags.
_WORDS_BOX = """([provision, language, words]) => {
  const content = document.querySelector(
    `[data-live-region="text"] [lang="${language}"] li[data-provision="${provision}"] > .content`);
  if (!content) return null;
  content.scrollIntoView({block: "center"});
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, text.length]);
    text += n.textContent;
  }
  const at = text.indexOf(words);
  if (at < 0) return null;
  function box(offset) {
    for (const [node, start] of nodes) {
      if (offset < start + node.textContent.length) {
        const range = document.createRange();
        range.setStart(node, offset - start);
        range.setEnd(node, offset - start + 1);
        return range.getBoundingClientRect();
      }
    }
  }
  const rtl = getComputedStyle(content).direction === "rtl";
  const first = box(at), last = box(at + words.length - 1);
  return {
    x1: rtl ? first.right - 1 : first.left + 1, y1: first.top + first.height / 2,
    x2: rtl ? last.left + 0.5 : last.right - 0.5, y2: last.top + last.height / 2,
  };
}"""


@dataclass
class Story:
    """The people of the story, what they did, and what every page they read showed."""

    server: str
    language: str
    slugs: set[str] = field(default_factory=set)
    interactions: int = 0
    changes: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        """Count every request of ``page`` that changes something (a login aside)."""

        def on_request(request) -> None:
            if request.method == "POST" and "/accounts/login/" not in request.url:
                self.changes.append(request.url)

        page.on("request", on_request)

    def read(self, page) -> None:
        """What ``page`` shows a person: no internal identifier."""
        found = internal_ids(page.content(), self.slugs)
        self.leaks.extend(f"{page.url}: {leak}" for leak in found)

    def act(self, n: int = 1) -> None:
        self.interactions += n


def _select(story: Story, page, provision: str, language: str, words: str) -> None:
    box = page.evaluate(_WORDS_BOX, [provision, language, words])
    assert box, f"{words!r} is not shown in the {language} text of {provision}"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
    story.act()


def _propose(
    story: Story,
    page,
    provision: str,
    language: str,
    words: str,
    mode: str,
    typed: str = "",
    shot=None,
) -> None:
    """Select ``words`` and propose what to do with them from the small form beside them;
    ``shot`` (a callable) photographs the filled form before it is sent."""
    _select(story, page, provision, language, words)
    popup = page.locator("#selection-draft")
    popup.wait_for(state="visible")
    assert popup.locator(".selection-quote").inner_text() == words
    popup.locator(f'[data-mode="{mode}"]').click()
    story.act()
    if typed:
        popup.locator(".selection-words textarea").fill(typed)
        story.act()
    if shot:
        shot(page)
    _send(story, page, popup.locator(".selection-submit"))


def _table_last_draft(story: Story, page) -> None:
    row = page.locator("tr.proposal.state-draft").last
    _send(story, page, row.locator("button.table-proposal"))
    assert page.locator("tr.proposal.state-draft").count() == 0


def _send(story: Story, page, button) -> None:
    """Click ``button`` (a form's), wait for the answer: not a refusal, and in words."""
    with page.expect_navigation():
        button.click()
    story.act()
    _no_refusal(page)
    story.read(page)


def _no_refusal(page) -> None:
    refusal = page.locator("#refusal, .error[role=alert]")
    assert refusal.count() == 0, refusal.first.inner_text()


def _translate(story: Story, mediator, text_url: str, provision: str, language: str, words: str):
    """From the provision's own menu in ``language``'s column (beside the page's language):
    the translation form, filled with the provision's present text there."""
    mediator.goto(f"{text_url}?compare={language}")
    item = mediator.locator(
        f'[data-live-region="text"] [lang="{language}"] li[data-provision="{provision}"]'
    )
    item.locator(":scope > .provision-menu-button").click()
    mediator.locator('#provision-menu [data-provision-action="translate"]').click()
    story.act(2)
    form = mediator.locator("#translation-form")
    assert form.locator("select[name=provision]").input_value() == provision
    assert form.locator("select[name=language]").input_value() == language
    form.locator("textarea[name=text]").fill(words)
    story.act()
    _send(story, mediator, form.locator("button[type=submit]"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_whole_round_from_a_pasted_text_to_an_adoptable_one(
    server: str, login, screenshot, language: str
) -> None:
    words = WORDS[language]
    other = OTHER[language]
    story = Story(server, language)
    actors = yaml.safe_load((ROOT / "data/history/actors.yaml").read_text(encoding="utf-8"))
    story.slugs |= {o["id"] for o in actors["organisations"]}

    # The mediator pastes the text: three open brackets in each language, ¶5 untranslated.
    mediator = login(server, "mediator", language)
    story.watch(mediator)
    mediator.goto(f"{server}/{language}{ROUND_PAGE}")
    mediator.locator("a.room-link").click()
    form = mediator.locator("#text-form")
    form.locator("input[name=slug]").fill(f"statement-{language}")
    form.locator(f"input[name=title_{language}]").fill(words["title"])
    notation = (TEXTS / f"statement.{language}.txt").read_text(encoding="utf-8")
    form.locator("textarea[name=notation]").fill(notation)
    with mediator.expect_navigation():
        form.locator("button[type=submit]").click()
    story.act(4)
    mediator.wait_for_url(re.compile(rf"/{language}/texts/\d+/$"))
    text_url = mediator.url
    text_id = re.search(r"/texts/(\d+)/", text_url).group(1)
    assert mediator.evaluate("document.dir") == ("rtl" if language == "ar" else "ltr")
    grid = mediator.request.get(f"{server}/api/texts/{text_id}/grid").json()
    story.slugs |= {party["slug"] for party in grid["parties"]}
    assert "3 of 5 provisions" in mediator.locator("#progress").inner_text() or language == "ar"
    story.read(mediator)

    # The observer watches the text; it is never reloaded below.
    observer = login(server, "observer", language)
    observer.goto(text_url)
    observer.wait_for_function("document.getElementById('live') !== null")
    assert observer.locator("#draft-form, #mediate-form, #agreement-form").count() == 0

    # The parties close two brackets by selecting them, in both languages (side by side).
    parties = {name: login(server, name, language) for name in PARTIES}
    for page in parties.values():
        story.watch(page)
    party1, party2 = parties["party1"], parties["party2"]
    side_by_side = f"{text_url}?compare={other}"
    for lang in (language, other):
        party1.goto(side_by_side)
        bracketed, kept = WORDS[lang]["all"]
        _propose(story, party1, "para_2", lang, bracketed, "replace", kept)
        _table_last_draft(story, party1)
        party2.goto(side_by_side)
        _propose(story, party2, "para_4", lang, WORDS[lang]["deadline"], "delete")
        _table_last_draft(story, party2)
    screenshot(party2, f"story-{language}-proposals")

    # The mediator bridges the third bracket in the story's language, tabled at once.
    mediator.goto(text_url)
    _propose(
        story,
        mediator,
        "para_3",
        language,
        words["aegis"],
        "replace",
        words["bridge"],
        shot=lambda page: screenshot(page, f"story-{language}-select", full_page=False),
    )
    rows = mediator.locator("tr.proposal.state-tabled")
    assert rows.count() == 5
    assert rows.last.locator(".origin-mediator").count() == 1  # marked as the mediator's
    screenshot(mediator, f"story-{language}-room")

    # Rev.2 folds the five; the observer's page shows it without reload.
    form = mediator.locator("#revision-form")
    for choice in form.locator('input[type=radio][value="fold"]').all():
        choice.check()
        story.act()
    _send(story, mediator, form.locator("button[type=submit]"))
    observer.locator('[data-live-region="meta"]', has_text="Rev.2").wait_for(timeout=15_000)
    shown = observer.locator('[data-live-region="text"]').inner_text()
    assert words["all"][0] not in shown and words["deadline"] not in shown

    # The other language's ¶3 is out of date (it still has its bracket) and ¶5 has none:
    # the mediator supplies both from the provisions' menus (Rev.3, Rev.4).
    _translate(story, mediator, text_url, "para_3", other, WORDS[other]["para_3"])
    _translate(story, mediator, text_url, "para_5", other, WORDS[other]["para_5"])
    observer.locator('[data-live-region="meta"]', has_text="Rev.4").wait_for(timeout=15_000)
    story.read(observer)

    # Each party fills its column of the grid; the mediator's grid follows without reload.
    mediator.goto(f"{server}/{language}/texts/{text_id}/grid/")
    assert mediator.locator("#not-adoptable").count() == 1
    for name, page in parties.items():
        page.goto(f"{server}/{language}/texts/{text_id}/grid/")
        own = page.locator("#grid-form")
        for select in own.locator("td.own select").all():
            provision = select.get_attribute("name").removeprefix("stance-")
            if (name, provision) == ("party3", "para_4"):
                select.select_option("support_with_reservation")
                own.locator(f"input[name='reservation-{provision}']").fill(words["reservation"])
                story.act(2)
            else:
                select.select_option("support")
                story.act()
        _send(story, page, page.locator("#grid-save"))
    last = mediator.locator("td[data-party].stance-support_with_reservation")
    last.wait_for(timeout=15_000)
    assert last.get_attribute("title") == words["reservation"]
    story.read(mediator)

    # Agreement on every provision at once, then the leaderships' confirmation.
    for button in ("#agree-all", "#confirm-all"):
        _send(story, mediator, mediator.locator(button))
    assert mediator.locator("#adoptable").count() == 1
    story.read(mediator)
    screenshot(mediator, f"story-{language}-grid")
    mediator.goto(text_url)
    assert mediator.locator("#adoptable").count() == 1
    assert "[" not in mediator.locator('[data-live-region="text"]').inner_text()
    story.read(mediator)

    # The redline of the round, Rev.1 to Rev.4, in the story's language.
    mediator.goto(f"{text_url}redline/?old=1&new=4&language={language}")
    assert mediator.locator(".run-insert").count() and mediator.locator(".run-delete").count()
    story.read(mediator)
    screenshot(mediator, f"story-{language}-redline")

    # The observer acted on nothing and could not.
    assert observer.locator("#draft-form, #mediate-form, #grid-form, #agreement-form").count() == 0
    csrf = next(c["value"] for c in observer.context.cookies() if c["name"] == "csrftoken")
    refused = observer.request.post(
        f"{text_url}agreement/",
        form={"based_on": "1", "step": "adref-all"},
        headers={"X-CSRFToken": csrf},
    )
    assert refused.status == 403
    story.read(observer)

    assert not story.leaks, "internal identifiers shown:\n" + "\n".join(story.leaks)
    print(
        f"{language}: from a pasted text with 3 open brackets to adoptable, a mediator and three "
        f"parties took {len(story.changes)} recorded actions and {story.interactions} "
        "interactions (clicks, choices, typed fields)"
    )
