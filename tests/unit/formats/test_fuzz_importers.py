"""Malformed .docx, .xml and .txt files fed to the importers: never a crash and never a
partial document; always a FormatError with a message, or a whole, valid document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from astana.core.text import Revision, parse_document
from astana.formats.akn import export_akn
from astana.formats.documents import import_document
from astana.formats.docx import document_docx
from astana.formats.errors import FormatError

ROADMAP = parse_document(
    (Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt").read_text(
        encoding="utf-8"
    )
)
SAMPLES = {
    ".docx": document_docx(ROADMAP),
    ".xml": export_akn(Revision(1, ROADMAP), slug="roadmap", day="2017-01-24"),
    ".txt": (
        Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
    ).read_bytes(),
}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def imported_or_refused(suffix: str, data: bytes) -> None:
    try:
        document = import_document(f"file{suffix}", data)
    except FormatError as error:
        message = str(error)
    else:
        assert document.validate() is document
        assert len(document) > 0
        return
    assert message


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)), st.binary(max_size=400))
def test_random_bytes_are_refused(suffix: str, data: bytes) -> None:
    imported_or_refused(suffix, data)


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)), st.data())
def test_damaged_files_are_refused_or_read_whole(suffix: str, data: st.DataObject) -> None:
    sample = SAMPLES[suffix]
    start = data.draw(st.integers(0, len(sample) - 1))
    end = data.draw(st.integers(start, min(len(sample), start + 40)))
    noise = data.draw(st.binary(max_size=20) | st.sampled_from([b"[", b"]", b"{", b"<", b"\x00"]))
    imported_or_refused(suffix, sample[:start] + noise + sample[end:])


def _docx_with(body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(SAMPLES[".docx"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = body
            target.writestr(item, content)
    return out.getvalue()


@FUZZ
@given(st.data())
def test_damaged_word_xml_inside_a_good_zip_is_refused_or_read_whole(data: st.DataObject) -> None:
    xml = zipfile.ZipFile(io.BytesIO(SAMPLES[".docx"])).read("word/document.xml")
    start = data.draw(st.integers(0, len(xml) - 1))
    end = data.draw(st.integers(start, min(len(xml), start + 60)))
    imported_or_refused(".docx", _docx_with(xml[:start] + xml[end:]))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF-1.7", "cannot import .pdf"),
        ("a.txt", b"\xff\xfe\x00", "not UTF-8"),
        ("a.txt", b"Article 1: X\n1. [open", "line 2, column"),
        ("a.xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'e'>]><x>&e;</x>", "Akoma"),
        ("a.docx", b"PK\x03\x04 not really", "not a readable Word document"),
    ],
)
def test_each_refusal_says_why(name: str, data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        import_document(name, data)
