"""The one error every file format raises when it refuses a file or a value."""

from __future__ import annotations

__all__ = ["FormatError"]


class FormatError(ValueError):
    """A file that cannot be imported (or a value that cannot be exported); nothing was made.

    ``where`` says where the problem is, in the file's own terms (``paragraph 4, column 12``,
    ``line 3``, ``/akomaNtoso/doc``); the message includes it.
    """

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(f"{where}: {reason}" if where else reason)
        self.reason = reason
        self.where = where
