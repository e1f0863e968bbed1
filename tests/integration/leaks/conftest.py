"""The confidentiality matrix's world, built once per module inside a transaction that is
rolled back at the end; each test adds its own savepoint (pytest-django's ``db``), so every
role meets the same world."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from .world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)
