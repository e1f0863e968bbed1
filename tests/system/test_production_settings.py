"""Issue 13: production by default. ``astana serve`` uses the production settings unless told
``--dev``; they refuse a weak secret with how to make one, pass ``check --deploy`` without a
warning, and the server answers with HSTS, the HTTPS redirect and the CSP."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
from tests.system.servers import free_port, refused_to_serve

ROOT = Path(__file__).resolve().parents[2]
ASTANA = str(Path(sys.executable).with_name("astana"))
PRODUCTION = "astana.web.config.settings.production"


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """The environment without settings module or secret (as an operator's shell starts)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "ASTANA_SECRET_KEY", "ASTANA_ALLOWED_HOSTS")
    }
    env.pop("DATABASE_URL", None)  # nothing here touches a database
    env["ASTANA_VAR_DIR"] = str(tmp_path)
    return env


def production(env: dict[str, str], **extra: str) -> dict[str, str]:
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "ASTANA_SECRET_KEY": secrets.token_urlsafe(64),
        "ASTANA_ALLOWED_HOSTS": "negotiations.example.org,127.0.0.1",
        **extra,
    }


def django_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", "check", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(bare_env: dict[str, str]) -> None:
    result = django_check(production(bare_env), "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "key",
    ["a" * 54, "astana-local-development-key-not-for-production", "x" * 20, ""],
)
def test_production_refuses_a_weak_secret(bare_env: dict[str, str], key: str) -> None:
    result = django_check(production(bare_env, ASTANA_SECRET_KEY=key))
    assert result.returncode != 0
    assert "ASTANA_SECRET_KEY" in result.stderr
    assert "secrets.token_urlsafe(64)" in result.stderr


def test_production_settings_debug_off(bare_env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env=production(bare_env, ASTANA_DEBUG="1"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_serve_uses_production_settings_and_refuses_without_a_secret(
    bare_env: dict[str, str],
) -> None:
    said = refused_to_serve(bare_env, "without a secret key (development settings?)")
    assert "ASTANA_SECRET_KEY is not set" in said
    assert "token_urlsafe" in said
    assert "astana serve --dev" in said


@contextmanager
def _started(env: dict[str, str], *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen(
        [ASTANA, "serve", "--port", str(port), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read() if process.stderr else "") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=20)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _get(url: str, **headers: str) -> tuple[int, Message]:
    """The status and the headers (looked up whatever the case of their names on the wire)."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_serve_in_production_redirects_to_https_and_sends_hsts_and_csp(
    bare_env: dict[str, str],
) -> None:
    env = production(bare_env)
    del env["DJANGO_SETTINGS_MODULE"]  # the default
    with _started(env) as (base, _):
        status, headers = _get(base + "/static/css/astana.css")
        assert status == 301
        assert headers["Location"].startswith("https://127.0.0.1")
        status, headers = _get(base + "/static/css/astana.css", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]


def test_serve_dev_uses_the_development_settings_and_says_so(bare_env: dict[str, str]) -> None:
    with _started(bare_env, "--dev") as (base, process):
        status, headers = _get(base + "/static/css/astana.css")
        assert status == 200  # no HTTPS redirect in development
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        process.terminate()
        _, stderr = process.communicate(timeout=20)
        assert "Development settings (astana.web.config.settings.local)" in stderr
