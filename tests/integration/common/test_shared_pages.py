"""The change stamp and the pages shared within an audience (``common.changes``,
``common.rendered``), with real commits on both databases: a copy serves every reader of
its audience until the first committed change, and never a reader of another audience, an
older state, or someone else's account name or CSRF token."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from tests.helpers.people import client_of, token_of, user
from tests.helpers.unchanged import LOG_TABLE

from astana.web.accounts.models import User
from astana.web.api.tokens import token_create
from astana.web.common import changes
from astana.web.common.access import audience
from astana.web.common.models import ChangeStamp
from astana.web.common.rendered import MARKERS, Counts, shared_page
from astana.web.consultation import actions as consultation
from astana.web.consultation.counts import process_votes
from astana.web.demo import DEMO_PROCESS
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Membership, Organisation, Person, Round

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "a wording kept within the delegation"
#: party1's draft: the secret words inserted into Article 4 (a form's fields, an action's change).
CHANGE = {
    "kind": "insert_words",
    "provision": "art_4__para_1",
    "language": "en",
    "after": "Free",
    "words": f" {SECRET}",
}
WRITTEN = re.compile(r'(?:INSERT INTO|UPDATE|DELETE FROM) "?(\w+)"?')
# The room's pages served from a copy per audience (negotiation.shared).
SHARED = ("/en/texts/{text}/", "/ar/texts/{text}/grid/", "/ru/rounds/{round}/room/")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def counts() -> tuple[int, int, int]:
    return (Counts.served, Counts.rendered, Counts.unshared)


def moved(before: tuple[int, int, int]) -> tuple[int, int, int]:
    """How many pages were served from a copy, rendered and kept, rendered for one reader."""
    now = counts()
    return (now[0] - before[0], now[1] - before[1], now[2] - before[2])


def second_delegate(of: str) -> User:
    """Another login of ``of``'s delegation (a delegation has several delegates)."""
    made = User.objects.create_user("second-delegate", password="a-second-password")
    person = Person.objects.create(slug="second-delegate", name_en="Second delegate", user=made)
    for membership in user(of).person.memberships.all():
        Membership.objects.create(person=person, organisation=membership.organisation)
    return made


def page(client: Client, text: NegotiationText, address: str = "/en/texts/{text}/") -> str:
    response = client.get(address.format(text=text.pk, round=text.round_id))
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    for marker in MARKERS.values():
        assert marker not in body
    return body


def test_every_table_but_the_unstamped_moves_the_stamp(history_reloaded: None) -> None:
    # (the suite's own change log, made after the migrations, aside: tests.helpers.unchanged)
    assert [t for t in changes.unstamped_tables() if t != LOG_TABLE] == []
    before = changes.stamp()
    assert before is not None
    organisation = Organisation.objects.first()
    assert organisation is not None
    organisation.save()
    after = changes.stamp()
    assert after is not None and after != before
    # A transaction counts once, when it commits; one rolled back, never.
    with transaction.atomic():
        assert changes.stamp() is None  # inside a transaction: nothing is shared
        for row in Organisation.objects.all()[:3]:
            row.save()
    committed = changes.stamp()
    assert committed is not None and committed != after
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(slug=organisation.slug)
    assert changes.stamp() == committed
    # Votes do not move it (they are counted in the consultation's version instead).
    opened = consultation.consultation_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        titles={"en": "Stamp"},
        allow_anonymous=True,
        open_now=True,
    )
    statement = consultation.statement_submit(
        user=user("convener"),
        consultation_id=opened.pk,
        text="The parties meet again.",
        language="en",
    )
    votes = process_votes(opened.process_id)
    with CaptureQueriesContext(connection) as queries:
        consultation.statement_vote(
            user=AnonymousUser(),
            consultation_id=opened.pk,
            statement_id=statement.pk,
            choice="agree",
            participant_key="a-voter-of-the-stamp-test",
        )
    # (asserted on what the vote writes: an analysis running beside it moves the stamp)
    written = {m.group(1) for q in queries for m in [WRITTEN.match(q["sql"])] if m}
    assert written == {"consultation_participant", "consultation_vote", "consultation_votecount"}
    assert all(table in changes.UNSTAMPED for table in written)
    assert process_votes(opened.process_id) == votes + 1


def test_a_copy_serves_its_audience_until_a_change_and_nobody_else(
    history_reloaded: None, sandbox: Round
) -> None:
    text = NegotiationText.objects.get(round=sandbox, slug="roadmap")
    first, second = client_of("party1"), Client(enforce_csrf_checks=True)
    second.force_login(second_delegate("party1"))
    # Every shared page of the room, rendered for each alone (inside a transaction nothing is
    # shared): the two delegates' pages differ only in what the copy leaves to each reader (a
    # page that came to show anything else of a user's own would have to key on it); then
    # shared: rendered once, served again to the other delegate.
    for address in SHARED:
        with transaction.atomic():
            alone = [TOKEN.sub("", page(client, text, address)) for client in (first, second)]
        assert alone[0].replace("<span>party1</span>", "") == alone[1].replace(
            "<span>second-delegate</span>", ""
        ), address
        start = counts()
        page(first, text, address)
        page(second, text, address)
        assert moved(start) == (1, 1, 0), address
    start = counts()
    mine = page(first, text, "/en/texts/{text}/?view=compilation")
    theirs = page(second, text, "/en/texts/{text}/?view=compilation")
    assert moved(start) == (1, 1, 0)
    assert "<span>party1</span>" in mine and "<span>second-delegate</span>" in theirs
    assert "<span>party1</span>" not in theirs
    # Each reader's own CSRF token, valid for their own session: the draft is taken.
    token = TOKEN.findall(theirs)
    assert token and set(token) != set(TOKEN.findall(mine))
    response = second.post(
        f"/en/texts/{text.pk}/proposals/",
        {"csrfmiddlewaretoken": token[0], **CHANGE},
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    # The committed draft moved the stamp: both delegates read it at once, the other
    # delegations and the observer never (other audiences: never served party1's copy).
    start = counts()
    assert SECRET in page(first, text) and SECRET in page(second, text)
    for name in ("party2", "observer", "convener"):
        assert SECRET not in page(client_of(name), text), name
    assert moved(start) == (1, 4, 0)


def test_a_reader_who_left_the_delegation_gets_no_copy(
    history_reloaded: None, sandbox: Round
) -> None:
    text = NegotiationText.objects.get(round=sandbox, slug="roadmap")
    actions.proposal_draft(user=user("party1"), text_id=text.pk, change=CHANGE)
    leaver = second_delegate("party1")
    client = Client()
    client.force_login(leaver)
    assert SECRET in page(client, text)
    Membership.objects.filter(person__user=leaver).delete()
    assert SECRET in page(client_of("party1"), text)  # the copy of party1's audience, anew
    assert client.get(f"/en/texts/{text.pk}/").status_code == 404


def test_a_page_rendered_while_the_database_changed_is_not_kept(
    history_reloaded: None,
) -> None:
    request = RequestFactory().get("/en/somewhere")
    request.user = user("party1")
    organisation = Organisation.objects.first()
    assert organisation is not None

    def writing(extra: dict[str, str]) -> HttpResponse:
        organisation.save()  # committed by someone else while the page was made
        return HttpResponse(f"<p>{extra['account_name']}</p>")

    def plain(extra: dict[str, str]) -> HttpResponse:
        return HttpResponse(f"<p>{extra['account_name']}</p>")

    def ask(render: Callable[[dict[str, str]], HttpResponse]) -> bytes:
        return shared_page(request, lambda stamp: ("test",), render).content

    start = counts()
    assert ask(writing) == b"<p>party1</p>"
    assert moved(start) == (0, 0, 1)
    assert ask(plain) == b"<p>party1</p>"
    assert ask(plain) == b"<p>party1</p>"
    assert moved(start) == (1, 1, 1)
    # A refusal is its reader's alone, with its status.
    refused = shared_page(request, lambda stamp: ("other",), lambda extra: HttpResponse(status=409))
    assert refused.status_code == 409


def test_readers_who_ask_while_the_page_is_rendered_wait_for_its_copy(
    history_reloaded: None,
) -> None:
    request = RequestFactory().get("/en/waiting")
    request.user = user("party1")
    started, release = threading.Event(), threading.Event()
    renders: list[str] = []
    answers: dict[str, bytes] = {}

    def slow(extra: dict[str, str]) -> HttpResponse:
        renders.append(extra["account_name"])
        started.set()
        release.wait(10)
        return HttpResponse(f"<p>{extra['account_name']}</p>")

    def ask(name: str) -> None:
        try:
            answers[name] = shared_page(request, lambda stamp: ("waiting",), slow).content
        finally:
            connection.close()  # this thread's own

    start = counts()
    first = threading.Thread(target=ask, args=("first",))
    first.start()
    assert started.wait(10)
    second = threading.Thread(target=ask, args=("second",))
    second.start()
    time.sleep(0.2)  # the second waits for the first's copy
    release.set()
    first.join(10)
    second.join(10)
    assert len(renders) == 1
    assert answers == {"first": b"<p>party1</p>", "second": b"<p>party1</p>"}
    assert moved(start) == (1, 1, 0)


def test_what_cannot_be_shared(history_reloaded: None) -> None:
    request = RequestFactory().get("/en/streamed")
    request.user = user("party1")
    with pytest.raises(TypeError, match="streaming"):
        shared_page(
            request,
            lambda stamp: ("streamed",),
            lambda extra: StreamingHttpResponse(iter([b"part"])),
        )
    assert audience(AnonymousUser()) == ("anonymous",)
    assert audience(user("party1")) != audience(user("party2"))
    assert str(ChangeStamp(n=3, token=255)) == "3 changes (ff)"


# The API's reads shared within an audience (``common.rendered.shared_read``).
API_READS = (
    "/api/rounds/{round}/events?after=r0",
    "/api/texts/{text}",
    "/api/texts/{text}?view=party",
    "/api/rounds/{round}/texts",
)


def api_answers(tokens: dict[str, str], text: NegotiationText) -> dict[tuple[str, str], object]:
    """Each reader's answer to each read (a party view the observer and mediator may not ask
    for is their refusal)."""
    found: dict[tuple[str, str], object] = {}
    for name, token in tokens.items():
        for path in API_READS:
            response = Client().get(
                path.format(text=text.pk, round=text.round_id), HTTP_AUTHORIZATION=f"Bearer {token}"
            )
            found[name, path] = (response.status_code, response.json())
    return found


def api_counts() -> tuple[int, int]:
    return (Counts.answered, Counts.read)


def test_api_reads_are_one_answer_per_audience(history_reloaded: None, sandbox: Round) -> None:
    """The events, a text and the round's texts, read through the API: the same answer for each
    reader as read alone; read once for the readers of one audience (two delegates of party1)
    and given again; party1's draft and its delegation's event only in its delegation's
    answers; a refusal never kept; a committed change read at once."""
    text = NegotiationText.objects.get(round=sandbox, slug="roadmap")
    draft = actions.proposal_draft(user=user("party1"), text_id=text.pk, change=CHANGE)
    second = second_delegate("party1")
    tokens = {name: token_of(name) for name in ("party1", "party2", "observer", "convener")}
    tokens["second"] = token_create(user=second, name="tests")[1]
    for token in tokens.values():  # each token's first use notes it (an unstamped column)
        Client().get("/api/tokens", HTTP_AUTHORIZATION=f"Bearer {token}")
    with transaction.atomic():  # inside a transaction nothing is shared: each reads alone
        alone = api_answers(tokens, text)
        transaction.set_rollback(True)
    start = api_counts()
    shared = api_answers(tokens, text)
    assert shared == alone
    # party1 and its second delegate are one audience: 4 reads of theirs given again; the
    # others read once each (3 readers x 4 reads, of which the observer's and the convener's
    # party views are refusals: never kept).
    assert api_counts()[0] - start[0] == 4
    assert api_counts()[1] - start[1] == 4 + 3 * 4 - 2
    party_view = "/api/texts/{text}?view=party"
    assert alone["observer", party_view][0] == alone["convener", party_view][0] == 400
    assert SECRET in str(shared["party1", party_view]) and SECRET in str(
        shared["second", party_view]
    )
    assert SECRET not in str(shared["party2", party_view])
    events = "/api/rounds/{round}/events?after=r0"
    assert draft.reference in str(shared["party1", events])
    assert shared["second", events] == shared["party1", events]
    for name in ("party2", "observer", "convener"):
        assert draft.reference not in str(shared[name, events]), name
    # A committed change: the next read is of the new state, for every audience.
    actions.proposal_draft(user=user("party2"), text_id=text.pk, change=CHANGE)
    again = api_answers({"party2": tokens["party2"], "party1": tokens["party1"]}, text)
    assert len(again["party2", events][1]) == len(shared["party2", events][1]) + 1
    assert again["party1", events] == shared["party1", events]  # (party2's draft: not theirs)
    assert SECRET in str(again["party2", party_view])
