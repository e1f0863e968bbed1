"""CSRF secrets and masks (``common.csrf``): Django's alphabet and length, every character
equally likely, from one read of the system's random source instead of one a character."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from django.middleware import csrf
from django.test import RequestFactory

from astana.web.common.csrf import random_csrf_string


def test_it_is_what_django_calls() -> None:
    # Installed by the app's ready: an upgrade of Django that renamed the function would leave
    # Django's own in place, and this test would say so.
    assert csrf._get_new_csrf_string is random_csrf_string


def test_the_alphabet_and_the_length() -> None:
    drawn = [random_csrf_string() for _ in range(500)]
    assert {len(s) for s in drawn} == {csrf.CSRF_SECRET_LENGTH}
    assert set("".join(drawn)) <= set(csrf.CSRF_ALLOWED_CHARS)
    assert len(set(drawn)) == 500
    assert len(random_csrf_string(100)) == 100


def test_every_character_is_equally_likely() -> None:
    """A chi-squared test over 124,000 characters (61 degrees of freedom). Taking each byte
    modulo 62 without dropping the top 8 values would make 8 characters a quarter more likely
    than the others: a statistic near 900. The bound, 160, is passed by a uniform draw but once
    in about 10^10 runs."""
    size = len(csrf.CSRF_ALLOWED_CHARS)
    counts = Counter("".join(random_csrf_string(1000) for _ in range(124)))
    expected = 124_000 / size
    statistic = sum((counts[c] - expected) ** 2 / expected for c in csrf.CSRF_ALLOWED_CHARS)
    assert statistic < 160, statistic


def test_a_new_token_reads_the_random_source_twice_not_sixty_four_times(monkeypatch: Any) -> None:
    """A page for a browser without a CSRF cookie: a new secret and its mask, one read each
    (Django's own drew 64 times, one system call and one hand-over of the interpreter's lock
    each). The masked token still unmasks to the secret set in the cookie."""
    reads: list[int] = []
    urandom = random._urandom  # type: ignore[attr-defined]

    def counted(n: int) -> bytes:
        reads.append(n)
        return bytes(urandom(n))

    monkeypatch.setattr(random, "_urandom", counted)
    request = RequestFactory().get("/en/")
    token = csrf.get_token(request)
    assert len(reads) == 2, reads
    assert csrf._unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
