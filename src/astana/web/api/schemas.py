"""The API's shared schema parts, and the api app's own schemas (its tokens).

Every app keeps its API's inputs and outputs in its own ``schemas.py`` (``negotiation``,
``decisions``, ``consultation``, ``signing``) and builds them on what is here: ``Input``
(refusing unknown fields), the id and version types with the largest value any supported
database stores, the error body and the error responses every operation documents, and the
text given per language (``TitlesIn``).

Inputs are typed, with limits, and refuse unknown fields, so a wrong type, an oversized value
or a misspelt field is a 422 naming the field before any action runs. The limits mirror the
actions' own (which check again: the API is not the only caller).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints

from astana.web.api.models import ApiToken

__all__ = [
    "ERRORS",
    "MAX_ID",
    "BasedOnIn",
    "ErrorOut",
    "Id",
    "Input",
    "OrganisationSlug",
    "TitlesIn",
    "TokenCreateIn",
    "TokenInfoOut",
    "TokenOut",
    "Version",
]

MAX_ID = 2_147_483_647  # the largest id or version any supported database stores
Version = Annotated[int, Field(ge=1, le=MAX_ID, description="The version the request is based on.")]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
OrganisationSlug = Annotated[str, StringConstraints(min_length=1, max_length=120)]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    """Why a request was refused; ``changes`` says what changed since the version sent (409)."""

    error: str
    changes: list[str] = []


ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys(
    (400, 401, 403, 404, 409, 413, 422, 429), ErrorOut
)


class TitlesIn(Input):
    ar: Annotated[str, Field(max_length=300)] = ""
    en: Annotated[str, Field(max_length=300)] = ""
    ru: Annotated[str, Field(max_length=300)] = ""


class BasedOnIn(Input):
    based_on: Version


class TokenCreateIn(Input):
    name: Annotated[str, Field(max_length=100)] = ""
    days: Annotated[
        int | None,
        Field(
            ge=1, le=36_500, description="Days it lasts (default 30; the server's maximum applies)."
        ),
    ] = None


class TokenOut(Schema):
    """A new token: ``token`` is shown this once and cannot be read back."""

    id: int
    name: str
    token: str
    created_at: datetime
    expires_at: datetime


class TokenInfoOut(Schema):
    """One of the caller's tokens, never the token itself; ``state``: live, expired, revoked."""

    id: int
    name: str
    state: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def of(row: ApiToken) -> TokenInfoOut:
        return TokenInfoOut(
            id=row.pk,
            name=row.name,
            state=row.state,
            created_at=row.created_at,
            expires_at=row.expires_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )
