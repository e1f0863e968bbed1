"""Astana: a platform for running multi-party political negotiations."""

__all__ = ["__version__"]

__version__ = "0.1.0"
