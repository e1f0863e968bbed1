"""Golden files of the exports: the sandbox roadmap (built-in data, loaded through the actions
as the demo does) downloaded as a reader downloads it, in Arabic and in English, as PDF, Word
and Akoma Ntoso, compared with the files checked in beside this test. Any change to what an
export says or how it is laid out fails here; when the change is meant, regenerate the files
(``ASTANA_GOLDEN_UPDATE=1``, see README.md) and review their diff.

What is compared (README.md says why): the PDF's text as ``pdftotext`` extracts it, the Word
file's ``word/document.xml``, the Akoma Ntoso XML; in each, the day the revision was issued is
written ``ISSUED-DAY`` (it is the day the test runs). Nothing else is changed."""

from __future__ import annotations

import difflib
import io
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from tests.helpers.people import user

from astana.web.demo import load_sandbox
from astana.web.negotiation import downloads
from astana.web.negotiation.models import NegotiationText, TextRevision

ROOT = Path(__file__).resolve().parents[2]
ROADMAP = ROOT / "data" / "sandbox" / "round-3-roadmap.txt"
GOLDEN = Path(__file__).resolve().parent / "files"
UPDATE = os.environ.get("ASTANA_GOLDEN_UPDATE", "") not in ("", "0")
ISSUED_DAY = "ISSUED-DAY"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Export:
    fmt: str  # pdf, docx, akn
    languages: str  # the download's lang=
    view: str = "compilation"
    reader: str = "mediator"

    @property
    def name(self) -> str:
        compared = {"pdf": "pdf.txt", "docx": "docx.document.xml", "akn": "akn.xml"}[self.fmt]
        return f"roadmap-{self.view}-{self.languages.replace(',', '-')}.{compared}"


# A few representative exports: each language alone in each format, the compilation (tabled
# proposals in brackets, with their holders) and the clean text, and both languages at once.
EXPORTS = [
    Export("pdf", "ar"),
    Export("pdf", "en"),
    Export("docx", "ar"),
    Export("docx", "en"),
    Export("docx", "en", view="clean"),
    Export("akn", "ar"),
    Export("akn", "en"),
    Export("akn", "ar,en"),
]


def _download(text: NegotiationText, export: Export) -> bytes:
    request = RequestFactory().get("/", {"lang": export.languages, "view": export.view})
    request.user = user(export.reader)
    response: HttpResponse = downloads.text_download(request, text_id=text.pk, fmt=export.fmt)
    assert response.status_code == 200, response.content[:300]
    return response.content


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The PDF's text as poppler's ``pdftotext`` extracts it (UTF-8, its default layout)."""
    path = folder / "export.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def docx_document(content: bytes) -> str:
    """The Word file's main part, ``word/document.xml``, as it is in the file."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def compared(text: NegotiationText, export: Export, folder: Path) -> str:
    """What the golden file holds for ``export``: the part compared, normalised (README.md)."""
    content = _download(text, export)
    if export.fmt == "pdf":
        found = pdf_text(content, folder)
    elif export.fmt == "docx":
        found = docx_document(content)
    else:
        found = content.decode("utf-8")
    issued = TextRevision.objects.get(text=text, number=text.revisions.count()).issued_at
    return found.replace(issued.date().isoformat(), ISSUED_DAY)


def _difference(expected: str, found: str, name: str) -> str:
    """The first lines that differ (XML split at its tags, so that a change reads)."""

    def lines(text: str) -> list[str]:
        return text.replace("><", ">\n<").splitlines()

    diff = difflib.unified_diff(lines(expected), lines(found), name, "now", n=2, lineterm="")
    return "\n".join(list(diff)[:60])


@pytest.fixture
def roadmap(db: None) -> NegotiationText:
    return NegotiationText.objects.get(round=load_sandbox(ROADMAP), slug="roadmap")


@pytest.mark.parametrize("export", EXPORTS, ids=lambda export: export.name)
def test_the_export_is_its_golden_file(
    roadmap: NegotiationText, export: Export, tmp_path: Path
) -> None:
    if export.fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    found = compared(roadmap, export, tmp_path)
    golden = GOLDEN / export.name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(found.encode("utf-8"))
        pytest.skip(f"wrote {golden.relative_to(ROOT)}")
    assert golden.exists(), f"no golden file {golden}: make it with ASTANA_GOLDEN_UPDATE=1"
    expected = golden.read_bytes().decode("utf-8")
    difference = "" if found == expected else _difference(expected, found, export.name)
    assert found == expected, f"{export.name} changed:\n{difference}"


def test_every_golden_file_is_checked() -> None:
    """No golden file is left behind by a case removed from EXPORTS."""
    assert sorted(p.name for p in GOLDEN.glob("roadmap-*")) == sorted(e.name for e in EXPORTS)
