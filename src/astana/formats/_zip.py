"""Reading a zip-based upload (a Word file) without letting it expand beyond bounds.

A zip says how large each member is once uncompressed, but a "zip bomb" makes that small
file expand to gigabytes (a 1.5 MB ``.docx`` whose ``document.xml`` is 1.5 GB). Before any
library opens the file, :func:`check_zip` checks every member's declared size, the total
and the compression ratio, then reads every member in bounded chunks, stopping as soon as
more comes out than was declared or allowed (the header is not trusted alone), and refuses
an XML part that declares a DOCTYPE or entities. Every refusal is a :class:`FormatError`;
memory stays at one chunk whatever the file claims.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from typing import Final

from astana.formats.errors import FormatError

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED_BYTES", "check_zip"]

#: The most a zip-based upload may hold once uncompressed, all members together.
MAX_UNCOMPRESSED_BYTES: Final = 100 * 1024 * 1024
#: The most members (files) it may hold.
MAX_MEMBERS: Final = 1000
#: The highest compression ratio a member larger than :data:`_RATIO_FLOOR` may have (text
#: and XML compress about 5-20 times; a bomb compresses a thousand times and more).
MAX_RATIO: Final = 100
_RATIO_FLOOR: Final = 1024 * 1024
_CHUNK: Final = 64 * 1024
_DECLARATIONS: Final = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_TAIL: Final = max(len(m) for m in _DECLARATIONS)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, allowed: int) -> int:
    """Read ``info`` in chunks; the number of bytes it gave. Stops past ``allowed`` or past
    its declared size, and at a DOCTYPE or entity declaration in an XML part."""
    xml = info.filename.lower().endswith((".xml", ".rels"))
    total = 0
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            total += len(chunk)
            if total > info.file_size or total > allowed:
                raise FormatError(
                    f"{info.filename} expands beyond what the file declares or allows "
                    f"({_megabytes(MAX_UNCOMPRESSED_BYTES)} in all)"
                )
            if xml:
                window = tail + chunk
                if any(marker in window for marker in _DECLARATIONS):
                    raise FormatError(
                        f"{info.filename} declares a DOCTYPE or entities, which are not accepted"
                    )
                tail = window[-_TAIL:]
    return total


def check_zip(data: bytes, *, kind: str = "zip file") -> None:
    """Raise :class:`FormatError` unless ``data`` is a zip whose members stay within the
    limits of this module once uncompressed (see the module); ``kind`` names the file in
    messages (``Word document``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormatError(f"not a readable {kind} ({error})") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise FormatError(f"the {kind} holds more than {MAX_MEMBERS} files")
        declared = 0
        for info in members:
            declared += info.file_size
            if declared > MAX_UNCOMPRESSED_BYTES:
                raise FormatError(
                    f"the {kind} would expand to more than {_megabytes(MAX_UNCOMPRESSED_BYTES)} "
                    f"once uncompressed ({info.filename} alone declares "
                    f"{_megabytes(info.file_size)})"
                )
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise FormatError(
                    f"{info.filename} is compressed more than {MAX_RATIO} times "
                    f"({info.compress_size} bytes expand to {info.file_size}): refused as a "
                    "possible zip bomb"
                )
        left = MAX_UNCOMPRESSED_BYTES
        try:
            for info in members:
                left -= _read_member(archive, info, left)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            zlib.error,  # a damaged deflate stream
            lzma.LZMAError,
            OSError,  # bzip2's damaged stream, among others
            EOFError,
            ValueError,
        ) as error:
            if isinstance(error, FormatError):
                raise
            raise FormatError(f"not a readable {kind} ({error})") from error
        except NotImplementedError as error:
            raise FormatError(f"the {kind} uses a compression Astana does not read") from error
