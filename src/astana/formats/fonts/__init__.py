"""The fonts the formats embed (Noto Naskh Arabic; licence in ``README.md`` here): package
data of the formats, handed to WeasyPrint by :mod:`astana.formats.pdf`. The web app serves
the same files as its ``/static/fonts/`` (``STATICFILES_DIRS``), so pages and PDFs set Arabic
alike."""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = ["FOLDER"]

#: The folder of the font files.
FOLDER: Final = Path(__file__).resolve().parent
