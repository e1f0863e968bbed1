"""The shared test helpers check what they claim: ``unchanged`` sees a new row, a changed
column and a deleted row in any platform table, and only the token use and login times pass;
``people`` gives every demo role, the outsider, and signed-in clients and tokens for them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
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
from tests.helpers.unchanged import database_state, unchanged

from astana.web.api.models import ApiToken
from astana.web.demo import DEMO_USERS
from astana.web.processes.models import Organisation, Process

pytestmark = pytest.mark.django_db


def test_nothing_done_is_nothing_changed() -> None:
    before = database_state()
    assert database_state().changes_since(before) == []
    with unchanged():
        Process.objects.count()


def test_a_changed_column_is_seen() -> None:
    process = Process.objects.order_by("pk").first()
    assert process is not None
    seen = r"renaming changed: processes_process \(a row's content\)"
    with pytest.raises(AssertionError, match=seen), unchanged("renaming"):
        Process.objects.filter(pk=process.pk).update(title_en=process.title_en + ".")


def test_a_new_row_and_a_deleted_row_are_seen() -> None:
    more = r"processes_organisation \(\d+ rows, now \d+\)"
    with pytest.raises(AssertionError, match=more), unchanged():
        Organisation.objects.create(slug="tidy-new", name_en="New")
    with pytest.raises(AssertionError, match="processes_organisation"), unchanged():
        Organisation.objects.filter(slug="tidy-new").delete()


def test_a_many_to_many_link_is_seen() -> None:
    party1 = user("party1")
    group = party1.groups.model.objects.create(name="tidy")
    with pytest.raises(AssertionError, match="accounts_user_groups"), unchanged():
        party1.groups.add(group)


def test_token_use_and_login_times_pass() -> None:
    token = token_of("party1")
    with unchanged():
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
