"""Domain records of a process (DOMAIN.md sections 1, 2 and 7).

Translatable text is stored per language in ``<field>_ar``, ``<field>_en`` and
``<field>_ru`` columns and read through :func:`astana.web.processes.translated.translated`.
Dates the sources give only to the month or year are kept as partial ISO dates
(``2017``, ``2017-07``, ``2017-07-13``), which sort correctly as text.

The records are split by what they describe: ``fields`` (partial dates, translated columns,
role choices), ``sources``, ``people`` (organisations, persons, memberships), ``processes``
(processes, participations, rounds, sessions, agenda items) and ``record`` (outcome
documents, timeline events, claims). Migrations and every other module import them from
here, ``astana.web.processes.models``.
"""

from __future__ import annotations

from astana.web.processes.models.fields import (
    ROLE_CHOICES,
    ROLE_LABELS,
    PartialDateField,
    TranslatedMixin,
    text_columns,
    text_field,
    validate_partial_date,
)
from astana.web.processes.models.people import Membership, Organisation, Person
from astana.web.processes.models.processes import (
    AgendaItem,
    Participation,
    Process,
    Round,
    Session,
    default_second_factor_roles,
)
from astana.web.processes.models.record import Claim, OutcomeDocument, TimelineEvent
from astana.web.processes.models.sources import Source

__all__ = [
    "ROLE_CHOICES",
    "ROLE_LABELS",
    "AgendaItem",
    "Claim",
    "Membership",
    "Organisation",
    "OutcomeDocument",
    "PartialDateField",
    "Participation",
    "Person",
    "Process",
    "Round",
    "Session",
    "Source",
    "TimelineEvent",
    "TranslatedMixin",
    "default_second_factor_roles",
    "text_columns",
    "text_field",
    "validate_partial_date",
]
