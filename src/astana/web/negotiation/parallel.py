"""A text in two or three languages side by side, aligned provision by provision.

Each provision is one row, with its wording in each language in a cell of that row, so that
Art. 2 ¶1 in Arabic begins at the same height as Art. 2 ¶1 in English however long either
is (as the PDF's parallel columns do). The provisions' markup is the one
:func:`~astana.web.negotiation.rendering.render_provisions` gives a single column; a row is
indented by its provision's depth in the text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from astana.core.text import ProvisionStanding
from astana.web.negotiation.rendering import Names, render_provisions

__all__ = ["MAX_DEPTH", "ParallelColumn", "flatten", "render_parallel", "shown_in_another_language"]

#: Deeper provisions are indented as this depth is (the stylesheet has a class per depth).
MAX_DEPTH = 6

ParallelColumn = tuple[str, str, Sequence[Mapping[str, Any]]]
"""A column: its language, its direction and its view's provisions (a tree)."""


def flatten(
    provisions: Sequence[Mapping[str, Any]], depth: int = 0
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Each provision of the tree in reading order with its depth, without its children."""
    for provision in provisions:
        yield depth, {**provision, "children": []}
        yield from flatten(provision.get("children") or (), depth + 1)


def render_parallel(
    columns: Sequence[ParallelColumn],
    names: Names,
    standing: Mapping[str, ProvisionStanding] | None = None,
    problems: Mapping[str, Sequence[str]] | None = None,
) -> SafeString:
    """One row per provision (in the first column's order, then any a later column alone
    has), one cell per column; a provision a column lacks leaves its cell empty."""
    flat = [list(flatten(provisions)) for _language, _direction, provisions in columns]
    by_id = [{p["id"]: (depth, p) for depth, p in column} for column in flat]
    order: list[str] = []
    depth_of: dict[str, int] = {}
    for column in flat:
        for depth, provision in column:
            if provision["id"] not in depth_of:
                order.append(provision["id"])
                depth_of[provision["id"]] = depth
    rows = []
    for provision_id in order:
        cells = []
        for index, ((language, direction, _provisions), cells_of) in enumerate(
            zip(columns, by_id, strict=True)
        ):
            found = cells_of.get(provision_id)
            # The page's anchor of a provision (#prov-…) is the first column's, once.
            body = (
                render_provisions([found[1]], names, standing, problems, anchors=index == 0)
                if found
                else ""
            )
            cells.append((language, direction, min(depth_of[provision_id], MAX_DEPTH), body))
        rows.append(
            format_html(
                '<div class="aligned-row" data-provision="{}">{}</div>',
                provision_id,
                format_html_join(
                    "",
                    '<div class="aligned-cell" lang="{}" dir="{}">'
                    '<ol class="provisions depth-{}">{}</ol></div>',
                    cells,
                ),
            )
        )
    return format_html(
        '<div class="aligned columns-{}">{}</div>',
        len(columns),
        format_html_join("", "{}", ((row,) for row in rows)),
    )


def shown_in_another_language(asked: str, shown: str) -> str:
    """The notice over a text shown in ``shown`` because it has no version in ``asked``
    (the reader's language); empty when they are the same."""
    if asked == shown:
        return ""
    notices = {
        ("ar", "en"): _("This text has no Arabic version; it is shown in English."),
        ("ar", "ru"): _("This text has no Arabic version; it is shown in Russian."),
        ("en", "ar"): _("This text has no English version; it is shown in Arabic."),
        ("en", "ru"): _("This text has no English version; it is shown in Russian."),
        ("ru", "en"): _("This text has no Russian version; it is shown in English."),
        ("ru", "ar"): _("This text has no Russian version; it is shown in Arabic."),
    }
    return notices.get((asked, shown), "")
