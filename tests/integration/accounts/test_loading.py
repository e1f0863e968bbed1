"""The session and the logged-in user, read on every request by one statement each
(``accounts.loading``), are what Django's own session store and ``ModelBackend`` read: the
same session for every kind of key (live, expired, unknown, malformed, none), the same user
(every field, inactive refused), and a session logged in through Django's backend goes on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangosStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.helpers.people import client_of, user

from astana.web.accounts.loading import (
    PASSWORD_BACKEND,
    PasswordBackend,
    SessionStore,
    read_sessions,
)
from astana.web.accounts.models import User
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db


def _fields(found: User | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {f.attname: getattr(found, f.attname) for f in User._meta.concrete_fields}


def _read(store_class: type[DjangosStore], key: str | None) -> tuple[dict[str, Any], str | None]:
    store = store_class(session_key=key)
    return store.load(), store.session_key


def test_sessions_read_as_djangos_store_reads_them(sandbox: Round) -> None:
    live = client_of("party1").cookies["sessionid"].value
    expired = client_of("party2").cookies["sessionid"].value
    Session.objects.filter(session_key=expired).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    keys = [live, expired, "x" * 32, "short", "", None, live.upper(), live + "'; --"]
    for key in keys:
        ours, django = _read(SessionStore, key), _read(DjangosStore, key)
        assert ours == django, key
    # The live one is a logged-in session; the others are empty, their keys dropped.
    assert _read(SessionStore, live)[0]["_auth_user_id"] == str(user("party1").pk)
    assert all(_read(SessionStore, key) == ({}, None) for key in keys[1:])


def test_sessions_read_together_as_each_alone(sandbox: Round) -> None:
    live = [client_of(name).cookies["sessionid"].value for name in ("party1", "observer")]
    expired = client_of("party2").cookies["sessionid"].value
    Session.objects.filter(session_key=expired).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    keys = {*live, expired, "x" * 32, live[0].upper(), live[0] + "'; --"}
    with CaptureQueriesContext(connection) as asked:
        found = read_sessions(keys)
    assert len(asked.captured_queries) == 1
    assert sorted(found) == sorted(live)  # the live ones only
    for key, store in found.items():
        django = _read(DjangosStore, key)[0]
        assert django["_auth_user_id"]
        with CaptureQueriesContext(connection) as asked:
            assert dict(store.items()) == django  # already loaded: no query
        assert store.session_key == key and not asked.captured_queries
    assert read_sessions(set()) == {}


def test_the_user_read_as_djangos_backend_reads_it(sandbox: Round) -> None:
    ours, django = PasswordBackend(), ModelBackend()
    someone = user("party1")
    for user_id in (someone.pk, str(someone.pk), 10**9, None):
        assert _fields(ours.get_user(user_id)) == _fields(django.get_user(user_id)), user_id
    assert ours.get_user("not a number") is None  # (Django's raises ValueError)
    assert _fields(ours.get_user(str(someone.pk))) == _fields(User.objects.get(pk=someone.pk))
    User.objects.filter(pk=someone.pk).update(is_active=False)
    assert ours.get_user(someone.pk) is None and django.get_user(someone.pk) is None


def test_a_page_reads_session_and_user_once_each(sandbox: Round) -> None:
    client = client_of("party1")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/en/rounds/{sandbox.pk}/room/")
    assert page.status_code == 200
    assert user("party1").get_full_name() in page.content.decode() or "party1" in str(
        page.context["user"]
    )
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "django_session"' in s for s in sql) == 1, sql
    assert sum('FROM "accounts_user" WHERE id' in s for s in sql) == 1, sql


def test_a_session_logged_in_through_djangos_backend_goes_on(sandbox: Round) -> None:
    client = client_of("party1")
    key = client.cookies["sessionid"].value
    store = DjangosStore(session_key=key)
    data = store.load()
    assert data[BACKEND_SESSION_KEY] == PASSWORD_BACKEND
    data[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # as before
    store.update(data)
    store.save()
    again = Client()
    again.cookies["sessionid"] = key
    page = again.get(f"/en/rounds/{sandbox.pk}/room/")
    assert page.status_code == 200  # still logged in, not sent to the login page
    read = async_to_sync(SessionStore(session_key=key).aload)()  # (the event stream's way)
    assert read[BACKEND_SESSION_KEY] == PASSWORD_BACKEND
    # Any other backend's name is not taken for it: the session is logged out.
    data[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.RemoteUserBackend"
    store.update(data)
    store.save()
    assert again.get(f"/en/rounds/{sandbox.pk}/room/").status_code == 302
