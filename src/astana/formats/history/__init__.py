"""The built-in historical record: schema, parser and checks for ``data/history/*.yaml``.

A history file (schema ``astana-history/1``, described in ``docs/data-format.md``) holds
sources, organisations, persons, processes (with their rounds, sessions, outcome
documents and timeline events) and claims, the statements on which sources disagree.
``load_history`` reads one file and ``load_history_files`` several, merging them and
checking every reference across all of them. Any problem raises ``HistoryDataError``,
whose text is ``FILE:LINE:COLUMN: reason`` with the line of the offending key or item,
so the person editing the file can go straight to it.

The YAML is composed into nodes (not constructed) so that the position of every mapping
key and sequence item is known; plain scalars stay text except null, booleans and
integers, so dates such as ``2017-07-13`` are never turned into ``datetime`` values.

The package's modules: ``dates`` (partial dates), ``schema`` (field types and records),
``parsing`` (YAML with line numbers into records), ``positions`` (where each key is),
``references`` (checks across records and files), ``errors`` (``HistoryDataError``).
"""

from __future__ import annotations

from astana.formats.history.dates import PartialDate
from astana.formats.history.errors import HistoryDataError
from astana.formats.history.parsing import load_history, load_history_files
from astana.formats.history.schema import (
    LANGUAGES,
    SCHEMA,
    SEED_SLUGS,
    Claim,
    Document,
    Event,
    HistoryFile,
    Membership,
    Organisation,
    Participation,
    Person,
    Process,
    Round,
    Session,
    Source,
    Translated,
)

__all__ = [
    "LANGUAGES",
    "SCHEMA",
    "SEED_SLUGS",
    "Claim",
    "Document",
    "Event",
    "HistoryDataError",
    "HistoryFile",
    "Membership",
    "Organisation",
    "PartialDate",
    "Participation",
    "Person",
    "Process",
    "Round",
    "Session",
    "Source",
    "Translated",
    "load_history",
    "load_history_files",
]
