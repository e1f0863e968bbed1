"""Issue 13: production refuses a secret key that is short, published or low-entropy."""

from __future__ import annotations

import secrets

import pytest
from django.core.management.utils import get_random_secret_key

from astana.web.config import secret


@pytest.mark.parametrize(
    "key",
    [
        "",
        "a" * 54,  # Django's check says only W009 for this
        "ab" * 40,
        "0123456789" * 6,  # 10 distinct characters
        # random but short (a fixed id: pytest-xdist workers must collect the same tests)
        pytest.param(secrets.token_urlsafe(64)[:40], id="random-40"),
        "astana-local-development-key-not-for-production",
        pytest.param("django-insecure-" + secrets.token_urlsafe(64), id="django-insecure"),
    ],
)
def test_a_weak_key_is_refused_with_how_to_make_one(key: str) -> None:
    problem = secret.problem(key)
    assert problem is not None
    assert "secrets.token_urlsafe(64)" in problem
    assert "ASTANA_SECRET_KEY" in problem


def test_random_keys_pass() -> None:
    for _ in range(200):
        assert secret.problem(secrets.token_urlsafe(64)) is None
        assert secret.problem(get_random_secret_key()) is None


def test_entropy_estimate() -> None:
    assert secret.entropy_bits("a" * 54) == 0
    assert secret.entropy_bits("ab" * 32) == pytest.approx(64)
