"""Session minutes are the participants' record until the convener publishes them: a closed
decision's outcome goes into the minutes at once, but the public archive (page and search)
shows the minutes only after publication, and publication waits for the session's decisions
to be published. Every refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.helpers.people import user
from tests.helpers.unchanged import unchanged

from astana.web.archive.models import SearchEntry
from astana.web.common.errors import ActionError, Forbidden, Stale
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.decisions import actions
from astana.web.decisions.models import Decision
from astana.web.negotiation import actions as room
from astana.web.processes.models import Round, Session

from .conftest import PARTIES

OUTCOME = "Decision 1 (Adopt article 1?): adopted"


def _public_page(session: Session) -> str:
    rnd = session.round
    url = f"/en/processes/{rnd.process.slug}/rounds/{rnd.slug}/sessions/{session.number}/"
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def _searchable(words: str) -> bool:
    return SearchEntry.objects.filter(body__icontains=words, kind="session").exists()


def _publish(rnd: Round, name: str = "convener", based_on: int | None = None) -> Session:
    session = Session.objects.get(round=rnd, number=1)
    return room.session_publish_minutes(
        user=user(name),
        round_id=rnd.pk,
        number=1,
        based_on=session.version if based_on is None else based_on,
    )


def _refused(error: type[ActionError], message: str, rnd: Round, **kwargs: Any) -> None:
    with unchanged("a refused publication"), pytest.raises(error, match=message):
        _publish(rnd, **kwargs)


def _close_session(rnd: Round) -> None:
    session = Session.objects.get(round=rnd, number=1)
    room.session_close(user=user("host"), round_id=rnd.pk, number=1, based_on=session.version)


def test_an_outcome_reaches_the_public_only_with_the_published_minutes(
    sandbox: Round, decision: Decision
) -> None:
    for name in PARTIES:
        actions.vote_cast(user=user(name), decision_id=decision.pk, choice="yes")
    _refused(ActionError, "still open; the host closes it first", sandbox)
    _close_session(sandbox)
    _refused(ActionError, "Decision 1 of session 1 is still open", sandbox)
    actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    session = Session.objects.get(round=sandbox, number=1)
    assert OUTCOME in session.minutes_en  # the participants' record has it at once
    page = _public_page(session)
    assert OUTCOME not in page and "The minutes are not published yet." in page
    _refused(ActionError, "Decision 1 of session 1 is closed but not published", sandbox)
    for name in ("host", "mediator", "party1", "guarantor", "observer", "expert", "secretariat"):
        _refused(Forbidden, "does not let you publish the record", sandbox, name=name)
    actions.decision_publish(user=user("convener"), decision_id=decision.pk)
    _refused(Stale, "changed since you loaded it", sandbox, based_on=1)
    published = _publish(sandbox)
    assert published.minutes_published_at is not None
    assert OUTCOME in _public_page(published)
    assert _searchable("Adopt article 1")
    assert AuditEntry.objects.filter(action="session.publish_minutes").count() == 1
    assert RoundEvent.objects.filter(kind="session.publish_minutes").count() == 1
    _refused(ActionError, "already published", sandbox)


def test_minutes_of_a_live_session_stay_off_the_public_archive(sandbox: Round) -> None:
    session = Session.objects.get(round=sandbox, number=1)
    room.session_record(
        user=user("secretariat"),
        round_id=sandbox.pk,
        number=1,
        based_on=session.version,
        agenda=["Opening"],
        agenda_language="en",
        attendance=[],
        minutes={"en": "The delegations disagreed sharply on article 5."},
    )
    assert "disagreed sharply" not in _public_page(session)
    from astana.web.archive.indexing import rebuild_search_index

    rebuild_search_index()
    assert not _searchable("disagreed sharply")
    _close_session(sandbox)
    _publish(sandbox)
    assert "disagreed sharply" in _public_page(session)
    assert _searchable("disagreed sharply")


def test_the_sourced_history_is_public_record(sandbox: Round) -> None:
    history = Session.objects.exclude(round=sandbox)
    assert history.exists()
    assert not history.filter(minutes_published_at=None).exists()
    assert Session.objects.get(round=sandbox, number=1).minutes_published_at is None
