"""The offline auditor finds, and names, every altered, deleted or reordered entry."""

from __future__ import annotations

import pytest

from astana.core.ledger import (
    Checkpoint,
    LogEntry,
    MerkleLog,
    SignatureStatement,
    SignerKey,
    audit_log,
    ed25519,
    sign_checkpoint,
)

ORIGIN = "astana.example/log"
LOG_KEY = SignerKey.generate(ORIGIN)
SHA = "0123456789abcdef" * 4


def _entries() -> list[bytes]:
    delegate = ed25519.generate_private_key()
    statement = SignatureStatement(
        "astana-2017", "memo", 2, SHA, "delegate-tr", "guarantor", "2017-05-04T12:00:00Z", "None."
    )
    entries = [
        LogEntry.create(
            seq=0,
            event="revision.issued",
            process="astana-2017",
            time="2017-05-03T09:00:00Z",
            attributes={"document": "memo", "revision": "2", "revision-sha256": SHA},
        ),
        LogEntry.signature_added(
            seq=1,
            statement=statement,
            public_key=ed25519.public_key(delegate),
            signature=statement.sign(delegate),
        ),
        LogEntry.create(
            seq=2,
            event="decision.recorded",
            process="astana-2017",
            time="2017-05-04T13:00:00Z",
            attributes={"decision": "adopt-memo", "rule": "consensus"},
        ),
        LogEntry.create(
            seq=3,
            event="committee.approved",
            process="astana-2017",
            time="2017-05-04T14:00:00Z",
            attributes={"committee": "ceasefire-working-group"},
        ),
        LogEntry.create(
            seq=4,
            event="document.published",
            process="astana-2017",
            time="2017-05-05T09:00:00Z",
            attributes={"document": "memo", "revision": "2", "revision-sha256": SHA},
        ),
    ]
    return [entry.to_bytes() for entry in entries]


ENTRIES = _entries()


def _checkpoints(entries: list[bytes], sizes: list[int]) -> list[str]:
    log = MerkleLog(entries)
    return [
        str(sign_checkpoint(Checkpoint(ORIGIN, size, log.root(size)), [LOG_KEY])) for size in sizes
    ]


EVERY = _checkpoints(ENTRIES, list(range(len(ENTRIES) + 1)))


def test_an_honest_log_passes_and_reports_progress() -> None:
    seen: list[tuple[str, int, int]] = []
    report = audit_log(ENTRIES, EVERY, LOG_KEY.verifier, progress=lambda *args: seen.append(args))
    assert report.ok, report.failures
    assert (report.entries, report.checkpoints) == (5, 6)
    assert ("entries", 5, 5) in seen
    assert ("checkpoints", 6, 6) in seen


@pytest.mark.parametrize("target", range(len(ENTRIES)))
def test_altering_any_byte_of_an_entry_names_it(target: int) -> None:
    original = ENTRIES[target]
    for position in range(len(original)):
        for mask in (0x01, 0x20):
            altered = bytearray(original)
            altered[position] ^= mask
            entries = [*ENTRIES[:target], bytes(altered), *ENTRIES[target + 1 :]]
            report = audit_log(entries, EVERY, LOG_KEY.verifier)
            assert not report.ok, (position, mask)
            assert report.first_bad_entry == target, (position, mask, report.failures)


@pytest.mark.parametrize("target", range(len(ENTRIES)))
def test_deleting_an_entry_names_it(target: int) -> None:
    entries = ENTRIES[:target] + ENTRIES[target + 1 :]
    report = audit_log(entries, EVERY, LOG_KEY.verifier)
    assert report.first_bad_entry == target
    assert any(f.entries == (target, target + 1) for f in report.failures)


@pytest.mark.parametrize("target", range(len(ENTRIES) - 1))
def test_swapping_two_entries_names_the_first(target: int) -> None:
    entries = list(ENTRIES)
    entries[target], entries[target + 1] = entries[target + 1], entries[target]
    report = audit_log(entries, EVERY, LOG_KEY.verifier)
    assert report.first_bad_entry == target
    assert {f.entries for f in report.failures if f.checkpoint is None} == {
        (target, target + 1),
        (target + 1, target + 2),
    }


def test_with_one_checkpoint_an_altered_entry_is_placed_in_its_range() -> None:
    entries = list(ENTRIES)
    entries[3] = entries[3].replace(b"ceasefire", b"ceasefirE")  # still a valid entry
    final_only = _checkpoints(ENTRIES, [2, len(ENTRIES)])
    report = audit_log(entries, final_only, LOG_KEY.verifier)
    assert [(f.checkpoint, f.entries) for f in report.failures] == [(1, (2, 5))]
    assert "entries 2..4" in str(report.failures[0])


def test_a_forged_signature_inside_an_entry_is_found_even_without_checkpoints() -> None:
    entries = list(ENTRIES)
    entries[1] = entries[1].replace(b"role guarantor", b"role mediator")
    report = audit_log(entries, [], LOG_KEY.verifier)
    assert [f.entries for f in report.failures] == [(1, 2)]
    assert "signature" in report.failures[0].reason
    assert audit_log(entries, [], LOG_KEY.verifier, verify_signatures=False).ok


def test_checkpoints_that_are_not_the_logs_or_not_consistent() -> None:
    log = MerkleLog(ENTRIES)
    stranger = SignerKey.generate(ORIGIN)
    other_root = MerkleLog([b"fork"]).root()
    checkpoints = [
        *EVERY,
        str(sign_checkpoint(Checkpoint(ORIGIN, 3, log.root(3)), [stranger])),
        str(sign_checkpoint(Checkpoint(ORIGIN, 3, other_root), [LOG_KEY])),
        str(sign_checkpoint(Checkpoint("other.example/log", 3, log.root(3)), [LOG_KEY])),
        str(sign_checkpoint(Checkpoint(ORIGIN, 9, other_root), [LOG_KEY])),
        EVERY[2].replace("\n2\n", "\n3\n"),
    ]
    report = audit_log(ENTRIES, checkpoints, LOG_KEY.verifier)
    found = {f.checkpoint: f for f in report.failures}
    assert set(found) == {6, 7, 8, 9, 10}
    assert "not a valid signed checkpoint" in found[6].reason
    assert "inconsistent with checkpoint 3" in found[7].reason
    assert "other.example" in found[8].reason
    assert found[9].entries == (5, 9)
    assert "not a valid signed checkpoint" in found[10].reason


def test_a_truncated_log_is_caught_by_the_last_checkpoint() -> None:
    report = audit_log(ENTRIES[:3], EVERY, LOG_KEY.verifier)
    assert report.first_bad_entry == 3
    assert {f.checkpoint for f in report.failures} == {4, 5}


def _long_log(n: int) -> list[bytes]:
    """``n`` entries: the five above, renumbered, over and over."""
    entries = []
    for seq in range(n):
        parsed = LogEntry.parse(ENTRIES[seq % len(ENTRIES)])
        entries.append(LogEntry(seq, *list(vars(parsed).values())[1:]).to_bytes())
    return entries


LONG = _long_log(61)
LONG_EVERY = _checkpoints(LONG, list(range(0, len(LONG) + 1, 4)))


def _broken(how: str) -> list[bytes]:
    entries = list(LONG)
    if how == "deleted at a block's start":
        del entries[14]
    elif how == "deleted at a block's end":
        del entries[13]
    elif how == "malformed at a block's end":
        entries[13] = b"not an entry"
    elif how == "swapped across blocks":
        entries[13], entries[14] = entries[14], entries[13]
    elif how == "signature altered":
        entries[36] = entries[36].replace(b"None.", b"Nonx.")  # the signed reservation changed
    elif how == "truncated":
        del entries[50:]
    return entries


@pytest.mark.parametrize(
    "how",
    [
        "honest",
        "deleted at a block's start",
        "deleted at a block's end",
        "malformed at a block's end",
        "swapped across blocks",
        "signature altered",
        "truncated",
    ],
)
def test_several_processes_find_what_one_finds(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of seven entries, so every break above falls on or beside a block's edge (the
    entry before a block tells its first entry what sequence number it continues)."""
    entries = _broken(how)
    alone = audit_log(entries, LONG_EVERY, LOG_KEY.verifier)
    monkeypatch.setattr("astana.core.ledger.audit._BLOCK", 7)
    seen: list[tuple[str, int, int]] = []
    together = audit_log(
        entries, LONG_EVERY, LOG_KEY.verifier, workers=3, progress=lambda *a: seen.append(a)
    )
    assert together == alone
    assert (how == "honest") == together.ok
    assert [done for stage, done, _ in seen if stage == "entries"] == [
        *range(7, len(entries), 7),
        len(entries),
    ]  # one report a block: the blocks were checked by the workers
