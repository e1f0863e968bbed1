"""What every record of a process is made of: partial dates, translated text columns
(``<field>_ar``, ``<field>_en``, ``<field>_ru``) and the roles an organisation can hold."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from astana.core.language import LANGUAGES, InLanguage
from astana.core.roles import Role
from astana.formats.history import PartialDate
from astana.web.processes.translated import translated


def validate_partial_date(value: str) -> None:
    """A year, a year and month, or a full date, in ISO form (read as a ``PartialDate``)."""
    try:
        PartialDate.parse(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


class PartialDateField(models.CharField):  # type: ignore[type-arg]
    """A partial ISO date kept as text."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("validators", [validate_partial_date])
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def text_field(max_length: int | None = None, blank: bool = True) -> models.Field:  # type: ignore[type-arg]
    """One language's column of a translated field (``title_ar``): text, empty by default."""
    if max_length is None:
        return models.TextField(blank=blank, default="")
    return models.CharField(max_length=max_length, blank=blank, default="")


def text_columns(max_length: int | None = None) -> tuple[models.Field, ...]:  # type: ignore[type-arg]
    """The columns of a translated field, one per language of ``LANGUAGES`` in its order:
    ``title_ar, title_en, title_ru = text_columns(300)`` (a language added there is a line
    here that no longer unpacks, and a migration)."""
    return tuple(text_field(max_length) for _language in LANGUAGES)


ROLE_CHOICES = [
    (Role.CONVENER.value, _("convener")),
    (Role.HOST.value, _("host")),
    (Role.MEDIATOR.value, _("mediator")),
    (Role.PARTY.value, _("party")),
    (Role.GUARANTOR.value, _("guarantor")),
    (Role.OBSERVER.value, _("observer")),
    (Role.EXPERT.value, _("expert")),
    (Role.SECRETARIAT.value, _("secretariat")),
]
ROLE_LABELS = dict(ROLE_CHOICES)


class TranslatedMixin:
    """``obj.tr("title", "ar")`` reads a translated field with fallback."""

    def tr(self, field: str, language: str) -> InLanguage:
        return translated(self, field, language)  # type: ignore[arg-type]
