"""Canonical bytes of signature statements and log entries: one encoding, round trips."""

from __future__ import annotations

import base64
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana.core.ledger import LogEntry, SignatureStatement, ed25519, format_utc_time
from astana.core.ledger.record import decode_record, encode_record, escape_value, unescape_value

REVISION_SHA = "ab" * 32
STATEMENT = SignatureStatement(
    process="astana-2017",
    document="joint-statement",
    revision=3,
    revision_sha256=REVISION_SHA,
    signer="delegate:ru-1",
    role="guarantor",
    time="2017-05-04T12:30:00Z",
    reservation="Paragraph 4 \\ with the understanding that…\nsecond line",
)

TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), whitelist_characters="\n\\"),
        min_size=1,
    )
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(bool)
)


def test_statement_has_the_documented_canonical_bytes() -> None:
    assert STATEMENT.to_bytes() == (
        b"astana/signature/v1\n"
        b"process astana-2017\n"
        b"document joint-statement\n"
        b"revision 3\n"
        b"revision-sha256 " + REVISION_SHA.encode() + b"\n"
        b"signer delegate:ru-1\n"
        b"role guarantor\n"
        b"time 2017-05-04T12:30:00Z\n"
        b"reservation Paragraph 4 \\\\ with the understanding that\xe2\x80\xa6\\nsecond line\n"
    )
    assert SignatureStatement.parse(STATEMENT.to_bytes()) == STATEMENT
    assert SignatureStatement.parse(str(STATEMENT)) == STATEMENT


@given(TEXT)
def test_any_reservation_round_trips(reservation: str) -> None:
    statement = SignatureStatement(
        "p", "d", 0, REVISION_SHA, "s", "party", "2024-01-01T00:00:00Z", reservation
    )
    assert SignatureStatement.parse(statement.to_bytes()) == statement
    assert unescape_value(escape_value(reservation)) == reservation


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("revision 3\n", "revision 03\n"),
        ("revision 3\n", "revision -3\n"),
        ("time 2017-05-04T12:30:00Z", "time 2017-05-04T12:30:00+00:00"),
        ("time 2017-05-04T12:30:00Z", "time 2017-02-30T12:30:00Z"),
        ("process astana-2017", "process astana 2017"),
        ("signer delegate:ru-1\n", ""),
        ("role guarantor\ntime", "time"),
        ("astana/signature/v1", "astana/signature/v2"),
        (REVISION_SHA, REVISION_SHA.upper()),
        ("\\\\ with", "\\\\\\ with"),
        ("\\\\ with", "\\t with"),
        ("\\nsecond line\n", "\\nsecond line"),
        ("\\nsecond line", "\nsecond line"),
        ("…", "\u0065\u0301"),  # not NFC
        ("…", "\u200b\x07"),
    ],
)
def test_non_canonical_statements_are_refused(old: str, new: str) -> None:
    text = str(STATEMENT)
    assert old in text
    tampered = text.replace(old, new, 1)
    with pytest.raises(ValueError):  # noqa: PT011
        SignatureStatement.parse(tampered)


def test_spaces_are_part_of_a_value() -> None:
    tampered = str(STATEMENT).replace("reservation Paragraph", "reservation  Paragraph")
    assert SignatureStatement.parse(tampered).reservation == " " + (STATEMENT.reservation or "")


def test_statement_signature_binds_every_field() -> None:
    private = ed25519.generate_private_key()
    public = ed25519.public_key(private)
    signature = STATEMENT.sign(private)
    assert STATEMENT.verify(public, signature)
    for change in (
        {"revision": 4},
        {"revision_sha256": "cd" * 32},
        {"role": "party"},
        {"reservation": None},
        {"time": "2017-05-04T12:30:01Z"},
    ):
        other = SignatureStatement(**{**STATEMENT.__dict__, **change})
        assert not other.verify(public, signature)


def test_time_helpers() -> None:
    moment = datetime(2017, 5, 4, 15, 30, 0, 123, tzinfo=timezone(timedelta(hours=3)))
    assert format_utc_time(moment) == "2017-05-04T12:30:00Z"
    assert format_utc_time(moment.astimezone(UTC)) == "2017-05-04T12:30:00Z"
    with pytest.raises(ValueError, match="naive"):
        format_utc_time(datetime(2017, 5, 4))
    assert SignatureStatement.normalise("e\u0301\r\nx\ry") == "\u00e9\nx\ny"


def test_log_entry_round_trips_and_checks_its_signature() -> None:
    private = ed25519.generate_private_key()
    entry = LogEntry.signature_added(
        seq=7,
        statement=STATEMENT,
        public_key=ed25519.public_key(private),
        signature=STATEMENT.sign(private),
    )
    data = entry.to_bytes()
    assert data.startswith(b"astana/log-entry/v1\nseq 7\nevent signature.added\n")
    assert LogEntry.parse(data) == entry
    entry.check_signature()
    forged = LogEntry.create(
        seq=7,
        event="signature.added",
        process=STATEMENT.process,
        time=STATEMENT.time,
        attributes={
            **dict(entry.attributes),
            "signature": base64.b64encode(bytes(64)).decode(),
        },
    )
    with pytest.raises(ValueError, match="does not verify"):
        forged.check_signature()


@pytest.mark.parametrize(
    ("event", "attributes"),
    [
        ("revision.adopted", {}),
        ("revision.issued", {"document": "d"}),
        ("decision.recorded", {"decision": "d", "seq": "1"}),
        ("decision.recorded", {"decision": ""}),
    ],
)
def test_invalid_entries_are_refused(event: str, attributes: dict[str, str]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        LogEntry.create(
            seq=0, event=event, process="p", time="2024-01-01T00:00:00Z", attributes=attributes
        )


def test_entry_attribute_order_is_canonical() -> None:
    entry = LogEntry.create(
        seq=0,
        event="revision.issued",
        process="p",
        time="2024-01-01T00:00:00Z",
        attributes={"revision-sha256": REVISION_SHA, "revision": "1", "document": "d"},
    )
    text = str(entry)
    assert entry.attribute("document") == "d"
    swapped = text.replace("document d\nrevision 1\n", "revision 1\ndocument d\n")
    assert swapped != text
    with pytest.raises(ValueError, match="sorted"):
        LogEntry.parse(swapped)
    fields = decode_record(text, "astana/log-entry/v1")
    assert encode_record("astana/log-entry/v1", fields) == text
