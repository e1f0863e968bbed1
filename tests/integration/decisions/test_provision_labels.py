"""A decision on a provision cites it by its label as written (``Article 1``, ``المادة 1``),
in the reader's language, on the page and in the API's data."""

from __future__ import annotations

import pytest
from tests.helpers.people import login

from astana.web.decisions.models import Decision
from astana.web.decisions.selectors import decision_view

pytestmark = pytest.mark.django_db


def test_a_decision_cites_its_provision_by_label(decision: Decision) -> None:
    assert decision.provision == "art_1"
    assert decision_view(None, decision).as_dict()["provision_labels"] == {
        "en": "Article 1",
        "ar": "المادة 1",
    }
    reader = login("observer")
    english = reader.get(f"/en/decisions/{decision.pk}/").content.decode()
    assert '<span class="provision-label" title="art_1">Article 1</span>' in english
    arabic = reader.get(f"/ar/decisions/{decision.pk}/").content.decode()
    assert '<span class="provision-label" title="art_1">المادة 1</span>' in arabic
