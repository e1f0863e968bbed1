"""The server's bounds read from the environment (``ASTANA_WORKER_THREADS``,
``ASTANA_WORKER_WAIT_SECONDS``): a value that is not a positive number is refused by name."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from astana.web.config.settings.base import positive_from_environment


def test_the_default_and_a_value(monkeypatch: Any) -> None:
    monkeypatch.delenv("ASTANA_WORKER_THREADS", raising=False)
    assert positive_from_environment("ASTANA_WORKER_THREADS", "2", int) == 2
    monkeypatch.setenv("ASTANA_WORKER_THREADS", "6")
    assert positive_from_environment("ASTANA_WORKER_THREADS", "2", int) == 6
    monkeypatch.setenv("ASTANA_WORKER_WAIT_SECONDS", "0.5")
    assert positive_from_environment("ASTANA_WORKER_WAIT_SECONDS", "5", float) == 0.5


@pytest.mark.parametrize(
    ("name", "value", "convert", "said"),
    [
        ("ASTANA_WORKER_THREADS", "0", int, "a whole number above 0, not '0'"),
        ("ASTANA_WORKER_THREADS", "-3", int, "a whole number above 0, not '-3'"),
        ("ASTANA_WORKER_THREADS", "2.5", int, "a whole number above 0, not '2.5'"),
        ("ASTANA_WORKER_THREADS", "many", int, "a whole number above 0, not 'many'"),
        ("ASTANA_WORKER_WAIT_SECONDS", "0", float, "a number of seconds above 0, not '0'"),
        ("ASTANA_WORKER_WAIT_SECONDS", "nan", float, "a number of seconds above 0, not 'nan'"),
        ("ASTANA_WORKER_WAIT_SECONDS", "inf", float, "a number of seconds above 0, not 'inf'"),
        ("ASTANA_WORKER_WAIT_SECONDS", "soon", float, "a number of seconds above 0, not 'soon'"),
    ],
)
def test_a_bad_value_is_refused_by_name(
    monkeypatch: Any, name: str, value: str, convert: Any, said: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=f"{name} must be {said}"):
        positive_from_environment(name, "1", convert)
