"""What every route shares: the error responses it documents, the caller as a ``User``, and
the types of ids in paths."""

from __future__ import annotations

from typing import Annotated, cast

from django.http import HttpRequest
from pydantic import Field

from astana.web.accounts.models import User
from astana.web.api.outputs import ErrorOut
from astana.web.api.schemas import MAX_ID

__all__ = ["ERRORS", "Id", "ProvisionPath", "PublicId", "caller"]

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys(
    (400, 401, 403, 404, 409, 413, 422, 429), ErrorOut
)
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
ProvisionPath = Annotated[str, Field(min_length=1, max_length=200)]
# A proposal's public id: random, so that it counts nobody's drafts.
PublicId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]


def caller(request: HttpRequest) -> User:
    """The authenticated user (the auth classes only let a ``User`` through)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]
