"""PDF exports of the negotiating text, through WeasyPrint: the compilation text, the clean
text, a redline between two revisions, and a signed outcome document with its signature page.

Takes plain values (view trees from ``DocumentView.to_dict()``, ``Redline.to_dict()``,
signatories as :class:`Signatory`) and returns the PDF's bytes; no Django here. Arabic is
set in Noto Naskh Arabic (embedded, from ``astana/formats/fonts`` through ``@font-face``),
right to left, shaped by HarfBuzz; Latin and Cyrillic in Noto Serif. Several languages print
one after the other, or side by side in columns with ``parallel=True``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, Final

from astana.core.language import direction
from astana.formats.errors import FormatError
from astana.formats.fonts import FOLDER
from astana.formats.print_html import parallel_html, provisions_html, redline_html, word

__all__ = ["FONTS", "Signatory", "redline_pdf", "render_pdf", "signed_pdf", "text_pdf"]

#: The folder of the embedded fonts (the formats' package data, :mod:`astana.formats.fonts`).
FONTS: Final = FOLDER


@dataclass(frozen=True)
class Signatory:
    """One signature on an outcome document: the party, who signed for it, and when."""

    party: str
    signed_by: str = ""
    date: str = ""


def _css() -> str:
    regular = (FONTS / "NotoNaskhArabic-Regular.ttf").as_uri()
    bold = (FONTS / "NotoNaskhArabic-Bold.ttf").as_uri()
    return f"""
@font-face {{ font-family: "Astana Naskh"; src: url("{regular}"); font-weight: normal; }}
@font-face {{ font-family: "Astana Naskh"; src: url("{bold}"); font-weight: bold; }}
@page {{
  size: A4; margin: 2.2cm 2cm 2.4cm 2cm;
  @top-center {{ content: string(running); font-size: 8pt; color: #555; }}
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 8pt; }}
}}
html {{ font-family: "Noto Serif", "DejaVu Serif", "Astana Naskh", serif; font-size: 11pt;
  line-height: 1.45; }}
[lang="ar"] {{ font-family: "Astana Naskh", "Noto Serif", serif; font-size: 12.5pt; }}
.running {{ string-set: running content(); display: none; }}
h1.title {{ font-size: 15pt; text-align: center; margin: 0 0 1em; }}
h2, h3 {{ font-size: 12pt; margin: 1.1em 0 .4em; break-after: avoid; }}
p {{ margin: .35em 0; text-align: justify; }}
p.subparagraph {{ margin-inline-start: 2.2em; }}
p.recital {{ font-style: italic; }}
[lang="ar"] p.recital {{ font-style: normal; }}
.num {{ display: inline-block; min-width: 1.6em; }}
.opt {{ font-weight: bold; }}
p.note, .drafting-note {{ color: #666; font-size: 9.5pt; }}
p.heading {{ font-style: italic; font-weight: bold; }}
div.option {{ border-inline-start: 2px solid #bbb; padding-inline-start: .8em; margin: .5em 0; }}
h2.section {{ text-align: center; }}
.flag {{ color: #8a5a00; font-size: 8.5pt; }}
.fn {{ float: footnote; font-size: 8.5pt; }}
::footnote-call {{ font-size: 7pt; vertical-align: super; line-height: 0; }}
::footnote-marker {{ font-size: 8.5pt; }}
ins {{ text-decoration: underline; color: #0b5d1e; }}
del {{ text-decoration: line-through; color: #a40000; }}
section.version + section.version {{ break-before: page; }}
table.parallel {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.parallel th, table.parallel td {{ vertical-align: top; padding: 0 .6em; }}
table.parallel p {{ text-align: start; }}
table.parallel th {{ border-bottom: 1px solid #999; font-size: 9pt; }}
table.parallel td + td, table.parallel th + th {{ border-inline-start: 1px solid #ccc; }}
.kind {{ text-align: center; color: #444; font-size: 9pt; margin-bottom: .4em; }}
.signatures {{ break-before: page; }}
.signatures table {{ width: 100%; border-collapse: collapse; margin: 1em 0 2em; }}
.signatures td, .signatures th {{ border: 1px solid #999; padding: .5em; text-align: start; }}
.signatures td.line {{ height: 2.2em; }}
.hash {{ font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all;
  direction: ltr; }}
"""


def render_pdf(body: str, *, language: str = "en", title: str = "") -> bytes:
    """A PDF of an HTML body in this module's style (fonts embedded)."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    fonts = FontConfiguration()
    page = (
        f'<!DOCTYPE html><html lang="{language}" dir="{direction(language)}"><head>'
        f'<meta charset="utf-8"><title>{escape(title)}</title></head><body>'
        f'<div class="running">{escape(title)}</div>{body}</body></html>'
    )
    style = CSS(string=_css(), font_config=fonts)
    result = HTML(string=page, base_url=str(FONTS)).write_pdf(
        stylesheets=[style], font_config=fonts
    )
    if not isinstance(result, bytes):  # pragma: no cover - WeasyPrint returns bytes without target
        raise FormatError("WeasyPrint returned no PDF")
    return result


def _kind_line(view: Mapping[str, Any], names: Mapping[str, str]) -> str:
    language = view["language"]
    kind = view.get("view", "compilation")
    text = word(language, kind if kind in ("compilation", "clean") else "party")
    if kind == "party" and view.get("party"):
        text += " " + names.get(view["party"], view["party"])
    return f'<p class="kind" lang="{language}" dir="{direction(language)}">{escape(text)}</p>'


def _views_body(
    views: Sequence[Mapping[str, Any]], names: Mapping[str, str], parallel: bool
) -> str:
    if not views:
        raise FormatError("no language version to print")
    if parallel and len(views) > 1:
        return _kind_line(views[0], names) + parallel_html(views, names)
    return "".join(provisions_html(v, names, _kind_line(v, names)) for v in views)


def text_pdf(
    views: Sequence[Mapping[str, Any]],
    *,
    names: Mapping[str, str] | None = None,
    parallel: bool = False,
    heading: str = "",
) -> bytes:
    """The text (compilation, clean or party view) in one or more languages.

    ``names`` maps holder slugs to the names printed in attributions; ``parallel`` puts the
    languages side by side; ``heading`` runs at the top of every page (``Roadmap, Rev.2``).
    """
    body = _views_body(views, names or {}, parallel)
    return render_pdf(body, language=views[0]["language"], title=heading)


def redline_pdf(redlines: Sequence[Mapping[str, Any]], *, heading: str = "") -> bytes:
    """Redlines (``Redline.to_dict()``, one per language): insertions underlined,
    deletions struck through."""
    if not redlines:
        raise FormatError("no language version to compare")
    body = "".join(redline_html(r) for r in redlines)
    return render_pdf(body, language=redlines[0]["language"], title=heading)


def _signature_page(
    language: str,
    signatories: Sequence[Signatory],
    revision: int,
    sha256: str,
    date: str,
    count: tuple[int, int],
) -> str:
    rows = "".join(
        f"<tr><td>{escape(s.party)}</td><td class='line'>{escape(s.signed_by)}</td>"
        f"<td>{escape(s.date or date)}</td></tr>"
        for s in signatories
    )
    signed, parties = count
    signed_line = word(language, "signed_count").format(
        signed=signed, parties=parties, revision=revision
    )
    return (
        f'<section class="signatures" lang="{language}" dir="{direction(language)}">'
        f"<h2>{word(language, 'signatures')}</h2>"
        f"<table><thead><tr><th>{word(language, 'party_col')}</th>"
        f"<th>{word(language, 'signed_by')}</th><th>{word(language, 'date')}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f'<p class="count">{escape(signed_line)}</p>'
        f"<p>{word(language, 'hash')} (Rev.{revision}):</p>"
        f'<p class="hash" dir="ltr">{escape(sha256)}</p></section>'
    )


def signed_pdf(
    views: Sequence[Mapping[str, Any]],
    *,
    signatories: Sequence[Signatory],
    revision: int,
    sha256: str,
    signed: int,
    parties: int,
    date: str = "",
    names: Mapping[str, str] | None = None,
    parallel: bool = False,
    heading: str = "",
    language: str = "",
) -> bytes:
    """An outcome document as signed: the text (normally the clean view), then a signature
    page listing the signatories and dates, how many of the parties signed ("``signed`` of
    ``parties`` parties signed Rev.N": never more than the counts say) and the revision's
    SHA-256 hash. The signature page is in ``language`` (default: the first text's)."""
    if not 0 <= signed <= parties:
        raise FormatError("the parties that signed are between none and all of the parties")
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise FormatError("the revision hash must be 64 lower-case hexadecimal digits")
    body = _views_body(views, names or {}, parallel)
    body += _signature_page(
        language or views[0]["language"], signatories, revision, sha256, date, (signed, parties)
    )
    return render_pdf(body, language=views[0]["language"], title=heading)
