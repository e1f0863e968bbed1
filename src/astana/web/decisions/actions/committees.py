"""``committee.create``, ``committee.nominate``, ``committee.withdraw``, ``committee.replace``,
``committee.approve``: forming a committee under its composition rules.

The convener creates a committee; a bloc's nominating body nominates, withdraws and replaces
its own bloc's members, and the convener does so on its behalf only for a bloc whose rules
say so (``"convener_nominates": true`` in the bloc's definition); each approver
named in the definition (the guarantors, the UN) approves members. A nomination beyond a
bloc's seats, the small body's seats or the co-chairs is refused; every other rule (quotas,
nominating bodies, approvals) is checked live by :func:`composition.report_of`, and the
committee is formed when every rule holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.accounts.second_factor import require_second_factor
from astana.web.common.actors import ProcessActor
from astana.web.common.audit import audit
from astana.web.common.characters import checked_plain, translations
from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.decisions.access import access_committee, may_nominate, process_actor_needing
from astana.web.decisions.composition import body_name, clean_definition, report_of
from astana.web.decisions.models import Approval, Committee, Nominee
from astana.web.processes.models import Organisation

__all__ = [
    "committee_approve",
    "committee_create",
    "committee_nominate",
    "committee_replace",
    "committee_withdraw",
]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
GENDERS = ("woman", "man")


def _audit(actor: ProcessActor, action: Action, committee: Committee, **detail: Any) -> None:
    """The committee's audit entry: about the committee, naming it by its slug."""
    audit(actor, action, committee, committee.pk, committee=committee.slug, **detail)


def _changed(committee: Committee) -> None:
    """Bump the version and say whether the committee is now formed (every rule holds)."""
    Committee.objects.filter(pk=committee.pk).update(version=F("version") + 1)
    committee.refresh_from_db(fields=["version"])
    formed = report_of(committee).valid
    if formed != committee.formed:
        committee.formed = formed
        committee.save(update_fields=["formed"])


def _locked(user: User, committee_id: int) -> tuple[ProcessActor, Committee]:
    actor, committee = access_committee(user, committee_id)
    return actor, Committee.objects.select_for_update().select_related("process").get(
        pk=committee.pk
    )


@transaction.atomic
def committee_create(
    *, user: User, process_slug: str, slug: str, names: Mapping[str, str], definition: Any
) -> Committee:
    """The convener defines a committee of the process: blocs, seats, quotas, approvers."""
    actor = process_actor_needing(
        user, process_slug, Action.COMMITTEE_CREATE, "Only the convener defines committees."
    )
    process = actor.process
    if not _SLUG.match(slug):
        raise ActionError(_("The short name must be lower-case letters, digits or dashes."))
    if Committee.objects.filter(process=process, slug=slug).exists():
        raise ActionError(
            _("The process already has a committee named %(slug)s.") % {"slug": repr(slug)}
        )
    named = translations(names, "The committee's name")
    if not named or any(len(v) > 300 for v in named.values()):
        raise ActionError(
            _("The committee's name is needed in a language, at most 300 characters.")
        )
    if not isinstance(definition, Mapping):
        raise ActionError(_("The definition must be an object with blocs, quotas and approvers."))
    for language, name in named.items():
        checked_plain(name, f"The committee's {language} name")
    _check_strings(definition, "The definition")
    committee = Committee.objects.create(
        process=process,
        slug=slug,
        definition=clean_definition(definition),
        created_by=user,
        **{f"name_{k}": v for k, v in named.items()},
    )
    _audit(
        actor,
        Action.COMMITTEE_CREATE,
        committee,
        definition=committee.definition,
    )
    return committee


def _check_strings(value: Any, what: str) -> None:
    """Refuse a control character in any string of a JSON value (keys included)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            checked_plain(item, what)
        elif isinstance(item, Mapping):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)


def _bloc(committee: Committee, name: str) -> dict[str, Any]:
    for bloc in committee.definition["blocs"]:
        if bloc["name"] == name:
            return dict(bloc)
    names = ", ".join(repr(b["name"]) for b in committee.definition["blocs"])
    raise ActionError(
        _("The committee has no bloc %(name)s; its blocs are %(names)s.")
        % {"name": repr(name), "names": names}
    )


def _may_nominate(actor: ProcessActor, bloc: Mapping[str, Any]) -> None:
    if may_nominate(actor, bloc):
        return
    raise Forbidden(
        _(
            "Members of bloc %(bloc)s are nominated by %(value)s; you do not act "
            "for it, and the committee's rules do not let the convener nominate "
            "for it."
        )
        % {"bloc": repr(bloc["name"]), "value": body_name(bloc["nominated_by"])}
    )


def _room(committee: Committee, bloc: Mapping[str, Any], small: bool, chair: bool) -> None:
    """Refuse a nomination beyond the seats the definition provides."""
    active = committee.nominees.filter(state=Nominee.State.NOMINATED)
    filled = active.filter(bloc=bloc["name"]).count()
    if filled >= bloc["seats"]:
        raise ActionError(
            _(
                "Bloc %(bloc)s has %(bloc2)s seats and all %(filled)s are filled; "
                "withdraw or replace a member first."
            )
            % {"bloc": repr(bloc["name"]), "bloc2": bloc["seats"], "filled": filled}
        )
    small_filled = active.filter(bloc=bloc["name"], in_small_body=True).count()
    if small and small_filled >= bloc["small_body_seats"]:
        raise ActionError(
            _(
                "Bloc %(bloc)s has %(bloc2)s seats in the small body and all "
                "%(small_filled)s are filled."
            )
            % {
                "bloc": repr(bloc["name"]),
                "bloc2": bloc["small_body_seats"],
                "small_filled": small_filled,
            }
        )
    chairs = active.filter(co_chair=True).count()
    if chair and chairs >= committee.definition["co_chairs"]:
        raise ActionError(
            _("The committee has %(definition)s co-chairs and all %(chairs)s are named.")
            % {"definition": committee.definition["co_chairs"], "chairs": chairs}
        )


def _person(committee: Committee, name: str, gender: str) -> str:
    name = checked_plain(" ".join(name.split()), "The nominee's name")
    if not name or len(name) > 200:
        raise ActionError(_("A nominee's name is from 1 to 200 characters."))
    if gender not in GENDERS:
        raise ActionError(_("A nominee's gender is 'woman' or 'man' (for the quotas)."))
    if committee.nominees.filter(state=Nominee.State.NOMINATED, name=name).exists():
        raise ActionError(
            _("%(name)s is already a member of the committee.") % {"name": repr(name)}
        )
    return name


@transaction.atomic
def committee_nominate(
    *,
    user: User,
    committee_id: int,
    name: str,
    bloc: str,
    gender: str,
    in_small_body: bool = False,
    co_chair: bool = False,
    nominated_by: str = "",
) -> Nominee:
    """A bloc's nominating body names a member (``nominated_by``, if given, must be the bloc's
    nominating body: the member is always that body's nominee, whoever records it)."""
    actor, committee = _locked(user, committee_id)
    seats = _bloc(committee, bloc)
    _may_nominate(actor, seats)
    if nominated_by and nominated_by != seats["nominated_by"]:
        raise ActionError(
            _("Members of bloc %(bloc)s are nominated by %(value)s, not by another body.")
            % {"bloc": repr(bloc), "value": body_name(seats["nominated_by"])}
        )
    body = Organisation.objects.get(slug=seats["nominated_by"])
    name = _person(committee, name, gender)
    _room(committee, seats, in_small_body, co_chair)
    nominee = Nominee.objects.create(
        committee=committee,
        name=name,
        bloc=bloc,
        gender=gender,
        nominated_by=body,
        in_small_body=in_small_body,
        co_chair=co_chair,
        entered_by=user,
    )
    _changed(committee)
    _audit(
        actor,
        Action.COMMITTEE_NOMINATE,
        committee,
        nominee=nominee.pk,
        name=name,
        bloc=bloc,
    )
    return nominee


def _nominee(user: User, nominee_id: int) -> tuple[ProcessActor, Committee, Nominee]:
    row = Nominee.objects.filter(pk=nominee_id).first()
    if row is None:
        raise NotFound(_("There is no nominee %(nominee_id)s.") % {"nominee_id": nominee_id})
    actor, committee = _locked(user, row.committee_id)
    nominee = Nominee.objects.select_for_update().select_related("nominated_by").get(pk=row.pk)
    _may_nominate(actor, _bloc(committee, nominee.bloc))
    if not nominee.active:
        raise ActionError(
            _("%(name)s was %(state)s; only a current member can be.")
            % {"name": nominee.name, "state": nominee.state}
        )
    return actor, committee, nominee


@transaction.atomic
def committee_withdraw(*, user: User, nominee_id: int) -> Nominee:
    """The nominating body (or the convener) withdraws a member; the seat is free again."""
    actor, committee, nominee = _nominee(user, nominee_id)
    nominee.state = Nominee.State.WITHDRAWN
    nominee.save(update_fields=["state"])
    _changed(committee)
    _audit(
        actor,
        Action.COMMITTEE_WITHDRAW,
        committee,
        nominee=nominee.pk,
        name=nominee.name,
    )
    return nominee


@transaction.atomic
def committee_replace(
    *,
    user: User,
    nominee_id: int,
    name: str,
    gender: str,
    in_small_body: bool | None = None,
    co_chair: bool | None = None,
) -> Nominee:
    """Replace a member by another of the same bloc, in the same seats unless told otherwise;
    the replacement needs every approval afresh."""
    actor, committee, old = _nominee(user, nominee_id)
    name = _person(committee, name, gender)
    old.state = Nominee.State.REPLACED
    old.save(update_fields=["state"])
    small = old.in_small_body if in_small_body is None else in_small_body
    chair = old.co_chair if co_chair is None else co_chair
    _room(committee, _bloc(committee, old.bloc), small, chair)
    new = Nominee.objects.create(
        committee=committee,
        name=name,
        bloc=old.bloc,
        gender=gender,
        nominated_by=old.nominated_by,
        in_small_body=small,
        co_chair=chair,
        replaces=old,
        entered_by=user,
    )
    _changed(committee)
    _audit(
        actor,
        Action.COMMITTEE_REPLACE,
        committee,
        nominee=new.pk,
        replaces=old.pk,
        name=name,
    )
    return new


@transaction.atomic
def committee_approve(
    *, user: User, committee_id: int, approver: str = "", nominees: Sequence[int] | None = None
) -> list[Approval]:
    """An approver approves members: the listed ones, or every current member it has not yet
    approved. Only the approvers the definition names approve (for the organisation the user
    acts for; ``approver`` chooses one where they act for several)."""
    actor, committee = _locked(user, committee_id)
    named = committee.definition["approvers"]
    mine = [slug for slug in named if actor.acts_for(slug)]
    if not mine:
        raise Forbidden(
            _("The committee's members are approved by %(value)s; you act for none of them.")
            % {"value": ", ".join(named) or "no one"}
        )
    if approver and approver not in mine:
        raise Forbidden(
            _("You do not act for %(approver)s, or it is not an approver here.")
            % {"approver": approver}
        )
    require_second_factor(user, committee.process, actor.roles, Action.COMMITTEE_APPROVE)
    body = Organisation.objects.get(slug=approver or mine[0])
    current = committee.nominees.filter(state=Nominee.State.NOMINATED)
    if nominees is not None:
        rows = list(current.filter(pk__in=nominees))
        missing = sorted(set(nominees) - {row.pk for row in rows})
        if missing:
            raise ActionError(
                _("No current members with ids %(missing)s in this committee.")
                % {"missing": missing}
            )
        already = [row.name for row in rows if row.approvals.filter(approver=body).exists()]
        if already:
            raise ActionError(
                _("%(slug)s has already approved %(already)s.")
                % {"slug": body.slug, "already": ", ".join(already)}
            )
    else:
        rows = list(current.exclude(approvals__approver=body))
        if not rows:
            raise ActionError(
                _("%(slug)s has approved every current member already.") % {"slug": body.slug}
            )
    approvals = [Approval.objects.create(nominee=n, approver=body, approved_by=user) for n in rows]
    _changed(committee)
    _audit(
        actor,
        Action.COMMITTEE_APPROVE,
        committee,
        approver=body.slug,
        nominees=[n.pk for n in rows],
    )
    return approvals
