"""``token.create``, ``token.revoke`` and the look-up behind bearer authentication.

A token is ``ast_`` followed by 32 random bytes in URL-safe base64; the database holds only
its SHA-256, so a copy of the database does not hand out logins. The audit entry records
that a token was made or revoked, never the token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from astana.web.accounts.models import User
from astana.web.api.models import ApiToken
from astana.web.negotiation.actions.common import checked_plain
from astana.web.negotiation.errors import ActionError, NotFound
from astana.web.negotiation.models import AuditEntry

__all__ = ["PREFIX", "digest_of", "token_create", "token_revoke", "token_user"]

PREFIX = "ast_"
MAX_NAME = 100
MAX_TOKEN = 200
# last_used_at is written at most this often per token, not on every request.
TOUCH_EVERY = timedelta(minutes=1)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _audit(user: User, action: str, token: ApiToken) -> None:
    AuditEntry.objects.create(
        action=action,
        actor=user,
        object_type="apitoken",
        object_id=str(token.pk),
        detail={"name": token.name},
    )


@transaction.atomic
def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``: the row and the token itself, which is never stored."""
    name = checked_plain(name.strip(), "The token name")
    if len(name) > MAX_NAME:
        raise ActionError(f"A token name is at most {MAX_NAME} characters.")
    if not user.is_active:
        raise ActionError(f"The user {user.get_username()!r} is not active.")
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name, digest=digest_of(token))
    _audit(user, "token.create", row)
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
        _audit(user, "token.revoke", row)
    return row


def token_user(token: str) -> User | None:
    """The active user a live token belongs to, else None; notes when it was last used."""
    if not token.startswith(PREFIX) or len(token) > MAX_TOKEN:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
