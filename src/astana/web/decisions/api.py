"""API routes of decisions and committees; ``api/urls.py`` registers ``router``."""

from ninja import Router

__all__ = ["OPERATIONS", "router"]

router = Router(tags=["decisions"])
OPERATIONS: frozenset[str] = frozenset()
