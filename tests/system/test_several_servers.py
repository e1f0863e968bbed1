"""Several servers over one database (issue 15, item 6): ``astana serve --workers 2`` and
another ``astana serve`` process, standing for two hosts behind a proxy, on a copy of the demo
(a PostgreSQL database in the PostgreSQL run, a SQLite file otherwise). What one server does,
the other knows: a session made on one is the same session on the other, and ended on one it
is ended on both; failed logins count together towards the lockout; a change made through one
reaches the event streams held by the other, and a confidential one does not reach those who
may not read it; a revision issued through one is what the other's pages show, whatever that
server kept in memory before."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests
from tests.system.servers import refused_to_serve, serve, stop

from astana.core.ledger import SignerKey
from astana.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.db  # it runs on both engines, PostgreSQL's LISTEN/NOTIFY among them

ROUND_PAGE = "/en/processes/astana-platform/rounds/ap-round-3-sandbox/"
WAIT = 30  # seconds: how long a check waits before it fails (liveness, never a time target)


@dataclass
class Servers:
    a: str  # two worker processes
    b: str  # one


@pytest.fixture
def servers(demo_env: dict[str, str]) -> Iterator[Servers]:
    env = {**demo_env, "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local"}
    env["ASTANA_DEBUG"] = "0"
    first, a = serve(env, "--workers", "2")
    try:
        second, b = serve(env)
    except Exception:
        stop(first)
        raise
    yield Servers(a, b)
    stop(second)
    stop(first)


def _login(base: str, username: str, password: str = DEMO_PASSWORD) -> requests.Session:
    """A browser's session: the login form's CSRF token, then the form posted."""
    session = requests.Session()
    _post_login(session, base, username, password)
    return session


def _post_login(
    session: requests.Session, base: str, username: str, password: str
) -> requests.Response:
    form = session.get(f"{base}/en/accounts/login/", timeout=WAIT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token, form.text[:500]
    return session.post(
        f"{base}/en/accounts/login/",
        data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
        headers={"Referer": f"{base}/en/accounts/login/"},
        timeout=WAIT,
        allow_redirects=False,
    )


def _api(session: requests.Session, method: str, base: str, path: str, **body: object) -> dict:  # type: ignore[type-arg]
    """The API with the page's session, as the platform's own scripts call it."""
    headers = {"X-CSRFToken": session.cookies.get("csrftoken") or "", "Referer": base + "/"}
    response = session.request(
        method, f"{base}/api{path}", json=body or None, headers=headers, timeout=WAIT
    )
    assert response.status_code < 300, (method, path, response.status_code, response.text[:500])
    return response.json()  # type: ignore[no-any-return]


def _round_and_text(session: requests.Session, base: str) -> tuple[int, int]:
    page = session.get(base + ROUND_PAGE, timeout=WAIT).text
    found = re.search(r'href="/en/rounds/(\d+)/room/"', page)
    assert found, page[:500]
    round_id = int(found.group(1))
    texts = _api(session, "GET", base, f"/rounds/{round_id}/texts")
    roadmap = next(t for t in texts if t["slug"] == "roadmap")
    return round_id, int(roadmap["id"])


@dataclass
class Stream:
    """An event stream held open in a thread: each message with the time it arrived."""

    response: requests.Response
    messages: list[tuple[float, str]] = field(default_factory=list)
    closed: bool = False

    def read(self) -> None:
        block: list[str] = []
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line:
                    block.append(line)
                elif block:
                    self.messages.append((time.monotonic(), "\n".join(block)))
                    block = []
        except Exception:
            if not self.closed:  # whatever closing it under the reader raises is expected
                raise

    def close(self) -> None:
        self.closed = True
        self.response.close()

    def first(self, needle: str, since: float) -> float | None:
        return next((t for t, m in self.messages if t >= since and needle in m), None)


def _hold_stream(session: requests.Session, base: str, round_id: int) -> Stream:
    response = session.get(f"{base}/en/rounds/{round_id}/events", stream=True, timeout=WAIT)
    assert response.status_code == 200, response.text[:300]
    stream = Stream(response)
    threading.Thread(target=stream.read, daemon=True).start()
    return stream


def _wait_for(check: object, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"not within {WAIT} s: {what}"
        time.sleep(0.05)


def test_two_servers_share_sessions_live_changes_revisions_and_lockouts(servers: Servers) -> None:
    a, b = servers.a, servers.b

    # A session made on one server is the session of the other (the database keeps it), on
    # fresh connections too (server a's two worker processes take turns).
    party = _login(a, "party3")
    round_id, text_id = _round_and_text(party, a)
    for base in (a, b, a, b):
        page = requests.get(
            f"{base}/en/rounds/{round_id}/room/",
            cookies=party.cookies,
            headers={"Connection": "close"},
            allow_redirects=False,
            timeout=WAIT,
        )
        assert page.status_code == 200, (base, page.status_code)

    # A change made through server a reaches a stream held on server b; the draft before it,
    # confidential to its delegation, reaches neither the observer's stream nor the feed.
    observer = _login(b, "observer")
    before = observer.get(f"{b}/en/texts/{text_id}/", timeout=WAIT).text  # b keeps Rev.1 now
    # The first stream of server b's worker starts the worker's listener (the hub); it ends
    # before the change is made, and the listener serves the streams that are left.
    first = _hold_stream(observer, b, round_id)
    time.sleep(0.5)
    watching = _hold_stream(observer, b, round_id)
    own = _hold_stream(party, b, round_id)
    first.close()
    time.sleep(1)  # the first stream's request has ended, the other two are listening
    # (an event may reach the stream before the API's answer reaches this test: it is looked
    # for from the moment the call was made)
    asked = time.monotonic()
    drafted = _api(
        party,
        "POST",
        a,
        f"/texts/{text_id}/proposals",
        change={
            "kind": "delete_words",
            "provision": "art_5__para_1",
            "language": "en",
            "words": "intra-Syrian",
        },
    )
    _wait_for(lambda: own.first(f"drafted {drafted['reference']}", asked), "the draft event")
    asked = time.monotonic()
    tabled = _api(
        party, "POST", a, f"/proposals/{drafted['id']}/table", based_on=drafted["version"]
    )
    answered = time.monotonic()
    _wait_for(lambda: watching.first(f"tabled {tabled['reference']}", asked), "the tabled event")
    arrived = watching.first(f"tabled {tabled['reference']}", asked)
    print(  # the change's delay from the API's answer (negative: the stream had it first)
        f"a change through server a reached server b's stream in {arrived - answered:.3f} s"  # type: ignore[operator]
    )
    assert not any(drafted["reference"] in m for _, m in watching.messages)

    # A revision issued through server a is what server b's page shows, though b had read
    # (and kept) Rev.1 before.
    mediator = _login(a, "mediator")
    text = _api(mediator, "GET", a, f"/texts/{text_id}")["text"]
    assert text["latest_revision"] == 1
    _api(
        mediator,
        "POST",
        a,
        f"/texts/{text_id}/revisions",
        based_on=text["version"],
        fold=[tabled["reference"]],
    )
    after = observer.get(f"{b}/en/texts/{text_id}/", timeout=WAIT).text
    assert "Rev.2" in after and "Rev.2" not in before
    latest = observer.get(f"{b}/api/texts/{text_id}", timeout=WAIT).json()
    assert latest["revision"] == 2 and latest["text"]["latest_revision"] == 2

    # Logging out on server a ends the session on server b.
    session_id = party.cookies.get("sessionid")
    token = party.cookies.get("csrftoken") or ""
    party.post(
        f"{a}/en/accounts/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{a}/en/"},
        timeout=WAIT,
    )
    gone = requests.get(
        f"{b}/en/rounds/{round_id}/room/",
        cookies={"sessionid": session_id or ""},
        allow_redirects=False,
        timeout=WAIT,
    )
    assert gone.status_code == 302 and "/accounts/login/" in gone.headers["Location"]
    for stream in (watching, own):
        stream.close()

    # Failed logins count together across servers: of five wrong passwords, alternating, the
    # fifth (the third on server a) locks the account on both, the right password included
    # (last: the lockout also holds the address).
    trying = requests.Session()
    for attempt in range(5):
        refused = _post_login(trying, (a, b)[attempt % 2], "party2", "not-the-password")
        assert refused.status_code == (429 if attempt == 4 else 200), attempt
        assert "sessionid" not in refused.cookies
    for base in (a, b):
        locked = _post_login(requests.Session(), base, "party2", DEMO_PASSWORD)
        assert locked.status_code == 429, (base, locked.status_code)
        assert "sessionid" not in locked.cookies


def test_a_server_with_a_log_key_of_its_own_does_not_start(demo_env: dict[str, str]) -> None:
    """A second host that would sign the log with a key of its own (its own ``var/``, no
    ``ASTANA_LOG_SIGNER``) refuses to serve and says what to do."""
    env = {**demo_env, "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local"}
    env["ASTANA_LOG_SIGNER"] = str(SignerKey.generate("astana.local/log"))
    said = refused_to_serve(env, "with a log key that did not sign the log")
    assert "Not serving" in said and "ASTANA_LOG_SIGNER" in said
