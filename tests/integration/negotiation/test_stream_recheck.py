"""A live event stream lasts minutes, its reader's right to it checked again every minute
(``views_events.Checks``): it goes on while they may read the round, and ends at the
next check once they may not (logged out, their session ended or no longer theirs, the account
closed, the round no longer theirs, another delegation's events now theirs), as reopening it
would be refused; a check when nothing was written since the last one asks the database only
for the stamp, the session and the user."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import OperationalError, connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext

from astana.web.accounts.models import User
from astana.web.common import changes
from astana.web.negotiation import actions, live
from astana.web.negotiation import views_events as room_views
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Membership, Organisation, Round

pytestmark = pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume")

PATIENCE = 20.0  # seconds a test waits for what must happen (a deadline, not a measurement)
CHECK = 0.2  # seconds between a stream's checks here (a minute in service)
DELETE_5 = {"kind": "delete_provision", "provision": "art_5__para_1"}


@pytest.fixture(autouse=True)
def _frequent_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room_views, "EVENT_STREAM_SECONDS", 120)
    monkeypatch.setattr(room_views, "EVENT_RECHECK_SECONDS", CHECK)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.05)


async def _open(client: AsyncClient, rnd: Round) -> tuple[asyncio.Task[None], list[str]]:
    response = await client.get(f"/en/rounds/{rnd.pk}/events")
    assert response.status_code == 200, response.content
    received: list[str] = []

    async def read() -> None:
        async for chunk in response.streaming_content:
            received.append(bytes(chunk).decode())

    return asyncio.ensure_future(read()), received


def _leave_delegation(user: User) -> None:
    Membership.objects.filter(person__user=user).delete()


def _move_to_party2(user: User) -> None:
    _leave_delegation(user)
    party2 = Membership.objects.filter(person__user__username="party2").first()
    assert party2 is not None
    organisation = Organisation.objects.get(pk=party2.organisation_id)
    Membership.objects.create(person=user.person, organisation=organisation)


def _close_account(user: User) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)


def _new_password(user: User) -> None:
    user.set_password("a-new-password-elsewhere")
    user.save()


CUT_OFF: dict[str, Callable[[User], None]] = {
    "left the delegation": _leave_delegation,
    "moved to another delegation": _move_to_party2,
    "account closed": _close_account,
    "password changed elsewhere": _new_password,
}


@pytest.mark.django_db
@pytest.mark.parametrize("cause", ["logged out", "session idle", *CUT_OFF])
def test_a_stream_goes_on_while_its_reader_may_read_and_ends_when_they_may_not(
    sandbox: Round, roadmap: NegotiationText, cause: str, settings: Any
) -> None:
    if cause == "session idle":
        settings.ASTANA_SESSION_IDLE_SECONDS = 2  # a stream is no activity: it keeps none alive

    async def main() -> None:
        party1 = await User.objects.select_related("person").aget(username="party1")
        client = AsyncClient()
        await client.aforce_login(party1)
        task, received = await _open(client, sandbox)
        # Several checks pass: the stream goes on, and a change still reaches it.
        await asyncio.sleep(CHECK * 5)
        assert not task.done()
        await sync_to_async(actions.proposal_draft)(
            user=party1, text_id=roadmap.pk, change=DELETE_5, justification="ours"
        )
        async with asyncio.timeout(PATIENCE):
            while not any("event: proposal.draft" in chunk for chunk in received):
                await asyncio.sleep(0.02)
        assert not task.done()
        # Then the reader may no longer read: the stream ends by itself at a next check.
        if cause == "logged out":
            await client.alogout()
        elif cause in CUT_OFF:
            await sync_to_async(CUT_OFF[cause])(party1)
        async with asyncio.timeout(PATIENCE):
            await task
        # Opened again (as the browser does): refused, or for the moved reader a stream of
        # the delegation they now belong to.
        again = await client.get(f"/en/rounds/{sandbox.pk}/events")
        assert (again.status_code == 200) == (cause == "moved to another delegation")

    async_to_sync(main)()


@pytest.mark.django_db(transaction=True)
def test_a_check_when_nothing_changed_asks_for_the_stamp_session_and_user(
    history_reloaded: None, sandbox: Round
) -> None:
    party1 = User.objects.get(username="party1")
    client = AsyncClient()
    async_to_sync(client.aforce_login)(party1)
    key = client.session.session_key
    delegation = Membership.objects.get(person__user=party1).organisation_id

    def ask(*questions: room_views.Question) -> tuple[list[bool], object]:
        return room_views.still_reading(list(questions))

    mine = room_views.Question(key, party1.pk, sandbox.pk, delegation, None)
    (allowed,), seen = ask(mine)
    assert allowed and seen is not None and seen == changes.stamp()
    mine = room_views.Question(key, party1.pk, sandbox.pk, delegation, seen)
    with CaptureQueriesContext(connection) as asked:
        assert ask(mine) == ([True], seen)
    assert len(asked.captured_queries) == 3, [q["sql"] for q in asked.captured_queries]
    # Several streams' checks together: the stamp and the sessions once, then each user.
    observer = User.objects.get(username="observer")
    theirs = AsyncClient()
    async_to_sync(theirs.aforce_login)(observer)
    other = room_views.Question(theirs.session.session_key, observer.pk, sandbox.pk, None, seen)
    gone = room_views.Question("no-such-session-key", party1.pk, sandbox.pk, delegation, seen)
    with CaptureQueriesContext(connection) as asked:
        assert ask(mine, other, gone, mine) == ([True, True, False, True], seen)
    assert len(asked.captured_queries) == 2 + 3, [q["sql"] for q in asked.captured_queries]
    # Something written since: the access is read again, and a wrong delegation is refused.
    Round.objects.filter(pk=sandbox.pk).update(title_en="Round 3, renamed")
    moved = room_views.Question(key, party1.pk, sandbox.pk, None, seen)
    assert ask(mine, moved)[0] == [True, False]


@pytest.mark.django_db
@pytest.mark.parametrize("answers_again", [True, False])
def test_a_check_the_database_is_too_busy_for_is_asked_again(
    sandbox: Round, monkeypatch: pytest.MonkeyPatch, answers_again: bool
) -> None:
    """An overloaded database does not end every stream at its check (they would all come
    back at once): the check is asked again shortly; only when no answer came for two periods
    does the stream end (its page opens it again)."""
    monkeypatch.setattr(room_views, "CHECK_RETRY_SECONDS", CHECK / 4)
    monkeypatch.setattr(room_views, "CHECK_BATCH_SECONDS", 0.01)
    answered = room_views.still_reading
    busy = {"left": 3 if answers_again else 10_000}

    def still_reading(questions: list[room_views.Question]) -> Any:
        if busy["left"] > 0:
            busy["left"] -= 1
            raise OperationalError("database is locked")  # (SQLite's sign of a busy database)
        return answered(questions)

    monkeypatch.setattr(room_views, "still_reading", still_reading)

    async def main() -> None:
        party1 = await User.objects.aget(username="party1")
        client = AsyncClient()
        await client.aforce_login(party1)
        task, _ = await _open(client, sandbox)
        if answers_again:
            await asyncio.sleep(CHECK * 6)  # refused three times, then answered: it goes on
            assert not task.done() and busy["left"] == 0
            task.cancel()
            return
        async with asyncio.timeout(PATIENCE):  # never answered: it ends after two periods
            await task
        assert busy["left"] < 10_000 - 3

    async_to_sync(main)()
