"""The offline auditor: re-check a whole public record without trusting the server.

Given every entry's bytes, the log's signed checkpoints and the log's verifier key,
``audit_log`` re-parses and re-hashes every entry (and re-verifies the delegate's
signature in every ``signature.added`` entry), rebuilds the tree, checks each
checkpoint's signature, and checks each checkpoint's root against the tree of the
entries at its size. With the full entries in hand that is the strongest form of
consistency: two checkpoints that both match are consistent; a checkpoint that does
not match while a larger one does is a fork the log signed; otherwise the entries in
the range since the last matching checkpoint were altered, removed or reordered.

With ``workers`` above one the entries are checked by that many processes (forked, so they
read the entries without copying them through a pipe), each a block of the log at a time; the
tree is built from the leaf hashes they return, in order. The report is the same as the
serial audit's, failure for failure.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from hashlib import sha256

from .checkpoint import Checkpoint, open_checkpoint
from .entry import LogEntry
from .errors import NoteError
from .keys import VerifierKey
from .memory import MerkleLog
from .note import SignedNote

__all__ = ["AuditFailure", "AuditReport", "Progress", "audit_log"]

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)`` with stage ``"entries"`` or ``"checkpoints"``."""

_PROGRESS_EVERY = 10_000
_BLOCK = 16_384  # entries a worker checks at a time


@dataclass(frozen=True)
class AuditFailure:
    """One finding: an entry (``checkpoint`` is None) or a checkpoint that failed.

    ``entries`` is the half-open range of entry indexes the finding implicates.
    """

    reason: str
    entries: tuple[int, int] | None = None
    checkpoint: int | None = None

    def __str__(self) -> str:
        where = []
        if self.checkpoint is not None:
            where.append(f"checkpoint {self.checkpoint}")
        if self.entries is not None:
            lo, hi = self.entries
            where.append(f"entry {lo}" if hi - lo == 1 else f"entries {lo}..{hi - 1}")
        return f"{', '.join(where) or 'log'}: {self.reason}"


@dataclass(frozen=True)
class AuditReport:
    """The outcome of an audit: what was checked and every failure found."""

    entries: int
    checkpoints: int
    failures: tuple[AuditFailure, ...]

    @property
    def ok(self) -> bool:
        """Whether nothing failed."""
        return not self.failures

    @property
    def first_bad_entry(self) -> int | None:
        """The lowest entry index any failure implicates, or ``None``."""
        starts = [f.entries[0] for f in self.failures if f.entries is not None]
        return min(starts, default=None)


def _check_entry(
    index: int, data: bytes, previous_seq: int | None, verify: bool
) -> tuple[int | None, AuditFailure | None]:
    try:
        entry = LogEntry.parse(data)
    except ValueError as exc:
        return None, AuditFailure(f"malformed entry: {exc}", (index, index + 1))
    seq = entry.seq
    # After a deletion the rest of the log is shifted by one: report the break only.
    continues_shift = previous_seq not in (None, index - 1) and previous_seq == seq - 1
    if seq != index and not continues_shift:
        reason = f"has seq {seq}, expected {index}: an entry was deleted, added or moved"
        return seq, AuditFailure(reason, (index, index + 1))
    if verify:
        try:
            entry.check_signature()
        except ValueError as exc:
            return seq, AuditFailure(f"bad signature entry: {exc}", (index, index + 1))
    return seq, None


def audit_log(
    entries: Sequence[bytes],
    checkpoints: Sequence[SignedNote | str | bytes],
    log_key: VerifierKey,
    *,
    origin: str | None = None,
    verify_signatures: bool = True,
    progress: Progress | None = None,
    workers: int = 1,
) -> AuditReport:
    """Audit ``entries`` (in log order) against signed ``checkpoints``.

    ``origin`` defaults to the key's name. ``verify_signatures`` re-verifies the
    delegates' signatures inside ``signature.added`` entries. ``workers`` processes check
    the entries where there are more than one block of them and processes can be forked
    (else this process checks them alone).
    """
    failures: list[AuditFailure] = []
    tree = MerkleLog()
    total = len(entries)
    if workers > 1 and total > _BLOCK and "fork" in multiprocessing.get_all_start_methods():
        for hi, hashes, found in _checked_in_processes(entries, verify_signatures, workers):
            for offset in range(0, len(hashes), 32):
                tree.append_leaf_hash(hashes[offset : offset + 32])
            failures += found
            if progress is not None:
                progress("entries", hi, total)
    else:
        previous_seq: int | None = None
        for index, data in enumerate(entries):
            tree.append(data)
            previous_seq, failure = _check_entry(index, data, previous_seq, verify_signatures)
            if failure is not None:
                failures.append(failure)
            if progress is not None and (index + 1) % _PROGRESS_EVERY == 0:
                progress("entries", index + 1, total)
        if progress is not None and total % _PROGRESS_EVERY:
            progress("entries", total, total)

    opened: dict[int, Checkpoint] = {}
    for number, note in enumerate(checkpoints):
        try:
            checkpoint = open_checkpoint(note, log_key, origin=origin)
        except (NoteError, ValueError) as exc:
            failures.append(AuditFailure(f"not a valid signed checkpoint: {exc}", None, number))
            continue
        if checkpoint.size > total:
            reason = f"size {checkpoint.size} is beyond the {total} entries audited"
            failures.append(AuditFailure(reason, (total, checkpoint.size), number))
            continue
        opened[number] = checkpoint
        if progress is not None:
            progress("checkpoints", number + 1, len(checkpoints))

    matching = {n for n, cp in opened.items() if tree.root(cp.size) == cp.root}
    for number in sorted(set(opened) - matching):
        size = opened[number].size
        larger = [n for n in matching if opened[n].size >= size]
        if larger:
            witness = min(larger, key=lambda n: (opened[n].size, n))
            reason = f"is inconsistent with checkpoint {witness}, which matches the entries"
            failures.append(AuditFailure(reason, None, number))
            continue
        lo = max((opened[n].size for n in matching if opened[n].size < size), default=0)
        reason = f"root does not match the entries at size {size}"
        failures.append(AuditFailure(reason, (lo, size), number))
    return AuditReport(total, len(checkpoints), tuple(failures))


# The entries the forked workers read: set before the pool forks, so each worker has them.
_shared: list[Sequence[bytes]] = [()]


def _checked_in_processes(
    entries: Sequence[bytes], verify: bool, workers: int
) -> Iterator[tuple[int, bytes, list[AuditFailure]]]:
    """Each block's end, leaf hashes and failures, block after block in log order."""
    blocks = [(lo, min(lo + _BLOCK, len(entries)), verify) for lo in range(0, len(entries), _BLOCK)]
    _shared[0] = entries
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        yield from pool.imap(_check_block, blocks)
        pool.close()  # the workers end as processes do, not killed (their coverage is kept)
        pool.join()
    finally:
        pool.terminate()  # stopped early: the workers are killed
        _shared[0] = ()


def _check_block(block: tuple[int, int, bool]) -> tuple[int, bytes, list[AuditFailure]]:
    """Check entries ``lo`` to ``hi`` as the serial audit does: the entry before the block
    gives the sequence number the first one continues (None where it does not parse)."""
    lo, hi, verify = block
    entries = _shared[0]
    previous_seq: int | None = None
    if lo:
        try:
            previous_seq = LogEntry.parse(entries[lo - 1]).seq
        except ValueError:
            previous_seq = None
    hashes = bytearray()
    failures: list[AuditFailure] = []
    for index in range(lo, hi):
        data = entries[index]
        hashes += sha256(b"\x00" + data).digest()
        previous_seq, failure = _check_entry(index, data, previous_seq, verify)
        if failure is not None:
            failures.append(failure)
    return hi, bytes(hashes), failures
