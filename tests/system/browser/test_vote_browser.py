"""A vote in a session, in real Chromium: the mediator puts the adoption of the roadmap to the
vote in the open session of the sandbox round, the three parties vote yes, the observer has no
vote, the mediator closes the vote, and the outcome is adopted and written into the session's
minutes on the decision page. The public archive shows it only once the convener has
published the outcome and the host's closed session's minutes. Screenshots go to
var/screenshots/."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"
QUESTION = "Adopt the roadmap as a whole?"


def _round_id(page, server: str) -> str:
    page.goto(f"{server}/en{ROUND_PAGE}")
    href = page.locator("a.room-link").get_attribute("href")
    found = re.search(r"/rounds/(\d+)/room/", href or "")
    assert found, href
    return found.group(1)


def _ensure_open_session(login, server: str, round_id: str) -> None:
    host = login(server, "host")
    host.goto(f"{server}/en/rounds/{round_id}/room/")
    if host.locator("button.close-session").count() == 0:
        host.locator("#open-session button").click()
        host.wait_for_load_state()


def test_a_vote_in_a_session_ends_in_adoption(server: str, login, screenshot, browser) -> None:
    mediator = login(server, "mediator")
    round_id = _round_id(mediator, server)
    _ensure_open_session(login, server, round_id)

    mediator.goto(f"{server}/en/rounds/{round_id}/decisions/")
    form = mediator.locator("#call-form")
    form.locator("select[name=subject]").select_option("document")
    form.locator("select[name=text_id]").select_option(
        label="Roadmap for a political solution in Syria"
    )
    form.locator("input[name=question_en]").fill(QUESTION)
    form.locator("input[name=question_ar]").fill("هل تُعتمد خارطة الطريق بكاملها؟")
    form.locator("button[type=submit]").click()
    mediator.wait_for_url(re.compile(r"/decisions/\d+/$"))
    decision_url = mediator.url
    assert "0 of 3 have voted" in mediator.locator("article.decision").inner_text()
    screenshot(mediator, "vote-1-called")

    observer = login(server, "observer")
    observer.goto(decision_url)
    assert observer.locator("#vote-form").count() == 0  # observers see, never vote

    for number, party in enumerate(("party1", "party2", "party3"), start=1):
        page = login(server, party)
        page.goto(decision_url)
        page.locator("#vote-form input[value=yes]").check()
        page.locator("#vote-form button.cast-vote").click()
        page.wait_for_load_state()
        assert page.locator("#refusal").count() == 0
        assert page.locator(".my-vote").inner_text().endswith("yes")
        assert f"{number} of 3 have voted" in page.locator("article.decision").inner_text()
        assert page.locator("#vote-form").count() == 0  # one vote only
    screenshot(page, "vote-2-party-voted")

    mediator.goto(decision_url)
    mediator.locator("#close-form button").click()
    mediator.wait_for_load_state()
    outcome = mediator.locator("p.outcome")
    assert "Adopted" in outcome.inner_text()
    assert "adopted: by consensus, no formal objection" in outcome.inner_text()
    minutes = mediator.locator("#minutes .minutes").inner_text()
    assert f"({QUESTION}): adopted: by consensus, no formal objection" in minutes
    assert mediator.locator("table.roll-call td.choice-yes").count() == 3
    screenshot(mediator, "vote-3-adopted-in-minutes")

    party = login(server, "party1")
    party.goto(decision_url)
    assert party.locator("#vote-form").count() == 0  # closed: no vote after closing

    session = re.search(r"Session (\d+)", mediator.locator("p.meta").first.inner_text())
    assert session
    archive_url = f"{server}/ar{ROUND_PAGE}sessions/{session.group(1)}/"
    anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
    public = anonymous.new_page()
    public.goto(archive_url)
    assert "اعتُمد" not in public.locator("main").inner_text()
    assert public.locator("#minutes-unpublished").count() == 1

    convener = login(server, "convener")
    convener.goto(decision_url)
    convener.locator("#publish-form button").click()
    convener.wait_for_load_state()
    host = login(server, "host")
    host.goto(f"{server}/en/rounds/{round_id}/room/")
    host.locator("button.close-session").click()
    host.wait_for_load_state()
    convener.goto(f"{server}/en/rounds/{round_id}/room/")
    convener.locator("button.publish-minutes").last.click()
    convener.wait_for_load_state()
    assert convener.locator("#refusal").count() == 0
    assert convener.locator(".minutes-published").count() >= 1
    public.goto(archive_url)
    assert "اعتُمد" in public.locator("main").inner_text()
    screenshot(public, "vote-4-minutes-in-archive-ar")
    anonymous.close()
    _ensure_open_session(login, server, round_id)  # leave the round with a session open
