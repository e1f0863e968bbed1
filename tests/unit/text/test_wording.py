"""Positions and agreements are bound to the exact wording they were given on (issue 12,
item 7): a party that supported "[unimpeded]" at Rev.1 has not accepted a new wording."""

from __future__ import annotations

import pytest

from astana.core.text import (
    AgreementError,
    Position,
    Positions,
    ProvisionState,
    ProvisionText,
    Revision,
    Stance,
    Wording,
    adoptable,
    parse_document,
    progress,
    standing,
    wording_fingerprint,
)

PARTIES = ("SNC", "SyNC", "KNC")
AID = "art_1__para_1"
OTHER = "art_2__para_1"
SOURCE = """@lang en

Humanitarian access

Article 1: Access
1. The parties shall allow [unimpeded] access for humanitarian convoys.

Article 2: Follow-up
1. The parties shall meet again in Astana.

@lang ar

الوصول الإنساني

المادة 1: الوصول
1. تسمح الأطراف بوصول [دون عوائق] لقوافل المساعدات الإنسانية.

المادة 2: المتابعة
1. تجتمع الأطراف مجددا في أستانا.
"""


def rev1() -> Revision:
    return Revision(1, parse_document(SOURCE))


def reworded(previous: Revision, provision: str, language: str, text: str) -> Revision:
    document = previous.document.set_text(provision, language, ProvisionText.parse(text))
    return Revision(previous.number + 1, document)


def agreed_wording(previous: Revision, english: str, arabic: str) -> Revision:
    """The next revision, with article 1 reworded without brackets in both languages."""
    document = previous.document.set_text(AID, "en", ProvisionText.parse(english))
    document = document.set_text(AID, "ar", ProvisionText.parse(arabic), translation=True)
    return Revision(previous.number + 1, document)


def everyone_supports(revision: Revision, provisions: tuple[str, ...] = (AID,)) -> Positions:
    positions = Positions(PARTIES)
    for provision in provisions:
        for party in PARTIES:
            positions = positions.record(Position(party, provision, Stance.SUPPORT), on=revision)
    return positions


def test_a_position_given_on_an_older_wording_does_not_count() -> None:
    first = rev1()
    positions = everyone_supports(first)
    rev2 = reworded(first, OTHER, "en", "The parties shall meet again in Geneva.")
    rev3 = agreed_wording(
        rev2, "The parties shall allow rapid and safe access.", "تسمح الأطراف بوصول سريع وآمن."
    )
    provision = rev3.document[AID]

    assert positions.must_confirm(provision) == list(PARTIES)
    assert positions.current("SNC", provision) is None
    with pytest.raises(AgreementError, match=r"SNC \(given on Rev\.1 wording\)"):
        positions.agree_ad_referendum(rev3, AID)
    (aid,) = [s for s in standing(rev3.document, positions) if s.provision == AID]
    assert aid.must_confirm == PARTIES
    assert [p.wording.revision for p in aid.stale] == [1, 1, 1]
    assert aid.blocks_adoption

    # Renewing on the current wording fixes it.
    for party in PARTIES:
        positions = positions.record(Position(party, AID, Stance.SUPPORT), on=rev3)
    assert positions.must_confirm(provision) == []
    assert positions.position("KNC", AID) == Position(
        "KNC", AID, Stance.SUPPORT, wording=Wording(3, wording_fingerprint(provision))
    )


def test_the_same_wording_in_a_later_revision_still_counts() -> None:
    first = rev1()
    plain = agreed_wording(
        first, "The parties shall allow access for convoys.", "تسمح الأطراف بالوصول للقوافل."
    )
    carrying = tuple(p.id for p in plain.document.walk() if p.texts)
    positions = everyone_supports(plain, carrying)
    for provision in carrying:
        positions = positions.agree_ad_referendum(plain, provision).confirm(plain, provision)
    rev3 = Revision(3, plain.document)  # another revision, this provision unchanged
    moved_on = Revision(4, rev3.document.set_text(OTHER, "ar", rev3.document[OTHER].text("ar")))

    for later in (rev3, moved_on):
        assert positions.must_confirm(later.document[AID]) == []
        assert positions.state(later.document[AID]) is ProvisionState.AGREED
    assert adoptable(rev3.document, positions)
    assert progress(rev3.document, positions).agreed == len(carrying) == 4
    assert not any(s.stale or s.stale_agreement for s in standing(rev3.document, positions))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # The options change: a third one is added.
        ("en", "The parties shall allow [unimpeded] access [Option 1: now] [Option 2: later]."),
        # Only who holds the bracket changes.
        ("en", "The parties shall allow [unimpeded]{KNC} access for humanitarian convoys."),
        # Only the bracket is lifted.
        ("en", "The parties shall allow unimpeded access for humanitarian convoys."),
        # Only the Arabic version changes (any language version is part of the wording).
        ("ar", "تسمح الأطراف بوصول [سريع] لقوافل المساعدات الإنسانية."),
    ],
)  # fmt: skip
def test_a_change_of_options_brackets_or_one_language_is_a_new_wording(
    language: str, text: str
) -> None:
    first = rev1()
    positions = everyone_supports(first)
    rev2 = reworded(first, AID, language, text)
    assert wording_fingerprint(rev2.document[AID]) != wording_fingerprint(first.document[AID])
    assert positions.must_confirm(rev2.document[AID]) == list(PARTIES)


def test_an_agreement_on_an_older_wording_is_stale_and_cannot_be_confirmed() -> None:
    plain = agreed_wording(
        Revision(0, rev1().document), "The parties shall allow access.", "تسمح الأطراف بالوصول."
    )
    positions = everyone_supports(plain).agree_ad_referendum(plain, AID)
    assert positions.state(plain.document[AID]) is ProvisionState.AGREED_AD_REFERENDUM
    rev2 = reworded(plain, AID, "en", "The parties shall allow full access.")

    assert positions.state(rev2.document[AID]) is ProvisionState.OPEN
    (aid,) = [s for s in standing(rev2.document, positions) if s.provision == AID]
    assert aid.stale_agreement is not None and aid.stale_agreement.wording.revision == 1
    with pytest.raises(AgreementError, match=r"only on Rev\.1 wording"):
        positions.confirm(rev2, AID)
    assert progress(rev2.document, positions).agreed_ad_referendum == 0


def test_positions_round_trip_with_their_wording_and_older_rows_are_stale() -> None:
    first = rev1()
    positions = everyone_supports(first).record(
        Position("KNC", OTHER, Stance.RESERVATION, "Name Geneva."), on=first
    )
    data = positions.to_dict(on=first.document)
    assert all(p["current"] and p["revision"] == 1 for p in data["positions"])
    assert Positions.from_dict(positions.to_dict()) == positions

    older = {
        "parties": list(PARTIES),
        "positions": [{"party": "SNC", "provision": AID, "stance": "support"}],
        "states": {AID: "agreed"},
    }
    legacy = Positions.from_dict(older)
    assert legacy.position("SNC", AID) == Position("SNC", AID, Stance.SUPPORT)
    assert legacy.state(first.document[AID]) is ProvisionState.OPEN
    assert legacy.to_dict(on=first.document)["positions"][0]["current"] is False


def test_a_wording_is_checked() -> None:
    with pytest.raises(ValueError, match="fingerprint"):
        Wording(1, "not-a-hash")
    with pytest.raises(ValueError, match="both"):
        Wording(1, "")
    with pytest.raises(ValueError, match="no provision art_9"):
        Wording.of(rev1(), "art_9")
    assert Wording().label is None and str(Wording.of(rev1(), AID).label) == "Rev.1"
