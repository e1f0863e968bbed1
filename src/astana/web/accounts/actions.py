"""Writes on accounts: creating a login for a person acting for an organisation; recording a
login lockout and lifting one."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.processes.models import Membership, Organisation, Person

__all__ = ["AccountError", "account_lockout", "account_unlock", "user_create"]


class AccountError(ValueError):
    """A login could not be created; nothing was written."""


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    name: str,
    organisation_slug: str | None = None,
    staff: bool = False,
    check_password: bool = True,
) -> User:
    """Create a login and its person; with an organisation, the person acts for it."""
    username = username.strip()
    if not username or len(username) > 150:
        raise AccountError("A user name of 1 to 150 characters is needed.")
    if User.objects.filter(username=username).exists():
        raise AccountError(f"The user name {username!r} is taken.")
    organisation = None
    if organisation_slug:
        organisation = Organisation.objects.filter(slug=organisation_slug).first()
        if organisation is None:
            raise AccountError(f"There is no organisation {organisation_slug!r}.")
    user = User(username=username, is_staff=staff)
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise AccountError(" ".join(error.messages)) from error
    user.set_password(password)
    user.save()
    if staff:
        from django.contrib.auth.models import Permission

        # Staff read the records in the admin; it changes nothing (see accounts.admin).
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="processes", codename__startswith="view_"
            )
        )
    slug = slugify(f"user-{username}")[:120] or f"user-{user.pk}"
    person = Person.objects.create(slug=slug, name_en=name, user=user, is_sandbox=True)
    if organisation is not None:
        Membership.objects.create(person=person, organisation=organisation)
    return user


def _account_audit(action: Action, username: str, detail: dict[str, Any]) -> None:
    """One audit entry per organisation the account's person acts for (so the convener and
    host of the rounds it takes part in see it in the round's audit), or one without."""
    user = User.objects.filter(username=username).first()
    organisations: list[Organisation | None] = [None]
    if user is not None:
        found = list(Organisation.objects.filter(memberships__person__user=user).distinct())
        organisations = list(found) or [None]
    for organisation in organisations:
        audit(
            None,
            action,
            User,
            username[:80],
            for_organisation=organisation,
            **{"username": username[:150], **detail},
        )


@transaction.atomic
def account_lockout(*, username: str, account: bool, address: bool, minutes: int) -> None:
    """``account.lockout``: too many failed logins locked ``username`` (``account``) and/or the
    address they came from (``address``, not recorded here: axes' table keeps it)."""
    locked = [what for what, on in (("account", account), ("address", address)) if on]
    _account_audit(Action.ACCOUNT_LOCKOUT, username, {"locked": locked, "minutes": minutes})


@transaction.atomic
def account_unlock(*, username: str = "", address: str = "", by: str = "command line") -> int:
    """``account.unlock``: forget the failed logins of ``username`` and/or ``address`` at
    once; the number of records removed (0: nothing was locked or counted)."""
    from axes.handlers.proxy import AxesProxyHandler

    username, address = username.strip(), address.strip()
    if not username and not address:
        raise AccountError("Name a user or an address to unlock.")
    if address:
        try:
            address = str(ipaddress.ip_address(address))
        except ValueError as error:
            raise AccountError(f"{address[:60]!r} is not an IP address.") from error
    removed = 0
    if username:
        removed += AxesProxyHandler.reset_attempts(username=username)
    if address:
        removed += AxesProxyHandler.reset_attempts(ip_address=address)
    detail: dict[str, object] = {"removed": removed, "by": by}
    if address:
        detail["address"] = address
    _account_audit(Action.ACCOUNT_UNLOCK, username or address, detail)
    return removed
