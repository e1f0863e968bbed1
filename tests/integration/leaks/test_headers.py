"""Issue 13 (headers): every page answers with the Content-Security-Policy, the
Permissions-Policy and the Referrer-Policy, and no template holds what the policy refuses
(an inline script, an ``on*=`` handler, a ``javascript:`` URL, a ``style`` attribute or
element). The pages are the confidentiality matrix's rows (``table.py``), requested as the
public, a party and the mediator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import HttpResponseBase

from .probing import answer_text, probes, send
from .table import PAGES
from .world import World

TEMPLATES = Path(__file__).resolve().parents[3] / "src" / "astana" / "web"
ROLES = ("anonymous", "party1", "mediator")
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "connect-src": "'self'",
}
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb")

# What a strict policy refuses in a template (each with what to do instead).
REFUSED = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "on*= handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
}


def policy(response: HttpResponseBase) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def header_problems(response: HttpResponseBase) -> list[str]:
    found = []
    directives = policy(response)
    for name, value in DIRECTIVES.items():
        if directives.get(name) != value:
            found.append(f"CSP {name} is {directives.get(name)!r}, not {value!r}")
    if any("unsafe-inline" in value for value in directives.values()):
        found.append("CSP allows 'unsafe-inline'")
    features = response.headers.get("Permissions-Policy", "")
    found += [f"Permissions-Policy lacks {f}=()" for f in FEATURES_OFF if f"{f}=()" not in features]
    if response.headers.get("Referrer-Policy") != "same-origin":
        found.append(f"Referrer-Policy is {response.headers.get('Referrer-Policy')!r}")
    return found


@pytest.fixture
def short_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    from astana.web.negotiation import live
    from astana.web.negotiation import views_events as room_views

    monkeypatch.setattr(room_views, "EVENT_STREAM_SECONDS", 0.01)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.01)


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume")
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_with_the_security_headers(
    world: World, short_stream: None, role: str
) -> None:
    found = []
    requested = 0
    for row in [*PAGES, "admin"]:
        for probe in probes(world, row, role):
            if probe.method != "GET" or probe.variant == "pdf":  # PDFs: slow, same middleware
                continue
            response = send(world, role, probe)
            answer_text(response)  # read the body (streams too)
            requested += 1
            found += [f"{probe.url}: {p}" for p in header_problems(response)]
    assert requested > len(PAGES)
    assert not found, "\n".join(found)


def test_no_template_holds_what_the_policy_refuses() -> None:
    templates = sorted(TEMPLATES.glob("**/templates/**/*.html"))
    assert len(templates) > 40
    found = [
        f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, match.start()) + 1}: {what}"
        for path in templates
        for text in [path.read_text(encoding="utf-8")]
        for what, pattern in REFUSED.items()
        for match in pattern.finditer(text)
    ]
    assert not found, "move these into static/js and static/css:\n" + "\n".join(found)


def test_the_template_scan_finds_what_it_looks_for() -> None:
    """The patterns are not vacuous."""
    samples = {
        "inline <script>": '<script>alert(1)</script><script src="/x.js"></script>',
        "on*= handler": '<button type="button" onclick="go()">',
        "javascript: URL": '<a href="javascript:history.back()">',
        "style attribute": '<p class="x" style="color: red">',
        "<style> element": "<style>p { color: red }</style>",
    }
    for what, sample in samples.items():
        assert len(REFUSED[what].findall(sample)) == 1, what
    assert not REFUSED["on*= handler"].search('<option value="x">')
