"""The live room's pages (issue 14): a live refresh of a page is a page load with the reader's
rights, so a region refreshed for one delegation never shows another delegation's draft; every
page of the round starts its event stream where the round is now (a page does not replay the
round's history as a wall of notices) and lists only the latest few events, after its content."""

from __future__ import annotations

import lxml.html  # type: ignore[import-untyped]
import pytest
from tests.helpers.people import client_of, user

from astana.web.negotiation import actions, selectors
from astana.web.negotiation.access import access_round
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.templatetags.live_room import FEED_SHOWN
from astana.web.processes.models import Round

SECRET = "LIVEREGIONSECRETWORDS"
LIVE = {"X-Astana-Live": "refresh"}


def _regions(body: str) -> dict[str, str]:
    """The page's live regions, by name, as the browser's refresh reads them."""
    tree = lxml.html.fromstring(body)
    return {
        node.get("data-live-region"): lxml.html.tostring(node, encoding="unicode")
        for node in tree.xpath("//*[@data-live-region]")
    }


def _draft(text: NegotiationText) -> str:
    draft = actions.proposal_draft(
        user=user("party1"),
        text_id=text.pk,
        change={
            "kind": "insert_words",
            "provision": "art_4__para_1",
            "language": "en",
            "after": "Free",
            "words": f" {SECRET}",
        },
        justification=SECRET,
    )
    return str(draft.reference)


def test_a_refreshed_region_shows_a_draft_to_its_delegation_only(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    reference = _draft(roadmap)
    own = client_of("party1").get(f"/en/texts/{roadmap.pk}/", headers=LIVE)
    other = client_of("party2").get(f"/en/texts/{roadmap.pk}/", headers=LIVE)
    assert own.status_code == other.status_code == 200
    mine, theirs = _regions(own.content.decode()), _regions(other.content.decode())
    # The same regions on both pages: the refresh replaces like with like.
    assert {"meta", "progress", "text", "proposals", "positions"} <= set(theirs)
    assert f"proposal-{reference}" in mine["proposals"]
    body = other.content.decode()
    assert SECRET not in body and f"proposal-{reference}" not in body
    assert f"drafted {reference}" not in body  # nor in the feed of the other delegation
    # The mediator's refresh neither: a draft is the delegation's own.
    mediator = client_of("mediator").get(f"/en/texts/{roadmap.pk}/", headers=LIVE).content.decode()
    assert SECRET not in mediator and f"proposal-{reference}" not in mediator


def _record_positions(text: NegotiationText, count: int) -> None:
    stances = ("support", "cannot_accept")
    for n in range(count):
        text.refresh_from_db()
        actions.position_set(
            user=user("party2"),
            text_id=text.pk,
            based_on=text.version,
            provision="art_1__para_1",
            stance=stances[n % 2],
        )


@pytest.mark.parametrize(
    "path",
    [
        "/en/texts/{text}/",
        "/en/texts/{text}/redline/?old=1&new=1",
        "/en/rounds/{round}/decisions/",
        "/en/rounds/{round}/room/",
        "/ar/rounds/{round}/decisions/",
    ],
)
def test_a_page_opens_where_the_round_is_with_a_short_feed_after_its_content(
    sandbox: Round, roadmap: NegotiationText, path: str
) -> None:
    _record_positions(roadmap, FEED_SHOWN * 3)
    response = client_of("party3").get(path.format(text=roadmap.pk, round=sandbox.pk))
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content.decode())
    (live,) = tree.xpath("//*[@id='live']")
    # The stream starts from the round's last event: nothing of its history is replayed.
    actor = access_round(user("party3"), sandbox.pk)
    assert live.get("data-after") == str(selectors.event_cursor(actor)) != "r0"
    assert not list(live)  # empty: the one-line announcement is for what happens next
    (box,) = tree.xpath("//*[@id='feed-box']")
    assert "position.set" in box.get("data-kinds").split()
    shown = tree.xpath("//ol[@id='feed']/li")
    older = tree.xpath("//ol[@id='feed-older']/li")
    assert len(shown) == FEED_SHOWN and len(older) >= FEED_SHOWN
    # The feed comes after the page's content: its heading, and every region, are before.
    order = list(tree.iter())
    feed = order.index(tree.xpath("//*[@id='feed-box']")[0])
    assert order.index(tree.xpath("//h1")[0]) < feed
    assert all(order.index(r) < feed for r in tree.xpath("//*[@data-live-region]"))
    # Folded, except on the room's page, whose subject it is.
    folded = tree.xpath("//details[@id='feed-details']")[0].get("open") is None
    assert folded == ("/room/" not in path)


def test_a_refused_form_refreshes_from_the_text_page(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    response = client_of("party1").post(
        f"/en/texts/{roadmap.pk}/positions/?view=clean",
        {"based_on": "1", "provision": "art_1__para_1", "stance": "support"},
    )
    assert response.status_code == 409
    tree = lxml.html.fromstring(response.content.decode())
    (live,) = tree.xpath("//*[@id='live']")
    assert live.get("data-page") == f"/en/texts/{roadmap.pk}/?view=clean"


def test_no_live_room_for_the_public(sandbox: Round, roadmap: NegotiationText) -> None:
    # The redline of a round's text is read by its participants only; an outsider is refused
    # before any stream is offered.
    response = client_of("outsider").get(f"/en/texts/{roadmap.pk}/redline/?old=1&new=1")
    assert response.status_code == 404 and b'id="live"' not in response.content
