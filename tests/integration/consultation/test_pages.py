"""The pages, role by role: anyone reads an open consultation; anonymous browsers vote (by
their signed cookie) only where allowed; only the secretariat and the convener moderate;
results are for the process's roles until published; refusals show the message and change
nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.helpers.people import ANONYMOUS, DEMO_ROLES, login, user
from tests.helpers.unchanged import unchanged

from astana.web.consultation import actions
from astana.web.consultation.models import Consultation, Statement, Vote

pytestmark = pytest.mark.django_db
ROLES = [ANONYMOUS, *DEMO_ROLES]
MODERATORS = {"convener", "secretariat"}


@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(consultation: Consultation, pending: Statement, role: str) -> None:
    client = Client() if role == ANONYMOUS else login(role)
    base = f"/en/consultations/{consultation.pk}/"
    assert client.get(base).status_code == 200
    assert client.get("/en/processes/astana-platform/consultations/").status_code == 200
    moderate = client.get(base + "moderate/")
    if role == "anonymous":
        assert moderate.status_code == 302
    else:
        assert moderate.status_code == (200 if role in MODERATORS else 403)
    results = client.get(base + "results/")
    assert results.status_code == (403 if role == "anonymous" else 200)
    # Voting through the page: everyone here may vote (anonymous voting is allowed).
    statement = consultation.statements.filter(state="accepted").first()
    assert statement is not None
    answer = client.post(base, {"step": "vote", "statement": statement.pk, "choice": "agree"})
    assert answer.status_code == 302
    assert Vote.objects.filter(statement=statement).count() == 1
    # Moderation through the page.
    before = Statement.objects.get(pk=pending.pk).state
    client.post(base + "moderate/", {"statement": pending.pk, "decision": "accept"})
    after = Statement.objects.get(pk=pending.pk).state
    assert (after == "accepted") == (role in MODERATORS)
    assert before == "pending"


def test_an_anonymous_browser_is_one_participant_by_its_cookie(
    consultation: Consultation,
) -> None:
    browser = Client()
    base = f"/en/consultations/{consultation.pk}/"
    seen = []
    for _ in range(6):
        page = browser.get(base).content.decode()
        statement = int(page.split('name="statement" value="')[1].split('"')[0])
        assert statement not in seen
        seen.append(statement)
        assert (
            browser.post(
                base, {"step": "vote", "statement": statement, "choice": "disagree"}
            ).status_code
            == 302
        )
    assert "You have voted on 6 of 6 statements" in browser.get(base).content.decode()
    # A repeat vote through the page updates the same row.
    browser.post(base, {"step": "vote", "statement": seen[0], "choice": "agree"})
    assert Vote.objects.count() == 6
    assert Vote.objects.get(statement_id=seen[0]).value == 1
    # A tampered cookie is a new participant, not the old one.
    other = Client()
    other.cookies["astana_consult"] = "forged-value-not-signed"
    other.post(base, {"step": "vote", "statement": seen[0], "choice": "pass"})
    assert Vote.objects.count() == 7


def test_anonymous_voting_only_where_allowed(consultation: Consultation) -> None:
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, allow_anonymous=False
    )
    base = f"/en/consultations/{consultation.pk}/"
    page = Client().get(base).content.decode()
    assert "Log in to take part" in page and "vote-form" not in page
    statement = consultation.statements.filter(state="accepted").first()
    assert statement is not None
    answer = Client().post(base, {"step": "vote", "statement": statement.pk, "choice": "agree"})
    assert answer.status_code == 403
    assert "log in" in answer.content.decode()
    assert Vote.objects.count() == 0


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"step": "vote", "statement": "999999", "choice": "agree"}, 404, "no statement 999999"),
        ({"step": "vote", "statement": "x", "choice": "agree"}, 400, "Choose the statement"),
        (
            {"step": "vote", "statement": "{first}", "choice": "perhaps"},
            400,
            "agree, disagree or pass",
        ),
        ({"step": "submit", "text": "z" * 5000, "language": "en"}, 400, "at most 500 characters"),
        ({"step": "submit", "text": "fine", "language": "xx"}, 400, "language"),
        ({"step": "nonsense"}, 400, "Unknown step"),
    ],
)
def test_bad_input_on_the_page_is_refused_with_the_message(
    consultation: Consultation, form: dict[str, str], status: int, message: str
) -> None:
    first = consultation.statements.filter(state="accepted").first()
    assert first is not None
    form = {k: v.replace("{first}", str(first.pk)) for k, v in form.items()}
    party1 = login("party1")
    with unchanged():
        answer = party1.post(f"/en/consultations/{consultation.pk}/", form)
    assert answer.status_code == status
    assert message in answer.content.decode()


def test_the_convener_creates_and_publishes_through_the_pages(db: None) -> None:
    convener = login("convener")
    answer = convener.post(
        "/en/processes/astana-platform/consultations/",
        {"title_en": "Detainees", "title_ar": "المعتقلون", "open_now": "on"},
    )
    assert answer.status_code == 302
    consultation = Consultation.objects.get(title_en="Detainees")
    assert consultation.state == "open" and not consultation.allow_anonymous
    convener.post(f"/en/consultations/{consultation.pk}/", {"step": "update", "publish": "on"})
    consultation.refresh_from_db()
    assert consultation.results_published
    assert Client().get(f"/en/consultations/{consultation.pk}/results/").status_code == 200
    refused = login("party1").post(
        "/en/processes/astana-platform/consultations/", {"title_en": "Mine"}
    )
    assert refused.status_code == 403
    assert not Consultation.objects.filter(title_en="Mine").exists()
