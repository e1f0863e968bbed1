"""The analysis runs in the background and is stored with the votes it saw; the results say
when they are stale; the opinion map mirrors in Arabic; the mediator's consensus panel; a
Pol.is export imported in one transaction."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation
from tests.helpers.people import user
from tests.shared_data import shared_data

from astana.cli.instance import data_dir
from astana.web.common.errors import ActionError
from astana.web.common.models import AuditEntry
from astana.web.consultation import actions
from astana.web.consultation.background import (
    analyse,
    claim,
    pending,
    release,
    run_pending_analyses,
)
from astana.web.consultation.models import Analysis, Consultation, Statement, Vote
from astana.web.consultation.opinion_map import render_opinion_map
from astana.web.consultation.polis_import import consultation_import
from astana.web.consultation.selectors import consultations_beside_text, results_of
from astana.web.consultation.views import map_labels
from astana.web.demo.consultation import POLIS_ATTRIBUTION, load_consultation_example

from .conftest import anon_key, two_camps

pytestmark = pytest.mark.django_db
POLIS = shared_data("polis")
ROOT = Path(__file__).resolve().parents[3]


def test_the_analysis_is_stored_with_the_votes_it_saw(consultation: Consultation) -> None:
    two_camps(consultation)
    assert pending() == [consultation.pk]
    [row] = run_pending_analyses()
    assert (row.vote_count, row.participant_count) == (72, 12)
    assert row.result["status"] == "ok"
    assert row.result["k"] == 2
    assert sorted(row.result["group_sizes"]) == [6, 6]
    assert pending() == []
    assert run_pending_analyses() == []
    results = results_of(consultation)
    assert not results.stale
    assert [g.size for g in results.groups] == [6, 6]
    # The last two statements unite everyone: they are the consensus.
    accepted = list(consultation.statements.filter(state="accepted").order_by("id"))
    assert {line.statement.pk for line in results.consensus} == {s.pk for s in accepted[4:]}
    for group in results.groups:
        assert group.statements, "each camp has statements that set it apart"


def test_newer_votes_mark_the_analysis_stale_until_the_next_run(
    consultation: Consultation,
) -> None:
    two_camps(consultation)
    run_pending_analyses()
    accepted = list(consultation.statements.filter(state="accepted").order_by("id"))
    for statement in accepted[:3]:
        actions.statement_vote(
            user=AnonymousUser(),
            consultation_id=consultation.pk,
            statement_id=statement.pk,
            choice="pass",
            participant_key=anon_key(500),
        )
    consultation.refresh_from_db()
    results = results_of(consultation)
    assert (results.stale, results.newer_votes, results.analysis.vote_count) == (True, 3, 72)  # type: ignore[union-attr]
    page = Client().get(f"/en/consultations/{consultation.pk}/results/")
    assert page.status_code == 403  # not published: the public does not see it
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, results_published=True
    )
    text = Client().get(f"/en/consultations/{consultation.pk}/results/").content.decode()
    assert "Analysis of 72 votes" in text
    assert "3 newer votes are being analysed: this page updates by itself" in text
    assert "data-pending" in text and "consultation-results.js" in text
    [row] = run_pending_analyses()
    assert row.vote_count == 75
    consultation.refresh_from_db()
    assert not results_of(consultation).stale
    # Moderation alone also makes the analysis stale (a rejected statement leaves it).
    actions.statement_moderate(
        user=user("secretariat"), statement_id=accepted[0].pk, decision="reject", reason="Unclear."
    )
    consultation.refresh_from_db()
    results = results_of(consultation)
    assert (results.stale, results.newer_votes, results.moderation_since) == (True, 0, True)
    [row] = run_pending_analyses()
    assert row.vote_count == 75 - Vote.objects.filter(statement=accepted[0]).count()


def test_too_few_votes_are_stored_as_such(consultation: Consultation) -> None:
    accepted = consultation.statements.filter(state="accepted").first()
    assert accepted is not None
    actions.statement_vote(
        user=user("party1"),
        consultation_id=consultation.pk,
        statement_id=accepted.pk,
        choice="agree",
    )
    [row] = run_pending_analyses()
    assert row.result["status"] == "too-few"
    assert not results_of(consultation).ok


def test_the_worker_command_runs_one_pass(consultation: Consultation) -> None:
    """``astana consult-worker --once`` is the CLI's face of run_pending_analyses (the test
    database is not shared with a subprocess, so here only its help is checked)."""
    from typer.testing import CliRunner

    from astana.cli.consult_worker import app

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "--once" in result.output
    assert (
        subprocess.run([sys.executable, "-c", "import astana.cli.consult_worker"]).returncode == 0
    )


def test_the_opinion_map_mirrors_in_arabic(consultation: Consultation) -> None:
    two_camps(consultation)
    [row] = run_pending_analyses()
    statements = {
        s.pk: (n, s.text)
        for n, s in enumerate(consultation.statements.filter(state="accepted"), start=1)
    }
    with translation.override("en"):
        ltr = render_opinion_map(row.result["map"], statements, rtl=False, labels=map_labels("en"))
    with translation.override("ar"):
        rtl = render_opinion_map(row.result["map"], statements, rtl=True, labels=map_labels("ar"))
    assert ltr.count("<circle") == rtl.count("<circle")
    assert 'direction="rtl"' in rtl and 'direction="rtl"' not in ltr
    assert "Group A" in ltr and "أ" in rtl

    def xs(svg: str) -> list[float]:
        return [float(part.split('"')[1]) for part in svg.split("<circle cx=")[1:13]]

    assert [round(720 - x, 1) for x in xs(ltr)] == xs(rtl)


def test_the_results_page_in_arabic_is_right_to_left(consultation: Consultation) -> None:
    two_camps(consultation)
    run_pending_analyses()
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, results_published=True
    )
    html = Client().get(f"/ar/consultations/{consultation.pk}/results/").content.decode()
    assert 'dir="rtl"' in html and "<svg" in html
    assert "يجب أن يسبق وقف إطلاق النار" in html
    assert 'lang="en" dir="ltr"' in html  # English statements keep their direction


def test_the_mediator_sees_the_consensus_beside_the_text(consultation: Consultation) -> None:
    two_camps(consultation)
    run_pending_analyses()
    from astana.web.demo import load_sandbox
    from astana.web.negotiation.models import NegotiationText

    rnd = load_sandbox(ROOT / "data" / "sandbox" / "round-3-roadmap.txt")
    text = NegotiationText.objects.get(round=rnd, slug="roadmap")
    assert consultations_beside_text(user("mediator"), text) == [consultation]
    assert consultations_beside_text(AnonymousUser(), text) == []
    with translation.override("en"):
        html = render_to_string(
            "consultation/_consensus_panel.html", {"consultation": consultation}
        )
    assert "Statements with consensus" in html
    assert "Local councils should run services" in html


def test_a_polis_export_is_imported_in_one_transaction(consultation: Consultation) -> None:
    folder = POLIS / "london.youth.policing"
    votes, comments = (folder / "votes.csv").read_bytes(), (folder / "comments.csv").read_bytes()
    before = Statement.objects.count(), Vote.objects.count()
    with pytest.raises(ActionError, match="malformed"):
        consultation_import(
            user=user("convener"),
            consultation_id=consultation.pk,
            votes_csv=votes + b"\nnot,a,vote,line,x\n",
            comments_csv=comments,
        )
    assert (Statement.objects.count(), Vote.objects.count()) == before
    with pytest.raises(ActionError):
        consultation_import(
            user=user("secretariat"), consultation_id=consultation.pk, votes_csv=votes
        )
    report = consultation_import(
        user=user("convener"),
        consultation_id=consultation.pk,
        votes_csv=votes,
        comments_csv=comments,
    )
    assert report.votes == Vote.objects.count() - before[1]
    assert report.participants > 20
    assert AuditEntry.objects.filter(action="consultation.import").exists()
    with pytest.raises(ActionError, match="already imported"):
        consultation_import(user=user("convener"), consultation_id=consultation.pk, votes_csv=votes)
    [row] = run_pending_analyses()
    assert row.result["status"] == "ok"
    assert Analysis.objects.filter(consultation=consultation).count() == 1


def test_two_opposed_camps_of_six_are_two_groups_on_the_page(consultation: Consultation) -> None:
    two_camps(consultation)
    [row] = run_pending_analyses()
    assert row.result["group_sizes"] == [6, 6]
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, results_published=True
    )
    text = Client().get(f"/en/consultations/{consultation.pk}/results/").content.decode()
    assert "Group A: 6 participants" in text and "Group B: 6 participants" in text
    assert 'id="grouping-note"' not in text


def test_too_few_participants_say_so_in_every_language(consultation: Consultation) -> None:
    two_camps(consultation, per_camp=2)
    [row] = run_pending_analyses()
    assert (row.result["k"], row.result["grouping_reason"]) == (0, "too-few-participants")
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, results_published=True
    )
    pages = {
        language: Client().get(f"/{language}/consultations/{consultation.pk}/results/")
        for language in ("en", "ar", "ru")
    }
    assert (
        "Too few participants to form opinion groups: 4 have voted" in pages["en"].content.decode()
    )
    assert "المشاركون أقل من أن تتشكل منهم مجموعات رأي" in pages["ar"].content.decode()
    assert "Слишком мало участников" in pages["ru"].content.decode()
    api = Client().get(f"/api/consultations/{consultation.pk}/results").json()
    assert (api["k"], api["grouping_reason"]) == (0, "too-few-participants")


def test_an_unchanged_consultation_is_not_analysed_again(consultation: Consultation) -> None:
    two_camps(consultation)
    assert len(run_pending_analyses()) == 1
    assert run_pending_analyses() == []
    assert pending() == []
    actions.statement_vote(
        user=user("party1"),
        consultation_id=consultation.pk,
        statement_id=consultation.statements.filter(state="accepted").first().pk,  # type: ignore[union-attr]
        choice="agree",
    )
    assert pending() == [consultation.pk]
    assert pending(paced=True, now=time.time()) == []  # analysed a moment ago: it waits
    assert pending(paced=True, now=time.time() + 60) == [consultation.pk]


def test_a_consultation_claimed_elsewhere_is_left_to_that_process(
    consultation: Consultation,
) -> None:
    two_camps(consultation)
    assert claim(consultation.pk, "the-other-server")
    assert analyse(consultation.pk, token="this-server") is None
    assert run_pending_analyses(token="this-server") == []
    assert not Analysis.objects.filter(consultation=consultation).exists()
    Consultation.objects.filter(pk=consultation.pk).update(
        analysing_until=timezone.now() - timedelta(seconds=1)  # the other server died
    )
    assert analyse(consultation.pk, token="this-server") is not None
    release(consultation.pk, "the-other-server")  # too late: it no longer holds it
    consultation.refresh_from_db()
    assert consultation.analysing_by == ""


def test_the_demo_consultation_has_real_votes_analysed_and_attributed(db: None) -> None:
    folder = data_dir() / "consultations" / "15-per-hour-seattle"
    first = load_consultation_example(folder)
    demo = load_consultation_example(folder)  # the demo run again replaces it
    assert not Consultation.objects.filter(pk=first.pk).exists()
    assert Consultation.objects.filter(source=POLIS_ATTRIBUTION).count() == 1
    latest = Analysis.objects.get(consultation=demo)
    assert latest.result["status"] == "ok" and latest.result["k"] >= 2
    assert latest.vote_count > 2000 and latest.participant_count > 300
    assert pending() == []  # analysed at set-up: nothing left for the first start
    for language, source in (("en", "Source of the votes"), ("ar", "مصدر الأصوات والعبارات")):
        text = Client().get(f"/{language}/consultations/{demo.pk}/results/").content.decode()
        assert POLIS_ATTRIBUTION in text and "https://pol.is/2demo" in text
        assert source in text
        assert 'class="opinion-map' in text and "<svg" in text
        assert "data-pending" not in text
