"""API tokens: a user's bearer tokens for the JSON API.

Only the SHA-256 of a token is stored; the token itself (``ast_`` and 43 URL-safe
characters) is shown once, when it is made, and cannot be read back. A token expires at
``expires_at`` (chosen when it is made); a revoked or expired token stays as a row (who had
it, when it was last used) but no longer authenticates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A bearer token of ``user``, named so its owner can tell their tokens apart."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, default="")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Made by a session verified by a second factor: acts as verified (accounts.second_factor).
    verified = models.BooleanField(default=False)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return f"token {self.pk} of {self.user} ({self.name or 'unnamed'})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        """``revoked``, ``expired`` or ``live``."""
        return "revoked" if self.revoked else "expired" if self.expired else "live"
