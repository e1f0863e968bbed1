"""Every logged-in request reads its session and its user: both by one statement written once,
instead of a query the ORM builds anew for each request (Django's ``QuerySet.get``: about a
third of a served page's own work). The statements and what they return are Django's own:

- ``SessionStore`` (``SESSION_ENGINE = "astana.web.accounts.loading"``): Django's
  database-backed sessions; a session is read where its key matches and it has not expired,
  as Django reads it. Saving, ending and clearing sessions are Django's. A session logged in
  before this backend replaced Django's ``ModelBackend`` (whose name it holds) goes on.
- ``PasswordBackend``: Django's ``ModelBackend`` (the password check, the permissions); the
  logged-in user is read by primary key through ``raw`` (the database's own conversions of
  each column, as the ORM applies them), and refused if inactive, as Django refuses it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from astana.web.accounts.models import User

__all__ = ["PASSWORD_BACKEND", "PasswordBackend", "SessionStore", "read_sessions"]

PASSWORD_BACKEND = "astana.web.accounts.loading.PasswordBackend"
DJANGOS_BACKEND = "django.contrib.auth.backends.ModelBackend"


class _Stored:
    """A session's row as ``load`` uses it: its encoded data."""

    __slots__ = ("session_data",)

    def __init__(self, session_data: str) -> None:
        self.session_data = session_data


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, each read by one statement (see the module)."""

    def load(self) -> dict[str, Any]:
        return _carried_over(super().load())

    async def aload(self) -> dict[str, Any]:
        return _carried_over(await super().aload())

    def _get_session_from_db(self) -> Any:
        key = self.session_key
        found = _stored([key]) if key is not None else []  # (None: no cookie, or a bad key)
        if not found:  # unknown or expired: a new session, as Django's
            self._session_key = None
            return None
        return _Stored(found[0][1])


def _stored(keys: list[str]) -> list[tuple[str, str]]:
    """The key and encoded data of each live session of ``keys`` (stored and unexpired, as
    Django reads one), by one statement."""
    model = DatabaseSessionStore.get_model_class()  # (its columns are its fields' names)
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT session_key, session_data FROM {table}"  # noqa: S608 - our names and marks
        f" WHERE session_key IN ({marks}) AND expire_date > %s"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, now])
        return list(cursor.fetchall())


def read_sessions(keys: set[str]) -> dict[str, SessionStore]:
    """The live sessions of ``keys`` (those stored and unexpired), read by one statement, each
    as its ``SessionStore`` already loaded: what reading each alone would give."""
    found = {}
    for key, data in _stored(sorted(keys)) if keys else []:
        store = SessionStore(key)
        store._session_cache = _carried_over(store.decode(data))  # type: ignore[attr-defined]  # (what load() fills)
        found[key] = store
    return found


def _carried_over(data: dict[str, Any]) -> dict[str, Any]:
    """A session logged in before ``PasswordBackend`` took Django's place names Django's
    ``ModelBackend``: the same backend, so the session goes on (Django would end it, that
    backend no longer being listed)."""
    if data.get(BACKEND_SESSION_KEY) == DJANGOS_BACKEND:
        data[BACKEND_SESSION_KEY] = PASSWORD_BACKEND
    return data


class PasswordBackend(ModelBackend):
    """Django's ``ModelBackend``, the logged-in user read by one statement (see the module)."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        table = connections[router.db_for_read(User)].ops.quote_name(User._meta.db_table)
        sql = f"SELECT * FROM {table} WHERE id = %s"  # noqa: S608 - our names
        found = list(User.objects.raw(sql, [pk]))
        if not found or not self.user_can_authenticate(found[0]):
            return None
        return found[0]
