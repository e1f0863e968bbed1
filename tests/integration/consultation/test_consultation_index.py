"""``/en/consultations/`` (the address the README gives) lists every process's consultations
as each process's list does: a draft only to those who take part in the process."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from tests.helpers.people import OUTSIDER, login, user

from astana.web.consultation import actions
from astana.web.consultation.models import Consultation
from astana.web.demo import DEMO_PROCESS

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[3] / "README.md"


def test_the_readme_address_lists_consultations(consultation: Consultation) -> None:
    assert "`/en/consultations/`" in README.read_text(encoding="utf-8")
    draft = actions.consultation_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        titles={"en": "A draft consultation"},
        questions={"en": "Not yet?"},
        allow_anonymous=False,
        open_now=False,
    )
    for who, sees_draft in (("anonymous", False), (OUTSIDER, False), ("observer", True)):
        client = Client() if who == "anonymous" else login(who)
        response = client.get("/en/consultations/")
        body = response.content.decode()
        assert response.status_code == 200, who
        assert f"/en/consultations/{consultation.pk}/" in body, who
        assert (f"/en/consultations/{draft.pk}/" in body) is sees_draft, who
    assert "الطريق إلى التسوية" in Client().get("/ar/consultations/").content.decode()
