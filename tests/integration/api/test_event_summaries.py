"""Issue 14, words everywhere: the room's live events are said in the reader's language.

An event is written once, when it happens, in each of the platform's languages (names of
delegations and provisions in that language too); the feed of a page, its event stream and a
stale refusal read it in the page's language, the API gives all of them. No summary, in any
language, names a provision, a delegation or an action by its internal identifier. An event
written before events were said in every language still reads as it was written."""

from __future__ import annotations

import json
import re

import lxml.html  # type: ignore[import-untyped]
import pytest
from tests.helpers.people import bearer, client_of, user
from tests.helpers.visible import internal_ids

from astana.core.actions import Action
from astana.web.common.cursor import EventCursor
from astana.web.common.events import event
from astana.web.common.models import RoundEvent
from astana.web.negotiation import actions
from astana.web.negotiation.models import TextProposal
from astana.web.negotiation.views_events import _message
from astana.web.processes.models import Organisation, Round

from .conftest import Api, Room

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "en", "ru")
ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
#: English words of the summaries that must not stand untranslated in another language.
ENGLISH = re.compile(
    r"\b(?:supports|opposes|tabled|drafted|withdrew|agreed|issued|signed|voted|session|"
    r"decision|cannot accept|invited|commented|published|created)\b",
    re.IGNORECASE,
)


def _act(room: Room) -> list[RoundEvent]:
    """A few of the round's everyday actions, through the room's own functions; their events."""
    before = RoundEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    text = room.text
    actions.position_set(
        user=user("party2"),
        text_id=text.pk,
        based_on=text.version,
        provision="art_1__para_1",
        stance="support_with_reservation",
        reservation="the word 'unimpeded'",
    )
    text.refresh_from_db()
    tabled = actions.proposal_table(
        user=user("party1"),
        proposal_id=room.draft_id,
        based_on=TextProposal.objects.get(public_id=room.draft_id).version,
    )
    actions.proposal_oppose(
        user=user("party3"), proposal_id=tabled.public_id, based_on=tabled.version
    )
    text.refresh_from_db()
    actions.provision_confirm(
        user=user("mediator"), text_id=text.pk, based_on=text.version, provision="art_5__para_1"
    )
    return list(RoundEvent.objects.filter(id__gt=before).order_by("id"))


def test_each_event_is_said_in_every_language_and_in_words(api: Api, room: Room) -> None:
    events = _act(room)
    assert len(events) == 4
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    for row in events:
        assert set(row.summaries) == set(LANGUAGES), row.summary
        assert row.summary == row.summaries["en"]
        for language, said in row.summaries.items():
            assert said.strip(), (language, row.kind)
            assert internal_ids(said, slugs) == [], (language, said)
        assert ARABIC.search(row.summaries["ar"]), row.summaries["ar"]
        assert not ENGLISH.search(row.summaries["ar"]), row.summaries["ar"]
        assert CYRILLIC.search(row.summaries["ru"]), row.summaries["ru"]
        assert not ENGLISH.search(row.summaries["ru"]), row.summaries["ru"]
    position, tabled, opposed, confirmed = events
    # Names in the reader's language: the delegation's Arabic name, the provision's label.
    snc = Organisation.objects.get(slug="syriac-national-council")  # party2
    arabic_name = snc.tr("short_name", "ar").text or snc.tr("name", "ar").text
    assert arabic_name and arabic_name in position.summaries["ar"]
    assert "supports Article 1 ¶1" in position.summaries["en"]
    assert "with a reservation" in position.summaries["en"]
    assert "tabled P" in tabled.summaries["en"] and "opposes P" in opposed.summaries["en"]
    assert confirmed.summaries["en"].endswith(": agreed")
    assert "بشرط" not in confirmed.summaries["ar"]  # confirmed, not ad referendum


def test_the_feed_the_stream_and_the_api_read_the_readers_language(api: Api, room: Room) -> None:
    events = _act(room)
    newest = events[-1]
    for language in LANGUAGES:
        page = client_of("party2").get(f"/{language}/texts/{room.text_id}/")
        assert page.status_code == 200
        tree = lxml.html.fromstring(page.content.decode())
        feed = [li.text_content() for li in tree.xpath("//ol[@id='feed']/li")]
        assert any(newest.summaries[language] in item for item in feed), (language, feed)
        others = [newest.summaries[o] for o in LANGUAGES if o != language]
        assert not any(other in item for item in feed for other in others), language

    # The stream says each event in the language of the page that opened it.
    for language in LANGUAGES:
        message = _message(newest, EventCursor.parse(newest.reference), language)
        data = json.loads(message.split("data: ", 1)[1])
        assert data["summary"] == newest.summaries[language]

    # The API: the English summary, and every language by code.
    response = api.call("party2", "GET", f"/api/rounds/{room.round_id}/events")
    assert response.status_code == 200, response.content
    body = response.json()
    items = body["events"] if isinstance(body, dict) else body
    (listed,) = [e for e in items if e["id"] == newest.reference]
    assert listed["summary"] == newest.summaries["en"]
    assert listed["summaries"] == newest.summaries


def test_a_stale_refusal_lists_the_changes_in_the_readers_language(api: Api, room: Room) -> None:
    text = room.text
    stale = text.version
    events = _act(room)
    shared = [e for e in events if e.audience_id is None and e.text_id == text.pk]
    form = {"step": "position", "provision": "art_2__para_1", "stance": "support"}
    response = client_of("party1").post(
        f"/ar/texts/{text.pk}/positions/",
        {**form, "based_on": stale},
    )
    assert response.status_code == 409
    tree = lxml.html.fromstring(response.content.decode())
    (refusal,) = tree.xpath("//*[@id='refusal']")
    said = refusal.text_content()
    assert all(e.summaries["ar"] in said for e in shared), said
    assert not any(e.summaries["en"] in said for e in shared), said


def test_an_event_written_before_them_reads_as_it_was_written(api: Api, room: Room) -> None:
    rnd = Round.objects.get(pk=room.round_id)
    old = event(rnd, Action.SESSION_OPEN, "An event of an earlier version of the platform")
    assert old.summaries == {}
    for language in LANGUAGES:
        assert old.said(language) == "An event of an earlier version of the platform"
    page = client_of("party2").get(f"/ar/texts/{room.text_id}/")
    assert "An event of an earlier version of the platform" in page.content.decode()


def test_the_api_refuses_in_the_language_its_client_asks_for(api: Api, room: Room) -> None:
    headers = bearer(room.tokens["party1"])
    said = {}
    for language in ("ar", "ru", None):
        asked = {**headers, "Accept-Language": language} if language else headers
        response = api.client.get("/api/texts/999999", headers=asked)
        assert response.status_code == 404
        said[language] = response.json()["error"]
    assert said[None] == "There is no text 999999."  # English unless asked otherwise
    assert ARABIC.search(said["ar"]) and CYRILLIC.search(said["ru"]), said
