"""The audit page of a round (convener and host): its filter lists only the actions of entries
the reader may see, so the names of a delegation's caucus activity (a note, a draft, a draft
withdrawn before tabling) appear nowhere on it, for no role."""

from __future__ import annotations

import re

from django.test import Client
from tests.helpers.people import DEMO_ROLES

from astana.web.accounts.models import User
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

READERS = {"convener", "host"}
CAUCUS_ACTIONS = ("caucus.note_add", "proposal.draft", "proposal.withdraw")


def _caucus_activity(rnd: Round, text: NegotiationText) -> None:
    party1 = User.objects.get(username="party1")
    actions.caucus_note_add(user=party1, round_id=rnd.pk, body="Our red line.")
    draft = actions.proposal_draft(
        user=party1, text_id=text.pk, change={"kind": "delete_provision", "provision": "art_5"}
    )
    actions.proposal_withdraw(user=party1, proposal_id=draft.public_id, based_on=draft.version)
    recorded = set(AuditEntry.objects.filter(round=rnd).values_list("action", flat=True))
    assert set(CAUCUS_ACTIONS) <= recorded  # recorded, confidentially


def test_the_audit_filter_names_only_actions_the_reader_sees(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    _caucus_activity(sandbox, roadmap)
    visible = set(
        AuditEntry.objects.filter(round=sandbox, confidential=False).values_list(
            "action", flat=True
        )
    )
    for name in DEMO_ROLES:
        client = Client()
        client.force_login(User.objects.get(username=name))
        response = client.get(f"/en/rounds/{sandbox.pk}/audit/")
        page = response.content.decode()
        assert not [a for a in CAUCUS_ACTIONS if a in page], name
        if name in READERS:
            assert response.status_code == 200
            listed = set(re.findall(r'<option value="([a-z_.]+)"(?: selected)?>', page))
            assert listed == visible, name
            assert "proposal.table" in listed
            # Each is read in words: "Proposal tabled", never its dotted name.
            assert ">Proposal tabled</option>" in page and ">proposal.table<" not in page
        else:
            assert response.status_code in (403, 404), name
