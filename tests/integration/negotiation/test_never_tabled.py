"""A proposal never tabled stays private to its author delegation for ever, whatever state it
reaches. party1 drafts a proposal and withdraws it before tabling: every other role of the
round (convener, host, mediator, the other parties, guarantor, observer, expert, secretariat),
an outsider and the anonymous public then read the round exactly as before the draft, through
every read path (the API, the pages, the downloads, the live event stream, the audit log,
search, decisions); they cannot even find it by its id or its reference. The author still
reads it, and a proposal withdrawn after tabling stays on the record for everyone."""

from __future__ import annotations

import io
import json

import docx
import pytest
from asgiref.sync import async_to_sync
from django.test import RequestFactory
from tests.helpers.people import client_of, user

from astana.web.archive.search import search as run_search
from astana.web.common.errors import ActionError
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.negotiation import actions, live, views_events
from astana.web.negotiation.access import actor_in_round
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Round

SECRET = "NEVERTABLEDWORDS"
WHY = "NEVERTABLEDREASON"
# Every role of DOMAIN.md other than the author's delegation, then the public and an outsider.
OTHERS = (
    "convener",
    "host",
    "mediator",
    "party2",
    "party3",
    "guarantor",
    "observer",
    "expert",
    "secretariat",
)
NOBODIES = ("anonymous", "outsider")

API = (
    "/api/rounds/{round}/texts",
    "/api/texts/{text}",
    "/api/texts/{text}?view=clean",
    "/api/texts/{text}?view=party",
    "/api/texts/{text}?language=ar",
    "/api/texts/{text}/redline?old=1&new=1",
    "/api/texts/{text}/proposals",
    "/api/texts/{text}/comments",
    "/api/rounds/{round}/events?after=0",
    "/api/rounds/{round}/audit",
    "/api/rounds/{round}/caucus",
    "/api/rounds/{round}/sessions",
)
PAGES = (
    "/en/texts/{text}/",
    "/en/texts/{text}/?view=clean",
    "/en/texts/{text}/?view=party",
    "/en/texts/{text}/?compare=ar",
    "/ar/texts/{text}/",
    "/en/texts/{text}/redline/?old=1&new=1",
    "/en/rounds/{round}/room/",
    "/en/rounds/{round}/caucus/",
    "/en/rounds/{round}/audit/",
    "/en/rounds/{round}/audit/?action=proposal.withdraw",
    "/en/rounds/{round}/decisions/",
    "/en/rounds/{round}/outcomes/",
)
DOWNLOADS = ("txt", "akn", "docx")


def _url(path: str, rnd: Round, text: NegotiationText) -> str:
    return path.format(round=rnd.pk, text=text.pk)


def _api_reads(name: str, rnd: Round, text: NegotiationText) -> dict[str, tuple[int, str]]:
    client = client_of(name)
    reads = {}
    for path in API:
        response = client.get(_url(path, rnd, text))
        reads[path] = (response.status_code, response.content.decode())
    return reads


def _never_tabled(text: NegotiationText) -> TextProposal:
    """party1 drafts a proposal, then withdraws it through the page, before tabling it."""
    draft = actions.proposal_draft(
        user=user("party1"),
        text_id=text.pk,
        change={
            "kind": "insert_words",
            "provision": "art_4__para_1",
            "language": "en",
            "after": "Free",
            "words": f" {SECRET}",
        },
        justification=WHY,
    )
    response = client_of("party1").post(
        f"/en/texts/{text.pk}/proposals/{draft.public_id}/withdraw", {"based_on": draft.version}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.state, draft.tabled_at) == ("withdrawn", None)
    return draft


def _hidden(body: str, draft: TextProposal) -> bool:
    return SECRET not in body and WHY not in body and draft.reference not in body


def test_the_round_reads_as_before_for_everyone_but_the_author(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    before = {name: _api_reads(name, sandbox, roadmap) for name in (*OTHERS, *NOBODIES)}
    draft = _never_tabled(roadmap)
    for name in (*OTHERS, *NOBODIES):
        after = _api_reads(name, sandbox, roadmap)
        changed = [path for path in API if after[path] != before[name][path]]
        assert not changed, f"{name} sees a change in {changed}"
    # Not vacuous: every other role does read the text and its tabled proposals, and the
    # author reads its own withdrawn draft.
    for name in OTHERS:
        assert before[name]["/api/texts/{text}/proposals"][0] == 200
        assert '"P1"' in before[name]["/api/texts/{text}/proposals"][1]
    own = client_of("party1").get(f"/api/texts/{roadmap.pk}/proposals").json()
    assert [p["state"] for p in own if p["reference"] == draft.reference] == ["withdrawn"]
    assert WHY in json.dumps(own)


def test_no_page_download_or_stream_shows_it_to_anyone_else(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    draft = _never_tabled(roadmap)
    for name in (*OTHERS, *NOBODIES):
        client = client_of(name)
        for path in PAGES:
            response = client.get(_url(path, sandbox, roadmap))
            assert _hidden(response.content.decode(), draft), (name, path)
        for fmt in DOWNLOADS:
            for view in ("compilation", "party"):
                response = client.get(
                    f"/en/texts/{roadmap.pk}/download.{fmt}?view={view}&lang=en,ar"
                )
                content = response.content
                if fmt == "docx" and response.status_code == 200:
                    document = docx.Document(io.BytesIO(content))
                    content = "\n".join(p.text for p in document.paragraphs).encode()
                assert _hidden(content.decode(), draft), (name, fmt, view)
        assert _hidden(_stream(name, sandbox), draft), (name, "event stream")
    assert run_search(SECRET) == [] and run_search(WHY) == []
    # Not vacuous: the author's own pages and stream show it.
    author = client_of("party1")
    assert WHY in author.get(f"/en/texts/{roadmap.pk}/").content.decode()
    assert f"withdrew {draft.reference}" in _stream("party1", sandbox)


def _stream(name: str, rnd: Round) -> str:
    """What the server-sent event stream sends ``name`` in one poll."""
    request = RequestFactory().get(f"/en/rounds/{rnd.pk}/events/?after=0")
    reader = user(name) if name != "anonymous" else None

    async def auser() -> object:
        from django.contrib.auth.models import AnonymousUser

        return reader or AnonymousUser()

    request.auser = auser  # type: ignore[method-assign]

    async def read() -> str:
        response = await views_events.events(request, round_id=rnd.pk)
        if not hasattr(response, "streaming_content"):
            return response.content.decode()
        chunks = []
        async for chunk in response.streaming_content:
            chunks.append(bytes(chunk).decode())
        return "".join(chunks)

    return async_to_sync(read)()


@pytest.fixture(autouse=True)
def _short_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views_events, "EVENT_STREAM_SECONDS", 0.05)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.01)


def test_nobody_else_finds_it_by_id_or_reference(sandbox: Round, roadmap: NegotiationText) -> None:
    draft = _never_tabled(roadmap)
    missing = "A" * 22  # a public id no proposal has
    for name in OTHERS:
        api = client_of(name)
        for verb in ("table", "withdraw", "support", "oppose"):
            found = api.post(
                f"/api/proposals/{draft.public_id}/{verb}", {"based_on": 1}, "application/json"
            )
            absent = api.post(
                f"/api/proposals/{missing}/{verb}", {"based_on": 1}, "application/json"
            )
            assert found.status_code == absent.status_code == 404, (name, verb)
            assert found.content.decode() == absent.content.decode().replace(
                missing, draft.public_id
            ), (name, verb)
    # The mediator naming its private reference is told what a made-up reference is told.
    roadmap.refresh_from_db()
    answers = []
    for reference in (draft.reference, "DFFFFFFFF"):
        with pytest.raises(ActionError) as refused:
            actions.revision_issue(
                user=user("mediator"),
                text_id=roadmap.pk,
                based_on=roadmap.version,
                reject=[reference],
            )
        answers.append(str(refused.value).replace(reference, "REF"))
    assert answers[0] == answers[1]
    # What was recorded about it reaches only its delegation.
    mine = AuditEntry.objects.filter(object_id=draft.reference)
    assert mine.count() == 2 and not mine.filter(confidential=False).exists()
    events = RoundEvent.objects.filter(summary__endswith=draft.reference)
    assert events.count() == 2 and set(events.values_list("audience__slug", flat=True)) == {
        actor_in_round(user("party1"), sandbox).delegation.slug  # type: ignore[union-attr]
    }


def test_a_proposal_withdrawn_after_tabling_stays_on_the_record(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    tabled = TextProposal.objects.get(text=roadmap, reference="P1")
    actions.proposal_withdraw(
        user=user("party1"), proposal_id=tabled.public_id, based_on=tabled.version
    )
    for name in OTHERS:
        listed = client_of(name).get(f"/api/texts/{roadmap.pk}/proposals").json()
        assert {p["reference"]: p["state"] for p in listed}["P1"] == "withdrawn", name
