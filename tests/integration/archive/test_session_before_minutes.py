"""What the public knows of a live session before the convener publishes its minutes: that it
exists, its number, date, venue and state (open or closed). Its title, agenda, attendance, who
opened it and its minutes become public with the minutes, on the session page, the round page,
the page of the person who opened it, search and the timeline. Checked for the anonymous
public and for a logged-in user with no role in the round; then, after publication, all of it
is there for both."""

from __future__ import annotations

from django.test import Client
from tests.helpers.people import ANONYMOUS, OUTSIDER, client_of, user

from astana.web.archive.indexing import rebuild_search_index
from astana.web.archive.search import search
from astana.web.negotiation import actions
from astana.web.processes.models import Round, Session

TITLE = "Zanzibarian talks"
AGENDA = "Quixotic agenda item"
MINUTES = "The delegations disagreed on the quixotic item."
ATTENDING = "syrian-national-coalition"


def _readers() -> dict[str, Client]:
    return {name: client_of(name) for name in (ANONYMOUS, OUTSIDER)}


def _second_session(rnd: Round) -> Session:
    """The host closes session 1 and opens session 2 (titled); the secretariat records it."""
    first = rnd.sessions.get(number=1)
    actions.session_close(user=user("host"), round_id=rnd.pk, number=1, based_on=first.version)
    session = actions.session_open(user=user("host"), round_id=rnd.pk, titles={"en": TITLE})
    actions.session_record(
        user=user("secretariat"),
        round_id=rnd.pk,
        number=2,
        based_on=session.version,
        agenda=[AGENDA],
        agenda_language="en",
        attendance=[ATTENDING],
        minutes={"en": MINUTES},
    )
    rebuild_search_index()  # as any later publication or load does
    return Session.objects.get(pk=session.pk)


def _pages(session: Session) -> dict[str, str]:
    rnd = session.round
    base = f"/en/processes/{rnd.process.slug}"
    assert session.opened_by is not None
    return {
        "session": f"{base}/rounds/{rnd.slug}/sessions/{session.number}/",
        "round": f"{base}/rounds/{rnd.slug}/",
        "opener": f"/en/people/{session.opened_by.slug}/",
        "timeline": f"{base}/timeline.svg",
        "search": f"/en/search?q={TITLE.split()[0]}",
    }


def _secrets(session: Session) -> dict[str, str]:
    assert session.opened_by is not None
    return {
        "title": TITLE,
        "agenda": AGENDA,
        "minutes": MINUTES,
        "attendance": "Syrian National Coalition",
        "opener": session.opened_by.name_en,
    }


def test_before_publication_only_the_session_s_existence_is_public(sandbox: Round) -> None:
    session = _second_session(sandbox)
    pages, secrets = _pages(session), _secrets(session)
    for reader, client in _readers().items():
        shown = {}
        for page, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, (reader, page)
            shown[page] = response.content.decode()
        leaks = [
            (page, what)
            for page, body in shown.items()
            for what, secret in secrets.items()
            if secret in body.replace(f"q={TITLE.split()[0]}", "")
            and not (page == "opener" and what == "opener")  # the person's own page
        ]
        assert not leaks, (reader, leaks)
        assert f'href="{pages["session"]}"' not in shown["opener"], reader
        # What is public: the session, its number, date, venue and state.
        page = shown["session"]
        assert "Session 2" in page and "Astana" in page and "open" in page, reader
        assert session.date[:4] in page and "minutes-unpublished" in page
        assert f'href="{pages["session"]}"' in shown["round"], reader
    assert not [hit for hit in search(TITLE) if hit.kind == "session"]
    assert not [hit for hit in search("quixotic") if hit.kind == "session"]


def test_with_the_minutes_the_whole_record_is_public(sandbox: Round) -> None:
    session = _second_session(sandbox)
    actions.session_close(
        user=user("host"), round_id=sandbox.pk, number=2, based_on=session.version
    )
    session.refresh_from_db()
    actions.session_publish_minutes(
        user=user("convener"), round_id=sandbox.pk, number=2, based_on=session.version
    )
    pages, secrets = _pages(session), _secrets(session)
    for reader, client in _readers().items():
        page = client.get(pages["session"]).content.decode()
        assert all(secret in page for secret in secrets.values()), reader
        assert f'href="{pages["session"]}"' in client.get(pages["opener"]).content.decode()
        assert "opened by" in client.get(pages["round"]).content.decode()
    assert [hit for hit in search(TITLE) if hit.kind == "session"]
