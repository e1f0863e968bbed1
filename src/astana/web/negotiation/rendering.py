"""HTML for the core's view trees (compilation, clean, party, redline): the core returns
structure, this renders it the way diplomats read it: square brackets, numbered options,
attributions ("proposed by X, supported by Y, opposed by Z") in compilation texts only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from astana.core.text import ProvisionStanding, Redline, Wording

Names = Mapping[str, str]


def _names(slugs: Iterable[str], names: Names) -> str:
    return ", ".join(names.get(s, s) for s in slugs)


def _attribution(data: Mapping[str, Any] | None, names: Names) -> SafeString:
    if not data:
        return mark_safe("")
    parts = [
        _("%(ref)s proposed by %(author)s")
        % {"ref": data["proposal"], "author": names.get(data["author"], data["author"])}
    ]
    if data.get("origin") in ("mediator", "bridging"):
        # A mediator's proposal is marked as such where it stands in the text.
        marked = _("mediator's proposal") if data["origin"] == "mediator" else _("bridging text")
        parts[0] += f" ({marked})"
    if data["supporters"]:
        parts.append(_("supported by %(parties)s") % {"parties": _names(data["supporters"], names)})
    if data["opponents"]:
        parts.append(_("opposed by %(parties)s") % {"parties": _names(data["opponents"], names)})
    return format_html('<sup class="attribution">{}</sup>', "; ".join(parts))


def render_inline(items: Iterable[Mapping[str, Any]], names: Names) -> SafeString:
    out: list[SafeString] = []
    for item in items:
        kind = item.get("type")
        if kind == "text":
            out.append(format_html("{}", item["text"]))
        elif kind == "note":
            # A drafting note ({No text required}): shown in grey, never negotiated.
            out.append(format_html('<span class="drafting-note">{{{}}}</span>', item["text"]))
        elif kind == "bracket":
            holders = _names(item["holders"], names)
            # A fragment of a bracket that spans provisions shows only the end it has.
            opens, closes = item.get("opens", True), item.get("closes", True)
            out.append(
                format_html(
                    '<span class="bracket{}" title="{}">{}{}{}</span>{}',
                    "" if opens and closes else " fragment",
                    _("held by %(parties)s") % {"parties": holders} if holders else _("bracketed"),
                    "[" if opens else "",
                    render_inline(item["children"], names),
                    "]" if closes else "",
                    _attribution(item.get("attribution"), names) if closes else "",
                )
            )
        elif kind == "alternatives":
            options = []
            for option in item["options"]:
                options.append(
                    format_html(
                        '<span class="option" title="{}">[{} {}: {}]</span>{}',
                        _names(option["holders"], names),
                        option["label"],
                        option["number"],
                        render_inline(option["children"], names),
                        _attribution(option.get("attribution"), names),
                    )
                )
            out.append(
                format_html('<span class="alternatives">{}</span>', mark_safe(" ".join(options)))
            )
    return mark_safe("".join(out))


STATE_CLASS = {
    "open": "state-open",
    "agreed_ad_referendum": "state-adref",
    "agreed": "state-agreed",
}


def _on(wording: Wording) -> str:
    if wording.revision is None:
        return _("given on an earlier wording")
    return _("given on Rev.%(n)s wording") % {"n": wording.revision}


def _stale(standing: ProvisionStanding | None, names: Names) -> SafeString | str:
    """Badges for positions and an agreement given on another wording of this provision."""
    if standing is None:
        return ""
    notes = [f"{names.get(p.party, p.party)}: {_on(p.wording)}" for p in standing.stale]
    if standing.stale_agreement:
        notes.append(f"{_('agreement')}: {_on(standing.stale_agreement.wording)}")
    return format_html_join(
        "", ' <span class="badge warn stale-wording">{}</span>', ((n,) for n in notes)
    )


def reading_problems(
    stored: Iterable[Mapping[str, Any]], labels: Mapping[str, str]
) -> list[dict[str, Any]]:
    """A revision's stored reading problems as the page lists them: reason and hint in the
    reader's language where translated, the provision they fall in by its label."""
    shown = []
    for problem in stored:
        provision = problem.get("provision") or ""
        shown.append(
            {
                "line": problem["line"],
                "column": problem["column"],
                "reason": _(problem["reason"]),
                "hint": _(problem["hint"]) if problem.get("hint") else "",
                "provision": provision,
                "label": labels.get(provision, "") or provision,
            }
        )
    return shown


def _marks(reasons: Sequence[str]) -> SafeString:
    """A mark at a provision for each problem found in its source when it was read."""
    return format_html_join(
        "",
        ' <span class="badge warn problem-mark" title="{}">\u26a0 {}</span>',
        ((reason, reason) for reason in reasons),
    )


def render_provisions(
    provisions: Iterable[Mapping[str, Any]],
    names: Names,
    standing: Mapping[str, ProvisionStanding] | None = None,
    problems: Mapping[str, Sequence[str]] | None = None,
    *,
    anchors: bool = True,
) -> SafeString:
    """The provisions as list items; ``standing`` marks what was given on another wording,
    ``problems`` (identity -> reasons) what the reader found wrong in a provision's source.
    With ``anchors`` each item carries the page's anchor of its provision (``#prov-…``);
    a second language shown beside the first goes without, so that each anchor is unique."""
    standing = standing or {}
    problems = problems or {}
    rows = []
    for p in provisions:
        notes = format_html_join(
            "",
            '<div class="note" dir="auto">{}{}</div>',
            ((n["text"], _attribution(n.get("attribution"), names)) for n in p["notes"]),
        )
        flag = (
            format_html(' <span class="badge warn">{}</span>', _("needs translation"))
            if p["needs_translation"]
            else ""
        )
        # Sections read as headings (label and title), options as a block holding their
        # provisions, drafting notes in grey: the kind is the row's class (astana.css).
        rows.append(
            format_html(
                '<li class="provision {} {}"{} data-provision="{}">'
                '<span class="label">{}</span> <span class="content">{}</span>{}{}{}{}{}</li>',
                p["kind"],
                STATE_CLASS.get(p["state"], ""),
                format_html(' id="prov-{}"', p["id"]) if anchors else "",
                p["id"],
                f"{p['label']}:" if p["kind"] == "option" and p["label"] else p["label"],
                render_inline(p["content"], names),
                flag,
                _stale(standing.get(p["id"]), names),
                _marks(problems.get(p["id"], ())),
                notes,
                format_html(
                    '<ol class="children">{}</ol>',
                    render_provisions(p["children"], names, standing, problems, anchors=anchors),
                )
                if p["children"]
                else "",
            )
        )
    return mark_safe("".join(rows))


# Who holds a bracket, as the notation writes it after the bracket: ``]{snc, #P3}``.
_HOLDERS = re.compile(r"\{((?:#?[\w-]+)(?:,\s*#?[\w-]+)*)\}")


def _holders_named(text: str, names: Names) -> str:
    """``text`` with each bracket's holders named (``{Syrian National Coalition}``), not by
    their slugs; a proposal's reference (``#P3``) stays as it is."""

    def named(match: re.Match[str]) -> str:
        items = [i.strip() for i in match.group(1).split(",")]
        if not all(i.startswith("#") or i in names for i in items):
            return match.group(0)  # a drafting note, not holders
        return "{" + ", ".join(i if i.startswith("#") else names[i] for i in items) + "}"

    return _HOLDERS.sub(named, text)


def render_redline(
    result: Redline, labels: Mapping[str, str] | None = None, names: Names | None = None
) -> SafeString:
    """The redline as list items; ``labels`` (identity -> the provision in words, from the
    newer revision, else the older) names each provision as delegations cite it, ``names``
    (slug -> name) the holders of brackets."""
    labels = labels or {}
    names = names or {}
    rows = []
    for change in result.provisions:
        data = change.to_dict()
        runs = format_html_join(
            "",
            '<span class="run-{}">{}</span>',
            ((run["op"], _holders_named(run["text"], names)) for run in data.get("runs", [])),
        )
        moved = format_html(' <span class="badge">{}</span>', _("moved")) if change.moved else ""
        rows.append(
            format_html(
                '<li class="redline-provision change-{}" id="red-{}">'
                '<span class="label">{}</span>{} {}</li>',
                data["change"],
                data["id"],
                labels.get(data["id"])
                or f"{data['kind']} {change.new_number or change.old_number}",
                moved,
                runs,
            )
        )
    return mark_safe("".join(rows))
