"""NUL and other control characters in free text that is not negotiated or signed (caucus
notes, comments, round and session records, token and key names, committees, consultation
statements and reasons...): a clear 400 naming the field and the place, nothing written, on
SQLite as on PostgreSQL (which would refuse a NUL with an error of its own). A NUL anywhere
in a request (a JSON escape, a query, a form) is refused before any view runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.helpers.people import user
from tests.helpers.unchanged import unchanged

from astana.web.accounts.models import User
from astana.web.api.tokens import token_create
from astana.web.common.errors import ActionError
from astana.web.consultation import actions as consultation
from astana.web.decisions.actions import committees
from astana.web.negotiation import actions
from astana.web.signing import actions as signing

from .badinput import CAUCUS, PROPOSALS, Bad, check
from .conftest import Api, Room

pytestmark = pytest.mark.django_db

ESC, NUL = "\x1b", "\x00"
COMMENTS, ROUNDS = "/api/texts/{text}/comments", "/api/processes/astana-platform/rounds"
SESSIONS = "/api/rounds/{round}/sessions"


def new_round(**changed: Any) -> Callable[[dict[str, int]], Any]:
    body = {"slug": "round-next", "titles": {"en": "Next"}, "venues": {"en": "Astana"}}
    return lambda ids: {**body, "start": "2026-05-25", **changed}


def record(**changed: Any) -> Callable[[dict[str, int]], Any]:
    return lambda ids: {
        "based_on": ids["sv"],
        "agenda": ["Opening"],
        "attendance": ["united-nations"],
        "minutes": {"en": "Opened."},
        **changed,
    }


CASES: dict[str, Bad] = {
    "caucus note: escape": Bad(
        "party1",
        "POST",
        CAUCUS,
        lambda i: {"body": f"Our line\nholds{ESC}[2J"},
        400,
        "The note contains a character that is not allowed, at line 2, column 6: U+001B",
    ),
    "caucus note: NUL": Bad(
        "party1", "POST", CAUCUS, lambda i: {"body": f"a{NUL}b"}, 400, "A NUL character (U+0000)"
    ),
    "comment: NUL": Bad(
        "expert",
        "POST",
        COMMENTS,
        lambda i: {"provision": "art_1", "body": f"x{NUL}"},
        400,
        "A NUL character",
    ),
    "comment: escape": Bad(
        "expert",
        "POST",
        COMMENTS,
        lambda i: {"provision": "art_1", "body": f"x{ESC}"},
        400,
        "The comment contains a character that is not allowed",
    ),
    "justification: NUL": Bad(
        "party1",
        "POST",
        PROPOSALS,
        lambda i: {
            "change": {"kind": "delete_provision", "provision": "art_4__para_1"},
            "justification": f"fine{NUL}",
        },
        400,
        "A NUL character",
    ),
    "round: escape in a title": Bad(
        "convener",
        "POST",
        ROUNDS,
        new_round(titles={"en": f"Next{ESC}"}),
        400,
        "The en title contains a character that is not allowed",
    ),
    "round: NUL in a process slug": Bad(
        "convener", "POST", ROUNDS + "?x=%00", new_round(), 400, "A NUL character"
    ),
    "session record: escape in the minutes": Bad(
        "secretariat",
        "PUT",
        SESSIONS + "/1/record",
        record(minutes={"en": f"Opened.\n{ESC}"}),
        400,
        "The en minutes contains a character that is not allowed, at line 2, column 1",
    ),
    "session record: escape in an agenda item": Bad(
        "secretariat",
        "PUT",
        SESSIONS + "/1/record",
        record(agenda=["Opening", f"Close{ESC}"]),
        400,
        "Agenda item 2 contains a character that is not allowed",
    ),
    "session record: NUL in the attendance": Bad(
        "secretariat",
        "PUT",
        SESSIONS + "/1/record",
        record(attendance=[f"united-nations{NUL}"]),
        400,
        "A NUL character",
    ),
}


@pytest.fixture(autouse=True)
def invited(room: Room) -> None:
    actions.expert_invite(
        user=user("mediator"), text_id=room.text_id, organisation="constitutional-experts"
    )


@pytest.mark.parametrize("name", list(CASES))
def test_control_characters_are_refused_and_nothing_changes(
    api: Api, room: Room, name: str
) -> None:
    check(api, room, CASES[name])


def test_a_json_escape_that_only_looks_like_nul_is_kept(api: Api, room: Room) -> None:
    response = api.call("party1", "POST", CAUCUS.format(round=room.round_id), {"body": "a\\u0000"})
    assert response.status_code == 201, response.content


def _refused(write: Callable[[], object], says: str) -> None:
    """``write`` is refused with ``says`` and changes no row of the platform."""
    with unchanged("a refused write"), pytest.raises(ActionError, match=says):
        write()


@pytest.mark.parametrize("bad", [NUL, ESC, "\x9b", "\ud800"])
def test_every_other_free_text_field_refuses_them(room: Room, bad: str) -> None:
    """Fields reached by pages, the API and the CLI alike through their actions."""
    convener = user("convener")
    _refused(
        lambda: token_create(user=convener, name=f"lap{bad}top"),
        "The token name contains",
    )
    _refused(
        lambda: signing.key_register(
            user=user("party1"), process_slug="astana-platform", name=f"k{bad}ey", public_key="x"
        ),
        "The key name contains",
    )
    definition = {"blocs": [{"name": f"civ{bad}il", "seats": 2, "nominated_by": "united-nations"}]}
    _refused(
        lambda: committees.committee_create(
            user=convener,
            process_slug="astana-platform",
            slug="drafting",
            names={"en": "Drafting"},
            definition=definition,
        ),
        "The definition contains",
    )
    _refused(
        lambda: committees.committee_create(
            user=convener,
            process_slug="astana-platform",
            slug="drafting",
            names={"en": f"Draft{bad}ing"},
            definition={"blocs": [{"name": "civil", "seats": 2, "nominated_by": "united-nations"}]},
        ),
        "The committee's en name contains",
    )
    _refused(
        lambda: consultation.consultation_create(
            user=convener, process_slug="astana-platform", titles={"en": f"As{bad}k"}
        ),
        r"The title \(en\) contains",
    )
    asked = consultation.consultation_create(
        user=convener, process_slug="astana-platform", titles={"en": "Ask"}, open_now=True
    )
    _refused(
        lambda: consultation.statement_submit(
            user=convener, consultation_id=asked.pk, text=f"Pea{bad}ce", language="en"
        ),
        "The statement contains",
    )


def test_a_nominee_name_refuses_them(room: Room) -> None:
    convener: User = user("convener")
    committee = committees.committee_create(
        user=convener,
        process_slug="astana-platform",
        slug="drafting",
        names={"en": "Drafting"},
        definition={"blocs": [{"name": "civil", "seats": 2, "nominated_by": "united-nations"}]},
    )
    _refused(
        lambda: committees.committee_nominate(
            user=user("observer"),  # the observer's organisation, the UN, nominates the bloc
            committee_id=committee.pk,
            name=f"Ms{NUL} X",
            bloc="civil",
            gender="woman",
        ),
        "The nominee's name contains",
    )
