"""Each proposal's fate in an issued revision, as every reader sees it: folded in, kept in
brackets or rejected, in Arabic, English and Russian (a proposal kept in brackets is not
reported as folded in)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from tests.helpers.people import DEMO_ROLES

from astana.web.accounts.models import User
from astana.web.negotiation.models import NegotiationText

READERS = list(DEMO_ROLES)
LABELS = {
    "en": {"P1": "folded in", "P2": "rejected", "P3": "kept in brackets"},
    "ar": {"P1": "مدمج", "P3": "أُبقي بين معقوفين"},
    "ru": {"P1": "включено", "P3": "оставлено в скобках"},
}


def _state_shown(page: str, reference: str) -> str:
    row = re.search(
        rf'<tr id="proposal-{reference}"[^>]*><td>{reference}</td><td>.*?</td><td>(.*?)</td>', page
    )
    assert row, f"no row for {reference}"
    return row.group(1)


@pytest.fixture
def issued(roadmap: NegotiationText) -> NegotiationText:
    """The mediator issues Rev.2 through the page: P1 folded in, P3 kept, P2 rejected."""
    mediator = Client()
    mediator.force_login(User.objects.get(username="mediator"))
    response = mediator.post(
        f"/en/texts/{roadmap.pk}/revisions/",
        {
            "based_on": roadmap.version,
            "choice-P1": "fold",
            "choice-P3": "keep",
            "choice-P2": "reject",
        },
    )
    assert response.status_code == 302
    return roadmap


def test_every_reader_sees_each_fate_in_each_language(issued: NegotiationText) -> None:
    for name in READERS:
        client = Client()
        client.force_login(User.objects.get(username=name))
        for language, labels in LABELS.items():
            page = client.get(f"/{language}/texts/{issued.pk}/").content.decode()
            shown = {reference: _state_shown(page, reference) for reference in labels}
            assert shown == labels, (name, language)
        listed = client.get(f"/api/texts/{issued.pk}/proposals").json()
        assert {p["reference"]: p["state"] for p in listed} == {
            "P1": "folded_in",
            "P2": "rejected",
            "P3": "kept_in_brackets",
        }, name
    revision = issued.revisions.get(number=2)
    assert (revision.folded, revision.kept) == (["P1"], ["P3"])
