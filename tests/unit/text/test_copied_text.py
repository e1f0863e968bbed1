"""The real texts as a reader copies them from the rendered page (``tests.helpers.real_texts``):
a sample transcription with every kind of Markdown the real ones use, and the real ones
themselves, in which no mark may survive."""

# ruff: noqa: E501 - sample Markdown reads best unbroken

from __future__ import annotations

import re

import pytest
from tests.helpers.real_texts import REAL_TEXTS, copied_from_markdown, copied_text, real_text

MARKDOWN = """---
title: A draft
edit: true
---

*Edited version of 6 November 2015*[^1]

* TOC
{:toc}

## B. DRAFT DECISION[^13]

*The Conference of the Parties,*

*Recalling* its decision, see the [first draft][source],

### I. ADOPTION OF THE [PARIS AGREEMENT]

16. **Option 1** : *[Requests* the [ADP][COP] to report, 25^th^ session;]

    **Option 2:** No text.

***Option I:***

61. [Measurement of financial resources, including for meeting costs of\\
adaptation.] *{Note: with regard to Article 9}*

(c) The operationalization of the TNA process];\\*

* *This paragraph will be finalized in light of any relevant decision.*

4. Flexibility LDCs may communicate their [NDMC*][INDC] at their discretion, peoples'\\ and
*<span style="font-variant:small-caps;">Loss and damage</span>* **[Option 1**
### V. ~~INTERIM ARRANGEMENTS~~

[source]: http://unfccc.int/files/first-draft.pdf

[^1]: The version of 23 October 2015 has been edited.

[^13]: The Parties noted that they did not have a complete reading.

      * an indented continuation of the footnote
"""

COPIED = """Edited version of 6 November 2015


B. DRAFT DECISION

The Conference of the Parties,

Recalling its decision, see the first draft,

I. ADOPTION OF THE [PARIS AGREEMENT]

16. Option 1 : [Requests the [ADP][COP] to report, 25th session;]

    Option 2: No text.

Option I:

61. [Measurement of financial resources, including for meeting costs of adaptation.] {Note: with regard to Article 9}

(c) The operationalization of the TNA process];*

* This paragraph will be finalized in light of any relevant decision.

4. Flexibility LDCs may communicate their [NDMC*][INDC] at their discretion, peoples' and
Loss and damage [Option 1
V. INTERIM ARRANGEMENTS
"""


def test_the_copied_text_is_the_page_without_its_markdown() -> None:
    assert copied_from_markdown(MARKDOWN) == COPIED


def test_bracketed_alternatives_that_look_like_links_stay_brackets() -> None:
    # [AC] is not a defined link: [SBSTA][AC] is two alternatives, as on the page
    assert copied_from_markdown("the [SBSTA][AC][LEG] to [x](a) above\n") == (
        "the [SBSTA][AC][LEG] to [x](a) above\n"
    )


def test_front_matter_that_never_closes_is_refused() -> None:
    with pytest.raises(ValueError, match="front matter"):
        copied_from_markdown("---\ntitle: x\n\ntext\n")


#: The lines of each copied text where an asterisk stays besides ``NDMC*`` (the source's
#: footnote mark for the term) and the ``* `` opening an asterisk footnote: the source's
#: own footnote marks (``process];*``, ``implementation]*``) and the emphasis its
#: transcription left open or closed alone (``[Decides* that``, ``3. *Consultative``),
#: which the page shows as they are.
ASTERISKS = {
    "paris-decision-6nov2015.md": [120, 208, 481, 649],
    "paris-4dec2015.md": [1, 84, 177, 183, 234, 547],
}


@pytest.mark.parametrize("name", REAL_TEXTS)
def test_no_markdown_mark_survives_in_the_real_texts(name: str) -> None:
    text = copied_text(real_text(name))
    for mark in (
        "##",
        "[^",
        "{:toc}",
        "* TOC",
        "<span",
        "</span>",
        "<!--",
        "~~",
        "^th^",
        "](http",
        "]: http",
    ):
        assert mark not in text, mark
    asterisks = []
    for number, line in enumerate(text.splitlines(), 1):
        assert not line.endswith("\\"), line
        assert not line.lstrip().startswith("#"), line
        if "*" in re.sub(r"^\s*\* ", "", re.sub(r"NDMCs?\*", "", line)):
            asterisks.append(number)
    assert asterisks == ASTERISKS[name]
