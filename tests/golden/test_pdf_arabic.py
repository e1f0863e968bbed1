"""Golden checks of the printed text: the Arabic compilation text extracts (pdftotext) as the
logical Arabic text, word for word; fonts are embedded; PNGs go to var/screenshots/ for review."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from astana.core.text import Revision, parse_document, redline
from astana.formats.pdf import Signatory, redline_pdf, signed_pdf, text_pdf
from astana.formats.print_html import attribution_text
from astana.formats.view_trees import inline_plain, normalised_words, views_of

ROOT = Path(__file__).resolve().parents[2]
ROADMAP = ROOT / "data" / "sandbox" / "round-3-roadmap.txt"
SCREENSHOTS = ROOT / "var" / "screenshots"
ARABIC_WORD = re.compile(r"^[\u0600-\u06ff]+$")

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


def arabic_words(text: str) -> list[str]:
    return [w for w in normalised_words(text) if ARABIC_WORD.match(w)]


def extract(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def screenshot(pdf: bytes, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(SCREENSHOTS / name)], check=True)
    return SCREENSHOTS / f"{name}-1.png"


def fonts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return out.stdout.splitlines()[2:]


@pytest.fixture(scope="module")
def roadmap() -> Revision:
    return Revision(1, parse_document(ROADMAP.read_text(encoding="utf-8")))


def test_arabic_compilation_extracts_as_the_logical_arabic_text(
    roadmap: Revision, tmp_path: Path
) -> None:
    (view,) = views_of(roadmap.document, ["ar"])
    pdf = text_pdf([view], heading="خارطة طريق")
    main: list[str] = ["النص التجميعي", inline_plain(view["title"])]
    notes: list[str] = []

    def visit(node: dict) -> None:  # type: ignore[type-arg]
        main.append(f"{node['label']} {inline_plain(node['content'])}")
        for item in node["content"]:
            for part in item.get("options", [item]):
                if item["type"] != "text":
                    notes.append(attribution_text(part, "ar", {}))
        for child in node["children"]:
            visit(child)

    for node in view["provisions"]:
        visit(node)
    expected = arabic_words(" ".join(main)) + arabic_words(" ".join(notes))
    extracted = extract(pdf, tmp_path)
    assert arabic_words(extracted) == expected
    assert "انتقال سياسي تدريجي للسلطة" in extracted  # shaped letters map back, in order
    assert screenshot(pdf, "compilation-ar").exists()
    assert all(" yes " in line for line in fonts(pdf, tmp_path))
    assert any("Naskh" in line for line in fonts(pdf, tmp_path))


def test_parallel_columns_carry_both_languages(roadmap: Revision, tmp_path: Path) -> None:
    pdf = text_pdf(views_of(roadmap.document, ["ar", "en"]), parallel=True)
    text = extract(pdf, tmp_path)
    assert "Roadmap for a political" in text
    assert "خارطة طريق للحل السياسي في سوريا" in text
    assert "Option 1:" in text
    screenshot(pdf, "compilation-parallel-ar-en")


def test_redline_and_signed_outcome(roadmap: Revision, tmp_path: Path) -> None:
    changed = parse_document(
        ROADMAP.read_text(encoding="utf-8")
        .replace("حرة", "حرة ونزيهة")
        .replace("Free parliamentary", "Free and fair parliamentary")
    )
    lines = [redline(roadmap.document, changed, lang).to_dict() for lang in ("ar", "en")]
    text = extract(redline_pdf(lines, heading="Rev.1 → Rev.2"), tmp_path)
    assert "and fair" in text
    assert "ونزيهة" in text
    screenshot(redline_pdf(lines[:1]), "redline-ar")
    rev2 = Revision(2, changed)
    signed = signed_pdf(
        views_of(rev2.document, ["ar"]),
        signatories=[Signatory("الائتلاف الوطني السوري", "أحمد", "2017-01-24"), Signatory("KNC")],
        revision=2,
        sha256=rev2.hash,
        signed=1,
        parties=2,
        date="2017-01-24",
    )
    out = extract(signed, tmp_path)
    assert rev2.hash in out.replace("\n", "").replace(" ", "")
    assert "عدد الأطراف التي" in out  # the count line (pdftotext reorders its digits)
    assert "التوقيعات" in out
    assert "2017-01-24" in out
    screenshot(signed, "signed-ar")
