"""Organisations and roles as a person writes them in a form: an organisation by its name or
short name in any of the platform's languages ("Syrian National Coalition", "الائتلاف الوطني
السوري", "SNC"), or by its short identifier; a role by its word in any language ("party",
"طرف", "сторона") or its code. Case, spacing and Arabic letter variants do not matter."""

from __future__ import annotations

import re

from django.utils import translation

from astana.core.language import LANGUAGES, fold_arabic
from astana.core.roles import Role
from astana.web.processes.models import ROLE_LABELS, Organisation

__all__ = ["organisation_named", "role_named"]


def _key(text: str) -> str:
    return fold_arabic(re.sub(r"\s+", " ", text).strip().casefold())


def organisation_named(text: str) -> Organisation | None:
    """The one organisation ``text`` names (identifier, name or short name), else None: a
    name two organisations share names neither."""
    key = _key(text)
    if not key:
        return None
    by_slug = Organisation.objects.filter(slug=text.strip()).first()
    if by_slug is not None:
        return by_slug
    found = []
    fields = [f"{f}_{lang}" for f in ("name", "short_name") for lang in LANGUAGES]
    for row in Organisation.objects.only("pk", "slug", *fields):
        if any(_key(getattr(row, f) or "") == key for f in fields):
            found.append(row)
    return found[0] if len(found) == 1 else None


def role_named(text: str) -> str | None:
    """The role ``text`` names (its code, or its word in any platform language), else None."""
    key = _key(text)
    for role in Role:
        if key == role.value:
            return role.value
    for language in LANGUAGES:
        with translation.override(language):
            for code, label in ROLE_LABELS.items():
                if key == _key(str(label)):
                    return code
    return None
