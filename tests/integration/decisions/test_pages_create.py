"""The pages where the convener defines a committee (typed as lines: blocs, quotas, approvers)
and sets the process's default rules of procedure, for every role: only the convener may,
everyone else is refused and nothing changes; a form that cannot be read or that the action
refuses comes back with the message and everything typed, and nothing is created."""

from __future__ import annotations

import pytest
from django.utils.html import escape
from tests.helpers.people import ROLES, client_of
from tests.helpers.unchanged import database_state

from astana.web.common.models import AuditEntry
from astana.web.decisions.composition import body_name, clean_definition
from astana.web.decisions.examples import SCC_SLUG, scc_definition
from astana.web.decisions.models import Committee, RulesOfProcedure
from astana.web.decisions.views_create import definition_from_form, form_of_definition
from astana.web.processes.models import Round

from .conftest import SMALL_COMMITTEE
from .world import World

PROCESS = "astana-platform"
NEW = f"/en/processes/{PROCESS}/committees/new/"
RULES = f"/en/processes/{PROCESS}/rules/"
LIST = f"/en/processes/{PROCESS}/committees/"

TYPED = {
    "slug": "drafting-committee",
    "name_en": "A drafting committee",
    "name_ar": "لجنة الصياغة",
    "name_ru": "",
    "blocs": "government: 3, 1, government-of-syria\n"
    "opposition: 3, 1, syrian-negotiation-commission\n\n"
    "civil society: 3, 1, united-nations\n",
    "co_chairs": "2",
    "co_chair_blocs": "government, opposition",
    "convener_blocs": "government, opposition",
    "quotas": "at least 30% women overall\nat least 30% women in each bloc",
    "approvers": "government-of-russia\nunited-nations",
    "rule": "consensus else 75% of members",
}


def _refused_status(role: str) -> int:
    return 302 if role == "anonymous" else 403


def test_the_convener_creates_a_committee_through_the_page(world: World) -> None:
    convener = client_of("convener")
    listing = convener.get(LIST).content.decode()
    assert f'href="{NEW}"' in listing
    page = convener.get(NEW)
    assert page.status_code == 200
    assert 'id="committee-form"' in page.content.decode()
    response = convener.post(NEW, TYPED)
    committee = Committee.objects.get(slug="drafting-committee")
    assert response.status_code == 302
    assert response["Location"] == f"/en/committees/{committee.pk}/"
    assert committee.process.slug == PROCESS
    assert committee.definition == clean_definition(SMALL_COMMITTEE)
    assert (committee.name_en, committee.name_ar, committee.name_ru) == (
        "A drafting committee",
        "لجنة الصياغة",
        "",
    )
    assert AuditEntry.objects.filter(action="committee.create", object_id=str(committee.pk))
    body = convener.get(response["Location"]).content.decode()
    assert "A drafting committee" in body and "consensus else 75% of members" in body


def test_the_syrian_constitutional_committee_pre_fill(world: World) -> None:
    convener = client_of("convener")
    assert 'href="?example=scc"' in convener.get(NEW).content.decode()
    page = convener.get(NEW, {"example": "scc"})
    body = page.content.decode()
    assert page.status_code == 200
    assert f'value="{SCC_SLUG}"' in body
    # Organisations as people write them: by name (read back to the same definition).
    for slug in ("government-of-syria", "united-nations", "government-of-iran"):
        assert body_name(slug, "en") in body and slug not in body, slug
    assert f"government: 50, 15, {body_name('government-of-syria', 'en')}" in body
    assert "at least 30% women overall" in body
    assert 'value="Syrian Constitutional Committee"' in body
    typed = {**form_of_definition(scc_definition()), "slug": SCC_SLUG}
    typed["name_en"] = "Syrian Constitutional Committee"
    response = convener.post(NEW, typed)
    assert response.status_code == 302
    committee = Committee.objects.get(process__slug=PROCESS, slug=SCC_SLUG)
    assert committee.definition == clean_definition(scc_definition())
    assert committee.definition["co_chairs"] == 2 and len(committee.definition["blocs"]) == 3
    assert not committee.is_sandbox and not committee.formed


def test_the_typed_lines_read_back_as_the_definition(world: World) -> None:
    typed = form_of_definition(SMALL_COMMITTEE)
    assert clean_definition(definition_from_form(typed)) == clean_definition(SMALL_COMMITTEE)
    # An organisation by its name in any language, or by its identifier, is the same one.
    un = body_name("united-nations", "ar")
    for written in (un, "united-nations", "UNITED NATIONS"):
        line = {"blocs": f"أ: 3, 1, {written}", "approvers": written, "rule": "consensus"}
        cleaned = clean_definition(definition_from_form(line))
        assert cleaned["blocs"][0]["nominated_by"] == "united-nations", written
        assert cleaned["approvers"] == ["united-nations"], written
    arabic_digits = definition_from_form({"blocs": "أ: ٣, ١, united-nations", "rule": "consensus"})
    assert arabic_digits["blocs"][0]["seats"] == 3
    assert arabic_digits["co_chairs"] == 0 and arabic_digits["approvers"] == []


@pytest.mark.parametrize("role", [r for r in ROLES if r != "convener"])
def test_every_other_role_is_refused_the_committee_form(world: World, role: str) -> None:
    before = database_state()
    client = client_of(role)
    assert 'id="new-committee"' not in client.get(LIST).content.decode()
    page = client.get(NEW)
    posted = client.post(NEW, TYPED)
    assert page.status_code == posted.status_code == _refused_status(role), role
    if role == "anonymous":
        assert "login" in posted["Location"] and "next=" in posted["Location"]
    else:
        assert 'id="committee-form"' not in page.content.decode()
    assert not Committee.objects.filter(slug="drafting-committee").exists()
    assert database_state().changes_since(before) == []


def test_an_unknown_process_is_not_found(world: World) -> None:
    before = database_state()
    convener = client_of("convener")
    assert convener.get("/en/processes/no-such-process/committees/new/").status_code == 404
    assert convener.post("/en/processes/no-such-process/committees/new/", TYPED).status_code == 404
    assert (
        convener.post("/en/processes/no-such-process/rules/", {"rule": "consensus"}).status_code
        == 404
    )
    assert database_state().changes_since(before) == []


BAD: list[tuple[str, str, str]] = [
    ("blocs", "government 3, 1, government-of-syria", "Bloc line 1 ('government 3, 1, "),
    ("blocs", "government: 3, 1", "write 'name: seats, small-body seats, nominating"),
    ("blocs", "government: three, 1, government-of-syria", "must be a whole number, not 'three'"),
    ("blocs", "government: 3, 1, no-such-org", "there is no organisation 'no-such-org'"),
    ("blocs", "government: 3, 5, government-of-syria", "small-body seats of bloc 'government'"),
    ("blocs", "\n\n", "Write at least one bloc"),
    ("approvers", "united-nations\nno-such-approver", "no organisation 'no-such-approver'"),
    ("quotas", "at least lots of women overall", "quota 'at least lots of women overall'"),
    ("rule", "consensus else 75% of", "do not hold together"),
    ("co_chairs", "two", "The number of co-chairs must be a whole number"),
    ("co_chair_blocs", "government, nobody", "nobody"),
    ("convener_blocs", "government, army", "not for &#x27;army&#x27;"),
    ("slug", "Drafting Committee", "The short name must be lower-case"),
    ("slug", "matrix-committee", "already has a committee named 'matrix-committee'"),
    ("name_en", "  ", "The committee&#x27;s name is needed"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD)
def test_a_bad_committee_form_comes_back_with_the_message_and_the_typed_text(
    world: World, field: str, value: str, message: str
) -> None:
    before = database_state()
    typed = {**TYPED, field: value}
    if field == "blocs":  # the blocs the convener records are among those typed
        typed["convener_blocs"] = ""
    if field == "name_en":
        typed["name_ar"] = ""
    response = client_of("convener").post(NEW, typed)
    body = response.content.decode()
    assert response.status_code == 400, body
    assert 'id="refusal"' in body
    assert (message if "&#x27;" in message else escape(message)) in body
    for name in ("slug", "name_en", "co_chairs", "co_chair_blocs", "rule"):
        assert f'value="{escape(typed[name])}"' in body, name
    for name in ("blocs", "quotas", "approvers"):
        assert escape(typed[name].strip()) in body, name
    assert database_state().changes_since(before) == []


def test_the_convener_sets_the_process_default_rules(world: World) -> None:
    convener = client_of("convener")
    listing = convener.get(LIST).content.decode()
    assert 'id="process-rules-form"' in listing and f'action="{RULES}"' in listing
    round_page = convener.get(f"/en/rounds/{world.round_id}/decisions/").content.decode()
    assert f'href="{RULES}"' in round_page
    assert convener.get(RULES).status_code == 200
    response = convener.post(
        RULES, {"rule": "consensus else 2/3 of members", "voting": "member", "secret": "on"}
    )
    assert response.status_code == 302
    rules = RulesOfProcedure.objects.get(process__slug=PROCESS, round=None)
    assert (rules.rule, rules.voting, rules.secret) == (
        "consensus else 2/3 of members",
        "member",
        True,
    )
    assert AuditEntry.objects.filter(action="rules.set", object_id=str(rules.pk)).exists()
    round_page = convener.get(f"/en/rounds/{world.round_id}/decisions/").content.decode()
    assert "consensus else 2/3 of members" in round_page and "(the process's default)" in (
        round_page
    )
    again = convener.get(RULES).content.decode()
    assert 'value="consensus else 2/3 of members"' in again
    assert '<option value="member" selected>' in again


def test_a_round_with_its_own_rules_keeps_them(world: World) -> None:
    rnd = Round.objects.get(pk=world.round_id)
    client_of("convener").post(
        f"/en/rounds/{rnd.pk}/decisions/",
        {"step": "rules", "rule": "majority of members", "voting": "delegation"},
    )
    default = client_of("convener").post(
        RULES, {"rule": "consensus else 2/3 of members", "voting": "delegation"}
    )
    assert default.status_code == 302
    body = client_of("mediator").get(f"/en/rounds/{rnd.pk}/decisions/").content.decode()
    assert "majority of members" in body and "consensus else 2/3" not in body


@pytest.mark.parametrize("role", [r for r in ROLES if r != "convener"])
def test_every_other_role_is_refused_the_default_rules(world: World, role: str) -> None:
    before = database_state()
    client = client_of(role)
    assert 'id="process-rules-form"' not in client.get(LIST).content.decode()
    page = client.get(RULES)
    posted = client.post(RULES, {"rule": "consensus", "voting": "delegation"})
    assert page.status_code == posted.status_code == _refused_status(role), role
    assert not RulesOfProcedure.objects.filter(process__slug=PROCESS, round=None).exists()
    assert database_state().changes_since(before) == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"rule": "consensus else 75% of", "voting": "member"}, "cannot be read"),
        ({"rule": "", "voting": "member"}, "A rule is from 1 to 500 characters"),
        ({"rule": "consensus", "voting": "everyone"}, "Voting is one of: delegation, member"),
    ],
)
def test_a_bad_default_rule_comes_back_with_the_message(
    world: World, typed: dict[str, str], message: str
) -> None:
    before = database_state()
    response = client_of("convener").post(RULES, {**typed, "secret": "on"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="refusal"' in body and escape(message) in body
    assert f'value="{escape(typed["rule"])}"' in body
    assert 'name="secret" checked' in body
    assert database_state().changes_since(before) == []
