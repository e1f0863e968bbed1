"""The pages of decisions and committees for every role (anonymous and an outsider too):
who reads what, refused writes re-render with the message and change nothing, and a secret
vote shows in no page but its voter's before closing; the signature-count include."""

from __future__ import annotations

import lxml.html  # type: ignore[import-untyped]
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from tests.helpers.people import ROLES, client_of
from tests.helpers.unchanged import database_state
from tests.helpers.visible import internal_ids, visible_text

from astana.web.accounts.models import User
from astana.web.decisions import actions
from astana.web.decisions.models import Decision
from astana.web.demo import load_signature_counts
from astana.web.processes.models import OutcomeDocument

from .world import SECRET_QUESTION, World

# Every role: anonymous, convener, host, mediator, party1-3, guarantor, observer, expert,
# secretariat, outsider. Logged-out visitors are sent to log in (302) from the room's pages;
# a forming committee is not found by the public (404), a round not by outsiders.
EVERYONE = (200,) * 12
MEMBERS = (302, *(200,) * 10, 404)
PAGES: dict[str, tuple[str, tuple[int, ...]]] = {
    "round": ("/en/rounds/{round}/decisions/", MEMBERS),
    "decision": ("/en/decisions/{secret}/", MEMBERS),
    "outcomes": ("/en/rounds/{round}/outcomes/", EVERYONE),
    "committee": ("/en/committees/{committee}/", (404, *(200,) * 10, 404)),
    "committees": ("/en/processes/astana-platform/committees/", EVERYONE),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_matrix(world: World, page: str) -> None:
    path, statuses = PAGES[page]
    url = path.format(round=world.round_id, secret=world.secret_id, committee=world.committee_id)
    wrong = []
    for role, expected in zip(ROLES, statuses, strict=True):
        response = client_of(role).get(url)
        body = response.content.decode()
        if response.status_code != expected:
            wrong.append(f"{role}: expected {expected}, got {response.status_code}")
        assert 'class="choice-no"' not in body, f"{role}: party2's secret vote"
        if role in ("anonymous", "outsider"):
            assert SECRET_QUESTION not in body and ">C1<" not in body, f"{role} reads too much"
        if role != "party2" and page == "decision":
            assert 'class="my-vote"' not in body, role
    party2 = client_of("party2").get(url).content.decode()
    assert page != "decision" or "Your vote</span>" in party2 or "<strong>no</strong>" in party2
    assert not wrong, f"{page}:\n" + "\n".join(wrong)


def test_forms_are_shown_only_to_who_may_use_them(world: World) -> None:
    round_url = f"/en/rounds/{world.round_id}/decisions/"
    for role in ROLES[1:-1]:
        body = client_of(role).get(round_url).content.decode()
        assert ('id="call-form"' in body) == (role == "mediator"), role
        assert ('id="rules-form"' in body) == (role == "convener"), role
        decision = client_of(role).get(f"/en/decisions/{world.open_id}/").content.decode()
        assert ('id="vote-form"' in decision) == (role in ("party2", "party3")), role
        assert ('id="close-form"' in decision) == (role == "mediator"), role


@pytest.mark.parametrize(
    ("role", "status", "message"),
    [
        ("observer", 403, "does not let you vote"),
        ("guarantor", 403, "is not a voting member"),
        ("party1", 400, "already voted on decision 1"),
    ],
)
def test_a_refused_vote_says_why_and_changes_nothing(
    world: World, role: str, status: int, message: str
) -> None:
    before = database_state()
    response = client_of(role).post(
        f"/en/decisions/{world.open_id}/", {"step": "vote", "choice": "no"}
    )
    assert response.status_code == status
    assert message in response.content.decode()
    assert database_state().changes_since(before) == []


def test_a_vote_after_closing_is_refused_on_the_page(world: World) -> None:
    before = database_state()
    response = client_of("party1").post(
        f"/en/decisions/{world.closed_id}/", {"step": "vote", "choice": "yes"}
    )
    assert response.status_code == 400
    assert "is closed; no vote can be cast" in response.content.decode()
    assert database_state().changes_since(before) == []


def test_a_vote_through_the_pages_ends_in_the_minutes(world: World) -> None:
    for role in ("party2", "party3"):
        response = client_of(role).post(
            f"/en/decisions/{world.open_id}/", {"step": "vote", "choice": "yes"}
        )
        assert response.status_code == 302
    client_of("mediator").post(f"/en/decisions/{world.open_id}/", {"step": "close"})
    assert Decision.objects.get(pk=world.open_id).adopted is True
    body = client_of("observer").get(f"/en/decisions/{world.open_id}/").content.decode()
    assert "Decision 1 (Adopt article 1?): adopted: by consensus" in body
    arabic = client_of("observer").get(f"/ar/rounds/{world.round_id}/decisions/").content.decode()
    assert "القرار 1" in arabic


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_mediator_calls_a_decision_on_a_provision_chosen_by_its_name(
    world: World, language: str
) -> None:
    """The call form offers each text's provisions by label and opening words in the
    reader's language (never an identity to type); the chosen one carries its text."""
    mediator = client_of("mediator")
    page = mediator.get(f"/{language}/rounds/{world.round_id}/decisions/").content.decode()
    tree = lxml.html.fromstring(page)
    options = tree.xpath("//select[@id='call-provision']//option[@value!='']")
    assert options, "no provision to choose"
    named = {o.get("value"): o.text_content() for o in options}
    chosen = f"{world.text_id}:art_1__para_1"
    assert chosen in named
    assert named[chosen].startswith("Article 1 ¶1 — " if language == "en" else "المادة 1")
    assert internal_ids(visible_text(page)) == []
    before = Decision.objects.count()
    response = mediator.post(
        f"/{language}/rounds/{world.round_id}/decisions/",
        {"step": "call", "subject": "provision", "text_id": "", "provision": chosen,
         "question_en": "Adopt it?"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    called = Decision.objects.order_by("-pk")[0]
    assert Decision.objects.count() == before + 1
    assert (called.text_id, called.provision) == (world.text_id, "art_1__para_1")


def test_a_nomination_beyond_the_seats_is_refused_on_the_page(world: World) -> None:
    for name in ("C2", "C3"):
        actions.committee_nominate(
            user=User.objects.get(username="observer"),
            committee_id=world.committee_id,
            name=name,
            bloc="civil society",
            gender="man",
        )
    before = database_state()
    response = client_of("observer").post(
        f"/en/committees/{world.committee_id}/",
        {"step": "nominate", "name": "C4", "bloc": "civil society", "gender": "woman"},
    )
    assert response.status_code == 400
    assert "Bloc &#x27;civil society&#x27; has 3 seats and all 3 are filled" in (
        response.content.decode()
    )
    assert database_state().changes_since(before) == []


def test_the_committee_page_lists_each_failing_rule(world: World) -> None:
    body = client_of("guarantor").get(f"/en/committees/{world.committee_id}/").content.decode()
    assert "bloc &#x27;government&#x27;: 0 of 3 seats filled, 3 missing" in body
    assert "women overall: 1 of 9 = 11.1%, at least 30% needs 3, 2 more" in body
    assert 'class="approve"' in body


def test_the_signature_count_include(db: None) -> None:
    load_signature_counts()
    document = OutcomeDocument.objects.get(slug="ap-round-1-statement")
    with translation.override("en"):
        html = render_to_string("decisions/_signature_count.html", {"document": document})
    assert "majority of members" in html and "The sources give no numbers" in html
    actions.signature_count_set(
        user=User.objects.get(username="secretariat"),
        document_slug=document.slug,
        rule="majority of members",
        parties=15,
        signed=9,
    )
    document = OutcomeDocument.objects.get(slug="ap-round-1-statement")
    with translation.override("en"):
        html = render_to_string("decisions/_signature_count.html", {"document": document})
    assert "signed by 9 of 15 parties" in html
    assert "adopted: signed by 9 of 15 parties; a majority needs 8" in html
    other = OutcomeDocument.objects.exclude(signature_count__isnull=False).first()
    assert other is not None
    assert render_to_string("decisions/_signature_count.html", {"document": other}).strip() == ""
