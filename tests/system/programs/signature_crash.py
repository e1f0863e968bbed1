"""Kill the server with SIGKILL while delegates submit signatures; no acknowledged one is lost.

    python tests/system/programs/signature_crash.py COUNT [--kills K]

Uses the database in the environment (DATABASE_URL or ASTANA_VAR_DIR), which must already
hold ``astana demo --no-serve`` data. Three parties get keys; the client submits COUNT
signatures through the HTTP API, each on the newest revision (the mediator issues a new
revision after every three). The server is killed K times at random moments and restarted.
At the end every signature the server acknowledged (201) must be in the database and in the
log, and the whole log must audit. Prints one JSON object.
"""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.local")
import django

django.setup()
from django.db import connection  # noqa: E402

from astana.core.ledger import audit_log, ed25519  # noqa: E402
from astana.web.accounts.models import User  # noqa: E402
from astana.web.api.tokens import token_create  # noqa: E402
from astana.web.negotiation.models import NegotiationText  # noqa: E402
from astana.web.signing import actions, log  # noqa: E402
from astana.web.signing.models import Checkpoint, DocumentSignature, LogLeaf  # noqa: E402

ASTANA = str(Path(sys.executable).with_name("astana"))
PARTIES = ("party1", "party2", "party3")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [ASTANA, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/log/checkpoint", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def call(
    port: int, token: str, method: str, path: str, body: object = None
) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def main(count: int, kills: int) -> None:
    text = NegotiationText.objects.get(slug="joint-statement")
    tokens, keys = {}, {}
    for name in (*PARTIES, "mediator"):
        tokens[name] = token_create(user=User.objects.get(username=name), name="crash test")[1]
    for name in PARTIES:
        private = ed25519.generate_private_key()
        key = actions.key_register(
            user=User.objects.get(username=name),
            process_slug="astana-platform",
            name="crash",
            public_key=ed25519.public_key(private).hex(),
        )
        actions.key_approve(
            user=User.objects.get(username="convener"), key_id=key.pk, fingerprint=key.fingerprint
        )
        keys[name] = private
    connection.close()
    port = free_port()
    server = start(port)
    rng = random.Random(7)
    kill_at = sorted(rng.sample(range(1, count), kills)) if kills else []
    acknowledged: list[int] = []
    attempts = 0
    while len(acknowledged) < count:
        if kill_at and len(acknowledged) >= kill_at[0]:
            kill_at.pop(0)
            server.send_signal(signal.SIGKILL)  # no chance to flush anything
            server.wait()
            server = start(port)
        try:
            _, text_state = call(port, tokens["mediator"], "GET", f"/api/texts/{text.pk}")
            revision = int(text_state["revision"])  # type: ignore[arg-type]
            for name in PARTIES:
                status, got = call(
                    port,
                    tokens[name],
                    "GET",
                    f"/api/texts/{text.pk}/revisions/{revision}/statement",
                )
                if status != 200:
                    continue
                statement = str(got["statement"])
                signature = base64.b64encode(ed25519.sign(keys[name], statement.encode())).decode()
                attempts += 1
                status, result = call(
                    port,
                    tokens[name],
                    "POST",
                    f"/api/texts/{text.pk}/signatures",
                    {"statement": statement, "signature": signature},
                )
                if status == 201:
                    acknowledged.append(int(result["id"]))  # type: ignore[arg-type]
                if len(acknowledged) >= count:
                    break
            _, current = call(port, tokens["mediator"], "GET", f"/api/texts/{text.pk}")
            version = current["text"]["version"]  # type: ignore[index]
            call(
                port,
                tokens["mediator"],
                "POST",
                f"/api/texts/{text.pk}/revisions",
                {"based_on": version, "fold": [], "keep": [], "reject": []},
            )
        except (OSError, KeyError, ValueError):
            time.sleep(0.2)  # the server was being killed or restarted: try again
    server.terminate()
    server.wait()
    stored = set(DocumentSignature.objects.values_list("pk", flat=True))
    lost = sorted(set(acknowledged) - stored)
    entries = [d.encode() for d in LogLeaf.objects.order_by("index").values_list("data", flat=True)]
    notes = list(Checkpoint.objects.order_by("size").values_list("note", flat=True))
    report = audit_log(entries, notes, log.log_verifier(), origin=log.log_origin())
    print(
        json.dumps(
            {
                "acknowledged": len(acknowledged),
                "attempts": attempts,
                "lost": lost,
                "kills": kills,
                "log_size": len(entries),
                "audit_ok": report.ok,
                "vendor": connection.vendor,
            }
        )
    )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    kills = int(arguments[arguments.index("--kills") + 1]) if "--kills" in arguments else 3
    main(int(arguments[0]), kills)
