"""Agreement of every ready provision in one step: the mediator records ad referendum agreement
on exactly the provisions free of brackets that every party accepts on their present wording,
then the leaderships' confirmation of exactly those, with one audit entry per provision; no
other role may; when nothing is ready the request is refused in words and changes nothing; a
refusal of one provision names it and the parties that still have to accept it, never an id."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from tests.helpers.people import ANONYMOUS, OUTSIDER, ROLES, login, user
from tests.helpers.unchanged import unchanged
from tests.helpers.visible import internal_ids, visible_text

from astana.core.actions import Action
from astana.core.text import ProvisionState
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.actions.common import latest_revision, positions_of
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Organisation

pytestmark = pytest.mark.django_db

PARTIES = ("party1", "party2", "party3")


class _Rollback(Exception):
    pass


def _accept(
    roadmap: NegotiationText, provisions: list[str], parties: tuple[str, ...] = PARTIES
) -> None:
    """``parties`` (every party by default) accept ``provisions`` on their present wording."""
    for party in parties:
        for provision in provisions:
            roadmap.refresh_from_db()
            actions.position_set(
                user=user(party),
                text_id=roadmap.pk,
                based_on=roadmap.version,
                provision=provision,
                stance="support",
            )


def _clean_provisions(roadmap: NegotiationText) -> list[str]:
    """Provisions carrying text and no brackets, not yet agreed, in the text's order."""
    _, revision = latest_revision(roadmap)
    document = revision.document
    positions = positions_of(roadmap)
    return [
        p.id
        for p in document.walk()
        if p.texts and not document.is_bracketed(p.id) and positions.state(p) is ProvisionState.OPEN
    ]


def _post(client: Client, roadmap: NegotiationText, step: str, language: str = "en"):
    roadmap.refresh_from_db()
    return client.post(
        f"/{language}/texts/{roadmap.pk}/agreement/",
        {"step": step, "based_on": roadmap.version},
        follow=True,
    )


def _ready(roadmap: NegotiationText) -> list[str]:
    roadmap.refresh_from_db()
    return positions_of(roadmap).ready(latest_revision(roadmap)[1])


def test_nothing_ready_is_refused_in_words_and_changes_nothing(roadmap: NegotiationText) -> None:
    mediator = login("mediator")
    with unchanged("confirming when nothing is agreed ad referendum"):
        response = _post(mediator, roadmap, "confirm-all")
    assert "nothing to confirm" in response.content.decode()
    if _ready(roadmap):  # the sandbox's room may hold ready provisions: agree them first
        actions.provisions_agree_all(
            user=user("mediator"), text_id=roadmap.pk, based_on=roadmap.version, confirm=False
        )
    assert _ready(roadmap) == []
    for language, words in (("en", "No provision is ready"), ("ar", "لا يوجد بند جاهز")):
        with unchanged("agreeing every ready provision when none is ready"):
            response = _post(mediator, roadmap, "adref-all", language)
        assert words in response.content.decode(), language


def test_the_mediator_agrees_then_confirms_exactly_the_ready_provisions(
    roadmap: NegotiationText,
) -> None:
    already = _ready(roadmap)
    clean = [p for p in _clean_provisions(roadmap) if p not in already]
    assert len(clean) >= 3
    chosen, left = clean[:2], clean[2]
    _accept(roadmap, chosen)
    _accept(roadmap, [left], PARTIES[:2])  # one party short on a third: not ready, untouched
    roadmap.refresh_from_db()
    _, revision = latest_revision(roadmap)
    document = revision.document
    expected = [p.id for p in document.walk() if p.id in set(already) | set(chosen)]
    assert _ready(roadmap) == expected
    before = AuditEntry.objects.count()

    response = _post(login("mediator"), roadmap, "adref-all")
    assert response.status_code == 200
    roadmap.refresh_from_db()
    positions = positions_of(roadmap)
    assert {positions.state(document[p]) for p in expected} == {ProvisionState.AGREED_AD_REFERENDUM}
    assert positions.state(document[left]) is ProvisionState.OPEN
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert [e.action for e in entries] == [Action.PROVISION_AGREE_AD_REFERENDUM.value] * len(
        expected
    )
    assert positions.awaiting_confirmation(revision) == expected

    response = _post(login("mediator"), roadmap, "confirm-all")
    roadmap.refresh_from_db()
    positions = positions_of(roadmap)
    assert {positions.state(document[p]) for p in expected} == {ProvisionState.AGREED}
    assert positions.awaiting_confirmation(revision) == []
    # Both steps again: nothing left to do, refused, nothing changes.
    with unchanged("a second bulk agreement"):
        _post(login("mediator"), roadmap, "adref-all")
    with unchanged("a second bulk confirmation"):
        _post(login("mediator"), roadmap, "confirm-all")


def test_only_the_mediator_may_agree_every_provision(roadmap: NegotiationText) -> None:
    _accept(roadmap, _clean_provisions(roadmap)[:1])
    expected = _ready(roadmap)
    for role in ROLES:
        if role == "mediator":
            continue
        client = Client() if role == ANONYMOUS else login(role)
        with unchanged(f"{role} agreeing every ready provision"):
            roadmap.refresh_from_db()
            response = client.post(
                f"/en/texts/{roadmap.pk}/agreement/",
                {"step": "adref-all", "based_on": roadmap.version},
            )
        if role == ANONYMOUS:
            assert response.status_code == 302, role
        elif role == OUTSIDER:
            assert response.status_code == 404, role
        else:
            assert response.status_code in (403, 404), role
    # The mediator may (checked last: the others met the same room).
    try:
        with transaction.atomic():
            _post(login("mediator"), roadmap, "adref-all")
            roadmap.refresh_from_db()
            _, revision = latest_revision(roadmap)
            assert positions_of(roadmap).awaiting_confirmation(revision) == expected
            raise _Rollback
    except _Rollback:
        pass


def test_a_stale_bulk_agreement_is_refused(roadmap: NegotiationText) -> None:
    clean = _clean_provisions(roadmap)[:1]
    _accept(roadmap, clean)
    roadmap.refresh_from_db()
    stale = roadmap.version - 1
    with unchanged("a bulk agreement on a stale version"):
        response = login("mediator").post(
            f"/en/texts/{roadmap.pk}/agreement/",
            {"step": "adref-all", "based_on": stale},
            follow=True,
        )
    assert response.status_code in (200, 409)


def test_a_refusal_names_the_provision_and_the_parties_in_words(roadmap: NegotiationText) -> None:
    clean = _clean_provisions(roadmap)[0]
    _accept(roadmap, [clean], PARTIES[:1])
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    for language in ("en", "ar", "ru"):
        roadmap.refresh_from_db()
        with unchanged(f"agreeing a provision two parties have not accepted ({language})"):
            response = login("mediator").post(
                f"/{language}/texts/{roadmap.pk}/agreement/",
                {"step": "adref", "provision": clean, "based_on": roadmap.version},
                follow=True,
            )
        shown = visible_text(response.content.decode())
        missing = [
            o
            for o in Organisation.objects.filter(slug__in=positions_of(roadmap).parties)
            if o.slug != "syrian-national-coalition"
        ]
        for organisation in missing:
            assert organisation.slug not in shown, (language, organisation.slug)
        assert not internal_ids(shown, slugs), (language, internal_ids(shown, slugs))
        assert {"en": "is not accepted on its present wording by", "ar": "غير مقبول بصيغته",
                "ru": "не приняли"}[language] in shown, language  # fmt: skip
