"""Signing in real Chromium: a delegate makes a key in the browser (WebCrypto Ed25519, not
extractable), the convener approves it, the delegate signs the revision, and the bundle
downloaded from the public record verifies with `astana verify`, offline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ASTANA = str(Path(sys.executable).with_name("astana"))


def test_a_delegate_signs_with_a_browser_key_and_the_bundle_verifies(
    server: str, login, screenshot, tmp_path: Path
) -> None:
    delegate = login(server, "guarantor")
    delegate.goto(f"{server}/en/signing/keys/")
    delegate.locator("#make-key").click()
    delegate.wait_for_url(re.compile(r"/en/signing/keys/$"))
    row = delegate.locator("tr.key.state-pending").first
    public_key = row.get_attribute("data-public-key")
    assert re.fullmatch(r"[0-9a-f]{64}", public_key)
    row.locator(".local", has_text="✓").wait_for()  # the private key is in this browser only
    extractable = delegate.evaluate(
        """async (pk) => await new Promise((resolve) => {
            const open = indexedDB.open("astana-keys", 1);
            open.onsuccess = () => {
              const req = open.result.transaction("keys").objectStore("keys").get(pk);
              req.onsuccess = () => resolve(req.result.privateKey.extractable);
            };
        })""",
        public_key,
    )
    assert extractable is False
    screenshot(delegate, "signing-key-pending")

    convener = login(server, "convener")
    convener.goto(f"{server}/en/signing/keys/")
    pending = convener.locator(f'tr.approve-row[data-public-key="{public_key}"]')
    # The delegate reads the fingerprint their own page shows; the convener types it.
    read_out = delegate.locator(f'tr.key[data-public-key="{public_key}"] code.fingerprint')
    pending.locator("input.fingerprint-compared").fill(read_out.inner_text())
    pending.locator("button.approve").click()
    convener.wait_for_load_state()

    delegate.goto(f"{server}/en/record/")
    delegate.locator(".signed-document h3", has_text="Joint statement of round 3").first.wait_for()
    section = delegate.locator("section.signed-document").first
    text_id = section.get_attribute("id").removeprefix("text-")
    delegate.goto(f"{server}/en/texts/{text_id}/sign/")
    shown_hash = delegate.locator("#revision-hash").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", shown_hash)
    assert "revision-sha256 " + shown_hash in delegate.locator("#statement").inner_text()
    screenshot(delegate, "signing-before")
    delegate.locator("#sign-button").click()
    delegate.wait_for_url(re.compile(r"/en/record/"))
    assert delegate.locator(f"#text-{text_id} li", has_text="guarantor").count() == 1

    with delegate.expect_download() as download:
        delegate.locator(f"#text-{text_id} a.bundle-link").click()
    path = tmp_path / "bundle.json"
    download.value.save_as(path)
    log_key = delegate.locator("#log-key").inner_text()
    result = subprocess.run(
        [ASTANA, "verify", str(path), "--log-key", log_key, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["ok"], report
    assert sum("(guarantor) signed" in line for line in report["checks"]) == 1
    screenshot(delegate, "signing-record")
