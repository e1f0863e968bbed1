"""Export in Pol.is' format: what the core's readers read back is exactly the stored votes on
accepted statements, participants as numbers only; refused to those who may not see results."""

from __future__ import annotations

import pytest
from django.test import Client

from astana.core.consult import read_comments_csv, read_votes_csv
from astana.web.consultation.models import Consultation, Vote

from .conftest import pending as _pending  # noqa: F401 - the fixture is used by name
from .conftest import two_camps

pytestmark = pytest.mark.django_db


def test_votes_and_comments_export_reads_back(consultation: Consultation, pending) -> None:
    two_camps(consultation)
    consultation.results_published = True
    consultation.save()
    client = Client()
    votes = client.get(f"/en/consultations/{consultation.pk}/votes.csv")
    comments = client.get(f"/en/consultations/{consultation.pk}/comments.csv")
    assert votes.status_code == 200 and votes["Content-Type"].startswith("text/csv")
    read = read_votes_csv(votes.content)
    stored = Vote.objects.filter(statement__consultation=consultation, statement__state="accepted")
    assert len(read) == stored.count() > 0
    assert sorted(
        zip(
            read.statement_ids.tolist(),
            read.participant_ids.tolist(),
            read.votes.tolist(),
            strict=True,
        )
    ) == sorted(stored.values_list("statement_id", "participant_id", "value"))
    statements = read_comments_csv(comments.content)
    assert set(statements) == set(
        consultation.statements.filter(state="accepted").values_list("pk", flat=True)
    )
    assert pending.pk not in statements  # not moderated in: not exported
    assert b"party1" not in votes.content + comments.content


def test_export_follows_who_may_read_results(consultation: Consultation) -> None:
    consultation.results_published = False
    consultation.save()
    assert Client().get(f"/en/consultations/{consultation.pk}/votes.csv").status_code in (403, 404)
    assert Client().get("/en/consultations/999999/comments.csv").status_code == 404
