"""The public record from the command line: ``astana keys new``, ``astana sign``,
``astana bundle``, ``astana verify``, ``astana audit``, ``astana witness``.

``verify`` and ``keys new`` and ``sign`` need no server and no database: they are what a
journalist or a delegation runs offline.
"""

from __future__ import annotations

import base64
import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from astana.core.bundle import verify_bundle
from astana.core.ledger import (
    SIG_TYPE_COSIGNATURE_V1,
    SIG_TYPE_ED25519,
    SignatureStatement,
    SignedNote,
    SignerKey,
    VerifierKey,
    audit_log,
    check_consistency,
    cosign_checkpoint,
    open_checkpoint,
)

keys_app = typer.Typer(help="Make signing keys offline.", no_args_is_help=True)
console = Console(stderr=True)
err = Console(stderr=True, style="bold red")

__all__ = ["audit", "bundle", "keys_app", "sign", "verify", "witness"]


@keys_app.command("new")
def keys_new(
    name: Annotated[str, typer.Option(help="The key's name, e.g. your user name or witness name.")],
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Where to write the private key (mode 600).")
    ],
    witness: Annotated[
        bool, typer.Option(help="A witness's cosigning key (cosignature/v1).")
    ] = False,
) -> None:
    """Make an Ed25519 key pair; the private key stays in OUT, the public key is printed."""
    if out.exists():
        err.print(f"{out} exists; not overwriting a key.")
        raise typer.Exit(2)
    try:
        key = SignerKey.generate(name, SIG_TYPE_COSIGNATURE_V1 if witness else SIG_TYPE_ED25519)
    except ValueError as error:
        err.print(str(error))
        raise typer.Exit(2) from error
    out.touch(mode=0o600)
    out.write_text(str(key) + "\n")
    raw = key.verifier
    print(
        json.dumps(
            {
                "name": name,
                "public_key_hex": raw_public(raw).hex(),
                "public_key_base64": base64.b64encode(raw_public(raw)).decode(),
                "verifier_key": str(raw),
            }
        )
    )


def raw_public(key: VerifierKey) -> bytes:
    return key.public_key


def _signer(path: Path) -> SignerKey:
    try:
        return SignerKey.parse(path.read_text().strip())
    except (OSError, ValueError) as error:
        err.print(f"{path}: not a key file ({error}).")
        raise typer.Exit(2) from error


def sign(
    statement: Annotated[
        Path, typer.Argument(help="The statement to sign, as the platform shows it.")
    ],
    key: Annotated[Path, typer.Option(help="Your private key file (from `astana keys new`).")],
) -> None:
    """Sign a signature statement offline; prints the base64 signature to submit."""
    signer = _signer(key)
    try:
        parsed = SignatureStatement.parse(statement.read_bytes())
    except (OSError, ValueError) as error:
        err.print(f"{statement}: not a canonical signature statement ({error}).")
        raise typer.Exit(2) from error
    print(base64.b64encode(parsed.sign(signer.private_key)).decode())


def verify(
    bundle: Annotated[Path, typer.Argument(help="A bundle downloaded from the public record.")],
    lang: Annotated[str, typer.Option(help="Language of the report: ar, en or ru.")] = "en",
    log_key: Annotated[str | None, typer.Option(help="The log's verifier key, to pin it.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object instead of the report.")
    ] = False,
) -> None:
    """Verify a bundle offline: text hash, signatures, inclusion, checkpoint, witnesses."""
    try:
        data = json.loads(bundle.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        err.print(f"{bundle}: not a readable JSON bundle ({error}).")
        raise typer.Exit(2) from error
    pinned = None
    if log_key:
        try:
            pinned = VerifierKey.parse(log_key)
        except ValueError as error:
            err.print(f"--log-key: {error}")
            raise typer.Exit(2) from error
    report = verify_bundle(data if isinstance(data, dict) else {}, log_key=pinned)
    if as_json:
        print(json.dumps({"ok": report.ok, "checks": report.lines(lang)}, ensure_ascii=False))
    else:
        title = {"en": "Verification of", "ar": "التحقق من", "ru": "Проверка"}.get(
            lang, "Verification of"
        )
        print(f"{title} {bundle}")
        for line in report.lines(lang):
            print("  " + line)
        verdict = {
            True: {"en": "VERIFIED", "ar": "تم التحقق", "ru": "ПРОВЕРЕНО"},
            False: {"en": "NOT VERIFIED", "ar": "لم يتم التحقق", "ru": "НЕ ПРОВЕРЕНО"},
        }[report.ok]
        print(verdict.get(lang, verdict["en"]))
    raise typer.Exit(0 if report.ok else 1)


def bundle(
    latest: Annotated[
        bool, typer.Option("--latest", help="The most recently signed document.")
    ] = False,
    text: Annotated[int | None, typer.Option(help="The text's id.")] = None,
    revision: Annotated[int | None, typer.Option(help="The revision number.")] = None,
) -> None:
    """Print the bundle of a signed document (from this platform's database) as JSON."""
    from astana.cli.platform import setup_django

    setup_django()
    from astana.web.negotiation.errors import ActionError
    from astana.web.negotiation.models import NegotiationText
    from astana.web.signing.bundle import build_bundle, latest_signed

    try:
        if latest:
            signed = latest_signed()
            chosen, number = signed.text, signed.revision
        else:
            found = NegotiationText.objects.filter(pk=text).first() if text else None
            if found is None or revision is None:
                raise ActionError("Give --latest, or --text ID and --revision N of a signed text.")
            chosen, number = found, revision
        print(json.dumps(build_bundle(chosen, number), ensure_ascii=False, indent=1))
    except ActionError as error:
        err.print(str(error))
        raise typer.Exit(2) from error


def audit() -> None:
    """Re-verify the whole log of this platform: every leaf, every checkpoint, consistency."""
    from astana.cli.platform import setup_django

    setup_django()
    from astana.web.signing import log
    from astana.web.signing.models import Checkpoint, LogLeaf

    total = LogLeaf.objects.count()
    entries: list[bytes] = []
    with Progress(console=console) as progress:
        reading = progress.add_task("reading entries", total=total)
        for data in (
            LogLeaf.objects.order_by("index")
            .values_list("data", flat=True)
            .iterator(chunk_size=5000)
        ):
            entries.append(data.encode("utf-8"))
            progress.advance(reading)
        checkpoints = list(Checkpoint.objects.order_by("size").values_list("note", flat=True))
        checking = progress.add_task("verifying", total=total)
        report = audit_log(
            entries,
            checkpoints,
            log.log_verifier(),
            origin=log.log_origin(),
            progress=lambda stage, done, all_: progress.update(
                checking, completed=done, total=all_, description=stage
            ),
        )
    if report.ok:
        print(
            f"log verified: {len(entries)} entries, {len(checkpoints)} checkpoints, all consistent"
        )
        return
    for failure in report.failures:
        print(f"FAILED: {failure}")
    raise typer.Exit(1)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the operator's URL
        return bytes(response.read())


def witness(
    url: Annotated[
        str, typer.Option(help="The platform's base URL, e.g. https://astana.example.org")
    ],
    key: Annotated[
        Path, typer.Option(help="The witness's cosigning key (astana keys new --witness).")
    ],
    log_key: Annotated[str, typer.Option(help="The log's verifier key (pinned).")],
    state: Annotated[Path, typer.Option(help="File keeping the last checkpoint this witness saw.")],
    once: Annotated[bool, typer.Option(help="Cosign the current checkpoint and stop.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between checks.")] = 10.0,
) -> None:
    """Watch the log: check each new checkpoint against the last one seen (consistency proof),
    cosign it (C2SP tlog-cosignature) and hand the cosignature back to the platform."""
    signer = _signer(key)
    if signer.sig_type != SIG_TYPE_COSIGNATURE_V1:
        err.print("A witness key is a cosignature key: make one with `astana keys new --witness`.")
        raise typer.Exit(2)
    verifier = VerifierKey.parse(log_key)
    base = url.rstrip("/")
    while True:
        try:
            _witness_once(base, signer, verifier, state)
        except (urllib.error.URLError, ValueError) as error:
            err.print(f"refused: {error}")
            if once:
                raise typer.Exit(1) from error
        if once:
            return
        time.sleep(interval)


def _witness_once(base: str, signer: SignerKey, verifier: VerifierKey, state: Path) -> None:
    note_text = _get(f"{base}/api/log/checkpoint").decode("utf-8")
    note = SignedNote.parse(note_text)
    checkpoint = open_checkpoint(note, verifier)
    seen: dict[str, Any] = json.loads(state.read_text()) if state.exists() else {}
    old_size, old_root = (
        int(seen.get("size", 0)),
        bytes.fromhex(seen.get("root", "")) if seen else b"",
    )
    if old_size > checkpoint.size:
        raise ValueError(f"the log shrank from {old_size} to {checkpoint.size}: not cosigning")
    if 0 < old_size < checkpoint.size:
        proof = json.loads(
            _get(f"{base}/api/log/proof/consistency?old={old_size}&new={checkpoint.size}")
        )
        check_consistency(
            old_size,
            checkpoint.size,
            [base64.b64decode(h) for h in proof["proof"]],
            old_root,
            checkpoint.root,
        )
    elif old_size == checkpoint.size and old_root != checkpoint.root:
        raise ValueError("two different roots for the same size: the log forked; not cosigning")
    cosigned = cosign_checkpoint(note, signer, int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - the operator's URL
        f"{base}/api/log/cosignatures",
        data=str(cosigned).encode("utf-8"),
        headers={"Content-Type": "text/plain; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30):  # noqa: S310 - the operator's URL
        pass
    state.write_text(json.dumps({"size": checkpoint.size, "root": checkpoint.root.hex()}))
    print(f"cosigned {checkpoint.origin} at size {checkpoint.size}", file=sys.stderr)
