"""A consultation in real Chromium: the convener creates and opens it with statements in
English and Arabic, a party submits one that the secretariat rejects with a reason, eight
anonymous browsers in two opinion camps vote one statement at a time, the server analyses
the votes by itself (no command: ``astana serve`` runs the analysis in the background), the
results page updates itself from "being analysed" to the opinion map with two groups and
each group's statements in English and in Arabic (right to left), and a later vote is
analysed by itself too. Screenshots go to var/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STATEMENTS = [
    ("en", "A ceasefire must come before any talks on a constitution.", "agree", "disagree"),
    ("ar", "يجب أن يسبق وقف إطلاق النار أي محادثات حول الدستور.", "agree", "disagree"),
    ("en", "Refugees must be able to vote from abroad.", "disagree", "agree"),
    ("ar", "ينبغي أن تُجرى الانتخابات تحت إشراف الأمم المتحدة.", "disagree", "agree"),
    ("en", "Local councils should run services during the transition.", "agree", "agree"),
    ("ar", "يجب الإفراج عن جميع المعتقلين قبل الانتخابات.", "agree", "agree"),
]


def _vote_as_camp(browser, server: str, consultation: str, camp: int, skip: int | None) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/en/consultations/{consultation}/")
    choices = {text: (a, b)[camp] for _, text, a, b in STATEMENTS}
    for step in range(len(STATEMENTS)):
        text = page.locator("#current-statement").inner_text().strip()
        choice = "pass" if step == skip else choices[text]
        page.locator(f"button.vote-{choice}").click()
        page.wait_for_load_state()
    assert page.locator("#all-voted").is_visible()
    context.close()


def test_a_consultation_from_statements_to_the_opinion_map(
    server: str, login, screenshot, browser
) -> None:
    convener = login(server, "convener")
    convener.goto(f"{server}/en/processes/astana-platform/consultations/")
    form = convener.locator("#create-consultation")
    form.locator("input[name=title_en]").fill("The path to a settlement")
    form.locator("input[name=title_ar]").fill("الطريق إلى التسوية")
    form.locator("textarea[name=question_en]").fill("What should come first?")
    form.locator("input[name=allow_anonymous]").check()
    form.locator("input[name=open_now]").check()
    form.locator("button[type=submit]").click()
    convener.wait_for_load_state()
    found = re.search(r"/consultations/(\d+)/", convener.url)
    assert found, convener.url
    consultation = found.group(1)
    for language, text, _, _ in STATEMENTS:
        submit = convener.locator("#submit-form")
        submit.locator("textarea[name=text]").fill(text)
        submit.locator("select[name=language]").select_option(language)
        submit.locator("button[type=submit]").click()
        convener.wait_for_load_state()
    assert "You have voted on 0 of 6 statements" in convener.locator("#progress").inner_text()

    party = login(server, "party1")
    party.goto(f"{server}/en/consultations/{consultation}/")
    party.locator("#submit-form textarea[name=text]").fill("Buy more weapons.")
    party.locator("#submit-form button[type=submit]").click()
    party.wait_for_load_state()
    assert party.locator("#submitted").is_visible()

    secretariat = login(server, "secretariat")
    secretariat.goto(f"{server}/en/consultations/{consultation}/moderate/")
    item = secretariat.locator("#pending li", has_text="Buy more weapons.")
    item.locator("input[name=reason]").fill("Not a statement about the settlement.")
    item.locator("button.reject").click()
    secretariat.wait_for_load_state()
    row = secretariat.locator("#moderated tr.rejected", has_text="Buy more weapons.")
    assert "Not a statement about the settlement." in row.inner_text()
    screenshot(secretariat, "consultation-moderation")

    for n in range(4):
        _vote_as_camp(browser, server, consultation, 0, skip=0 if n == 3 else None)
        _vote_as_camp(browser, server, consultation, 1, skip=2 if n == 3 else None)

    convener.goto(f"{server}/en/consultations/{consultation}/")
    convener.locator("#publish-results").click()
    convener.wait_for_load_state()
    results = login(server, "observer")
    results.goto(f"{server}/en/consultations/{consultation}/results/")
    # Analysed by the server itself; a page opened while it runs says so and updates itself.
    expect(results.locator("#analysis-state")).to_contain_text(
        "Analysis of 48 votes", timeout=120_000
    )

    public = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    public.goto(f"{server}/en/consultations/{consultation}/results/")
    assert "Analysis of 48 votes" in public.locator("#analysis-state").inner_text()
    assert public.locator("#opinion-map svg circle").count() >= 8
    assert public.locator("#groups section.group").count() == 2
    groups = public.locator("#groups").inner_text()
    assert "Refugees must be able to vote from abroad." in groups
    assert "يجب أن يسبق وقف إطلاق النار" in groups
    consensus = public.locator("#consensus").inner_text()
    assert "Local councils should run services" in consensus
    screenshot(public, "consultation-results-en")

    public.goto(f"{server}/ar/consultations/{consultation}/results/")
    assert public.locator("html").get_attribute("dir") == "rtl"
    assert public.locator("#opinion-map svg text[direction=rtl]").count() > 0
    assert (
        "المجموعة" in public.locator("#groups").inner_text()
        or public.locator("#groups section.group").count() == 2
    )
    assert "Refugees must be able to vote from abroad." in public.locator("#groups").inner_text()
    screenshot(public, "consultation-results-ar")

    # One more vote: analysed by itself as well; the open results page shows it unasked.
    late = browser.new_context().new_page()
    late.goto(f"{server}/ar/consultations/{consultation}/")
    late.locator("button.vote-agree").click()
    late.wait_for_load_state()
    screenshot(late, "consultation-vote-ar")
    public.goto(f"{server}/en/consultations/{consultation}/results/")
    expect(public.locator("#analysis-state")).to_contain_text(
        "Analysis of 49 votes", timeout=120_000
    )
