"""The public record's pages are one page for every reader (``archive.views.public``): rendered
once per state of the database, address and display choices, and whether the reader is logged
in, then served from that copy (``common.rendered``), with real commits on both databases."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from tests.helpers.people import client_of

from astana.web.accounts.models import User
from astana.web.common.rendered import MARKERS, Counts
from astana.web.processes.models import (
    Organisation,
    OutcomeDocument,
    Person,
    Process,
    Session,
)

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=)"[^"]+"')
READERS = ("party1", "convener", "observer", "guarantor", "secretariat")


def _addresses() -> list[str]:
    """One page of each kind of the record."""
    process = Process.objects.order_by("pk").first()
    session = Session.objects.select_related("round__process").order_by("pk").first()
    assert process is not None and session is not None
    round_ = session.round
    return [
        "",
        "sources/",
        "conflicts/",
        f"processes/{process.slug}/",
        f"processes/{round_.process.slug}/rounds/{round_.slug}/",
        f"processes/{round_.process.slug}/rounds/{round_.slug}/sessions/{session.number}/",
        f"documents/{OutcomeDocument.objects.order_by('pk').values_list('slug', flat=True)[0]}/",
        f"organisations/{Organisation.objects.order_by('pk').values_list('slug', flat=True)[0]}/",
        f"people/{Person.objects.order_by('pk').values_list('slug', flat=True)[0]}/",
    ]


def _counts() -> tuple[int, int, int]:
    return (Counts.served, Counts.rendered, Counts.unshared)


def _moved(before: tuple[int, int, int]) -> tuple[int, int, int]:
    now = _counts()
    return (now[0] - before[0], now[1] - before[1], now[2] - before[2])


def _read(client: Client, address: str, name: str = "") -> str:
    """The page, with what is the reader's own taken out (their account's name, CSRF tokens)."""
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    body = response.content.decode()
    for marker in MARKERS.values():
        assert marker not in body
    if name:
        assert f"<span>{name}</span>" in body, address
        body = body.replace(f"<span>{name}</span>", "<span></span>")
    return TOKEN.sub(r'\1""', body)


def test_the_public_record_is_one_page_for_every_reader(history_reloaded: None) -> None:
    admin = User.objects.create_superuser("archive-admin", password="an-admin-password")
    staff = Client()
    staff.force_login(admin)
    readers = {name: client_of(name) for name in READERS} | {"archive-admin": staff}
    for address in [f"/{language}/{path}" for language in ("en", "ar") for path in _addresses()]:
        # Rendered for each alone (inside a transaction nothing is shared): every logged-in
        # reader, whatever their roles and flags, reads the same page but for their own name
        # and tokens (a page that came to show more of a reader's own would have to key on it).
        with transaction.atomic():
            anonymous = _read(Client(), address)
            alone = {name: _read(client, address, name) for name, client in readers.items()}
        assert len(set(alone.values())) == 1, address
        # Shared: rendered once for the anonymous and once for the logged-in, served to the rest.
        start = _counts()
        assert _read(Client(), address) == anonymous
        assert _read(Client(), address) == anonymous
        for name, client in readers.items():
            assert _read(client, address, name) == alone[name], (address, name)
        assert _moved(start) == (1 + len(readers) - 1, 2, 0), address


def test_a_change_to_the_record_is_read_at_once(history_reloaded: None) -> None:
    process = Process.objects.order_by("pk").first()
    assert process is not None
    address = f"/en/processes/{process.slug}/"
    reader = Client()
    _read(reader, address)
    start = _counts()
    assert process.title_en in _read(Client(), address)
    assert _moved(start) == (1, 0, 0)
    # A committed change (here the ORM's; any write moves the stamp) is read by the next reader.
    Process.objects.filter(pk=process.pk).update(title_en="A title corrected in the record")
    start = _counts()
    assert "A title corrected in the record" in _read(Client(), address)
    assert _moved(start) == (0, 1, 0)
    # A reader's display choice (Arabic-Indic digits) is a copy of its own.
    arabic = f"/ar/processes/{process.slug}/"
    _read(Client(), arabic)
    chooser = Client()
    chooser.cookies["astana_digits"] = "arab"
    start = _counts()
    digits = _read(chooser, arabic)
    assert _moved(start) == (0, 1, 0)
    assert re.search("[٠-٩]", digits) and digits != _read(Client(), arabic)
    # A page that is not found is answered, never kept.
    start = _counts()
    for _ in range(2):
        assert Client().get("/en/processes/no-such-process/").status_code == 404
    assert _moved(start) == (0, 0, 0)
