"""The positions grid page: every role reads and sets on it exactly what the role matrix
allows (each role's request in a savepoint that is rolled back, so each meets the same room);
the form is all or nothing; a cell changed since the grid was loaded, or a new revision, is
refused with what changed, and nothing is written."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from tests.helpers.people import ANONYMOUS, OUTSIDER, ROLES, bearer, login, token_of
from tests.helpers.unchanged import unchanged

from astana.core.text import position_grid
from astana.web.accounts.models import User
from astana.web.negotiation import actions
from astana.web.negotiation.actions.common import latest_revision, positions_of
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db

PARTIES = {"party1": "syrian-national-coalition", "party2": "syriac-national-council",
           "party3": "kurdish-parties"}  # fmt: skip
READERS = set(ROLES) - {ANONYMOUS, OUTSIDER}


class _Rollback(Exception):
    pass


def _tokens(roadmap: NegotiationText, party: str) -> dict[str, str]:
    _, revision = latest_revision(roadmap)
    grid = position_grid(revision.document, positions_of(roadmap))
    return {c.provision: c.token for r in grid.rows for c in r.cells if c.party == party}


def _client(role: str) -> Client:
    return Client() if role == ANONYMOUS else login(role)


def _form(roadmap: NegotiationText, party: str, **cells: str) -> dict[str, str]:
    tokens = _tokens(roadmap, party)
    _, revision = latest_revision(roadmap)
    form = {"revision": str(revision.number)}
    for provision, stance in cells.items():
        form[f"stance-{provision}"] = stance
        form[f"was-{provision}"] = tokens[provision]
    return form


def _fold_the_proposal_on_art_4(roadmap: NegotiationText) -> None:
    """Rev.2: party2's new wording of art_4 folded in."""
    p2 = TextProposal.objects.get(text=roadmap, data__change__target="art_4__para_1")
    roadmap.refresh_from_db()
    actions.revision_issue(
        user=User.objects.get(username="mediator"),
        text_id=roadmap.pk,
        based_on=roadmap.version,
        fold=[p2.reference],
        keep=[],
        reject=[],
    )


def test_each_role_reads_the_grid_as_it_reads_the_text(roadmap: NegotiationText) -> None:
    reservation = "Subject to our leadership's consultation on the venue of the next round."
    for role in ROLES:
        response = _client(role).get(f"/en/texts/{roadmap.pk}/grid/")
        body = response.content.decode()
        if role == ANONYMOUS:
            assert response.status_code == 302, role
        elif role == OUTSIDER:
            assert response.status_code == 404, role
        else:
            text = _client(role).get(f"/en/texts/{roadmap.pk}/")
            assert response.status_code == text.status_code == 200, role
            # The same positions as the text's page shows: party2's reservation, on hover.
            assert f'title="{reservation}"'.replace("'", "&#x27;") in body, role
            assert ('id="grid-form"' in body) is (role in PARTIES), role
            assert "Syrian National Coalition" in body
            assert "art_5__para_1</" not in body and "syrian-national-coalition<" not in body


def test_each_role_sets_cells_exactly_as_the_matrix_allows(roadmap: NegotiationText) -> None:
    wrong = []
    for role in ROLES:
        form = _form(roadmap, PARTIES.get(role, "kurdish-parties"),
                     art_4__para_1="support", art_2__para_1="cannot_accept")  # fmt: skip
        try:
            with transaction.atomic():
                response = _client(role).post(f"/en/texts/{roadmap.pk}/grid/positions", form)
                roadmap.refresh_from_db()
                positions = positions_of(roadmap)
                mine = PARTIES.get(role)
                written = mine is not None and positions.position(mine, "art_4__para_1")
                expected = (
                    302 if role in PARTIES or role == ANONYMOUS
                    else 404 if role == OUTSIDER else 403
                )  # fmt: skip
                if response.status_code != expected or (role in PARTIES) != bool(written):
                    wrong.append((role, response.status_code, bool(written)))
                if role in PARTIES:
                    assert positions.position(mine, "art_2__para_1").stance == "cannot_accept"
                    others = set(PARTIES.values()) - {mine}
                    assert not any(positions.position(p, "art_4__para_1") for p in others)
                raise _Rollback
        except _Rollback:
            pass
    assert not wrong, wrong


def test_one_bad_cell_changes_nothing(roadmap: NegotiationText) -> None:
    party1 = login("party1")
    form = _form(roadmap, "syrian-national-coalition",
                 art_4__para_1="support", art_3__para_1="support_with_reservation")  # fmt: skip
    form["reservation-art_3__para_1"] = ""  # a reservation needs its text
    with unchanged("a grid form with one bad cell"):
        response = party1.post(f"/en/texts/{roadmap.pk}/grid/positions", form)
    assert response.status_code == 400
    body = response.content.decode()
    refusal = body.split('id="refusal"')[1].split("</div>")[0]
    assert "Article 3, 1." in refusal and "reservation" in refusal
    # What was typed is kept.
    assert re.search(r'name="stance-art_4__para_1"[^>]*>.*?value="support" selected', body, re.S)


def test_a_cell_changed_since_loading_is_refused_with_what_changed(
    roadmap: NegotiationText,
) -> None:
    form = _form(roadmap, "syrian-national-coalition", art_5__para_1="cannot_accept",
                 art_4__para_1="support")  # fmt: skip
    # A colleague of the same delegation changes art_5 meanwhile.
    roadmap.refresh_from_db()
    actions.position_set(
        user=User.objects.get(username="party1"), text_id=roadmap.pk, based_on=roadmap.version,
        provision="art_5__para_1", stance="support_with_reservation", reservation="Later.",
    )  # fmt: skip
    with unchanged("a grid form on a changed cell"):
        response = login("party1").post(f"/en/texts/{roadmap.pk}/grid/positions", form)
    assert response.status_code == 409
    refusal = response.content.decode().split('id="refusal"')[1].split("</div>")[0]
    assert "changed since you loaded the grid" in refusal and "Article 5, 1." in refusal
    roadmap.refresh_from_db()
    assert positions_of(roadmap).position("syrian-national-coalition", "art_4__para_1") is None
    # The page shows the cell as it is now, with the choice typed kept: sent again, it stands.
    body = response.content.decode()
    now = _tokens(roadmap, "syrian-national-coalition")["art_5__para_1"]
    assert f'name="was-art_5__para_1" value="{now}"' in body
    assert re.search(r'name="stance-art_5__para_1".*?value="cannot_accept" selected', body, re.S)
    again = login("party1").post(
        f"/en/texts/{roadmap.pk}/grid/positions", {**form, "was-art_5__para_1": now}
    )
    assert again.status_code == 302
    roadmap.refresh_from_db()
    assert positions_of(roadmap).position("syrian-national-coalition", "art_5__para_1").stance == (
        "cannot_accept"
    )


def test_a_new_revision_refuses_the_form_and_old_positions_show_as_stale(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    form = _form(roadmap, "syrian-national-coalition", art_4__para_1="support")
    _fold_the_proposal_on_art_4(roadmap)
    party1 = login("party1")
    with unchanged("a grid form on an earlier revision"):
        response = party1.post(f"/en/texts/{roadmap.pk}/grid/positions", form)
    assert response.status_code == 409
    assert "you had Rev.1, it is now Rev.2" in response.content.decode()
    # party2's position on art_5 still reads as it did: current. None on art_4 is stale yet;
    # party1 sets one, then the mediator folds nothing more: current.
    response = party1.post(
        f"/en/texts/{roadmap.pk}/grid/positions",
        _form(roadmap, "syrian-national-coalition", art_4__para_1="support"),
    )
    assert response.status_code == 302
    page = login("observer").get(f"/en/texts/{roadmap.pk}/grid/?state=not_agreed").content.decode()
    assert 'data-provision="art_4__para_1"' in page and "given on Rev." not in page


def test_a_position_on_an_earlier_wording_shows_stale_in_arabic(roadmap: NegotiationText) -> None:
    roadmap.refresh_from_db()
    actions.position_set(
        user=User.objects.get(username="party1"), text_id=roadmap.pk, based_on=roadmap.version,
        provision="art_4__para_1", stance="support",
    )  # fmt: skip
    _fold_the_proposal_on_art_4(roadmap)
    body = login("party1").get(f"/ar/texts/{roadmap.pk}/grid/").content.decode()
    row = body.split('<tr data-provision="art_4__para_1"')[1].split("</tr>")[0]
    assert "stale own" in row and "المراجعة 1" in row
    assert "given on" not in row  # translated


def test_filters_by_state_and_delegation(roadmap: NegotiationText) -> None:
    observer = login("observer")
    page = observer.get(f"/en/texts/{roadmap.pk}/grid/?state=bracketed").content.decode()
    rows = set(re.findall(r'<tr data-provision="([^"]+)"', page))
    assert rows == {"art_1__para_1", "art_2__para_1", "art_3__para_1"}
    page = observer.get(f"/en/texts/{roadmap.pk}/grid/?party=kurdish-parties").content.decode()
    assert set(re.findall(r'<th scope="col" data-party="([^"]+)"', page)) == {"kurdish-parties"}
    assert observer.get(f"/en/texts/{roadmap.pk}/grid/?state=nonsense").status_code == 400
    assert observer.get(f"/en/texts/{roadmap.pk}/grid/?party=nobody").status_code == 400


def test_the_api_grid_agrees_with_the_text_and_its_filters(roadmap: NegotiationText) -> None:
    headers = bearer(token_of("observer"))
    client = Client()
    grid = client.get(f"/api/texts/{roadmap.pk}/grid?language=ar", headers=headers).json()
    text = client.get(f"/api/texts/{roadmap.pk}?language=ar", headers=headers).json()
    assert grid["progress"] == text["progress"] and grid["adoptable"] == text["adoptable"]
    cells = {
        (c["party"], r["provision"]): c for r in grid["rows"] for c in r["cells"] if c["stance"]
    }
    assert {(p["party"], p["provision"]): p["stance"] for p in text["positions"]["positions"]} == {
        k: c["stance"] for k, c in cells.items()
    }
    art5 = next(r for r in grid["rows"] if r["provision"] == "art_5__para_1")
    assert art5["title"].startswith("المادة 5") and art5["must_confirm"] == []
    only = client.get(
        f"/api/texts/{roadmap.pk}/grid?state=bracketed&party=kurdish-parties", headers=headers
    ).json()
    assert [p["slug"] for p in only["parties"]] == ["kurdish-parties"]
    assert {r["provision"] for r in only["rows"]} == {
        "art_1__para_1",
        "art_2__para_1",
        "art_3__para_1",
    }
    bad = client.get(f"/api/texts/{roadmap.pk}/grid?state=everything", headers=headers)
    assert bad.status_code == 422


def test_a_cell_already_as_asked_is_no_conflict(roadmap: NegotiationText) -> None:
    form = _form(roadmap, "syrian-national-coalition", art_4__para_1="cannot_accept")
    roadmap.refresh_from_db()
    # A colleague records the same position first: the form asks for what stands; it passes.
    actions.position_set(
        user=User.objects.get(username="party1"),
        text_id=roadmap.pk,
        based_on=roadmap.version,
        provision="art_4__para_1",
        stance="cannot_accept",
    )
    with unchanged("a grid form asking for what already stands"):
        response = login("party1").post(f"/en/texts/{roadmap.pk}/grid/positions", form)
    assert response.status_code == 302
