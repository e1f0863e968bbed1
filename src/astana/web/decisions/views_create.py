"""Pages where the convener defines a committee and sets the process's default rules of
procedure. Thin like :mod:`astana.web.decisions.views`: read the typed lines into the plain
data the actions take, call ``committee.create`` or ``rules.set`` (the default), render.

A committee is typed as a convener writes it: one line per bloc (``government: 50, 15,
government-of-syria``), one line per quota in the rules engine's syntax (``at least 30% women
overall``), approvers as organisation slugs. A line that cannot be read is refused like the
action refuses a bad definition: the form comes back with the message and everything typed,
and nothing is created.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.api.forms import form_texts
from astana.web.common.actors import ProcessActor
from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.common.pages import acting_user, refused, shows_refusals
from astana.web.decisions import actions
from astana.web.decisions.access import process_actor_needing
from astana.web.decisions.composition import body_name
from astana.web.decisions.examples import SCC_NAMES, SCC_SLUG, scc_definition
from astana.web.decisions.models import RulesOfProcedure
from astana.web.negotiation.presenting import reader
from astana.web.processes.models import Organisation, Process
from astana.web.processes.naming import organisation_named

__all__ = [
    "committee_new",
    "default_rules",
    "definition_from_form",
    "form_of_definition",
    "process_rules",
]

BLOC_LINE = "name: seats, small-body seats, nominating organisation"
BLOC_EXAMPLE = "government: 50, 15, Syrian government"
_NUMBER = re.compile(r"\d{1,6}")
_SEPARATORS = re.compile(r"[\s,]+")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _whole(value: str, what: str) -> int:
    value = value.strip()
    if not _NUMBER.fullmatch(value):
        raise ActionError(
            _("%(what)s must be a whole number, not %(value)s.")
            % {"what": what, "value": repr(value)}
        )
    return int(value)


def _bloc(number: int, line: str) -> dict[str, Any]:
    name, colon, rest = line.rpartition(":")
    parts = [part.strip() for part in rest.split(",", 2)]  # the body's name may hold commas
    if not colon or not name.strip() or len(parts) != 3 or not parts[2]:
        raise ActionError(
            _(
                "Bloc line %(number)s (%(line)s) cannot be read: write "
                "'%(bloc_line)s', e.g. '%(bloc_example)s'."
            )
            % {
                "number": number,
                "line": repr(line),
                "bloc_line": BLOC_LINE,
                "bloc_example": BLOC_EXAMPLE,
            }
        )
    where = f"bloc line {number} ({name.strip()!r})"
    return {
        "name": name.strip(),
        "seats": _whole(parts[0], f"The seats on {where}"),
        "small_body_seats": _whole(parts[1], f"The small-body seats on {where}"),
        "nominated_by": parts[2],
    }


def _approvers(typed: str) -> list[str]:
    """One approver a line, by name in any language or identifier; a line that names no
    organisation as a whole is read as identifiers separated by spaces or commas."""
    found: list[str] = []
    for line in _lines(typed):
        named = organisation_named(line)
        if named is not None:
            found.append(str(named.slug))
        else:
            found.extend(part for part in _SEPARATORS.split(line) if part)
    return found


def definition_from_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The definition's plain data from the typed fields; ``ActionError`` for a line that
    cannot be read. Whether it holds together (organisations, quotas, the rule, seats) is
    the action's to check."""
    blocs = [_bloc(n, line) for n, line in enumerate(_lines(form.get("blocs", "")), start=1)]
    if not blocs:
        raise ActionError(
            _("Write at least one bloc, one per line: '%(bloc_line)s'.") % {"bloc_line": BLOC_LINE}
        )
    # The blocs whose nominations the rules let the convener record on the body's behalf.
    convener = [n.strip() for n in re.split(r"[,\n]", form.get("convener_blocs", "")) if n.strip()]
    unknown = sorted(set(convener) - {b["name"] for b in blocs})
    if unknown:
        raise ActionError(
            _(
                "The convener may record nominations only for blocs of the committee, "
                "not for %(value)s."
            )
            % {"value": ", ".join(map(repr, unknown))}
        )
    for bloc in blocs:
        if bloc["name"] in convener:
            bloc["convener_nominates"] = True
    co_chairs = form.get("co_chairs", "").strip()
    return {
        "blocs": blocs,
        "co_chairs": _whole(co_chairs, "The number of co-chairs") if co_chairs else 0,
        "co_chair_blocs": [
            name.strip()
            for name in re.split(r"[,\n]", form.get("co_chair_blocs", ""))
            if name.strip()
        ],
        "quotas": _lines(form.get("quotas", "")),
        "approvers": _approvers(form.get("approvers", "")),
        "rule": form.get("rule", "").strip(),
    }


def _named(slug: str) -> str:
    """An organisation as the form shows it: its name in the reader's language."""
    return body_name(slug, reader())


def form_of_definition(definition: Mapping[str, Any]) -> dict[str, str]:
    """The typed fields that read back as ``definition`` (for pre-filling the form)."""
    return {
        "blocs": "\n".join(
            f"{b['name']}: {b['seats']}, {b['small_body_seats']}, {_named(b['nominated_by'])}"
            for b in definition["blocs"]
        ),
        "co_chairs": str(definition.get("co_chairs", 0)),
        "co_chair_blocs": ", ".join(definition.get("co_chair_blocs", [])),
        "convener_blocs": ", ".join(
            b["name"] for b in definition["blocs"] if b.get("convener_nominates")
        ),
        "quotas": "\n".join(definition.get("quotas", [])),
        "approvers": "\n".join(_named(a) for a in definition.get("approvers", [])),
        "rule": str(definition.get("rule", "consensus")),
    }


def scc_form() -> dict[str, str]:
    """The built-in Syrian Constitutional Committee, as the form's typed fields."""
    names = {f"name_{k}": v.rsplit(" (", 1)[0] for k, v in SCC_NAMES.items()}
    return {"slug": SCC_SLUG, **names, **form_of_definition(scc_definition())}


def _convener(user: User | AnonymousUser, process_slug: str) -> ProcessActor:
    """The actor, who must hold ``rules.set`` in the process (the convener)."""
    return process_actor_needing(user, process_slug, Action.COMMITTEE_CREATE)


def flag(form: Mapping[str, str], name: str) -> bool:
    """Whether the form's checkbox ``name`` is ticked."""
    return form.get(name) in ("on", "true", "1", "yes")


def rules_chosen(form: Mapping[str, str]) -> dict[str, Any]:
    """The rules form (a round's rules, a process's default) as the rules actions take it."""
    return {
        "rule": form.get("rule", ""),
        "voting": form.get("voting", "delegation"),
        "secret": flag(form, "secret"),
    }


def default_rules(process: Process) -> tuple[RulesOfProcedure, bool]:
    """The process's default rules, and whether they were set (else consensus by delegation)."""
    current = RulesOfProcedure.objects.filter(process=process, round=None).first()
    return current or RulesOfProcedure(process=process), current is not None


@login_required
def committee_new(request: HttpRequest, process_slug: str) -> HttpResponse:
    """The convener defines a committee: names, blocs, co-chairs, quotas, approvers, rule."""
    try:
        actor = _convener(request.user, process_slug)
    except ActionError as refusal:
        return refused(request, refusal)
    error: ActionError | None = None
    status = 200
    typed: dict[str, str] = {"co_chairs": "0", "rule": "consensus"}
    if request.method == "POST":
        typed = request.POST.dict()
        try:
            committee = actions.committee_create(
                user=acting_user(request),
                process_slug=process_slug,
                slug=typed.get("slug", "").strip(),
                names=form_texts(typed, "name"),
                definition=definition_from_form(typed),
            )
            return HttpResponseRedirect(reverse("decisions:committee", args=[committee.pk]))
        except ActionError as refusal:
            if isinstance(refusal, NotFound | Forbidden):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    elif request.GET.get("example") == "scc":
        typed = scc_form()
    return render(
        request,
        "decisions/committee_new.html",
        {
            "process": actor.process,
            "typed": typed,
            "error": error,
            "bloc_example": BLOC_EXAMPLE,
            "organisations": Organisation.objects.order_by("slug"),
        },
        status=status,
    )


@login_required
@shows_refusals
def process_rules(request: HttpRequest, process_slug: str) -> HttpResponse:
    """The convener sets the process's default rules, for rounds that set none."""
    actor = _convener(request.user, process_slug)
    error: ActionError | None = None
    status = 200
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = request.POST.dict()
        try:
            actions.rules_set_default(
                user=acting_user(request), process_slug=process_slug, **rules_chosen(typed)
            )
            return HttpResponseRedirect(reverse("decisions:process_rules", args=[process_slug]))
        except ActionError as refusal:
            if isinstance(refusal, NotFound | Forbidden):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    rules, own = default_rules(actor.process)
    return render(
        request,
        "decisions/process_rules.html",
        {
            "process": actor.process,
            "rules": rules,
            "own": own,
            "typed": typed,
            "error": error,
        },
        status=status,
    )
