"""Members added as a list (``committee.nominate_list``): pasted or uploaded, all or nothing,
every bad line named at once; only a bloc's nominating body (or the convener where the rules
say so) adds to the bloc; refusals change nothing; the page names organisations, not
identifiers."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.helpers.people import bearer, client_of, token_of, user
from tests.helpers.unchanged import unchanged

from astana.web.common.errors import Forbidden, Unreadable
from astana.web.common.models import AuditEntry
from astana.web.decisions import actions
from astana.web.decisions.models import Committee, Nominee


def _names(committee: Committee) -> list[str]:
    return list(
        Nominee.objects.filter(committee=committee, state=Nominee.State.NOMINATED)
        .order_by("id")
        .values_list("name", flat=True)
    )


def test_a_pasted_list_is_added_at_once_with_one_audit_entry(committee: Committee) -> None:
    added = actions.committee_nominate_list(
        user=user("convener"),
        committee_id=committee.pk,
        members="name,gender,bloc,small body,co-chair\n"
        "Amal Haddad, woman, , yes, yes\n\n"
        "Omar Saleh, man\n"
        '"Nasser, Rami", мужчина, opposition\n',
        bloc="government",
    )
    assert [(n.name, n.bloc, n.gender, n.in_small_body, n.co_chair) for n in added] == [
        ("Amal Haddad", "government", "woman", True, True),
        ("Omar Saleh", "government", "man", False, False),
        ("Nasser, Rami", "opposition", "man", False, False),
    ]
    assert {n.nominated_by.slug for n in added[:2]} == {"government-of-syria"}
    entry = AuditEntry.objects.get(action="committee.nominate_list")
    assert "Amal Haddad" in json.dumps(entry.detail, ensure_ascii=False)


def test_a_list_with_bad_lines_is_refused_whole_with_every_line_named(
    committee: Committee,
) -> None:
    actions.committee_nominate(
        user=user("convener"), committee_id=committee.pk, name="G1", bloc="government", gender="man"
    )
    members = "\n".join(
        [
            "G2, woman",  # 1: good
            ", woman",  # 2: no name
            "G3, child",  # 3: no such gender
            "G4, man, army",  # 4: no such bloc
            "G1, man",  # 5: already a member
            "G2, woman",  # 6: twice in the list
            "G5, man, , maybe",  # 7: neither yes nor no
            "G6, woman",  # 8: good: the government's third seat
            "G7, man",  # 9: a fourth member for 3 seats
        ]
    )
    with unchanged("a refused list"), pytest.raises(Unreadable) as refusal:
        actions.committee_nominate_list(
            user=user("convener"), committee_id=committee.pk, members=members, bloc="government"
        )
    lines = sorted({p["line"] for p in refusal.value.problems})
    assert lines == [2, 3, 4, 5, 6, 7, 9], refusal.value.changes
    assert any("already a member" in c for c in refusal.value.changes)
    assert any("also on line 1" in c for c in refusal.value.changes)
    assert any("3 seats" in c for c in refusal.value.changes)
    assert _names(committee) == ["G1"]


@pytest.mark.parametrize(
    ("who", "bloc", "body"),
    [
        ("party1", "government", "Syrian government"),
        ("observer", "government", "Syrian government"),
        # The rules let the convener record the government's nominations, not the UN's.
        ("convener", "civil society", "United Nations"),
        ("guarantor", "civil society", "United Nations"),
    ],
)
def test_only_the_bloc_s_nominating_body_adds_to_it(
    committee: Committee, who: str, bloc: str, body: str
) -> None:
    with unchanged(f"{who}'s list"), pytest.raises(Forbidden) as refusal:
        actions.committee_nominate_list(
            user=user(who), committee_id=committee.pk, members="X1, woman\nX2, man", bloc=bloc
        )
    assert body in str(refusal.value)


def test_the_page_takes_an_uploaded_csv_and_names_organisations(committee: Committee) -> None:
    observer = client_of("observer")
    upload = SimpleUploadedFile("civil-society.csv", b"name,gender\nC1,woman\nC2,man\n", "text/csv")
    url = f"/en/committees/{committee.pk}/"
    response = observer.post(
        url, {"step": "nominate_list", "bloc": "civil society", "members": "", "file": upload}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert _names(committee) == ["C1", "C2"]
    page = observer.get(url).content.decode()
    assert "nominated by United Nations" in page and "Syrian government" in page
    for slug in ("government-of-syria", "united-nations", "government-of-russia"):
        assert f">{slug}" not in page and f" {slug}" not in page, slug
    # A bad pasted list: the page lists every wrong line, and keeps what was typed.
    with unchanged("a refused list on the page"):
        response = observer.post(
            url, {"step": "nominate_list", "bloc": "civil society", "members": "C3, x\n, man"}
        )
    assert response.status_code == 400
    text = response.content.decode()
    assert "line 1" in text and "line 2" in text and "C3, x" in text


def test_the_api_adds_a_list_or_names_every_bad_line(committee: Committee) -> None:
    headers = bearer(token_of("observer"))
    url = f"/api/committees/{committee.pk}/nominee-lists"
    client = client_of("anonymous")
    with unchanged("a refused list through the API"):
        bad = client.post(
            url,
            {"members": "C1, woman\nC2, ?\n, man", "bloc": "civil society"},
            content_type="application/json",
            headers=headers,
        )
    assert bad.status_code == 400
    assert [c.split(":")[0] for c in bad.json()["changes"]] == ["2", "3"]
    good = client.post(
        url,
        {"members": "C1, woman\nC2, man", "bloc": "civil society"},
        content_type="application/json",
        headers=headers,
    )
    assert good.status_code == 201, good.content
    assert _names(committee) == ["C1", "C2"]
