"""Live updates cross processes: a proposal tabled through one server process appears on a
page served by another (two app workers on one database), without reload. The live room (issue
14): in two windows, a party's and the mediator's, a proposal tabled, a position recorded and a
revision issued in one change the text, the proposals and the positions of the other in place,
without reload, while what the other has typed stays; the events are one line and a short
feed after the content, never a wall before it."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.system.servers import serve, stop

pytestmark = pytest.mark.browser

ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"


def test_a_tabled_proposal_reaches_a_page_served_by_another_process(
    server: str, second_server: str, login, screenshot
) -> None:
    assert server != second_server
    watcher = login(second_server, "observer")
    watcher.goto(f"{second_server}/en{ROUND_PAGE}")
    watcher.locator("a.room-link").click()
    watcher.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    room_path = watcher.url.removeprefix(second_server)
    # The page is connected to its event stream before anything happens.
    watcher.wait_for_function("document.getElementById('live') !== null")
    watcher.wait_for_timeout(1500)

    party = login(server, "party3")
    party.goto(f"{server}{room_path}")
    party.get_by_role("link", name="Roadmap for a political solution in Syria").first.click()
    party.wait_for_url(re.compile(r"/texts/\d+/$"))
    form = party.locator("#draft-form")
    form.locator("select[name=kind]").select_option("delete_words")
    form.locator("select[name=provision]").select_option("art_5__para_1")
    form.locator("select[name=language]").select_option("en")
    form.locator("input[name=words]").fill("intra-Syrian")
    form.locator("button[type=submit]").click()
    party.wait_for_load_state()
    row = party.locator("tr.proposal.state-draft").last
    reference = row.get_attribute("id").removeprefix("proposal-")
    # A draft is not news for anyone outside the delegation.
    watcher.wait_for_timeout(1500)
    assert f"drafted {reference}" not in watcher.locator("#live").inner_text()
    tabled_at = time.monotonic()
    row.locator("button.table-proposal").click()
    event = watcher.locator("#live .live-event", has_text="Kurdish parties tabled P")
    event.wait_for(timeout=15_000)
    latency = time.monotonic() - tabled_at
    print(f"live update crossed processes in {latency:.2f} s")  # reported, never asserted on
    public = event.inner_text().rsplit(" ", 1)[-1]
    assert (
        public != reference
        and watcher.locator("#feed li", has_text=f"tabled {public}").count() == 1
    )
    screenshot(watcher, "live-update-other-process")


@pytest.fixture(scope="module")
def room_server(demo) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A platform of its own (a copy of the demo): these tests issue revisions of the roadmap,
    which the other browser tests' story expects at Rev.1."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-live-room-"))
    extra, drop = demo.copy(tmp)
    env = {
        **os.environ,
        **extra,
        "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local",
        "ASTANA_DEBUG": "0",
    }
    process, base = serve(env)
    yield base
    stop(process)
    drop()  # type: ignore[operator]
    shutil.rmtree(tmp, ignore_errors=True)


ROADMAP_TITLE = {
    "en": "Roadmap for a political solution in Syria",
    "ar": "خارطة طريق للحل السياسي في سوريا",
}
WORDING = "The parties agree to return to Astana to continue the dialogue in the live room."
RESERVATION = "subject to the live room's test"
TYPED = "Words typed while the room changes, kept"
#: The feed lists this many events at once (templatetags.live_room.FEED_SHOWN).
FEED_SHOWN = 5


def _text_url(page, base: str, language: str) -> str:
    page.goto(f"{base}/{language}{ROUND_PAGE}")
    page.locator("a.room-link").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    page.get_by_role("link", name=ROADMAP_TITLE[language]).first.click()
    page.wait_for_url(re.compile(r"/texts/\d+/$"))
    return str(page.url)


def _mark(page) -> None:
    """A mark that a reload would wipe: the page is the same page at the end."""
    page.evaluate("window.notReloaded = true")


def _not_reloaded(page) -> bool:
    return bool(page.evaluate("window.notReloaded === true"))


def _no_wall(page) -> None:
    """One line of announcement; the feed after the content, a few items at once."""
    assert page.locator("#live .live-event").count() <= 1
    assert page.locator("#feed > li").count() <= FEED_SHOWN
    # The announcement floats at the window's corner; no listed event comes before the title.
    assert page.evaluate("getComputedStyle(document.getElementById('live')).position") == "fixed"
    before_title = page.evaluate(
        """() => {
          const h1 = document.querySelector('main h1');
          return Array.from(document.querySelectorAll('#feed li, #feed-older li')).filter(
            (e) => e.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING).length;
        }"""
    )
    assert before_title == 0


def test_the_room_changes_in_place_in_the_other_window_keeping_what_is_typed(
    room_server: str, login, screenshot
) -> None:
    base = room_server
    mediator = login(base, "mediator")
    text_url = _text_url(mediator, base, "en")
    _mark(mediator)
    # The mediator has chosen a provision in the agreement form, without sending it.
    agreement = mediator.locator("#agreement-form select[name=provision]")
    agreement.select_option("art_2__para_1")

    # The mediator reads the positions, near the top of the window.
    mediator.evaluate(
        "window.scrollBy(0, document.getElementById('positions-recorded')"
        ".getBoundingClientRect().top - 120)"
    )
    top = mediator.locator("#positions-recorded").bounding_box()["y"]

    party = login(base, "party3")
    party.goto(text_url)
    form = party.locator("#draft-form")
    form.locator("select[name=kind]").select_option("replace_text")
    form.locator("select[name=provision]").select_option("art_5__para_1")
    form.locator("select[name=language]").select_option("en")
    form.locator("textarea[name=text]").fill(WORDING)
    form.locator("button[type=submit]").click()
    party.wait_for_load_state()
    party.locator("tr.proposal.state-draft").last.locator("button.table-proposal").click()
    party.wait_for_load_state()
    reference = (
        party.locator("tr.proposal.state-tabled").last.get_attribute("id").removeprefix("proposal-")
    )

    # The mediator's proposals and revision form show it, in place.
    mediator.locator(f"[data-live-region=proposals] tr#proposal-{reference}").wait_for()
    mediator.locator(f'#revision-form input[name="choice-{reference}"][value=fold]').wait_for()
    assert _not_reloaded(mediator)
    # A row more in the proposals, above: what the mediator reads stays where it was.
    assert abs(mediator.locator("#positions-recorded").bounding_box()["y"] - top) < 2
    # The agreement form, changed by the mediator, is kept as it was, with a notice.
    assert agreement.input_value() == "art_2__para_1"
    held = mediator.locator('.live-held[data-live-for="agreement"]')
    held.wait_for()

    party.locator("#position-form select[name=provision]").select_option("art_5__para_1")
    party.locator("#position-form select[name=stance]").select_option("support_with_reservation")
    party.locator("#position-form textarea[name=reservation]").fill(RESERVATION)
    with party.expect_navigation():
        party.locator("#position-form button[type=submit]").click()
    mediator.locator("[data-live-region=positions]", has_text=RESERVATION).wait_for()
    assert _not_reloaded(mediator)
    _no_wall(mediator)
    screenshot(mediator, "live-room-en-mediator")

    # The party types a reservation it has not sent, and looks elsewhere.
    _mark(party)
    party.locator("#position-form textarea[name=reservation]").fill(TYPED)
    party.locator("main h1").click()
    version = party.locator("#text-version").inner_text()

    # The mediator takes the agreement form's new version, then folds the proposal in.
    held.locator("button").click()
    assert held.count() == 0
    mediator.locator(f'#revision-form input[name="choice-{reference}"][value="fold"]').check()
    mediator.locator("#revision-form button[type=submit]").click()
    mediator.wait_for_load_state()
    assert mediator.locator("#refusal").count() == 0

    # The party's text, version and proposal change in place; what it typed stays.
    party.locator("[data-live-region=text]", has_text=WORDING).wait_for()
    party.locator(
        f"[data-live-region=proposals] tr#proposal-{reference}.state-folded_in"
    ).wait_for()
    assert party.locator("#text-version").inner_text() != version
    assert _not_reloaded(party)
    assert party.locator("#position-form textarea[name=reservation]").input_value() == TYPED
    party.locator('.live-held[data-live-for="position-form"]').wait_for()
    _no_wall(party)
    screenshot(party, "live-room-en-party")


def test_the_room_in_arabic_changes_in_place(room_server: str, login, screenshot) -> None:
    base = room_server
    mediator = login(base, "mediator", "ar")
    text_url = _text_url(mediator, base, "ar")
    assert mediator.evaluate("document.dir") == "rtl"
    _mark(mediator)
    party = login(base, "party1", "ar")
    party.goto(text_url)
    party.locator("#position-form select[name=provision]").select_option("art_4__para_1")
    party.locator("#position-form select[name=stance]").select_option("support_with_reservation")
    party.locator("#position-form textarea[name=reservation]").fill("تحفظ في الغرفة الحية")
    with party.expect_navigation():
        party.locator("#position-form button[type=submit]").click()
    mediator.locator("[data-live-region=positions]", has_text="تحفظ في الغرفة الحية").wait_for()
    mediator.locator("#live .live-event").wait_for()
    assert _not_reloaded(mediator)
    _no_wall(mediator)
    screenshot(mediator, "live-room-ar-mediator")
    # The decisions of the round open with their title at the top, the feed folded below.
    mediator.locator('nav.room-nav a[href*="/decisions/"]').click()
    mediator.wait_for_load_state()
    assert mediator.locator("#feed-details").get_attribute("open") is None
    assert mediator.locator("main h1").bounding_box()["y"] < 300
    _no_wall(mediator)
    screenshot(mediator, "live-room-ar-decisions")
