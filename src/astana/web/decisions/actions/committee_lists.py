"""``committee.nominate_list``: a nominating body's list of members (150 for the Syrian
Constitutional Committee), pasted or uploaded, added all at once or not at all.

Every line is checked before anything is written: its own form (name, gender, yes/no columns;
:mod:`astana.web.decisions.nominee_list`), its bloc (one of the committee's, one the user may
nominate for: :func:`~astana.web.decisions.access.may_nominate`), names repeated in the list
or already members, and the seats, small-body seats and co-chairs the list would fill. A
list with any problem is refused with every problem named by its line (an
:class:`~astana.web.common.errors.Unreadable`, HTTP 400), and the committee stays as it was;
a good list adds each member as ``committee.nominate`` would, with one audit entry for the
list naming them all.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.common.characters import checked_plain
from astana.web.common.errors import ActionError, Forbidden, Unreadable
from astana.web.decisions.access import may_nominate
from astana.web.decisions.actions.committees import _audit, _changed, _locked
from astana.web.decisions.composition import body_name
from astana.web.decisions.models import Committee, Nominee
from astana.web.decisions.nominee_list import ListLine, read_nominee_list
from astana.web.processes.models import Organisation

__all__ = ["committee_nominate_list"]


def _problem(line: int, reason: str) -> dict[str, object]:
    return {"line": line, "column": 1, "reason": reason, "hint": ""}


@transaction.atomic
def committee_nominate_list(
    *, user: User, committee_id: int, members: str, bloc: str = ""
) -> list[Nominee]:
    """Add every member of ``members`` (the list's text; ``bloc``: the bloc of a line that
    names none), or none of them."""
    actor, committee = _locked(user, committee_id)
    blocs: dict[str, dict[str, Any]] = {b["name"]: b for b in committee.definition["blocs"]}
    mine = [name for name, b in blocs.items() if may_nominate(actor, b)]
    if not mine:
        raise Forbidden(
            "You nominate for no bloc of this committee: each bloc's members are nominated by "
            + "; ".join(f"{n}: {body_name(b['nominated_by'])}" for n, b in blocs.items())
            + "."
        )
    try:
        checked_plain(members.replace("\n", " ").replace("\r", " ").replace("\t", " "), "The list")
        rows = read_nominee_list(members, bloc)
    except ValueError as error:
        raise ActionError(str(error)) from None
    if not rows:
        raise ActionError(_("The list is empty: give one member a line (name, gender)."))
    # A line for a bloc the user does not nominate for is a matter of rights: refused (403)
    # before anything else, every such line named.
    not_mine: dict[str, list[int]] = {}
    for row in rows:
        if row.bloc in blocs and row.bloc not in mine:
            not_mine.setdefault(row.bloc, []).append(row.line)
    if not_mine:
        raise Forbidden(
            "; ".join(
                f"line(s) {', '.join(map(str, lines))}: members of bloc {name!r} are nominated "
                f"by {body_name(blocs[name]['nominated_by'])}, not by you"
                for name, lines in not_mine.items()
            )
            + ". Nothing was added."
        )
    problems = [_problem(row.line, reason) for row in rows for reason in row.problems]
    problems += _against_committee(committee, blocs, rows)
    if problems:
        problems.sort(key=lambda p: int(str(p["line"])))
        raise Unreadable(
            f"The list was not added: {len(problems)} problem(s); nothing was changed.",
            problems,
        )
    bodies = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=[b["nominated_by"] for b in blocs.values()])
    }
    added = [
        Nominee.objects.create(
            committee=committee,
            name=row.name,
            bloc=row.bloc,
            gender=row.gender,
            nominated_by=bodies[blocs[row.bloc]["nominated_by"]],
            in_small_body=row.in_small_body,
            co_chair=row.co_chair,
            entered_by=user,
        )
        for row in rows
    ]
    _changed(committee)
    _audit(
        actor,
        Action.COMMITTEE_NOMINATE_LIST,
        committee,
        nominees=[n.pk for n in added],
        names=[n.name for n in added],
    )
    return added


def _against_committee(
    committee: Committee, blocs: dict[str, dict[str, Any]], rows: list[ListLine]
) -> list[dict[str, object]]:
    """The problems of the list against the committee: blocs, names and seats."""
    problems: list[dict[str, object]] = []
    current = Nominee.objects.filter(committee=committee, state=Nominee.State.NOMINATED)
    members = set(current.values_list("name", flat=True))
    seen: dict[str, int] = {}
    for row in rows:
        if not row.bloc:
            problems.append(_problem(row.line, "the bloc is missing (choose one, or name it)"))
        elif row.bloc not in blocs:
            problems.append(
                _problem(row.line, f"the committee has no bloc {row.bloc!r} ({', '.join(blocs)})")
            )
        if len(row.name) > 200:
            problems.append(_problem(row.line, "a name has at most 200 characters"))
        if row.name in members:
            problems.append(_problem(row.line, f"{row.name!r} is already a member"))
        elif row.name and row.name in seen:
            problems.append(
                _problem(row.line, f"{row.name!r} is also on line {seen[row.name]} of the list")
            )
        seen.setdefault(row.name, row.line)
    # Seats are counted over the lines that are otherwise right, so that a wrong line does
    # not also make a later, right one "one too many".
    wrong = {int(str(p["line"])) for p in problems} | {row.line for row in rows if row.problems}
    filled = Counter(current.values_list("bloc", flat=True))
    small = Counter(current.filter(in_small_body=True).values_list("bloc", flat=True))
    chairs = current.filter(co_chair=True).count()
    for row in rows:
        if row.bloc not in blocs or row.line in wrong:
            continue
        seats = blocs[row.bloc]
        filled[row.bloc] += 1
        if filled[row.bloc] == int(seats["seats"]) + 1:
            problems.append(
                _problem(
                    row.line,
                    f"bloc {row.bloc!r} has {seats['seats']} seats; this member is one too many",
                )
            )
        if row.in_small_body:
            small[row.bloc] += 1
            if small[row.bloc] == int(seats["small_body_seats"]) + 1:
                problems.append(
                    _problem(
                        row.line,
                        f"bloc {row.bloc!r} has {seats['small_body_seats']} seats in the small "
                        "body; this member is one too many",
                    )
                )
        if row.co_chair:
            chairs += 1
            if chairs == int(committee.definition["co_chairs"]) + 1:
                problems.append(
                    _problem(
                        row.line,
                        f"the committee has {committee.definition['co_chairs']} co-chairs; "
                        "this one is one too many",
                    )
                )
    return problems
