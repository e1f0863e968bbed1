"""Labels in real Chromium: a party proposes a new article after Article 1 without writing a
label; the form suggests ``Article 1 bis`` and the room shows it as ``Article 1 bis`` in
English and ``المادة 1 مكرراً`` in Arabic (right to left), while Article 2 keeps its number."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"


def test_a_new_article_shows_as_1_bis_in_english_and_arabic(server: str, login, screenshot) -> None:
    party = login(server, "party1", "en")
    party.goto(f"{server}/en{ROUND_PAGE}")
    party.locator("a.room-link").click()
    party.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    party.get_by_role("link", name="Roadmap for a political solution in Syria").first.click()
    party.wait_for_url(re.compile(r"/texts/\d+/$"))
    text_url = party.url
    form = party.locator("#draft-form")
    form.locator("select[name=kind]").select_option("insert_provision")
    form.locator("select[name=provision_kind]").select_option("article")
    form.locator("select[name=provision]").select_option("art_1")
    form.locator("select[name=language]").select_option("en")
    form.locator("textarea[name=text]").fill("Election observers")
    with party.expect_navigation():
        form.locator("button[type=submit]").click()
    assert party.locator("#refusal").count() == 0, party.locator("#refusal").inner_text()
    row = party.locator("tr.proposal.state-draft").last
    assert row.locator(".new-label").inner_text() == "Article 1 bis"
    with party.expect_navigation():
        row.locator("button.table-proposal").click()
    assert party.locator("#refusal").count() == 0, party.locator("#refusal").inner_text()
    assert party.locator("tr.proposal.state-tabled .new-label").last.inner_text() == "Article 1 bis"

    party.goto(text_url + "?view=compilation")
    labels = party.locator("ol.provisions > li.provision.article > .label").all_inner_texts()
    assert labels == ["Article 1", "Article 1 bis", "Article 2", "Article 3", "Article 4",
                      "Article 5"]  # fmt: skip
    screenshot(party, "labels-en-article-1-bis")

    party.goto(text_url.replace("/en/", "/ar/", 1))
    assert party.evaluate("document.dir") == "rtl"
    labels = party.locator("ol.provisions > li.provision.article > .label").all_inner_texts()
    assert labels[:3] == ["المادة 1", "المادة 1 مكرراً", "المادة 2"]
    screenshot(party, "labels-ar-article-1-bis")
