"""Reads for the public archive (everything here is public record)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from astana.web.processes.models import (
    Claim,
    Organisation,
    OutcomeDocument,
    Participation,
    Person,
    Process,
    Round,
    Session,
    Source,
    TimelineEvent,
)

__all__ = [
    "ClaimConflict",
    "claim_conflicts",
    "get_document",
    "get_organisation",
    "get_person",
    "get_process",
    "get_round",
    "get_session",
    "page_url",
    "processes",
]


def page_url(obj: object, language: str) -> str:
    """The archive page of a record, in ``language``."""
    with translation.override(language):
        match obj:
            case Process():
                return reverse("archive:process", args=[obj.slug])
            case Round():
                return reverse("archive:round", args=[obj.process.slug, obj.slug])
            case Session():
                return reverse(
                    "archive:session", args=[obj.round.process.slug, obj.round.slug, obj.number]
                )
            case OutcomeDocument():
                return reverse("archive:document", args=[obj.slug])
            case Organisation():
                return reverse("archive:organisation", args=[obj.slug])
            case Person():
                return reverse("archive:person", args=[obj.slug])
            case TimelineEvent():
                return reverse("archive:process", args=[obj.process.slug]) + f"#event-{obj.slug}"
            case Source():
                return reverse("archive:sources") + f"#source-{obj.slug}"
        raise TypeError(f"no archive page for {type(obj).__name__}")


def processes() -> QuerySet[Process]:
    return Process.objects.prefetch_related("rounds", "documents")


def get_process(slug: str) -> Process:
    try:
        return Process.objects.prefetch_related(
            Prefetch(
                "participations", queryset=Participation.objects.select_related("organisation")
            ),
            Prefetch("rounds", queryset=Round.objects.prefetch_related("sources")),
            Prefetch("documents", queryset=OutcomeDocument.objects.select_related("round")),
            Prefetch("events", queryset=TimelineEvent.objects.prefetch_related("sources")),
            "sources",
        ).get(slug=slug)
    except Process.DoesNotExist as error:
        raise Http404("process") from error


def get_round(process_slug: str, slug: str) -> Round:
    try:
        return (
            Round.objects.select_related("process")
            .prefetch_related(
                "sessions__opened_by", "sessions__agenda", "documents", "sources", "events"
            )
            .get(process__slug=process_slug, slug=slug)
        )
    except Round.DoesNotExist as error:
        raise Http404("round") from error


def get_session(process_slug: str, round_slug: str, number: int) -> Session:
    """A session of the public record. Until the convener publishes its minutes, the page
    shows only that it exists (number, date, the round's venue, open or closed); its title,
    agenda, attendance, who opened it and the minutes become public with the minutes."""
    try:
        return (
            Session.objects.select_related("round__process", "opened_by")
            .prefetch_related("agenda", "attendance", "sources")
            .get(round__process__slug=process_slug, round__slug=round_slug, number=number)
        )
    except Session.DoesNotExist as error:
        raise Http404("session") from error


def get_document(slug: str) -> OutcomeDocument:
    try:
        return (
            OutcomeDocument.objects.select_related("process", "round")
            .prefetch_related("signatories", "sources", "events")
            .get(slug=slug)
        )
    except OutcomeDocument.DoesNotExist as error:
        raise Http404("document") from error


def get_organisation(slug: str) -> Organisation:
    try:
        return Organisation.objects.prefetch_related(
            "participations__process", "memberships__person", "documents_signed", "events"
        ).get(slug=slug)
    except Organisation.DoesNotExist as error:
        raise Http404("organisation") from error


def get_person(slug: str) -> Person:
    try:
        return Person.objects.prefetch_related(
            "memberships__organisation",
            "events",
            # Who opened a session is public only with its minutes (see get_session).
            Prefetch(
                "sessions_opened",
                queryset=Session.objects.filter(minutes_published_at__isnull=False).select_related(
                    "round__process"
                ),
            ),
            "sources",
        ).get(slug=slug)
    except Person.DoesNotExist as error:
        raise Http404("person") from error


@dataclass(frozen=True)
class ClaimConflict:
    """Claims about the same thing that disagree, to be shown side by side."""

    about_kind: str
    about_slug: str
    aspect: str
    claims: list[Claim]
    subject: object | None


_SUBJECTS = {
    "event": TimelineEvent,
    "round": Round,
    "document": OutcomeDocument,
    "process": Process,
}


def claim_conflicts() -> list[ClaimConflict]:
    """Every group of mutually conflicting claims, grouped by what they are about."""
    claims = Claim.objects.prefetch_related("sources", "conflicts_with").order_by("slug")
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.conflicts_with.exists():
            groups[(claim.about_kind, claim.about_slug, claim.aspect)].append(claim)
    result = []
    for (kind, slug, aspect), members in sorted(groups.items()):
        model = _SUBJECTS.get(kind)
        subject = model.objects.filter(slug=slug).first() if model is not None else None  # type: ignore[attr-defined]
        result.append(ClaimConflict(kind, slug, aspect, members, subject))
    return result
