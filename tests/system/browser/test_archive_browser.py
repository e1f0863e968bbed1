"""The public archive in real headless Chromium: right-to-left Arabic, the timeline, the
language switch, and Arabic search across spelling variants."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_arabic_process_page_is_right_to_left_with_arabic_font(
    server: str, page, screenshot
) -> None:
    page.goto(f"{server}/ar/processes/astana-platform/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The header mirrors: the brand (first in source order) stands at the right-hand edge.
    brand = page.locator("header.site .brand").bounding_box()
    languages = page.locator("header.site .languages").bounding_box()
    assert brand["x"] > languages["x"]
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Astana Naskh" in family
    # Once the page's fonts have loaded (on a busy machine they may still be loading at the
    # load event), the Arabic face is there for Arabic text.
    assert page.evaluate(
        "document.fonts.ready.then(() => document.fonts.check('16px \"Astana Naskh\"', 'منصة'))"
    )
    screenshot(page, "archive-process-ar")


def test_timeline_renders_rounds_and_documents(server: str, page, screenshot) -> None:
    page.goto(f"{server}/en/processes/astana-platform/")
    svg = page.locator("svg.timeline")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 600 and box["height"] > 100
    labels = [t or "" for t in page.locator("svg.timeline .tl-label").all_text_contents()]
    assert len(labels) >= 8
    assert any("2015" in t or "Round" in t or "round" in t for t in labels)
    # Labels never overlap each other.
    boxes = [
        b for b in (el.bounding_box() for el in page.locator("svg.timeline .tl-label").all()) if b
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
            overlap_y = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
            assert overlap_x <= 1 or overlap_y <= 1, (a, b)
    screenshot(page, "archive-timeline-en")


def test_arabic_timeline_runs_right_to_left(server: str, page, screenshot) -> None:
    page.goto(f"{server}/ar/processes/astana-platform/")
    years = page.locator("svg.timeline .tl-year")
    first_year = years.first.bounding_box()
    last_year = years.last.bounding_box()
    assert first_year["x"] > last_year["x"], "the earliest year must stand at the right in Arabic"
    screenshot(page, "archive-timeline-ar")


def test_language_switch_keeps_the_page(server: str, page, screenshot) -> None:
    page.goto(f"{server}/en/processes/astana-platform/")
    page.locator(".languages a[hreflang=ar]").click()
    page.wait_for_url(re.compile(r"/ar/processes/astana-platform/$"))
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.locator(".languages a[hreflang=ru]").click()
    page.wait_for_url(re.compile(r"/ru/processes/astana-platform/$"))
    assert page.evaluate("document.documentElement.dir") == "ltr"
    screenshot(page, "archive-process-ru")


@pytest.mark.parametrize("query", ["استانا", "أستانا", "آستانا"])
def test_arabic_search_finds_round_one(server: str, page, screenshot, query: str) -> None:
    page.goto(f"{server}/ar/")
    page.locator("header.site input[type=search]").fill(query)
    page.locator("header.site form.search button").click()
    page.wait_for_url(re.compile(r"/ar/search\?q="))
    links = page.locator(".search-hit a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert any(
        link.startswith("/ar/processes/astana-platform/rounds/ap-round-1/") for link in links
    ), links
    if query == "استانا":
        screenshot(page, "archive-search-ar")


def test_arabic_indic_digits_by_choice(server: str, page, screenshot) -> None:
    page.goto(f"{server}/ar/processes/astana-platform/rounds/ap-round-1/")
    assert "2015" in page.locator("main .dates").inner_text()
    page.locator("form.digits button").click()
    page.wait_for_load_state()
    text = page.locator("main .dates").inner_text()
    assert "٢٠١٥" in text and "2015" not in text
    screenshot(page, "archive-round-ar-digits")
