"""A committee's rules and members as core values: the stored plain data of a definition
(read and checked here), and the composition its current nominees make.

A definition's plain data::

    {"blocs": [{"name": "government", "seats": 50, "small_body_seats": 15,
                "nominated_by": "government-of-syria", "convener_nominates": false}, ...],
     "co_chairs": 2, "co_chair_blocs": ["government", "opposition"],
     "quotas": ["at least 30% women overall"],
     "approvers": ["government-of-russia", "united-nations"],
     "rule": "consensus else 75% of members"}

Nominating bodies and approvers are organisation slugs, so the report names them exactly. A
bloc's members are nominated by its nominating body; ``convener_nominates`` (false unless
given) lets the convener record them on its behalf, where the rules of procedure say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.utils.translation import gettext as _

from astana.core.rules import (
    BlocSeats,
    CommitteeDefinition,
    Composition,
    CompositionReport,
    Gender,
    Member,
    Quota,
    Rule,
    check_composition,
)
from astana.web.common.errors import ActionError
from astana.web.decisions.models import Committee, Nominee
from astana.web.processes.models import Organisation
from astana.web.processes.naming import organisation_named
from astana.web.processes.translated import translated

__all__ = ["body_name", "clean_definition", "composition_of", "definition_of", "report_of"]

MAX_BLOCS = 20
MAX_SEATS = 1000


def _int(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ActionError(
            _("%(what)s must be a whole number from %(low)s to %(high)s.")
            % {"what": what, "low": low, "high": high}
        )
    return value


def _organisation(slug: object, what: str) -> str:
    """The identifier of the organisation ``slug`` names: its identifier, or its name or short
    name in any language (as people write it in the committee's form)."""
    found = organisation_named(slug) if isinstance(slug, str) else None
    if found is None:
        raise ActionError(
            _("%(what)s: there is no organisation %(slug)s.") % {"what": what, "slug": repr(slug)}
        )
    return str(found.slug)


def body_name(slug: str, language: str = "en") -> str:
    """An organisation as people name it, in ``language`` (falling back to another language,
    then to the slug when the data has no such organisation)."""
    body = Organisation.objects.filter(slug=slug).first()
    if body is None:
        return slug
    return translated(body, "name", language).text or slug


def clean_definition(data: Mapping[str, Any]) -> dict[str, Any]:
    """The definition's plain data, checked: every mistake is an ``ActionError`` naming it."""
    blocs = data.get("blocs")
    if not isinstance(blocs, list) or not 1 <= len(blocs) <= MAX_BLOCS:
        raise ActionError(
            _("A committee has from 1 to %(max_blocs)s blocs.") % {"max_blocs": MAX_BLOCS}
        )
    clean: dict[str, Any] = {"blocs": []}
    for n, bloc in enumerate(blocs, start=1):
        if not isinstance(bloc, Mapping):
            raise ActionError(
                _("Bloc %(n)s must be an object with name, seats, nominated_by.") % {"n": n}
            )
        name = str(bloc.get("name", "")).strip()
        if not name or len(name) > 100:
            raise ActionError(_("Bloc %(n)s needs a name of at most 100 characters.") % {"n": n})
        seats = _int(bloc.get("seats"), f"The seats of bloc {name!r}", 1, MAX_SEATS)
        small = _int(
            bloc.get("small_body_seats", 0), f"The small-body seats of bloc {name!r}", 0, seats
        )
        nominated_by = _organisation(
            bloc.get("nominated_by"), f"The nominating body of bloc {name!r}"
        )
        convener = bloc.get("convener_nominates", False)
        if not isinstance(convener, bool):
            raise ActionError(
                _("Bloc %(name)s: convener_nominates is true or false.") % {"name": repr(name)}
            )
        clean["blocs"].append(
            {
                "name": name,
                "seats": seats,
                "small_body_seats": small,
                "nominated_by": nominated_by,
                "convener_nominates": convener,
            }
        )
    clean["co_chairs"] = _int(data.get("co_chairs", 0), "The number of co-chairs", 0, 10)
    clean["co_chair_blocs"] = [str(b) for b in data.get("co_chair_blocs", []) or []]
    clean["quotas"] = [str(q) for q in data.get("quotas", []) or []]
    clean["approvers"] = [_organisation(a, "An approver") for a in data.get("approvers", []) or []]
    clean["rule"] = str(data.get("rule", "consensus"))
    try:
        core = definition_of(clean, "committee")
    except ValueError as error:
        raise ActionError(
            _("The committee's rules do not hold together: %(error)s.") % {"error": error}
        ) from error
    clean["quotas"] = [str(q) for q in core.quotas]
    clean["rule"] = str(core.decision_rule)
    return clean


def definition_of(data: Mapping[str, Any], name: str) -> CommitteeDefinition:
    """The core definition of stored plain data; ``ValueError`` when it is malformed."""
    return CommitteeDefinition(
        name=name,
        blocs=tuple(
            BlocSeats(b["name"], b["seats"], b["small_body_seats"], b["nominated_by"])
            for b in data["blocs"]
        ),
        co_chairs=data["co_chairs"],
        co_chair_blocs=tuple(data["co_chair_blocs"]),
        quotas=tuple(Quota.parse(q) for q in data["quotas"]),
        approvers=tuple(data["approvers"]),
        decision_rule=Rule.parse(data["rule"]),
    )


def composition_of(nominees: Iterable[Nominee]) -> Composition:
    """The current members (withdrawn and replaced nominees left out) as a core composition."""
    members = []
    for nominee in nominees:
        if not nominee.active:
            continue
        approvers = frozenset(a.approver.slug for a in nominee.approvals.all())
        members.append(
            Member(
                name=nominee.name,
                bloc=nominee.bloc,
                gender=cast(Gender, nominee.gender),
                nominated_by=nominee.nominated_by.slug,
                in_small_body=nominee.in_small_body,
                co_chair=nominee.co_chair,
                approved_by=approvers,
            )
        )
    return Composition(tuple(members))


def nominees_of(committee: Committee) -> list[Nominee]:
    """Every nominee of the committee, with what the check reads, in order."""
    return list(
        committee.nominees.select_related("nominated_by")
        .prefetch_related("approvals__approver")
        .order_by("id")
    )


def report_of(committee: Committee, nominees: Iterable[Nominee] | None = None) -> CompositionReport:
    """Every composition rule the committee's current members break, and by how much."""
    definition = definition_of(committee.definition, str(committee))
    rows = nominees_of(committee) if nominees is None else nominees
    return check_composition(definition, composition_of(rows))
