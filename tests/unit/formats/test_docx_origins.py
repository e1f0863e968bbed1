"""The Word export marks a mediator's proposal and a bridging text in the words of each
language's section, as the room and the PDF do, and names the other holders."""

from __future__ import annotations

from astana.formats.docx import _named, _origins

NAMES = {"snc": "Syrian National Coalition", "kp": "Kurdish parties"}
ORIGINS = {"P4": "bridging", "P5": "mediator"}


def test_each_language_marks_the_origin_in_its_words() -> None:
    assert _named("{snc, #P4}", NAMES, "en", ORIGINS) == (
        "{Syrian National Coalition, #P4 (bridging text)}"
    )
    assert _named("{#P4}", NAMES, "ar", ORIGINS) == "{#P4 (نص توفيقي)}"
    assert _named("{#P5}", NAMES, "ru", ORIGINS) == "{#P5 (предложение посредника)}"
    assert _named("{#P5}", NAMES, "en", ORIGINS) == "{#P5 (mediator's proposal)}"


def test_a_partys_proposal_and_a_file_for_import_are_not_marked() -> None:
    assert _named("{kp, #P1}", NAMES, "en", ORIGINS) == "{Kurdish parties, #P1}"
    assert _named("{kp, #P4}", None, "en", None) == "{kp, #P4}"


def test_origins_are_read_from_every_attribution_of_the_views() -> None:
    views = [
        {
            "language": "en",
            "provisions": [
                {
                    "content": [
                        {"type": "bracket",
                         "attribution": {"proposal": "P4", "origin": "bridging"}},
                        {"type": "alternatives", "options": [
                            {"attribution": {"proposal": "P5", "origin": "mediator"}},
                            {"attribution": {"proposal": "P1"}},
                        ]},
                    ],
                    "children": [],
                }
            ],
        }
    ]  # fmt: skip
    assert _origins(views) == ORIGINS
