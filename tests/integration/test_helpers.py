"""The shared test helpers check what they claim: ``unchanged`` sees a new row, a changed
column and a deleted row in any platform table, both ways (the change log and the counts),
and only the token use and login times pass, and a write rolled back is no change;
``people`` gives every demo role, the outsider, and signed-in clients and tokens for them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from tests.helpers.people import (
    ANONYMOUS,
    DEMO_ROLES,
    OUTSIDER,
    ROLES,
    bearer,
    client_of,
    login,
    token_of,
    user,
)
from tests.helpers.unchanged import LOG_TABLE, database_state, install_change_log, unchanged

from astana.web.api.models import ApiToken
from astana.web.demo import DEMO_USERS
from astana.web.processes.models import Organisation, Process

pytestmark = pytest.mark.django_db

#: Both ways of seeing a change: the change log (False) and counts with checksums (True).
WAYS = pytest.mark.parametrize("counted", [False, True], ids=["log", "counted"])


def test_the_change_log_is_complete_after_setup() -> None:
    assert database_state().position is not None
    assert database_state(counted=True).position is None


@WAYS
def test_nothing_done_is_nothing_changed(counted: bool) -> None:
    before = database_state(counted=counted)
    assert database_state(counted=counted).changes_since(before) == []
    with unchanged(counted=counted):
        Process.objects.count()


@WAYS
def test_a_changed_column_is_seen(counted: bool) -> None:
    process = Process.objects.order_by("pk").first()
    assert process is not None
    seen = r"renaming changed: processes_process \((a row's content|1 row written)\)"
    with pytest.raises(AssertionError, match=seen), unchanged("renaming", counted=counted):
        Process.objects.filter(pk=process.pk).update(title_en=process.title_en + ".")


@WAYS
def test_an_update_that_changes_nothing_is_no_change(counted: bool) -> None:
    process = Process.objects.order_by("pk").first()
    assert process is not None
    with unchanged(counted=counted):
        Process.objects.filter(pk=process.pk).update(title_en=process.title_en)


@WAYS
def test_a_new_row_and_a_deleted_row_are_seen(counted: bool) -> None:
    more = r"processes_organisation \((\d+ rows, now \d+|1 row written)\)"
    with pytest.raises(AssertionError, match=more), unchanged(counted=counted):
        Organisation.objects.create(slug="tidy-new", name_en="New")
    with pytest.raises(AssertionError, match="processes_organisation"), unchanged(counted=counted):
        Organisation.objects.filter(slug="tidy-new").delete()


@WAYS
def test_a_many_to_many_link_is_seen(counted: bool) -> None:
    party1 = user("party1")
    group = party1.groups.model.objects.create(name="tidy")
    with pytest.raises(AssertionError, match="accounts_user_groups"), unchanged(counted=counted):
        party1.groups.add(group)


@WAYS
def test_a_write_rolled_back_is_no_change(counted: bool) -> None:
    with unchanged(counted=counted):
        try:
            with transaction.atomic():
                Organisation.objects.create(slug="tidy-gone", name_en="Gone")
                raise RuntimeError("refused")
        except RuntimeError:
            pass


def test_a_missing_trigger_falls_back_to_counting() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute('DROP TRIGGER astana_test_log_0_insert ON "' + _first_table() + '"')
        else:
            cursor.execute("DROP TRIGGER astana_test_log_0_insert")
    assert database_state().position is None  # the test's transaction brings it back
    with pytest.raises(AssertionError, match="processes_organisation"), unchanged():
        Organisation.objects.create(slug="tidy-counted", name_en="Counted")
    install_change_log()
    assert database_state().position is not None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {LOG_TABLE}")
        assert cursor.fetchone()[0] > 0


def _first_table() -> str:
    from tests.helpers.unchanged import _primary_keys

    return next(iter(_primary_keys()))


@WAYS
def test_token_use_and_login_times_pass(counted: bool) -> None:
    token = token_of("party1")
    with unchanged(counted=counted):
        ApiToken.objects.update(last_used_at=datetime(2030, 1, 1, tzinfo=UTC))
        login("party1")
        client_of("mediator")
    assert client_of(ANONYMOUS).get("/api/tokens", headers=bearer(token)).status_code == 200


def test_the_people() -> None:
    assert tuple(row[0] for row in DEMO_USERS) == DEMO_ROLES
    assert (ANONYMOUS, *DEMO_ROLES, OUTSIDER) == ROLES
    assert user("party1").username == "party1"
    outsider = user(OUTSIDER)
    assert user(OUTSIDER) == outsider  # made once
    assert login(OUTSIDER).get("/en/").status_code == 200
    assert bearer(None) == {}
    assert bearer("t") == {"Authorization": "Bearer t"}
