"""Forming a committee: nominations, withdrawals, replacements, approvals, and the live check
that names exactly which rule fails and by how much; refusals change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers.people import user
from tests.helpers.unchanged import unchanged

from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.decisions import actions
from astana.web.decisions.composition import report_of
from astana.web.decisions.examples import SCC_SLUG
from astana.web.decisions.models import Committee, Nominee
from astana.web.demo import load_committee_example
from astana.web.processes.models import Membership, Organisation, Person

from .conftest import SMALL_COMMITTEE

# name, bloc, gender, small body, co-chair: one woman short of the quota in government
FIRST_LIST = [
    ("G1", "government", "man", True, True),
    ("G2", "government", "man", False, False),
    ("G3", "government", "man", False, False),
    ("O1", "opposition", "woman", True, True),
    ("O2", "opposition", "man", False, False),
    ("O3", "opposition", "man", False, False),
    ("C1", "civil society", "woman", True, False),
    ("C2", "civil society", "woman", False, False),
    ("C3", "civil society", "man", False, False),
]


def _refused(error: type[ActionError], message: str, run: Any) -> None:
    with unchanged("a refused action"), pytest.raises(error) as refusal:
        run()
    assert message in str(refusal.value), str(refusal.value)


def _nominate(committee: Committee, rows: list[tuple[str, str, str, bool, bool]]) -> None:
    """Each row nominated by whoever may: the UN (the observer) for civil society, the
    convener for the blocs whose rules let it record their nominations."""
    for name, bloc, gender, small, chair in rows:
        actions.committee_nominate(
            user=user("observer" if bloc == "civil society" else "convener"),
            committee_id=committee.pk,
            name=name,
            bloc=bloc,
            gender=gender,
            in_small_body=small,
            co_chair=chair,
        )


def test_forming_a_committee_with_a_quota_violation_fixing_it_and_approving(
    committee: Committee,
) -> None:
    _nominate(committee, FIRST_LIST)
    report = report_of(committee)
    assert report.messages("en") == (
        "approval by 'government-of-russia': 0 of 9 members approved, 9 missing: "
        "G1, G2, G3, O1, O2 and 4 more",
        "approval by 'united-nations': 0 of 9 members approved, 9 missing: "
        "G1, G2, G3, O1, O2 and 4 more",
        "women in bloc 'government': 0 of 3 = 0.0%, at least 30% needs 1, 1 more",
    )
    quota = [v for v in report.violations if v.code == "quota"]
    assert [(v.bloc, v.count, v.target, v.shortfall) for v in quota] == [("government", 0, 1, 1)]
    g3 = Nominee.objects.get(committee=committee, name="G3")
    actions.committee_replace(user=user("convener"), nominee_id=g3.pk, name="G4", gender="woman")
    assert [v.code for v in report_of(committee).violations] == ["approval", "approval"]
    actions.committee_approve(user=user("guarantor"), committee_id=committee.pk)
    committee.refresh_from_db()
    assert not committee.formed
    actions.committee_approve(user=user("observer"), committee_id=committee.pk)
    committee.refresh_from_db()
    assert report_of(committee).valid and committee.formed


def test_a_nomination_beyond_the_seats_is_refused(committee: Committee) -> None:
    _nominate(committee, FIRST_LIST)

    def nominate(**kw: Any) -> Any:
        return lambda: actions.committee_nominate(
            user=user("convener"), committee_id=committee.pk, **kw
        )

    _refused(
        ActionError,
        "Bloc 'government' has 3 seats and all 3 are filled",
        nominate(name="G9", bloc="government", gender="woman"),
    )
    g2 = Nominee.objects.get(committee=committee, name="G2")
    actions.committee_withdraw(user=user("convener"), nominee_id=g2.pk)
    _refused(
        ActionError,
        "1 seats in the small body and all 1 are filled",
        nominate(name="G9", bloc="government", gender="woman", in_small_body=True),
    )
    _refused(
        ActionError,
        "2 co-chairs and all 2 are named",
        nominate(name="G9", bloc="government", gender="woman", co_chair=True),
    )
    _refused(ActionError, "no bloc 'army'", nominate(name="X", bloc="army", gender="woman"))
    _refused(ActionError, "already a member", nominate(name="G1", bloc="government", gender="man"))
    _refused(ActionError, "'woman' or 'man'", nominate(name="G9", bloc="government", gender="x"))
    _refused(
        ActionError,
        "was withdrawn",
        lambda: actions.committee_withdraw(user=user("convener"), nominee_id=g2.pk),
    )


def test_only_the_nominating_body_and_the_approvers_act(committee: Committee) -> None:
    def nominate(name: str, bloc: str) -> Any:
        return lambda: actions.committee_nominate(
            user=user(name), committee_id=committee.pk, name="N", bloc=bloc, gender="woman"
        )

    _refused(Forbidden, "nominated by Syrian government", nominate("party1", "government"))
    _refused(Forbidden, "nominated by Syrian government", nominate("observer", "government"))
    # The rules let the convener record the government's nominations, not the UN's.
    _refused(Forbidden, "nominated by United Nations", nominate("convener", "civil society"))
    # The observer acts for the UN, the civil-society bloc's nominating body.
    actions.committee_nominate(
        user=user("observer"),
        committee_id=committee.pk,
        name="C1",
        bloc="civil society",
        gender="woman",
    )
    for name in ("party1", "convener", "mediator", "secretariat", "host"):
        _refused(
            Forbidden,
            "approved by government-of-russia, united-nations",
            lambda name=name: actions.committee_approve(user=user(name), committee_id=committee.pk),
        )
    actions.committee_approve(user=user("guarantor"), committee_id=committee.pk)
    _refused(
        ActionError,
        "approved every current member already",
        lambda: actions.committee_approve(user=user("guarantor"), committee_id=committee.pk),
    )


def test_a_turkish_delegate_may_not_approve_what_only_russia_and_the_un_approve(
    committee: Committee,
) -> None:
    person = Person.objects.create(slug="test-turkey", name_en="A Turkish delegate")
    from astana.web.accounts.models import User

    person.user = User.objects.create_user("turkey-delegate", password="a-long-password-1")
    person.save()
    Membership.objects.create(
        person=person, organisation=Organisation.objects.get(slug="government-of-turkey")
    )
    _refused(  # not named by the definition, no role in the process: it does not even find it
        NotFound,
        "There is no committee",
        lambda: actions.committee_approve(
            user=User.objects.get(username="turkey-delegate"), committee_id=committee.pk
        ),
    )


def test_bad_definitions_are_refused(sandbox: object) -> None:
    def create(**change: Any) -> Any:
        return lambda: actions.committee_create(
            user=user("convener"),
            process_slug="astana-platform",
            slug="c",
            names={"en": "C"},
            definition={**SMALL_COMMITTEE, **change},
        )

    _refused(ActionError, "no organisation 'nobody'", create(approvers=["nobody"]))
    _refused(ActionError, "expected 'at least SHARE", create(quotas=["many women"]))
    _refused(ActionError, "co-chairs from unknown bloc", create(co_chair_blocs=["army", "x"]))
    _refused(ActionError, "from 1 to 20 blocs", create(blocs=[]))
    _refused(ActionError, "column 8: expected", create(rule="2/3 of memberz"))
    _refused(
        Forbidden,
        "Only the convener",
        lambda: actions.committee_create(
            user=user("party1"),
            process_slug="astana-platform",
            slug="c",
            names={"en": "C"},
            definition=SMALL_COMMITTEE,
        ),
    )


def test_the_syrian_constitutional_committee_example(sandbox: object) -> None:
    committee = load_committee_example()
    assert committee.slug == SCC_SLUG and committee.definition["rule"] == (
        "consensus else 75% of members"
    )
    messages = report_of(committee).messages("en")
    assert messages[0] == "bloc 'government': 0 of 50 seats filled, 50 missing"
    assert "small body, bloc 'civil society': 0 of 15 seats filled, 15 missing" in messages
    assert messages[-1] == "women overall: 0 of 150 = 0.0%, at least 30% needs 45, 45 more"
    assert load_committee_example().pk != committee.pk  # re-created, not duplicated
    assert Committee.objects.filter(slug=SCC_SLUG).count() == 1
