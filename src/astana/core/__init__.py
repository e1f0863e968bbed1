"""The pure core: negotiating text, decision rules, the signed log, clustering.

Nothing under ``astana.core`` imports Django or does I/O beyond what it is handed;
an import-linter contract in ``pyproject.toml`` keeps it so.
"""

__all__: list[str] = []
