"""After login a user lands on "My rounds": the rounds they take part in and what needs them
there. Each role sees exactly its own needs: a delegation's drafts only by its delegates, its
stale positions, the signatures requested of it, keys waiting for the convener, open votes."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from tests.helpers.people import DEMO_ROLES, login, user

from astana.core.ledger import ed25519
from astana.web.decisions import actions as decision_actions
from astana.web.demo import load_signed_statement
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Round
from astana.web.signing import actions as signing_actions

pytestmark = pytest.mark.django_db

PARTIES = ("party1", "party2", "party3")


def _needs(role: str) -> dict[str, list[str]]:
    """The needs listed on ``role``'s My rounds page, by kind (their texts, tags stripped)."""
    body = login(role).get("/en/my/rounds/").content.decode()
    found: dict[str, list[str]] = {}
    for kind, item in re.findall(r'<li class="need-(\w+)">(.*?)</li>', body, re.S):
        found.setdefault(kind, []).append(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)))
    if 'id="keys-to-approve"' in body:
        found["keys"] = [body.split('id="keys-to-approve"')[1].split("</section>")[0]]
    return found


def test_login_lands_on_my_rounds_and_the_page_links_the_room() -> None:
    client = Client()
    response = client.post("/en/accounts/login/", {"username": "party1", "password": "astana-demo"})
    assert response.status_code == 302 and response["Location"] == "/en/my/rounds/"
    assert Client().get("/en/my/rounds/").status_code == 302  # anonymous: to the login


def test_each_role_sees_only_its_own_needs(sandbox: Round, roadmap: NegotiationText) -> None:
    actions.proposal_draft(
        user=user("party1"),
        text_id=roadmap.pk,
        change={"kind": "delete_provision", "provision": "art_3__para_1"},
        justification="CONFIDENTIAL-DRAFT-REASON",
    )
    roadmap.refresh_from_db()
    actions.position_set(user=user("party3"), text_id=roadmap.pk, based_on=roadmap.version,
                         provision="art_4__para_1", stance="cannot_accept")  # fmt: skip
    folded = TextProposal.objects.get(
        text=roadmap, data__change__target="art_4__para_1", tabled_at__isnull=False
    )
    roadmap.refresh_from_db()
    actions.revision_issue(user=user("mediator"), text_id=roadmap.pk, based_on=roadmap.version,
                           fold=[folded.reference], keep=[], reject=[])  # fmt: skip
    signing_actions.key_register(
        user=user("party2"),
        process_slug="astana-platform",
        name="laptop",
        public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
    )
    decision_actions.decision_call(
        user=user("mediator"),
        round_id=sandbox.pk,
        subject="procedure",
        questions={"en": "Adjourn until tomorrow?"},
    )
    needs = {role: _needs(role) for role in DEMO_ROLES}
    # party1's draft reaches party1 only (and never its content).
    assert [r for r in DEMO_ROLES if "draft" in needs[r]] == ["party1"]
    assert all("CONFIDENTIAL" not in str(n) for n in needs.values())
    # party3's position on art_4 was given on Rev.1's wording: party3 renews it.
    assert [r for r in DEMO_ROLES if "renew" in needs[r]] == ["party3"]
    assert "1 position to renew" in needs["party3"]["renew"][0]
    assert "Article 4, 1." in needs["party3"]["renew"][0]
    # The pending key waits for the convener only.
    assert [r for r in DEMO_ROLES if "keys" in needs[r]] == ["convener"]
    # The open decision is for the parties' votes.
    assert sorted(r for r in DEMO_ROLES if "vote" in needs[r]) == list(PARTIES)
    # Nothing is adoptable: no signature requested.
    assert not any("sign" in n for n in needs.values())


def test_signatures_requested_of_the_delegations_that_have_not_signed(sandbox: Round) -> None:
    load_signed_statement(sandbox, signers=("party1",), publish=False)
    asked = sorted(r for r in DEMO_ROLES if "sign" in _needs(r))
    # party1 signed; the other parties and the guarantor (who signs joint statements) are asked.
    assert "party1" not in asked and {"party2", "party3"} <= set(asked)
    assert not set(asked) & {"convener", "host", "mediator", "observer", "expert", "secretariat"}
    body = login("party2").get("/en/my/rounds/").content.decode()
    assert re.search(r'href="/en/texts/\d+/sign/"', body)


def test_my_rounds_in_arabic_is_translated_and_right_to_left(roadmap: NegotiationText) -> None:
    body = login("party1").get("/ar/my/rounds/").content.decode()
    assert 'dir="rtl"' in body and "My rounds" not in body and "Nothing needs you" not in body


def test_the_room_links_each_text_to_its_grid_and_signing_page(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    body = login("observer").get(f"/en/rounds/{sandbox.pk}/room/").content.decode()
    assert f'href="/en/texts/{roadmap.pk}/signatures/"' in body
    assert f'href="/en/texts/{roadmap.pk}/grid/"' in body
    assert login("party1").get(f"/en/texts/{roadmap.pk}/signatures/").status_code == 200
