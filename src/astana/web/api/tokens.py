"""``token.create``, ``token.list``, ``token.revoke`` and the look-up behind bearer
authentication.

A token is ``ast_`` followed by 32 random bytes in URL-safe base64; the database holds only
its SHA-256, so a copy of the database does not hand out logins. The audit entry records
that a token was made or revoked, never the token. A token expires after the days chosen
when it is made (``ASTANA_TOKEN_DAYS`` by default, at most ``ASTANA_TOKEN_MAX_DAYS``); every
live token of a user is revoked when their password changes or their account is deactivated
(``revoke_on_account_change``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.api.models import ApiToken
from astana.web.common.audit import audit
from astana.web.common.characters import checked_plain
from astana.web.common.errors import ActionError, NotFound

__all__ = [
    "PREFIX",
    "digest_of",
    "revoke_on_account_change",
    "token_create",
    "token_revoke",
    "token_user",
    "tokens_of",
    "tokens_revoke_all",
]

PREFIX = "ast_"
MAX_NAME = 100
MAX_TOKEN = 200
# last_used_at is written at most this often per token, not on every request.
TOUCH_EVERY = timedelta(minutes=1)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _audit(user: User, action: Action, token: ApiToken, reason: str = "") -> None:
    detail: dict[str, Any] = {"name": token.name}
    if reason:
        detail["reason"] = reason
    audit(user, action, token, token.pk, **detail)


@transaction.atomic
def token_create(
    *, user: User, name: str = "", days: int | None = None, verified: bool = False
) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid for ``days`` (``ASTANA_TOKEN_DAYS`` if None): the row and
    the token itself, which is never stored. ``verified``: made by a session verified by a
    second factor, and acting as one."""
    name = checked_plain(name.strip(), "The token name")
    if len(name) > MAX_NAME:
        raise ActionError(f"A token name is at most {MAX_NAME} characters.")
    longest = int(settings.ASTANA_TOKEN_MAX_DAYS)
    days = int(settings.ASTANA_TOKEN_DAYS) if days is None else days
    if not 1 <= days <= longest:
        raise ActionError(f"A token lasts from 1 to {longest} days.")
    if not user.is_active:
        raise ActionError(f"The user {user.get_username()!r} is not active.")
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        name=name,
        digest=digest_of(token),
        expires_at=timezone.now() + timedelta(days=days),
        verified=verified,
    )
    _audit(user, Action.TOKEN_CREATE, row)
    return row, token


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of ``user``'s tokens (revoking twice is harmless)."""
    row = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if row is None:
        raise NotFound(f"{user.get_username()} has no token {token_id}.")
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        _audit(user, Action.TOKEN_REVOKE, row)
    return row


@transaction.atomic
def tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every live token of ``user`` (``reason`` goes into each audit entry)."""
    rows = list(
        ApiToken.objects.select_for_update().filter(
            user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
    )
    now = timezone.now()
    for row in rows:
        row.revoked_at = now
        row.save(update_fields=["revoked_at"])
        _audit(user, Action.TOKEN_REVOKE, row, reason)
    return len(rows)


def revoke_on_account_change(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    """``post_save`` of a user: a new password (``set_password`` then ``save``; not the hasher's
    own upgrade of a stored hash on login, which saves with ``_password`` cleared) or a
    deactivated account revokes every live token."""
    if created:
        return
    if getattr(instance, "_password", None) is not None:
        tokens_revoke_all(user=instance, reason="password changed")
    elif not instance.is_active:
        tokens_revoke_all(user=instance, reason="account deactivated")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """``user``'s tokens, newest first (never anyone else's)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_user(token: str) -> User | None:
    """The active user a live, unexpired token belongs to, else None; notes when it was last
    used."""
    if not token.startswith(PREFIX) or len(token) > MAX_TOKEN:
        return None
    now = timezone.now()
    row = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=digest_of(token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    verified = row.verified
    row.user.is_verified = lambda: verified  # type: ignore[attr-defined]  # as OTPMiddleware's
    return row.user
