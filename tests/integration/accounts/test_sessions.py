"""Sessions (issue 13): every user changes their own password (which ends their other
sessions, not the current one); a session ends after ASTANA_SESSION_IDLE_SECONDS without
activity and after SESSION_COOKIE_AGE whatever happens, checked on the server: a page then
redirects to the login page saying why, the API answers 401 in JSON; the event streams are
not activity."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client

from astana.web.accounts.models import User
from astana.web.accounts.sessions import LOGIN_AT, SEEN_AT
from astana.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-and-long-passphrase-42"


def _logged_in(name: str) -> Client:
    client = Client()
    response = client.post("/en/accounts/login/", {"username": name, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _shift(client: Client, key: str, seconds: float) -> None:
    """Move a clock of the session ``seconds`` into the past (instead of sleeping)."""
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def _logged_in_page(client: Client) -> bool:
    return "Log out" in client.get("/en/").content.decode()


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_every_user_has_a_password_change_page(lang: str) -> None:
    client = _logged_in("party2")  # no staff
    page = client.get(f"/{lang}/accounts/password_change/")
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()
    assert f"/{lang}/accounts/password_change/" in client.get(f"/{lang}/").content.decode()


def test_a_password_change_ends_the_other_sessions_only() -> None:
    here, elsewhere = _logged_in("party2"), _logged_in("party2")
    wrong = here.post(
        "/en/accounts/password_change/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and _logged_in_page(elsewhere)  # refused, nothing changed
    changed = here.post(
        "/en/accounts/password_change/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert changed.status_code == 302 and changed["Location"].endswith("/password_change/done/")
    assert here.get(changed["Location"]).status_code == 200
    assert _logged_in_page(here)
    assert not _logged_in_page(elsewhere)
    assert User.objects.get(username="party2").check_password(NEW_PASSWORD)


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    response = Client().get("/en/accounts/password_change/")
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]


def test_an_idle_session_ends_with_a_message() -> None:
    client = _logged_in("party1")
    _shift(client, SEEN_AT, settings.ASTANA_SESSION_IDLE_SECONDS - 120)
    assert _logged_in_page(client)  # still within the idle time: activity, noted
    _shift(client, SEEN_AT, settings.ASTANA_SESSION_IDLE_SECONDS + 1)
    response = client.get("/en/record/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/record/")
    page = client.get(response["Location"]).content.decode()
    assert "without activity" in page
    assert not _logged_in_page(client)


def test_a_session_ends_after_its_lifetime_even_when_active() -> None:
    client = _logged_in("party1")
    _shift(client, LOGIN_AT, settings.SESSION_COOKIE_AGE + 1)
    response = client.get("/en/")
    assert response.status_code == 302
    assert "maximum length" in client.get(response["Location"]).content.decode()


def test_the_api_answers_401_json_for_an_ended_session() -> None:
    client = _logged_in("party1")
    assert client.get("/api/tokens").status_code == 200
    _shift(client, SEEN_AT, settings.ASTANA_SESSION_IDLE_SECONDS + 1)
    response = client.get("/api/tokens")
    assert response.status_code == 401
    assert "session ended" in response.json()["error"]
    assert client.get("/api/tokens").status_code == 401  # logged out for good


def test_the_event_stream_is_not_activity() -> None:
    from astana.web.demo import DEMO_PROCESS
    from astana.web.processes.models import Round

    round_id = Round.objects.filter(process__slug=DEMO_PROCESS).order_by("pk")[0].pk
    client = _logged_in("party1")
    _shift(client, SEEN_AT, 600)
    before = client.session[SEEN_AT]
    assert client.get(f"/api/rounds/{round_id}/events?after=r0").status_code == 200
    assert client.session[SEEN_AT] == before  # the poll did not count
    client.get("/en/")
    assert client.session[SEEN_AT] > before  # a page did
    _shift(client, SEEN_AT, settings.ASTANA_SESSION_IDLE_SECONDS + 1)
    stream = client.get(f"/en/rounds/{round_id}/events?after=r0")
    assert stream.status_code == 401


def test_a_session_from_before_the_check_starts_its_clocks() -> None:
    client = _logged_in("party1")
    session = client.session
    del session[LOGIN_AT], session[SEEN_AT]
    session.save()
    assert _logged_in_page(client)
    assert abs(client.session[LOGIN_AT] - time.time()) < 60
