"""Logins and roles: every demo user logs in and out; a person inherits the roles of the
organisations they act for; only the secretariat reaches the admin, and only for records."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.helpers.people import DEMO_ROLES

from astana.core.roles import Right, Role
from astana.web.accounts.access import roles_in_process, user_has_right
from astana.web.accounts.actions import AccountError, user_create
from astana.web.accounts.models import User
from astana.web.demo import DEMO_PASSWORD, DEMO_USERS
from astana.web.processes.models import Person, Process

pytestmark = pytest.mark.django_db

USERNAMES = list(DEMO_ROLES)


@pytest.mark.parametrize("username", USERNAMES)
def test_every_demo_user_logs_in_and_out(client: Client, username: str) -> None:
    response = client.post("/en/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get("/en/").content.decode()
    assert username in page and "Log out" in page
    client.post("/en/accounts/logout/")
    assert "Log in" in client.get("/en/").content.decode()


def test_wrong_password_is_refused_in_the_readers_language(client: Client) -> None:
    response = client.post("/ar/accounts/login/", {"username": "mediator", "password": "wrong"})
    assert response.status_code == 200
    assert "اسم المستخدم وكلمة المرور غير متطابقين" in response.content.decode()


@pytest.mark.parametrize(("username", "role", "_org", "_names"), DEMO_USERS)
def test_demo_user_holds_exactly_their_role(
    username: str, role: Role, _org: str, _names: object
) -> None:
    process = Process.objects.get(slug="astana-platform")
    user = User.objects.get(username=username)
    roles = roles_in_process(user, process)
    assert role in roles
    if role is Role.OBSERVER:
        assert not user_has_right(user, process, Right.PROPOSAL_TABLE)
        assert not user_has_right(user, process, Right.CAUCUS_USE)
        assert user_has_right(user, process, Right.TEXT_READ)
    if role is Role.PARTY:
        assert user_has_right(user, process, Right.CAUCUS_USE)
        assert not user_has_right(user, process, Right.REVISION_ISSUE)


def test_anonymous_and_unaffiliated_users_hold_no_role(client: Client) -> None:
    process = Process.objects.get(slug="astana-platform")
    from django.contrib.auth.models import AnonymousUser

    assert roles_in_process(AnonymousUser(), process) == frozenset()
    visitor = user_create(username="visitor", password="a-long-password-1", name="Visitor")
    assert roles_in_process(visitor, process) == frozenset()


ADMIN_PAGES = ["/admin/", "/admin/processes/process/", "/admin/processes/source/"]


@pytest.mark.parametrize("username", USERNAMES)
def test_only_the_secretariat_reaches_the_admin(client: Client, username: str) -> None:
    client.login(username=username, password=DEMO_PASSWORD)
    for url in ADMIN_PAGES:
        status = client.get(url).status_code
        if username == "secretariat":
            assert status == 200, url
        else:
            assert status == 302, url  # redirected to the admin login


def test_secretariat_cannot_manage_logins(client: Client) -> None:
    client.login(username="secretariat", password=DEMO_PASSWORD)
    assert client.get("/admin/accounts/user/").status_code == 403


def test_anonymous_is_sent_to_the_admin_login(client: Client) -> None:
    assert client.get("/admin/").status_code == 302


def test_createuser_refuses_bad_input_and_writes_nothing() -> None:
    people = Person.objects.count()
    with pytest.raises(AccountError, match="taken"):
        user_create(username="mediator", password="a-long-password-1", name="x")
    with pytest.raises(AccountError, match="no organisation"):
        user_create(
            username="new1", password="a-long-password-1", name="x", organisation_slug="nope"
        )
    with pytest.raises(AccountError, match="1 to 150"):
        user_create(username="  ", password="a-long-password-1", name="x")
    with pytest.raises(AccountError):
        user_create(username="new2", password="short", name="x")
    assert Person.objects.count() == people
    assert not User.objects.filter(username__in=["new1", "new2"]).exists()
