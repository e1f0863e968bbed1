"""A token's life (issue 13): it expires (days chosen when made, within the server's maximum);
a password change or a deactivated account revokes every live token; its owner lists and
revokes their tokens through the API and the page; nobody else can see or revoke them (404,
like a missing one)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from astana.web.accounts.demo import DEMO_PASSWORD
from astana.web.accounts.models import User
from astana.web.api.models import ApiToken
from astana.web.api.tokens import token_create
from astana.web.common.errors import ActionError
from astana.web.common.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-and-long-passphrase-42"


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _status(token: str, path: str = "/api/tokens") -> int:
    return Client().get(path, headers={"Authorization": f"Bearer {token}"}).status_code


def test_a_token_expires() -> None:
    row, token = token_create(user=_user("party1"), name="short", days=1)
    assert row.expires_at - timezone.now() > timedelta(hours=23)
    assert _status(token) == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get("/api/tokens", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and "Authentication required" in response.json()["error"]


def test_the_default_and_the_maximum_lifetime() -> None:
    row, _ = token_create(user=_user("party1"))
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)
    with override_settings(ASTANA_TOKEN_MAX_DAYS=10), pytest.raises(ActionError, match="1 to 10"):
        token_create(user=_user("party1"), days=11)
    with pytest.raises(ActionError):
        token_create(user=_user("party1"), days=0)


def test_a_password_change_revokes_every_token() -> None:
    party1 = _user("party1")
    _, first = token_create(user=party1, name="one")
    _, second = token_create(user=party1, name="two")
    _, others = token_create(user=_user("party2"), name="theirs")
    browser = Client()
    browser.force_login(party1)
    changed = browser.post(
        "/en/accounts/password_change/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert changed.status_code == 302
    assert _status(first) == 401 and _status(second) == 401
    assert _status(others) == 200  # another user's tokens live on
    reasons = AuditEntry.objects.filter(action="token.revoke", actor=party1).values_list(
        "detail__reason", flat=True
    )
    assert list(reasons) == ["password changed", "password changed"]


def test_a_hash_upgrade_on_login_revokes_nothing() -> None:
    party1 = _user("party1")
    _, token = token_create(user=party1, name="kept")
    party1.refresh_from_db()
    # A stored hash of an older hasher: the login upgrades it (saving the user) ...
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.MD5PasswordHasher",
        ]
    ):
        assert (
            Client()
            .post("/en/accounts/login/", {"username": "party1", "password": DEMO_PASSWORD})
            .status_code
            == 302
        )
        assert _user("party1").password.startswith("pbkdf2_")
    assert _status(token) == 200  # ... which is no password change


def test_deactivation_revokes_every_token() -> None:
    party3 = _user("party3")
    row, token = token_create(user=party3, name="one")
    party3.is_active = False
    party3.save()
    assert _status(token) == 401
    party3.is_active = True
    party3.save()
    assert _status(token) == 401  # reactivation does not bring it back
    assert ApiToken.objects.get(pk=row.pk).revoked_at is not None


def test_the_owner_lists_and_revokes_through_the_api() -> None:
    party1 = _user("party1")
    row, token = token_create(user=party1, name="script", days=7)
    _, spare = token_create(user=party1, name="spare")
    listed = Client().get("/api/tokens", headers={"Authorization": f"Bearer {spare}"})
    assert listed.status_code == 200
    names = {item["name"]: item for item in listed.json()}
    assert names["script"]["state"] == "live" and "token" not in names["script"]
    assert token not in listed.content.decode() and spare not in listed.content.decode()
    revoked = Client().delete(f"/api/tokens/{row.pk}", headers={"Authorization": f"Bearer {spare}"})
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    assert _status(token) == 401


def test_another_user_can_neither_see_nor_revoke() -> None:
    row, token = token_create(user=_user("party1"), name="mine")
    _, intruder = token_create(user=_user("party2"), name="intruder")
    listed = Client().get("/api/tokens", headers={"Authorization": f"Bearer {intruder}"})
    assert "mine" not in [item["name"] for item in listed.json()]
    answer = Client().delete(
        f"/api/tokens/{row.pk}", headers={"Authorization": f"Bearer {intruder}"}
    )
    missing = Client().delete(
        "/api/tokens/2147483647", headers={"Authorization": f"Bearer {intruder}"}
    )
    assert answer.status_code == missing.status_code == 404
    browser = Client()
    browser.force_login(_user("party2"))
    assert browser.post(f"/en/accounts/tokens/{row.pk}/revoke/").status_code == 404
    assert "mine" not in browser.get("/en/accounts/tokens/").content.decode()
    assert _status(token) == 200


def test_the_tokens_page_makes_lists_and_revokes() -> None:
    browser = Client()
    assert browser.get("/en/accounts/tokens/").status_code == 302  # to the login page
    browser.force_login(_user("observer"))
    made = browser.post("/en/accounts/tokens/", {"name": "laptop", "days": "3"})
    assert made.status_code == 200
    page = made.content.decode()
    token = page.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]
    assert token.startswith("ast_") and _status(token) == 200
    assert token not in browser.get("/en/accounts/tokens/").content.decode()  # shown once
    row = ApiToken.objects.get(user__username="observer", name="laptop")
    assert timedelta(days=2) < row.expires_at - timezone.now() <= timedelta(days=3)
    too_long = browser.post("/en/accounts/tokens/", {"name": "x", "days": "100000"})
    assert too_long.status_code == 400 and "1 to 365 days" in too_long.content.decode()
    not_a_number = browser.post("/en/accounts/tokens/", {"name": "x", "days": "soon"})
    assert not_a_number.status_code == 400
    assert ApiToken.objects.filter(user__username="observer").count() == 1  # nothing written
    assert browser.post(f"/en/accounts/tokens/{row.pk}/revoke/").status_code == 302
    assert _status(token) == 401
    for lang in ("ar", "ru"):
        assert browser.get(f"/{lang}/accounts/tokens/").status_code == 200
