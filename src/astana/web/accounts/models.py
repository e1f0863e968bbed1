"""The login account. The person it belongs to, and that person's organisations, live in
``processes``; an account without a person is staff (the secretariat's admins) or a visitor."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A login. ``preferred_language`` chooses the interface language after login."""

    preferred_language = models.CharField(
        max_length=2,
        choices=[("ar", "العربية"), ("en", "English"), ("ru", "Русский")],
        default="en",
    )

    class Meta:
        db_table = "accounts_user"
