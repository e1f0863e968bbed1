"""File formats that Astana reads and writes, kept free of Django.

Each module turns a file format into typed values (and back where the format is
written): ``history`` reads the built-in historical record in ``data/history/``.
Errors name the file, line and column so that a person editing the file can fix it.
"""

__all__: list[str] = []
