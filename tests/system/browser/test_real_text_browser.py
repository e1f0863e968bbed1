"""A real text in real Chromium: the mediator pastes an excerpt of the draft Paris Agreement
with one bracket typo into the room, in English and in Arabic; it is refused with the problem
listed, then created once the mediator ticks "create it anyway", and the text's page shows
the labels as written (``Article 2 bis``, ``المادة 2 مكرراً``, options) and the problem listed
and marked at its paragraph."""

from __future__ import annotations

import re

import pytest
from tests.helpers.excerpts import PARIS_EXCERPT, TYPO_COLUMN, TYPO_LINE, TYPO_PROVISION

pytestmark = pytest.mark.browser

ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"

CASES = {
    "en": (
        f"line {TYPO_LINE}, column {TYPO_COLUMN}: a closing bracket ] without an opening one",
        ["Article 2 bis", "Article 3"],
        ["Option 1:", "Option 2:"],
    ),
    "ar": (
        f"السطر {TYPO_LINE}، العمود {TYPO_COLUMN}: قوس إغلاق ] بلا قوس فتح",
        ["المادة 2 مكرراً", "المادة 3"],
        ["الخيار 1:", "الخيار 2:"],
    ),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_the_mediator_pastes_a_real_text_with_a_typo_and_sees_it_marked(
    server: str, login, screenshot, language: str
) -> None:
    listed, articles, options = CASES[language]
    mediator = login(server, "mediator", language)
    mediator.goto(f"{server}/{language}{ROUND_PAGE}")
    mediator.locator("a.room-link").click()
    mediator.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    form = mediator.locator("#text-form")
    form.locator("input[name=slug]").fill(f"paris-{language}")
    form.locator("input[name=title_en]").fill("Draft agreement, 4 December 2015")
    form.locator("textarea[name=notation]").fill(PARIS_EXCERPT)
    with mediator.expect_navigation():
        form.locator("button[type=submit]").click()
    refusal = mediator.locator("#text-refusal")
    assert listed in refusal.inner_text()
    screenshot(mediator, f"real-text-refused-{language}")

    form.locator("#accept-problems").check()
    with mediator.expect_navigation():
        form.locator("button[type=submit]").click()
    mediator.wait_for_url(re.compile(r"/texts/\d+/$"))
    problems = mediator.locator("#reading-problems")
    assert listed in problems.inner_text()
    column = mediator.locator("section.text-column").first
    labels = column.locator("ol.provisions > li.provision.article > .label").all_inner_texts()
    assert labels == articles
    assert column.locator("li.provision.option > .label").all_inner_texts() == options
    mark = column.locator(f"#prov-{TYPO_PROVISION} > .problem-mark")
    assert mark.count() == 1 and "\u26a0" in mark.inner_text()
    problems.locator(f'a[href="#prov-{TYPO_PROVISION}"]').click()
    mediator.wait_for_url(re.compile(f"#prov-{TYPO_PROVISION}$"))
    screenshot(mediator, f"real-text-marked-{language}")
