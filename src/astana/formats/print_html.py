"""HTML for printing: view trees and redlines as the markup that :mod:`astana.formats.pdf`
hands to WeasyPrint (no Django: plain strings, every value escaped).

Conventions diplomats expect: text not agreed stands in square brackets, alternatives read
``[Option 1: ...] [Option 2: ...]``, and who holds or proposed a bracket is a footnote, not
part of the text. Each language block carries ``lang`` and ``dir``; names written in another
script inside a line are wrapped in Unicode isolates so mixed lines keep their order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, Final

from astana.core.language import LANGUAGE_NAMES, direction
from astana.core.text import ProvisionKind
from astana.core.text.numbering import label

__all__ = [
    "WORDS",
    "attribution_text",
    "flat",
    "inline_html",
    "parallel_html",
    "provisions_html",
    "redline_html",
    "word",
]

#: Isolate a run of text of unknown direction (FSI ... PDI).
_FSI, _PDI = "\u2068", "\u2069"

#: The few words the printed texts need, per language.
WORDS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "proposed": "Proposed by",
        "mediator": "mediator's proposal",
        "bridging": "bridging text",
        "supported": "supported by",
        "opposed": "opposed by",
        "held": "Held by",
        "compilation": "Compilation text",
        "clean": "Clean text",
        "party": "Text as proposed by",
        "redline": "Comparison",
        "signatures": "Signatures",
        "party_col": "Party",
        "signed_by": "Signed by",
        "date": "Date",
        "hash": "The SHA-256 hash of the signed text",
        "signed_count": "{signed} of {parties} parties signed Rev.{revision}.",
        "needs_translation": "translation pending",
        "inserted": "inserted",
        "deleted": "deleted",
        "moved": "moved",
    },
    "ar": {
        "proposed": "اقترحه",
        "mediator": "مقترح الوسيط",
        "bridging": "نص توفيقي",
        "supported": "وأيّده",
        "opposed": "وعارضه",
        "held": "يتمسك به",
        "compilation": "النص التجميعي",
        "clean": "النص النظيف",
        "party": "النص كما يقترحه",
        "redline": "مقارنة",
        "signatures": "التوقيعات",
        "party_col": "الطرف",
        "signed_by": "وقّعه",
        "date": "التاريخ",
        "hash": "بصمة SHA-256 للنص الموقَّع",
        "signed_count": "عدد الأطراف التي وقّعت على Rev.{revision}: {signed} من {parties}.",
        "needs_translation": "الترجمة قيد الإعداد",
        "inserted": "أضيف",
        "deleted": "حذف",
        "moved": "نقل",
    },
    "ru": {
        "proposed": "Предложено",
        "mediator": "предложение посредника",
        "bridging": "компромиссный текст",
        "supported": "поддержано",
        "opposed": "против",
        "held": "Настаивает",
        "compilation": "Сводный текст",
        "clean": "Чистый текст",
        "party": "Текст в редакции",
        "redline": "Сравнение",
        "signatures": "Подписи",
        "party_col": "Сторона",
        "signed_by": "Подписал",
        "date": "Дата",
        "hash": "Хеш SHA-256 подписанного текста",
        "signed_count": "Rev.{revision} подписали сторон: {signed} из {parties}.",
        "needs_translation": "перевод готовится",
        "inserted": "добавлено",
        "deleted": "удалено",
        "moved": "перемещено",
    },
}


def word(language: str, key: str) -> str:
    """One of :data:`WORDS` in ``language`` (English when the language has none)."""
    return WORDS.get(language, WORDS["en"])[key]


def _isolated(name: str) -> str:
    return f"{_FSI}{escape(name)}{_PDI}"


def _names(slugs: Iterable[str], names: Mapping[str, str]) -> str:
    return "، ".join(_isolated(names.get(s, s)) for s in slugs) if slugs else ""


def attribution_text(item: Mapping[str, Any], language: str, names: Mapping[str, str]) -> str:
    """The footnote of a bracket or option: who proposed, supports, opposes or holds it."""
    comma = "، " if language == "ar" else ", "
    attribution = item.get("attribution")
    if attribution:
        author = _isolated(names.get(attribution["author"], attribution["author"]))
        parts = [f"{word(language, 'proposed')} {author} ({_isolated(attribution['proposal'])})"]
        if attribution.get("origin") in ("mediator", "bridging"):
            parts[0] += f" ({word(language, attribution['origin'])})"
        if attribution["supporters"]:
            supporters = comma.join(_isolated(names.get(s, s)) for s in attribution["supporters"])
            parts.append(f"{word(language, 'supported')} {supporters}")
        if attribution["opponents"]:
            opponents = comma.join(_isolated(names.get(s, s)) for s in attribution["opponents"])
            parts.append(f"{word(language, 'opposed')} {opponents}")
        return "؛ ".join(parts) if language == "ar" else "; ".join(parts)
    holders = item.get("holders") or ()
    if holders:
        return f"{word(language, 'held')} " + comma.join(
            _isolated(names.get(h, h)) for h in holders
        )
    return ""


def _footnote(item: Mapping[str, Any], language: str, names: Mapping[str, str]) -> str:
    text = attribution_text(item, language, names)
    if not text:
        return ""
    return f'<span class="fn" lang="{language}" dir="{direction(language)}">{text}</span>'


def inline_html(items: Iterable[Mapping[str, Any]], language: str, names: Mapping[str, str]) -> str:
    """Inline content: text, ``[brackets]`` and ``[Option N: ...]`` with footnotes."""
    out: list[str] = []
    for item in items:
        if item["type"] == "text":
            out.append(escape(item["text"]))
        elif item["type"] == "note":
            out.append(f'<span class="drafting-note">{{{escape(item["text"])}}}</span>')
        elif item["type"] == "bracket":
            inner = inline_html(item["children"], language, names)
            opening = "[" if item.get("opens", True) else ""
            if item.get("closes", True):
                closing = f"]</span>{_footnote(item, language, names)}"
            else:
                closing = "</span>"
            out.append(f'<span class="br">{opening}{inner}{closing}')
        else:
            options = []
            for option in item["options"]:
                inner = inline_html(option["children"], language, names)
                head = f'<span class="opt">{escape(option["label"])} {option["number"]}:</span>'
                options.append(
                    f'<span class="br">[{head} {inner}]</span>{_footnote(option, language, names)}'
                )
            out.append(" ".join(options))
    return "".join(out)


def _provision(node: Mapping[str, Any], language: str, names: Mapping[str, str]) -> str:
    kind = node["kind"]
    text = inline_html(node["content"], language, names)
    flag = (
        f' <span class="flag">({word(language, "needs_translation")})</span>'
        if node.get("needs_translation")
        else ""
    )
    heading = escape(node["label"])
    anchor = f"{language}-{escape(node['id'])}"
    children = "".join(_provision(c, language, names) for c in node.get("children", ()))
    if kind in ("chapter", "article", "preamble", "section"):
        tag = "h2" if kind in ("chapter", "section") else "h3"
        title = f": {text}" if text and heading and kind != "section" else text
        title = f" {title}" if kind == "section" and text and heading else title
        body = f'<{tag} class="{kind}" id="{anchor}">{heading}{title}{flag}</{tag}>'
    elif kind == "option":
        # A block option: its label and title, then the provisions it holds, as one block.
        title = f" {text}" if text else ""
        head = f'<p class="option-head" id="{anchor}"><span class="opt">{heading}:</span>{title}'
        return f'<div class="option">{head}{flag}</p>{children}</div>'
    else:
        number = f'<span class="num">{heading}</span> ' if heading else ""
        body = f'<p class="{kind}" id="{anchor}">{number}{text}{flag}</p>'
    return body + children


def provisions_html(view: Mapping[str, Any], names: Mapping[str, str], prefix: str = "") -> str:
    """A whole view: ``prefix`` (HTML), its title and provisions, in a block with the view's
    language and direction."""
    language = view["language"]
    title = inline_html(view.get("title", ()), language, names)
    body = "".join(_provision(p, language, names) for p in view["provisions"])
    return (
        f'<section class="version" lang="{language}" dir="{direction(language)}">'
        f'{prefix}<h1 class="title">{title}</h1>{body}</section>'
    )


def flat(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The provisions of a view in document order, children after their parent (without
    their children), for side-by-side rows."""
    out: list[Mapping[str, Any]] = []

    def visit(node: Mapping[str, Any]) -> None:
        out.append({**node, "children": ()})
        for child in node.get("children", ()):
            visit(child)

    for node in view["provisions"]:
        visit(node)
    return out


def parallel_html(views: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> str:
    """Views side by side, one column per language, one row per provision (by identity)."""
    rows: dict[str, dict[str, Mapping[str, Any]]] = {}
    for view in views:
        for node in flat(view):
            rows.setdefault(node["id"], {})[view["language"]] = node
    head = "".join(
        f'<th lang="{v["language"]}" dir="{direction(v["language"])}">'
        f"{escape(LANGUAGE_NAMES.get(v['language'], v['language']))}</th>"
        for v in views
    )
    titles = "".join(
        f'<td lang="{v["language"]}" dir="{direction(v["language"])}"><h1 class="title">'
        f"{inline_html(v.get('title', ()), v['language'], names)}</h1></td>"
        for v in views
    )
    body = []
    for cells in rows.values():
        tds = []
        for view in views:
            lang = view["language"]
            found = cells.get(lang)
            inner = _provision(found, lang, names) if found else ""
            tds.append(f'<td lang="{lang}" dir="{direction(lang)}">{inner}</td>')
        body.append(f"<tr>{''.join(tds)}</tr>")
    return (
        f'<table class="parallel"><thead><tr>{head}</tr></thead>'
        f"<tbody><tr>{titles}</tr>{''.join(body)}</tbody></table>"
    )


def _runs_html(runs: Iterable[Mapping[str, Any]]) -> str:
    out = []
    for run in runs:
        text = escape(run["text"])
        if run["op"] == "insert":
            out.append(f"<ins>{text}</ins>")
        elif run["op"] == "delete":
            out.append(f"<del>{text}</del>")
        else:
            out.append(text)
    return "".join(out)


def redline_html(data: Mapping[str, Any]) -> str:
    """A redline (``Redline.to_dict()``): insertions underlined, deletions struck through."""
    language = data["language"]
    parts = [f'<h1 class="title">{_runs_html(data.get("title", ()))}</h1>']
    for entry in data["provisions"]:
        kind = ProvisionKind(entry["kind"])
        number = entry["new_number"] or entry["old_number"]
        opener = escape(label(kind, number, language))
        text = _runs_html(entry["runs"])
        notes = []
        if entry["change"] in ("inserted", "deleted"):
            notes.append(word(language, entry["change"]))
        if entry.get("moved"):
            notes.append(word(language, "moved"))
        note = f' <span class="flag">({", ".join(notes)})</span>' if notes else ""
        css = f"{kind} {entry['change']}"
        if kind in (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE, ProvisionKind.PREAMBLE):
            sep = ": " if text else ""
            parts.append(f'<h3 class="{css}">{opener}{sep}{text}{note}</h3>')
        else:
            num = f'<span class="num">{opener}</span> ' if opener else ""
            parts.append(f'<p class="{css}">{num}{text}{note}</p>')
    return (
        f'<section class="version" lang="{language}" dir="{direction(language)}">'
        f"{''.join(parts)}</section>"
    )
