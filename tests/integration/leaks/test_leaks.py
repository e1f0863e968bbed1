"""The confidentiality matrix (issue 12): every role × every object state × every way to read.

One world (``world.py``) holds every confidential state with a canary word; one table
(``table.py``) has a row per way to read. For every row and role, each of the row's
requests (GET, and a deliberately bad write) must show the role no canary outside its
audience, in the body, the headers, a .docx's XML or the event stream; and a request for an
object the role may not know of must answer exactly like one for a missing id. A URL or an
API operation without a row fails ``test_every_endpoint_has_a_row``.
"""

from __future__ import annotations

from types import ModuleType

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path

from astana.web.config import urls as root_urls
from astana.web.negotiation import live
from astana.web.negotiation import views_events as room_views
from astana.web.negotiation.models import CaucusNote, TextProposal

from .probing import Probe, answer_text, api_operations, existence, leaks, probes, send, url_names
from .table import (
    API,
    KNOWN_DEFECTS,
    PAGES,
    SUBJECTS,
    UNPUBLISHED_RECORD,
    PageRow,
    known_defects,
    subject_values,
)
from .world import AUDIENCE, CANARIES, ROLES, World

ROWS = (*PAGES, *API, "admin")


class KnownLeak(AssertionError):
    """The leaks of a cell are all explained by known defects (its xfail expects this)."""


def _roles(row: str) -> tuple[str, ...]:
    page = PAGES.get(row)
    return page.roles if page and page.roles else ROLES


def _cells() -> list[object]:
    cells = []
    for row in ROWS:
        for role in _roles(row):
            reasons = "; ".join(d.reason for d in known_defects(row, role))
            marks = [pytest.mark.xfail(strict=True, raises=KnownLeak, reason=reasons)]
            cells.append(
                pytest.param(row, role, marks=marks if reasons else [], id=f"{row}-{role}")
            )
    return cells


class _Rollback(Exception):
    pass


def _answer(world: World, role: str, probe: Probe) -> tuple[int, str]:
    """The status and text of ``role``'s request, read (streams too) in a savepoint that is
    rolled back, so that a write that succeeds leaves the world as it was."""
    try:
        with transaction.atomic():
            response = send(world, role, probe)
            answer = response.status_code, answer_text(response)
            raise _Rollback
    except _Rollback:
        pass
    return answer


def _subject(row: str) -> tuple[str, bool]:
    spec = API.get(row) or PAGES.get(row)
    if spec is None:
        return "", False
    return spec.subject, spec.public_existence


def _ids(world: World, subject: str, label: str) -> tuple[str, str]:
    key = "text" if subject == "signed" else subject
    missing = subject_values(world, subject, "missing")[key]
    return str(subject_values(world, subject, label)[key]), str(missing)


def check_cell(world: World, row: str, role: str) -> list[str]:
    """Every leak of ``row`` to ``role``: canaries, forbidden strings, existence."""
    subject, public = _subject(row)
    answers = [(probe, *_answer(world, role, probe)) for probe in probes(world, row, role)]
    missing = {p.key: (p, status, text) for p, status, text in answers if p.label == "missing"}
    found = []
    for probe, status, text in answers:
        where = f"{probe.method} {probe.url}"
        if status >= 500:
            found.append(f"{where}: server error {status}")
        found += [f"{where}: {leak}" for leak in leaks(world, row, role, text, probe.label)]
        if probe.key in missing:
            why = existence(
                row,
                subject,
                public,
                role,
                probe,
                (status, text),
                missing[probe.key],
                _ids(world, subject, probe.label),
            )
            if why:
                found.append(f"{where}: {why}")
    return found


@pytest.fixture
def short_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """The event stream answers one poll (it otherwise holds the connection for a minute)."""
    monkeypatch.setattr(room_views, "EVENT_STREAM_SECONDS", 0.01)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.01)


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume")
@pytest.mark.parametrize(("row", "role"), _cells())
def test_no_leak(world: World, short_stream: None, row: str, role: str) -> None:
    found = check_cell(world, row, role)
    explained = [p for d in known_defects(row, role) for p in d.findings]
    unknown = [f for f in found if not any(p in f for p in explained)]
    assert not unknown, f"{row} leaks to {role}:\n" + "\n".join(unknown)
    if found:
        raise KnownLeak(f"{row} leaks to {role} (known):\n" + "\n".join(found))


def rows_missing_and_gone() -> tuple[set[str], set[str]]:
    """The endpoints without a row, and the rows whose endpoint is gone. The API's operations
    are rows by operationId; the admin's URLs are the one ``admin`` row (it requests every
    registered model); every other named URL is a page row."""
    names = url_names()
    operations = api_operations()
    api_paths = {path.replace("{", "<").replace("}", ">") for _, path, _ in operations.values()}
    pages = {
        name
        for name, route in names.items()
        if not name.startswith("admin:") and route not in api_paths
    }
    endpoints = pages | set(operations) | ({"admin"} if "admin:index" in names else set())
    return endpoints - set(ROWS), set(ROWS) - endpoints


def test_every_endpoint_has_a_row() -> None:
    """A new URL or API operation without a row fails here, and so does a row for an
    endpoint that is gone."""
    missing, gone = rows_missing_and_gone()
    assert not missing, f"endpoints without a row in table.py: {sorted(missing)}"
    assert not gone, f"rows in table.py for endpoints that are gone: {sorted(gone)}"
    for defect in KNOWN_DEFECTS:
        assert set(defect.rows) <= set(ROWS), defect
        assert defect.roles <= set(ROLES), defect


@pytest.mark.django_db
def test_page_rows_request_their_own_url(world: World) -> None:
    """Each page row's paths resolve to the URL it names (no row probes the wrong view)."""
    from django.urls import resolve

    for row in PAGES:
        for probe in probes(world, row):
            assert resolve(probe.url.split("?")[0]).view_name == row, (row, probe.url)


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume")
def test_the_owners_read_their_canaries(world: World, short_stream: None) -> None:
    """The checks are not vacuous: each canary reaches its audience somewhere, and the public
    reads what is published."""
    reads = {
        "caucusone": ("party1", "caucus.list"),
        "caucustwo": ("party2", "caucus.list"),
        "draftone": ("party1", "proposal.list"),
        "draftoption": ("party1", "proposal.list"),
        "withdrawndraft": ("party2", "proposal.list"),
        "tabledwithdrawn": ("observer", "proposal.list"),
        "setaside": ("observer", "proposal.list"),
        "signedrev": ("observer", "text.read"),
        "agendaopen": ("observer", "session.list"),
        "minutesopen": ("observer", "session.list"),
        "decisionopen": ("observer", "decision.list"),
        "decisionclosed": ("observer", "decision.list"),
        "comment": ("observer", "comment.list"),
        "consultdraft": ("observer", "consultation:list"),
        "statementpending": ("secretariat", "consultation:moderate"),
        "statementrejected": ("secretariat", "consultation:moderate"),
        "minutespublished": ("anonymous", "archive:search"),
        "signedpublished": ("anonymous", "signing:bundle"),
        "decisionpublished": ("anonymous", "decisions:outcomes"),
    }
    assert set(reads) == set(AUDIENCE)
    for key, (role, row) in reads.items():
        assert role in AUDIENCE[key]
        texts = [_answer(world, role, probe)[1] for probe in probes(world, row)]
        assert any(CANARIES[key] in text.lower() for text in texts), (key, role, row)
    published = [p for p in probes(world, "archive:session") if p.label == "1"]
    page = _answer(world, "anonymous", published[0])[1]
    for tell in UNPUBLISHED_RECORD[("archive:session", "2")].values():
        assert tell in page  # a published session's opener and attendance: the tells are real
    for key, owner in (
        ("draftone", "party1"),
        ("withdrawndraft", "party2"),
        ("draftoption", "party1"),
    ):
        reference = world.references[key]
        for row in ("negotiation:events", "event.list"):  # the stream, and the API's feed
            texts = [_answer(world, owner, probe)[1] for probe in probes(world, row)]
            assert any(f"drafted {reference}" in text for text in texts), (key, row)


@pytest.mark.django_db
def test_every_row_requests_every_object_of_its_subject(world: World) -> None:
    """No row is silently empty, and a row with a subject asks for each of its objects and
    for a missing id (prints the size of the matrix with -s)."""
    requests = 0
    for row in ROWS:
        subject, _ = _subject(row)
        for role in _roles(row):
            found = probes(world, row, role)
            requests += len(found)
            assert found, (row, role)
            assert {p.label for p in found} == set(SUBJECTS[subject] if subject else ("",))
    objects = {(s, label) for s, labels in SUBJECTS.items() for label in labels}
    print(
        f"\n{len(ROWS)} rows ({len(PAGES)} pages, {len(API)} API operations, the admin),"
        f" {len(ROLES)} roles, {len(objects)} objects, {len(CANARIES)} canaries,"
        f" {requests} requests"
    )


# The matrix can fail: a row-less URL, a leaking view and a view that tells existence.


def _leaky_caucus(request: HttpRequest, round_id: int) -> HttpResponse:
    """Every caucus note of the round, to anyone (what a careless new endpoint might do)."""
    notes = CaucusNote.objects.filter(round_id=round_id).values_list("body", flat=True)
    return HttpResponse("\n".join(notes))


def _telling_peek(request: HttpRequest, proposal_id: str) -> HttpResponse:
    """403 for a proposal that exists, 404 for one that does not: existence leaks."""
    found = TextProposal.objects.filter(public_id=proposal_id).exists()
    return HttpResponse(
        "Not yours." if found else "No such proposal.", status=403 if found else 404
    )


def _leaky_urlconf() -> ModuleType:
    module = ModuleType("leaky_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("en/rounds/<int:round_id>/leak", _leaky_caucus, name="leaky"),
        path("en/proposals/<str:proposal_id>/peek", _telling_peek, name="peek"),
        *root_urls.urlpatterns,
    ]
    module.handler404 = root_urls.handler404  # type: ignore[attr-defined]
    return module


def test_a_url_without_a_row_fails_completeness() -> None:
    with override_settings(ROOT_URLCONF=_leaky_urlconf()):
        missing, gone = rows_missing_and_gone()
    assert missing == {"leaky", "peek"} and not gone


@pytest.mark.django_db
def test_a_leaking_view_and_a_telling_one_are_caught(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(PAGES, "leaky", PageRow("/rounds/{round}/leak", post=False))
    monkeypatch.setitem(PAGES, "peek", PageRow("/proposals/{proposal}/peek", subject="proposal"))
    with override_settings(ROOT_URLCONF=_leaky_urlconf()):
        assert check_cell(world, "leaky", "party1") == [  # its own note is no leak
            f"GET /en/rounds/{world.round_id}/leak: canary 'caucustwo'"
        ]
        assert check_cell(world, "leaky", "observer") == [
            f"GET /en/rounds/{world.round_id}/leak: canary 'caucusone'",
            f"GET /en/rounds/{world.round_id}/leak: canary 'caucustwo'",
        ]
        told = check_cell(world, "peek", "party2")
    draft = world.proposals["draft"]
    assert f"GET /en/proposals/{draft}/peek: existence of draft: 403, a missing one 404" in told
    assert not any("withdrawn_draft" in finding for finding in told)  # party2's own
