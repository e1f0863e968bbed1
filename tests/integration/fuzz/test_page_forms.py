"""Every page that takes a POST (each row of the confidentiality matrix's table that does)
fuzzed with generated form data, as every role: the fields are those of the page's own forms
(read from the page as the roles that may use it), the values anything a browser can send
(empty, huge, NUL, right-to-left marks, numbers out of range, references that name nothing).

Whatever is sent: never a 5xx, and a refused form (4xx) writes nothing.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers.unchanged import database_state

from ..leaks.table import PAGES, SUBJECTS, subject_values
from ..leaks.world import ROLES, World
from .tally import CASES, Tally

FORM_ROWS = sorted(name for name, row in PAGES.items() if row.post and not row.stream)
READERS = ("convener", "mediator", "party1", "secretariat", "observer")  # who reads the forms
ODD_VALUES = (
    "",
    "0",
    "-1",
    "99999999999999999999999",
    "\x00",
    "a\x00b",
    "\u202eevil",
    "r0",
    "r-1,d99999999999",
    "art_1",
    "art_999",
    "yes",
    "on",
    "en",
    "xx",
    "1.5",
    "[unclosed",
    "{{ 7*7 }}",
    "<script>x</script>",
    "A" * 5000,
)
COMMON_FIELDS = ("body", "text", "version", "based_on", "slug", "provision", "choice", "language")


class _Fields(HTMLParser):
    """The names of the fields of the page's POST forms."""

    def __init__(self) -> None:
        super().__init__()
        self.in_post = False
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.in_post = (found.get("method") or "").lower() == "post"
        elif self.in_post and tag in ("input", "textarea", "select") and found.get("name"):
            name = str(found["name"])
            if name != "csrfmiddlewaretoken":
                self.names.add(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_post = False


@cache
def _fields(url: str, clients: tuple[tuple[str, Client], ...]) -> tuple[str, ...]:
    parser = _Fields()
    for _role, client in clients:
        response = client.get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser.feed(response.content.decode("utf-8", "replace"))
    return tuple(sorted(parser.names)) or COMMON_FIELDS


def _urls(world: World, name: str) -> list[str]:
    row = PAGES[name]
    urls = []
    for label in SUBJECTS[row.subject] if row.subject else ("",):
        values = subject_values(world, row.subject, label)
        for variant in row.variants:
            url = row.prefix + row.path.format(**values, variant=variant)
            if row.query:
                url += "?" + row.query.format(variant=variant)
            urls.append(url)
    return urls


@pytest.mark.parametrize("name", FORM_ROWS)
def test_page_form(name: str, world: World, tally: Tally, db: None) -> None:
    urls = _urls(world, name)
    readers = tuple((role, world.clients[role]) for role in READERS)
    roles = PAGES[name].roles or ROLES

    @settings(
        max_examples=CASES,
        derandomize=CASES <= 50,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        role = data.draw(st.sampled_from(roles), label="role")
        url = data.draw(st.sampled_from(urls), label="url")
        fields = _fields(url, readers)
        value = st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=300))
        form: dict[str, Any] = data.draw(
            st.dictionaries(st.sampled_from(fields), value, max_size=len(fields) + 1),
            label="form",
        )
        before = database_state()
        response = world.clients[role].post(url, form)
        status = response.status_code
        tally.count(f"page {name}", status)
        what = f"{role} POST {url} {form!r:.400} → {status}"
        try:
            assert status < 500, what
            if status >= 400:
                assert not database_state().changes_since(before), "a refused form wrote: " + what
        except AssertionError:
            tally.fail(f"page {name}")
            raise

    fuzz()
