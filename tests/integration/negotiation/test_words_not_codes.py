"""Issue 14, item 1: the room's pages name provisions by label and opening words, delegations
by name, actions and states by translated words, in English, Arabic and Russian; no internal
identifier (``art_2__para_1``, an organisation's slug, ``position.set``, ``negotiationtext``)
reaches a person's eyes (attribute values and form values may hold them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from tests.helpers.people import DEMO_ROLES, client_of, user
from tests.helpers.visible import internal_ids, visible_text
from tests.integration.decisions.world import build_world

from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Organisation

LANGUAGES = ("en", "ar", "ru")


@dataclass
class Room:
    round_id: int
    text_id: int
    decision_id: int
    committee_id: int
    slugs: tuple[str, ...]


@pytest.fixture(scope="module")
def room(module_db: bool, django_db_blocker: pytest.FixtureRequest) -> Iterator[Room]:
    from tests.integration.conftest import ROADMAP

    from astana.web.demo import load_sandbox

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        rnd = load_sandbox(ROADMAP)
        text = NegotiationText.objects.get(round=rnd, slug="roadmap")
        world = build_world(rnd, text)
        # Rev.2 folds P1 in, so that the redline has a change to show; a fresh draft of
        # party1 stays in its caucus.
        actions.revision_issue(
            user=user("mediator"), text_id=text.pk, based_on=text.version, fold=["P1"]
        )
        actions.proposal_draft(
            user=user("party1"),
            text_id=text.pk,
            change={
                "kind": "replace_text",
                "provision": "art_4__para_1",
                "language": "en",
                "text": "Free elections shall be held OWN-DRAFT-WORDING.",
            },
            justification="OWN-DRAFT-REASON",
        )
        yield Room(
            round_id=rnd.pk,
            text_id=text.pk,
            decision_id=world.open_id,
            committee_id=world.committee_id,
            slugs=tuple(Organisation.objects.values_list("slug", flat=True)),
        )


PAGES = {
    "room": "/{lang}/rounds/{round}/room/",
    "text": "/{lang}/texts/{text}/",
    "text-party": "/{lang}/texts/{text}/?view=party",
    "text-rev1": "/{lang}/texts/{text}/?revision=1",
    "redline": "/{lang}/texts/{text}/redline/?old=1&new=2",
    "decisions": "/{lang}/rounds/{round}/decisions/",
    "decision": "/{lang}/decisions/{decision}/",
    "committee": "/{lang}/committees/{committee}/",
    "audit": "/{lang}/rounds/{round}/audit/",
    "search": "/{lang}/search?q=Astana",
    "conflicts": "/{lang}/conflicts/",
}


def _get(client: Client, url: str) -> str:
    response = client.get(url, follow=True)
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", list(PAGES))
def test_pages_read_in_words(room: Room, page: str, lang: str) -> None:
    url = PAGES[page].format(
        lang=lang,
        round=room.round_id,
        text=room.text_id,
        decision=room.decision_id,
        committee=room.committee_id,
    )
    found = []
    read = 0
    for role in DEMO_ROLES:
        body = _get(client_of(role), url)
        if not body:
            continue  # a page this role may not read
        read += 1
        found += [f"{role}: {hit}" for hit in internal_ids(body, room.slugs)]
    assert read, f"nobody read {url}"
    assert not found, f"{url}:\n" + "\n".join(found[:30])


@pytest.mark.django_db
def test_a_draft_shows_its_wording_to_its_delegation_only(room: Room) -> None:
    url = f"/en/texts/{room.text_id}/"
    for view in ("", "?view=party"):
        own = visible_text(_get(client_of("party1"), url + view))
        assert "OWN-DRAFT-WORDING" in own and "OWN-DRAFT-REASON" in own, view
    for role in [r for r in DEMO_ROLES if r != "party1"]:
        for lang in LANGUAGES:
            for suffix in ("", "?view=party", "?revision=1"):
                body = _get(client_of(role), f"/{lang}/texts/{room.text_id}/{suffix}")
                assert "OWN-DRAFT" not in body, (role, lang, suffix)
