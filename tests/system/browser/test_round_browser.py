"""A whole round played in real Chromium, told once across English and Arabic: three parties
table proposals in their caucus and on the table, one records a reservation, the mediator issues
Rev.2 and Rev.3, the redline shows what changed, the observer cannot act, and after every
party accepts every provision and the mediator records agreement, the text is adoptable."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ROADMAP = "data/sandbox/round-3-roadmap.txt"
ROUND_PAGE = "/processes/astana-platform/rounds/ap-round-3-sandbox/"

CLEAN = {
    "party1": (
        "art_1__para_1",
        "The parties agree on a gradual political transition of power.",
        "تتفق الأطراف على انتقال سياسي تدريجي للسلطة.",
    ),
    "party2": (
        "art_2__para_1",
        "The parties call for the withdrawal of all foreign fighters from the territory of Syria.",
        "تدعو الأطراف إلى انسحاب جميع المقاتلين الأجانب من الأراضي السورية.",
    ),
    "party3": (
        "art_3__para_1",
        "A new constitution shall be drafted by a constitutional committee under the aegis of "
        "the United Nations.",
        "يصاغ دستور جديد من قبل لجنة دستورية تحت رعاية الأمم المتحدة.",
    ),
}
REV3 = (
    "art_4__para_1",
    "Free and fair parliamentary elections shall be held under international supervision after "
    "the adoption of the new constitution.",
    "تجرى انتخابات برلمانية حرة ونزيهة تحت إشراف دولي بعد إقرار الدستور الجديد.",
)
PROVISIONS = [f"art_{n}" for n in range(1, 6)] + [f"art_{n}__para_1" for n in range(1, 6)]


def _draft_and_table(page, text_url: str, provision: str, language: str, wording: str) -> str:
    page.goto(text_url)
    form = page.locator("#draft-form")
    form.locator("select[name=kind]").select_option("replace_text")
    form.locator("select[name=provision]").select_option(provision)
    form.locator("select[name=language]").select_option(language)
    form.locator("textarea[name=text]").fill(wording)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    row = page.locator("tr.proposal.state-draft").last
    draft = row.get_attribute("id").removeprefix("proposal-")
    assert draft.startswith("D")  # a private reference until tabled
    row.locator("button.table-proposal").click()
    page.wait_for_load_state()
    assert page.locator(f"tr#proposal-{draft}").count() == 0
    reference = (
        page.locator("tr.proposal.state-tabled").last.get_attribute("id").removeprefix("proposal-")
    )
    assert reference.startswith("P")
    return reference


def _position(page, text_url: str, provision: str, stance: str, reservation: str = "") -> None:
    page.goto(text_url)
    form = page.locator("#position-form")
    form.locator("select[name=provision]").select_option(provision)
    form.locator("select[name=stance]").select_option(stance)
    if reservation:
        form.locator("textarea[name=reservation]").fill(reservation)
    with page.expect_navigation():  # the answer to this post, not the page it was sent from
        form.locator("button[type=submit]").click()
    assert page.locator("#refusal").count() == 0, page.locator("#refusal").inner_text()


def _issue(page, text_url: str, fold: list[str], reject: list[str]) -> None:
    page.goto(text_url)
    form = page.locator("#revision-form")
    for reference in fold:
        form.locator(f'input[name="choice-{reference}"][value="fold"]').check()
    for reference in reject:
        form.locator(f'input[name="choice-{reference}"][value="reject"]').check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#refusal").count() == 0, page.locator("#refusal").inner_text()


def _open_text(page, server: str, language: str, slug_title: str) -> str:
    page.goto(f"{server}/{language}{ROUND_PAGE}")
    page.locator("a.room-link").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/room/$"))
    page.get_by_role("link", name=slug_title).first.click()
    page.wait_for_url(re.compile(r"/texts/\d+/$"))
    return page.url


# The story is told once, its steps split between the two languages: in English the parties
# table proposals, the mediator issues Rev.2 and Rev.3 (English and Arabic wordings), the
# redline shows them and the observer is refused; in Arabic, right to left, the mediator pastes
# a text in the bracketed notation, the parties table the wordings that close its brackets in
# both languages, Rev.2 and its Arabic redline follow, one party records a reservation, and
# every party's acceptance leads to an adoptable text.


def test_a_round_in_english_from_proposals_to_rev3(server: str, login, screenshot) -> None:
    language = "en"
    mediator = login(server, "mediator", language)
    text_url = _open_text(mediator, server, language, "Roadmap for a political solution in Syria")
    assert mediator.evaluate("[document.documentElement.lang, document.dir]") == ["en", "ltr"]
    sandbox_refs = _tabled(mediator)

    parties = {name: login(server, name, language) for name in ("party1", "party2", "party3")}
    tabled = [
        _draft_and_table(parties[name], text_url, provision, "en", english)
        for name, (provision, english, _arabic) in CLEAN.items()
    ]
    screenshot(parties["party1"], "round-en-proposals-tabled")

    _issue(mediator, text_url, fold=tabled, reject=sandbox_refs)
    assert "Rev.2" in mediator.locator("main").inner_text()
    rev3 = [
        _draft_and_table(parties["party1"], text_url, REV3[0], "en", REV3[1]),
        _draft_and_table(parties["party1"], text_url, REV3[0], "ar", REV3[2]),
    ]
    _issue(mediator, text_url, fold=rev3, reject=[])
    assert "Rev.3" in mediator.locator("main").inner_text()
    screenshot(mediator, "round-en-rev3")

    _redline(mediator, text_url, old=1, new=3, language=language)
    screenshot(mediator, "round-en-redline")

    observer = login(server, "observer", language)
    observer.goto(text_url)
    assert (
        observer.locator("#draft-form, #position-form, #revision-form, #agreement-form").count()
        == 0
    )
    assert "Rev.3" in observer.locator("main").inner_text()
    refused = observer.request.post(
        text_url + "revisions/", form={"based_on": "1"}, headers={"X-CSRFToken": _csrf(observer)}
    )
    assert refused.status == 403


def test_a_round_in_arabic_to_an_adoptable_text(server: str, login, screenshot) -> None:
    language = "ar"
    # The Arabic round starts from a text the mediator pastes in the bracketed notation.
    mediator = login(server, "mediator", language)
    mediator.goto(f"{server}/ar{ROUND_PAGE}")
    mediator.locator("a.room-link").click()
    form = mediator.locator("#text-form")
    form.locator("input[name=slug]").fill("roadmap-ar")
    form.locator("input[name=title_ar]").fill("خارطة الطريق: المسودة العربية")
    form.locator("input[name=title_en]").fill("Roadmap, Arabic-led draft")
    with open(ROADMAP, encoding="utf-8") as source:
        form.locator("textarea[name=notation]").fill(source.read())
    form.locator("button[type=submit]").click()
    mediator.wait_for_url(re.compile(r"/ar/texts/\d+/$"))
    text_url = mediator.url
    assert mediator.evaluate("[document.documentElement.lang, document.dir]") == ["ar", "rtl"]
    sandbox_refs = _tabled(mediator)

    parties = {name: login(server, name, language) for name in ("party1", "party2", "party3")}
    tabled: list[str] = []
    for name, (provision, english, arabic) in CLEAN.items():
        tabled.append(_draft_and_table(parties[name], text_url, provision, "en", english))
        tabled.append(_draft_and_table(parties[name], text_url, provision, "ar", arabic))
    tabled.append(_draft_and_table(parties["party1"], text_url, REV3[0], "ar", REV3[2]))
    screenshot(parties["party1"], "round-ar-proposals-tabled")
    _issue(mediator, text_url, fold=tabled, reject=sandbox_refs)
    assert "Rev.2" in mediator.locator("main").inner_text()
    _redline(mediator, text_url, old=1, new=2, language=language)
    screenshot(mediator, "round-ar-redline")

    for name, page in parties.items():
        for provision in PROVISIONS:
            reservation = (
                "رهناً بموافقة قيادتنا." if (name, provision) == ("party2", "art_5__para_1") else ""
            )
            _position(
                page,
                text_url,
                provision,
                "support_with_reservation" if reservation else "support",
                reservation,
            )
    for provision in PROVISIONS:
        for step in ("adref", "confirm"):
            mediator.goto(text_url)
            form = mediator.locator("#agreement-form")
            form.locator("select[name=provision]").select_option(provision)
            with mediator.expect_navigation():  # the answer to this post, not the page sent from
                form.locator(f"button[value={step}]").click()
            assert mediator.locator("#refusal").count() == 0, mediator.locator(
                "#refusal"
            ).inner_text()
    mediator.goto(text_url)
    assert mediator.locator("#adoptable").count() == 1
    screenshot(mediator, "round-ar-adoptable")


def _tabled(page) -> list[str]:
    return [
        row.get_attribute("id").removeprefix("proposal-")
        for row in page.locator("tr.proposal.state-tabled").all()
    ]


def _redline(page, text_url: str, old: int, new: int, language: str) -> None:
    page.goto(f"{text_url}redline/?old={old}&new={new}&language={language}")
    assert page.locator(".run-insert").count() > 0 and page.locator(".run-delete").count() > 0


def _csrf(page) -> str:
    for cookie in page.context.cookies():
        if cookie["name"] == "csrftoken":
            return cookie["value"]
    return ""
