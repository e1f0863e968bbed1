"""The public record from the command line: ``astana keys new``, ``astana sign``,
``astana bundle``, ``astana verify``, ``astana audit``, ``astana witness``.

``verify`` and ``keys new`` and ``sign`` need no server and no database: they are what a
journalist or a delegation runs offline.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from astana.core.bundle import Trust, verify_bundle
from astana.core.ledger import (
    SIG_TYPE_COSIGNATURE_V1,
    SIG_TYPE_ED25519,
    Checkpoint,
    MerkleLog,
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
    log_key: Annotated[
        str | None,
        typer.Option(
            help="The log's verifier key, or its fingerprint, as the process published it "
            "(not as the bundle gives it)."
        ),
    ] = None,
    trust: Annotated[
        Path | None,
        typer.Option(
            help="A trust file (GET /api/log/trust, checked against what the process "
            "published): the log key and the witnesses' keys."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object instead of the report.")
    ] = False,
) -> None:
    """Verify a bundle offline: text hash, signatures, inclusion, checkpoint, witnesses.

    Exit 0: verified against a log key from outside the bundle; 3: everything in the bundle
    verifies but its log key was NOT independently verified (give --log-key or --trust);
    1: a check failed; 2: unreadable input."""
    try:
        data = json.loads(bundle.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        err.print(f"{bundle}: not a readable JSON bundle ({error}).")
        raise typer.Exit(2) from error
    trusted = Trust()
    try:
        if trust is not None:
            trusted = Trust.from_dict(json.loads(trust.read_text(encoding="utf-8")))
        if log_key:
            pinned = Trust.of_log_key(log_key)
            trusted = dataclasses.replace(
                trusted, log_key=pinned.log_key, log_fingerprint=pinned.log_fingerprint
            )
    except (OSError, ValueError) as error:
        err.print(f"--trust / --log-key: {error}")
        raise typer.Exit(2) from error
    report = verify_bundle(data if isinstance(data, dict) else {}, trust=trusted)
    lines = report.lines(lang)
    if as_json:
        print(
            json.dumps(
                {"ok": report.ok, "log_key_verified": report.trusted, "checks": lines},
                ensure_ascii=False,
            )
        )
    else:
        title = {"en": "Verification of", "ar": "التحقق من", "ru": "Проверка"}.get(
            lang, "Verification of"
        )
        print(f"{title} {bundle}")
        for line in lines:
            print("  " + line)
        verdicts = {
            "ok": {"en": "VERIFIED", "ar": "تم التحقق", "ru": "ПРОВЕРЕНО"},
            "untrusted": {
                "en": "signatures verified; log key NOT independently verified",
                "ar": "تم التحقق من التواقيع؛ لم يتم التحقق من مفتاح السجل بشكل مستقل",
                "ru": "подписи проверены; ключ журнала НЕ проверен независимо",
            },
            "failed": {"en": "NOT VERIFIED", "ar": "لم يتم التحقق", "ru": "НЕ ПРОВЕРЕНО"},
        }
        verdict = verdicts["failed" if not report.ok else "ok" if report.trusted else "untrusted"]
        print(verdict.get(lang, verdict["en"]))
    raise typer.Exit(1 if not report.ok else 0 if report.trusted else 3)


def bundle(
    latest: Annotated[
        bool, typer.Option("--latest", help="The most recently signed document.")
    ] = False,
    text: Annotated[int | None, typer.Option(help="The text's id.")] = None,
    revision: Annotated[int | None, typer.Option(help="The revision number.")] = None,
) -> None:
    """Print the bundle of a signed document (from this platform's database) as JSON."""
    from astana.cli.instance import setup_django

    setup_django()
    from astana.web.common.errors import ActionError
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


def audit(
    witnessed: Annotated[
        list[Path] | None,
        typer.Option(
            help="A checkpoint a witness cosigned, kept outside this server (the witness's "
            "state file or the note itself): the log must still contain it. Repeatable."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=0,
            help="Processes that check the entries (0, the default: one per CPU). The report "
            "is the same with any number.",
        ),
    ] = 0,
) -> None:
    """Re-verify the whole record of this platform: every leaf, every checkpoint, consistency,
    and every stored row (revisions, signatures, keys, cosignatures, published minutes)
    against what the log recorded. Exit 1 and name each mismatch."""
    from astana.cli.instance import setup_django

    setup_django()
    from astana.web.signing import log
    from astana.web.signing.integrity import row_mismatches
    from astana.web.signing.models import Checkpoint as CheckpointRow
    from astana.web.signing.models import LogLeaf

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
        rows = list(CheckpointRow.objects.order_by("size").values_list("size", "root", "note"))
        checkpoints = [note for _, _, note in rows]
        checking = progress.add_task("verifying", total=total)
        report = audit_log(
            entries,
            checkpoints,
            log.log_verifier(),
            origin=log.log_origin(),
            progress=lambda stage, done, all_: progress.update(
                checking, completed=done, total=all_, description=stage
            ),
            workers=workers or os.cpu_count() or 1,
        )
    failures = [_named(failure, rows) for failure in report.failures]
    failures += _checkpoint_roots(rows)
    failures += [str(mismatch) for mismatch in row_mismatches()]
    for path in witnessed or []:
        failures += _still_contains(path, entries, log.log_verifier(), log.log_origin())
    if waiting := LogLeaf.rows.filter(index__isnull=True).count():
        print(
            f"note: {waiting} entries are written and wait for integration into the log (their"
            " writers' rounds are under way, or a writer stopped after its commit: the next"
            " append integrates them; docs/ledger.md)"
        )
    if not failures:
        print(
            f"log verified: {len(entries)} entries, {len(checkpoints)} checkpoints, all "
            "consistent; every revision, signature, key, cosignature and published minutes "
            "row matches the log"
        )
        return
    for failure in failures:
        print(f"FAILED: {failure}")
    raise typer.Exit(1)


def _named(failure: Any, rows: list[tuple[int, str, str]]) -> str:
    """The core's finding with the table and row it is about."""
    where = []
    if failure.checkpoint is not None:
        where.append(f"signing_checkpoint size {rows[failure.checkpoint][0]}")
    if failure.entries is not None:
        lo, hi = failure.entries
        where.append(f"signing_logleaf index {lo}" + (f"..{hi - 1}" if hi - lo > 1 else ""))
    return f"{', '.join(where) or 'log'}: {failure.reason}"


def _checkpoint_roots(rows: list[tuple[int, str, str]]) -> list[str]:
    """The ``root`` and ``size`` columns of each checkpoint row against its signed note."""
    found = []
    for size, root, note in rows:
        try:
            body = Checkpoint.parse(SignedNote.parse(note).text)
        except ValueError:
            continue  # the log audit reports the note
        if body.size != size or body.root.hex() != root:
            found.append(
                f"signing_checkpoint size {size}: the row says size {size} root {root}, its "
                f"signed note size {body.size} root {body.root.hex()}"
            )
    return found


def _still_contains(
    path: Path, entries: list[bytes], log_key: VerifierKey, origin: str
) -> list[str]:
    """A checkpoint kept outside the server (by a witness) must still be in the log: if the
    log now has fewer entries, or another root at that size, entries were removed or changed."""
    try:
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("{"):
            text = str(json.loads(text)["note"])
        checkpoint = open_checkpoint(SignedNote.parse(text), log_key, origin=origin)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{path}: not a checkpoint signed by this log ({error})"]
    if checkpoint.size > len(entries):
        return [
            f"{path}: the log has {len(entries)} entries but the checkpoint kept outside has "
            f"{checkpoint.size}: entries {len(entries)}..{checkpoint.size - 1} were removed"
        ]
    tree = MerkleLog()
    for data in entries[: checkpoint.size]:
        tree.append(data)
    if tree.root(checkpoint.size) != checkpoint.root:
        return [
            f"{path}: the log's first {checkpoint.size} entries no longer have the root the "
            "checkpoint kept outside recorded: entries were changed or removed"
        ]
    return []


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
    # The cosigned note stays with the witness: `astana audit --witnessed STATE` shows any
    # later removal of entries it had seen.
    state.write_text(
        json.dumps({"size": checkpoint.size, "root": checkpoint.root.hex(), "note": str(cosigned)})
    )
    print(f"cosigned {checkpoint.origin} at size {checkpoint.size}", file=sys.stderr)
