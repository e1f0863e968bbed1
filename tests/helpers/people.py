"""The demo people the tests act as: one login per role of the demo process (every one of them
takes part in the sandbox round), anonymous visitors and an outsider who takes part in nothing,
and how to act as each one in pages (a logged-in client) and in the API (a bearer token)."""

from __future__ import annotations

from typing import Final

from django.test import Client

from astana.web.accounts.models import User
from astana.web.api.tokens import token_create
from astana.web.demo import DEMO_PASSWORD, DEMO_USERS

__all__ = [
    "ANONYMOUS",
    "DEMO_ROLES",
    "OUTSIDER",
    "OUTSIDER_PASSWORD",
    "ROLES",
    "bearer",
    "client_of",
    "login",
    "token_of",
    "user",
]

ANONYMOUS: Final = "anonymous"
OUTSIDER: Final = "outsider"
OUTSIDER_PASSWORD: Final = "an-outsider-password"
DEMO_ROLES: Final[tuple[str, ...]] = tuple(row[0] for row in DEMO_USERS)  # their logins
# Who a role matrix asks: nobody, every demo role, and a user who takes part in nothing.
ROLES: Final[tuple[str, ...]] = (ANONYMOUS, *DEMO_ROLES, OUTSIDER)


def user(name: str) -> User:
    """The demo user ``name``; the outsider is made the first time it is asked for."""
    if name == OUTSIDER:
        found, made = User.objects.get_or_create(username=OUTSIDER)
        if made:
            found.set_password(OUTSIDER_PASSWORD)
            found.save()
        return found
    return User.objects.get(username=name)


def client_of(name: str) -> Client:
    """A browser session of ``name`` (signed in without the login page; none for anonymous)."""
    client = Client()
    if name != ANONYMOUS:
        client.force_login(user(name))
    return client


def login(name: str, client: Client | None = None) -> Client:
    """``client`` (a new one by default) signed in through the login with ``name``'s password."""
    client = client or Client()
    password = OUTSIDER_PASSWORD if name == OUTSIDER else DEMO_PASSWORD
    if name == OUTSIDER:
        user(name)
    assert client.login(username=name, password=password), f"{name} could not log in"
    return client


def token_of(name: str, label: str = "tests") -> str:
    """A new API token of ``name``."""
    return token_create(user=user(name), name=label)[1]


def bearer(token: str | None) -> dict[str, str]:
    """The request headers that present ``token`` (none for anonymous)."""
    return {"Authorization": f"Bearer {token}"} if token else {}
