"""A whole round through the API, as the personas would play it: the mediator puts the
roadmap on the table, three parties table proposals, one records a reservation, the mediator
issues Rev.2 and Rev.3, the redline shows the folded words, and provision by provision the
text is agreed ad referendum and confirmed until it is adoptable. The observer reads
throughout and cannot act."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ROADMAP, Api, Room

pytestmark = pytest.mark.django_db

PROVISIONS = [f"art_{n}{suffix}" for n in range(1, 6) for suffix in ("", "__para_1")]
RESERVATION = "Subject to our leadership's consultation on the venue."
# The wording that resolves every bracket of Rev.2, per provision and language.
CLEAN = {
    ("art_1__para_1", "en"): "The parties agree on a gradual political transition of power.",
    ("art_1__para_1", "ar"): "تتفق الأطراف على انتقال سياسي تدريجي للسلطة.",
    (
        "art_2__para_1",
        "en",
    ): "The parties call for the immediate and complete withdrawal of all foreign fighters "
    "from the territory of Syria.",
    ("art_2__para_1", "ar"): "تدعو الأطراف إلى انسحاب جميع المقاتلين الأجانب من الأراضي السورية.",
    (
        "art_3__para_1",
        "en",
    ): "A new constitution shall be drafted by a constitutional committee representing all "
    "components of Syrian society under the aegis of the United Nations.",
    ("art_3__para_1", "ar"): "يصاغ دستور جديد من قبل لجنة دستورية تحت رعاية الأمم المتحدة.",
}


class Round3:
    """The personas at the table, speaking to the API."""

    def __init__(self, api: Api, room: Room) -> None:
        self.api, self.room = api, room
        made = api.call(
            "mediator",
            "POST",
            f"/api/rounds/{room.round_id}/texts",
            {
                "slug": "roadmap-api",
                "titles": {"en": "Roadmap (API)", "ar": "خارطة الطريق"},
                "notation": ROADMAP.read_text(encoding="utf-8"),
            },
        )
        assert made.status_code == 201, made.content
        self.text: int = made.json()["id"]

    def ok(self, role: str, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        response = self.api.call(role, method, path, body)
        assert response.status_code == status, (
            f"{role} {method} {path}: {response.content.decode()[:400]}"
        )
        return response.json()

    def read(self, role: str = "observer", query: str = "") -> Any:
        return self.ok(role, "GET", f"/api/texts/{self.text}{query}")

    @property
    def version(self) -> int:
        return int(self.read()["text"]["version"])

    def table(self, party: str, change: dict[str, Any], why: str = "") -> str:
        draft = self.ok(
            party,
            "POST",
            f"/api/texts/{self.text}/proposals",
            {"change": change, "justification": why},
            status=201,
        )
        assert draft["state"] == "draft"
        tabled = self.ok(
            party, "POST", f"/api/proposals/{draft['id']}/table", {"based_on": draft["version"]}
        )
        assert tabled["state"] == "tabled"
        return str(tabled["reference"])

    def position(
        self, party: str, provision: str, stance: str = "support", reservation: str = ""
    ) -> None:
        self.ok(
            party,
            "POST",
            f"/api/texts/{self.text}/positions",
            {
                "based_on": self.version,
                "provision": provision,
                "stance": stance,
                "reservation": reservation,
            },
        )

    def issue(self, fold: list[str], keep: tuple[str, ...] = ()) -> Any:
        return self.ok(
            "mediator",
            "POST",
            f"/api/texts/{self.text}/revisions",
            {"based_on": self.version, "fold": fold, "keep": list(keep)},
            status=201,
        )

    def decide(self, provision: str, step: str) -> Any:
        return self.ok(
            "mediator",
            "POST",
            f"/api/texts/{self.text}/provisions/{provision}/{step}",
            {"based_on": self.version},
        )

    def observer_cannot_act(self) -> None:
        attempts = [
            (
                "POST",
                f"/api/texts/{self.text}/proposals",
                {"change": {"kind": "delete_provision", "provision": "art_1"}},
            ),
            (
                "POST",
                f"/api/texts/{self.text}/positions",
                {"based_on": self.version, "provision": "art_1", "stance": "support"},
            ),
            ("POST", f"/api/texts/{self.text}/revisions", {"based_on": self.version}),
            (
                "POST",
                f"/api/texts/{self.text}/provisions/art_1/agree-ad-referendum",
                {"based_on": self.version},
            ),
            ("POST", f"/api/rounds/{self.room.round_id}/caucus", {"body": "We observe."}),
            ("GET", f"/api/rounds/{self.room.round_id}/caucus", None),
        ]
        for method, path, body in attempts:
            assert self.api.call("observer", method, path, body).status_code == 403, path


def test_a_whole_round_through_the_api(api: Api, room: Room) -> None:
    talks = Round3(api, room)
    assert talks.read()["revision"] == 1 and talks.read()["adoptable"] is False
    talks.observer_cannot_act()

    # Three parties table proposals; party1 supports party3's; party2 records a reservation.
    p1 = talks.table(
        "party1",
        {
            "kind": "insert_words",
            "provision": "art_2__para_1",
            "language": "en",
            "after": "call for the",
            "words": " immediate and complete",
        },
        "At once.",
    )
    p2 = talks.table(
        "party2",
        {
            "kind": "replace_text",
            "provision": "art_4__para_1",
            "language": "en",
            "text": "Free and fair parliamentary elections shall be held within eighteen "
            "months under the supervision of the United Nations.",
        },
    )
    p3 = talks.table(
        "party3",
        {
            "kind": "add_alternative",
            "provision": "art_3__para_1",
            "language": "en",
            "words": "a constitutional committee",
            "text": "a constitutional committee representing all components of Syrian society",
        },
    )
    backed = talks.ok("party1", "GET", f"/api/texts/{talks.text}/proposals")
    p3_row = next(p for p in backed if p["reference"] == p3)
    talks.ok(
        "party1", "POST", f"/api/proposals/{p3_row['id']}/support", {"based_on": p3_row["version"]}
    )
    talks.position("party2", "art_5__para_1", "support_with_reservation", RESERVATION)
    compiled = talks.read()
    assert {p["reference"] for p in compiled["proposals"]} == {p1, p2, p3}
    assert RESERVATION in str(compiled["positions"])

    # Rev.2 folds in party1's and party2's proposals and keeps party3's in brackets.
    rev2 = talks.issue([p1, p2], keep=(p3,))
    assert (rev2["number"], rev2["folded"], rev2["kept"]) == (2, [p1, p2], [p3])
    redline = talks.ok(
        "observer", "GET", f"/api/texts/{talks.text}/redline?old=1&new=2&language=en"
    )["redline"]
    inserted = {
        p["id"]: "".join(r["text"] for r in p["runs"] if r["op"] == "insert")
        for p in redline["provisions"]
    }
    assert "immediate and complete" in inserted["art_2__para_1"]
    assert "eighteen months" in inserted["art_4__para_1"]
    assert talks.read()["progress"]["bracketed_provisions"] == 3

    # Rev.3 resolves every bracket, in both languages.
    authors = {"art_1__para_1": "party1", "art_2__para_1": "party2", "art_3__para_1": "party3"}
    clean = [
        talks.table(
            authors[provision],
            {"kind": "replace_text", "provision": provision, "language": language, "text": wording},
        )
        for (provision, language), wording in CLEAN.items()
    ]
    rev3 = talks.issue(clean)
    assert rev3["number"] == 3
    state = talks.read(query="?language=ar")
    assert state["revision"] == 3 and state["progress"]["bracketed_provisions"] == 0
    assert state["sha256"] == rev3["sha256"]
    arabic = talks.ok(
        "observer", "GET", f"/api/texts/{talks.text}/redline?old=2&new=3&language=ar"
    )["redline"]
    deleted = {
        p["id"]: "".join(r["text"] for r in p["runs"] if r["op"] == "delete")
        for p in arabic["provisions"]
    }
    assert "هيئة حكم انتقالية" in deleted["art_1__para_1"]

    # Every party supports every provision (party2 keeps its reservation), then agreement.
    for party in ("party1", "party2", "party3"):
        for provision in PROVISIONS:
            if (party, provision) == ("party2", "art_5__para_1"):
                talks.position(party, provision, "support_with_reservation", RESERVATION)
            else:
                talks.position(party, provision)
    for provision in PROVISIONS:
        talks.decide(provision, "agree-ad-referendum")
    for provision in PROVISIONS[:-1]:
        talks.decide(provision, "confirm")
    almost = talks.read()
    assert almost["progress"]["agreed"] == len(PROVISIONS) - 1
    assert almost["adoptable"] is False  # nothing is agreed until everything is agreed
    talks.decide(PROVISIONS[-1], "confirm")
    final = talks.read()
    assert final["adoptable"] is True and final["progress"]["agreed"] == len(PROVISIONS)

    # The observer read it all, acted on nothing, and saw the revisions go by.
    talks.observer_cannot_act()
    events = talks.ok("observer", "GET", f"/api/rounds/{room.round_id}/events")
    summaries = [e["summary"] for e in events]
    assert "Roadmap (API): Rev.3 issued" in summaries
    assert (
        talks.ok("observer", "GET", f"/api/texts/{talks.text}/redline?old=1&new=3&language=en")[
            "new"
        ]
        == 3
    )
