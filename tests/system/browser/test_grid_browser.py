"""The positions grid in real Chromium: a party sets several cells of its own column in one
form, a bad cell refuses the whole form and keeps what was typed; an observer reads the grid
in English and in Arabic (right to left), filtered, with each reservation on hover, and no
internal identifier on the page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ROADMAP = "data/sandbox/round-3-roadmap.txt"
ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"
INTERNAL = re.compile(r"art_\d|__para_|syrian-national-coalition|kurdish-parties|position\.set")


def test_a_party_sets_its_column_and_an_observer_reads_it_in_arabic(
    server: str, login, screenshot
) -> None:
    mediator = login(server, "mediator")
    mediator.goto(f"{server}/en{ROUND_PAGE}")
    mediator.locator("a.room-link").click()
    form = mediator.locator("#text-form")
    form.locator("input[name=slug]").fill("roadmap-grid")
    form.locator("input[name=title_en]").fill("Roadmap, grid test")
    form.locator("input[name=title_ar]").fill("خارطة الطريق: اختبار الجدول")
    with open(ROADMAP, encoding="utf-8") as source:
        form.locator("textarea[name=notation]").fill(source.read())
    form.locator("button[type=submit]").click()
    mediator.wait_for_url(re.compile(r"/en/texts/\d+/$"))
    text_url = mediator.url

    party = login(server, "party1")
    party.goto(text_url)
    party.locator(".grid-link a").click()
    party.wait_for_url(re.compile(r"/texts/\d+/grid/$"))
    grid_url = party.url
    own = party.locator("#grid-form")
    # One bad cell (a reservation without its text): nothing is recorded, the choices stay.
    own.locator("select[name='stance-art_1__para_1']").select_option("cannot_accept")
    own.locator("select[name='stance-art_2__para_1']").select_option("support_with_reservation")
    with party.expect_navigation():
        party.locator("#grid-save").click()
    refusal = party.locator("#refusal").inner_text()
    assert "Article 2, 1." in refusal and not INTERNAL.search(refusal)
    assert own.locator("select[name='stance-art_1__para_1']").input_value() == "cannot_accept"
    party.goto(grid_url)
    assert party.locator("td.own.stance-none").count() == 10  # nothing was recorded
    # The whole column at once.
    own.locator("select[name='stance-art_1__para_1']").select_option("cannot_accept")
    own.locator("select[name='stance-art_4__para_1']").select_option("support_with_reservation")
    own.locator("input[name='reservation-art_4__para_1']").fill("Subject to a date for the vote.")
    own.locator("select[name='stance-art_5__para_1']").select_option("support")
    with party.expect_navigation():
        party.locator("#grid-save").click()
    assert party.locator("#refusal").count() == 0
    assert party.locator("td.own.stance-cannot_accept").count() == 1
    assert party.locator("td.own.stance-support").count() == 1
    screenshot(party, "grid-en-party")

    observer = login(server, "observer")
    observer.goto(grid_url)
    assert observer.locator("#grid-form").count() == 0
    cell = observer.locator(
        "tr[data-provision='art_4__para_1'] td[data-party='syrian-national-coalition']"
    )
    assert cell.get_attribute("title") == "Subject to a date for the vote."
    assert "support with reservation" in cell.inner_text()
    assert not INTERNAL.search(observer.locator("main").inner_text())
    screenshot(observer, "grid-en-observer")

    observer.goto(grid_url.replace("/en/", "/ar/", 1) + "?state=blocked")
    assert observer.evaluate("document.dir") == "rtl"
    rows = observer.locator("#positions-grid tbody tr")
    assert rows.count() == 1 and "المادة 1" in rows.first.inner_text()
    assert "لا يمكن القبول" in rows.first.inner_text()
    assert not INTERNAL.search(observer.locator("main").inner_text())
    # Right to left: the provision column stands at the right edge of the table.
    first = observer.locator("#positions-grid thead th").first.bounding_box()
    last = observer.locator("#positions-grid thead th").last.bounding_box()
    assert first["x"] > last["x"]
    observer.goto(grid_url.replace("/en/", "/ar/", 1))
    screenshot(observer, "grid-ar-observer")
