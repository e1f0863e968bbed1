"""Uploads that try to exhaust the server: a Word file whose parts expand to gigabytes (a zip
bomb, or one whose header lies about its sizes) and XML with a DOCTYPE, entities or external
entities (Word parts and Akoma Ntoso) are refused with a clear FormatError, quickly and with
little memory, before any library expands or resolves them."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

from astana.core.text import Revision, parse_document
from astana.formats.akn import export_akn, import_akn
from astana.formats.docx import document_docx, import_docx
from astana.formats.errors import FormatError

SAMPLE = parse_document("Roadmap\n\nArticle 1: Transition\n1. The parties agree on [it]{SNC}.\n")
ZEROS = bytes(1024 * 1024)


def word_file(replace: dict[str, bytes | int]) -> bytes:
    """A real Word file with some parts replaced: bytes as they are, an int as that many
    megabytes of zeros (streamed into the zip, so the test stays small)."""
    original = zipfile.ZipFile(io.BytesIO(document_docx(SAMPLE)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in original.infolist():
            content = replace.get(info.filename, original.read(info))
            if isinstance(content, int):
                with archive.open(info.filename, "w", force_zip64=True) as member:
                    for _ in range(content):
                        member.write(ZEROS)
            else:
                archive.writestr(info.filename, content)
    return out.getvalue()


def refused_with_little_memory(data: bytes) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(FormatError) as caught:
            import_docx(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak
    return str(caught.value)


def test_a_real_word_file_still_reads() -> None:
    assert import_docx(word_file({})) == SAMPLE


def test_a_zip_bomb_is_refused_before_it_expands() -> None:
    bomb = word_file({"word/document.xml": 1024})  # 1 GB of zeros in about 1 MB
    assert len(bomb) < 5 * 1024 * 1024
    message = refused_with_little_memory(bomb)
    assert "word/document.xml" in message
    assert "100 MB" in message


def test_a_highly_compressed_part_is_refused() -> None:
    message = refused_with_little_memory(word_file({"word/document.xml": 20}))
    assert "compressed more than 100 times" in message
    assert "zip bomb" in message


def test_a_header_that_lies_about_the_size_does_not_help() -> None:
    """The central directory says document.xml is 1 KB; it expands to 20 MB: reading stops
    at the declared size and the file is refused as damaged."""
    data = bytearray(word_file({"word/document.xml": 20}))
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
    assert entry >= 0
    assert struct.unpack_from("<I", data, entry + 24)[0] == 20 * 1024 * 1024
    struct.pack_into("<I", data, entry + 24, 1024)  # the uncompressed size it declares
    message = refused_with_little_memory(bytes(data))
    assert "not a readable Word document" in message or "expands beyond" in message


DOCTYPES = {
    "an external entity": b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    "billion laughs": b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
    "a DTD": b'<!DOCTYPE w SYSTEM "http://example.org/w.dtd">',
}


@pytest.mark.parametrize("doctype", list(DOCTYPES))
def test_a_word_part_with_a_doctype_is_refused(doctype: str) -> None:
    original = zipfile.ZipFile(io.BytesIO(document_docx(SAMPLE))).read("word/document.xml")
    declaration_end = original.index(b"?>") + 2
    crafted = original[:declaration_end] + DOCTYPES[doctype] + original[declaration_end:]
    message = refused_with_little_memory(word_file({"word/document.xml": crafted}))
    assert "word/document.xml declares a DOCTYPE or entities" in message


@pytest.mark.parametrize("doctype", list(DOCTYPES))
def test_akoma_ntoso_with_a_doctype_is_refused(doctype: str) -> None:
    data = export_akn(Revision(1, SAMPLE), slug="roadmap", day="2017-01-24")
    declaration_end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    entity = b"&x;" if "external" in doctype else b"&b;"
    body = data[declaration_end:].replace(b"Transition", entity)
    with pytest.raises(FormatError, match="DOCTYPE"):
        import_akn(data[:declaration_end] + DOCTYPES[doctype] + body)


def test_a_damaged_compressed_part_is_refused() -> None:
    """A part whose deflate stream is damaged (found by the importers' fuzz test: zlib's own
    error escaped) is refused as unreadable, like any other damaged file."""
    data = bytearray(document_docx(SAMPLE))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] ^= 0xFF  # the first byte of the part's compressed stream
    with pytest.raises(FormatError, match="not a readable Word document"):
        import_docx(bytes(data))
