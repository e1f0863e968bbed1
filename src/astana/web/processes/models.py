"""Domain records of a process (DOMAIN.md sections 1, 2 and 7).

Translatable text is stored per language in ``<field>_ar``, ``<field>_en`` and
``<field>_ru`` columns and read through :func:`astana.web.processes.translated.translated`.
Dates the sources give only to the month or year are kept as partial ISO dates
(``2017``, ``2017-07``, ``2017-07-13``), which sort correctly as text.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from astana.core.language import InLanguage
from astana.core.roles import Role
from astana.formats.history import PartialDate
from astana.web.processes.translated import translated


def validate_partial_date(value: str) -> None:
    """A year, a year and month, or a full date, in ISO form (read as a ``PartialDate``)."""
    try:
        PartialDate.parse(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


class PartialDateField(models.CharField):  # type: ignore[type-arg]
    """A partial ISO date kept as text."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("validators", [validate_partial_date])
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def _text(max_length: int | None = None, blank: bool = True) -> models.Field:  # type: ignore[type-arg]
    if max_length is None:
        return models.TextField(blank=blank, default="")
    return models.CharField(max_length=max_length, blank=blank, default="")


ROLE_CHOICES = [
    (Role.CONVENER.value, _("convener")),
    (Role.HOST.value, _("host")),
    (Role.MEDIATOR.value, _("mediator")),
    (Role.PARTY.value, _("party")),
    (Role.GUARANTOR.value, _("guarantor")),
    (Role.OBSERVER.value, _("observer")),
    (Role.EXPERT.value, _("expert")),
    (Role.SECRETARIAT.value, _("secretariat")),
]
ROLE_LABELS = dict(ROLE_CHOICES)


class TranslatedMixin:
    """``obj.tr("title", "ar")`` reads a translated field with fallback."""

    def tr(self, field: str, language: str) -> InLanguage:
        return translated(self, field, language)  # type: ignore[arg-type]


class Source(TranslatedMixin, models.Model):
    """A citation: what a claim or a record rests on."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=500)
    author = models.CharField(max_length=300, blank=True, default="")
    publisher = models.CharField(max_length=300, blank=True, default="")
    date = PartialDateField(blank=True, default="")
    url = models.URLField(max_length=500, blank=True, default="")
    language = models.CharField(max_length=8)
    cited_in = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["date", "title"]

    def __str__(self) -> str:
        return self.title


class Organisation(TranslatedMixin, models.Model):
    """A delegation, government, think tank or international organisation."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        OPPOSITION_GROUP = "opposition-group", _("opposition group")
        THINK_TANK = "think-tank", _("think tank")
        INTERNATIONAL = "international-organisation", _("international organisation")
        RELIGIOUS = "religious-community", _("religious community")
        CONGRESS = "congress", _("congress")
        OTHER = "other", _("other")

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    name_ar = _text(300)
    name_en = _text(300)
    name_ru = _text(300)
    short_name_ar = _text(60)
    short_name_en = _text(60)
    short_name_ru = _text(60)
    country = models.CharField(max_length=100, blank=True, default="")
    is_sandbox = models.BooleanField(default=False)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.tr("name", "en"))


class Person(TranslatedMixin, models.Model):
    """Someone who acts for organisations: a delegate, an official, an expert."""

    slug = models.SlugField(max_length=120, unique=True)
    name_ar = _text(300)
    name_en = _text(300)
    name_ru = _text(300)
    description_ar = _text()
    description_en = _text()
    description_ru = _text()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="persons")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.tr("name", "en"))


class Membership(TranslatedMixin, models.Model):
    """A person belongs to an organisation (with a title, for a period)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    title_ar = _text(300)
    title_en = _text(300)
    title_ru = _text(300)
    start = PartialDateField(blank=True, default="")
    end = PartialDateField(blank=True, default="")

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "start"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.organisation}"


def default_second_factor_roles() -> list[str]:
    """Every role that signs, approves keys, publishes, convenes or issues revisions."""
    return [Role.CONVENER.value, Role.MEDIATOR.value, Role.PARTY.value, Role.GUARANTOR.value]


class Process(TranslatedMixin, models.Model):
    """A negotiation process that runs for years (the Astana Platform, the Astana format)."""

    slug = models.SlugField(max_length=120, unique=True)
    title_ar = _text(300)
    title_en = _text(300)
    title_ru = _text(300)
    summary_ar = _text()
    summary_en = _text()
    summary_ru = _text()
    start = PartialDateField()
    end = PartialDateField(blank=True, default="")
    ended_reason_ar = _text()
    ended_reason_en = _text()
    ended_reason_ru = _text()
    sources = models.ManyToManyField(Source, blank=True, related_name="processes")
    # The roles whose holders must be verified by a second factor (an authenticator code)
    # to sign, approve or revoke keys, publish or convene here (see accounts.second_factor).
    second_factor_roles = models.JSONField(default=default_second_factor_roles, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "processes"

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Participation(TranslatedMixin, models.Model):
    """An organisation's role in a process; its delegates inherit it."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    start = PartialDateField(blank=True, default="")
    end = PartialDateField(blank=True, default="")
    note_ar = _text()
    note_en = _text()
    note_ru = _text()
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="participations")

    class Meta:
        ordering = ["role", "organisation__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "organisation", "role", "start"], name="participation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role} in {self.process}"


class Round(TranslatedMixin, models.Model):
    """A round of talks: a venue, dates, participants, a state."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_SESSION = "in_session", _("in session")
        CONCLUDED = "concluded", _("concluded")
        CANCELLED = "cancelled", _("cancelled")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="rounds")
    slug = models.SlugField(max_length=120)
    number = models.PositiveIntegerField(null=True, blank=True)
    title_ar = _text(300)
    title_en = _text(300)
    title_ru = _text(300)
    venue_ar = _text(300)
    venue_en = _text(300)
    venue_ru = _text(300)
    summary_ar = _text()
    summary_en = _text()
    summary_ru = _text()
    start = PartialDateField()
    end = PartialDateField(blank=True, default="")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PLANNED)
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="rounds")

    class Meta:
        ordering = ["start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="round_unique_slug")
        ]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Session(TranslatedMixin, models.Model):
    """A sitting inside a round, opened by a named official, with agenda, attendance, minutes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(max_length=120)
    number = models.PositiveIntegerField()
    date = PartialDateField(blank=True, default="")
    opened_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions_opened"
    )
    title_ar = _text(300)
    title_en = _text(300)
    title_ru = _text(300)
    minutes_ar = _text()
    minutes_en = _text()
    minutes_ru = _text()
    attendance = models.ManyToManyField(Organisation, blank=True, related_name="sessions_attended")
    sources = models.ManyToManyField(Source, blank=True, related_name="sessions")
    # A live session: open while the host has it open; ``version`` guards the minutes.
    is_open = models.BooleanField(default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The minutes are the participants' record until the convener publishes them; only then
    # does the public archive show them (a session of the sourced history is public record).
    minutes_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="session_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.round}, session {self.number}"


class AgendaItem(TranslatedMixin, models.Model):
    """One item of a session's agenda."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField()
    text_ar = _text()
    text_en = _text()
    text_ru = _text()

    class Meta:
        ordering = ["session", "order"]

    def __str__(self) -> str:
        return f"{self.session}, item {self.order}"


class OutcomeDocument(TranslatedMixin, models.Model):
    """What a round produced: a statement, final document, joint statement, roadmap or draft."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("statement")
        FINAL_DOCUMENT = "final_document", _("final document")
        JOINT_STATEMENT = "joint_statement", _("joint statement")
        ROADMAP = "roadmap", _("roadmap")
        DRAFT_CONSTITUTION = "draft_constitution", _("draft constitution")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title_ar = _text(300)
    title_en = _text(300)
    title_ru = _text(300)
    summary_ar = _text()
    summary_en = _text()
    summary_ru = _text()
    date = PartialDateField()
    signatories = models.ManyToManyField(Organisation, blank=True, related_name="documents_signed")
    signatories_note_ar = _text()
    signatories_note_en = _text()
    signatories_note_ru = _text()
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="documents")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class TimelineEvent(TranslatedMixin, models.Model):
    """A dated event on a process's timeline."""

    class Kind(models.TextChoices):
        CALL = "call", _("call")
        ROUND = "round", _("round")
        MEETING = "meeting", _("meeting")
        CONFERENCE = "conference", _("conference")
        DOCUMENT = "document", _("document")
        COMMITTEE = "committee", _("committee")
        END = "end", _("end")
        OTHER = "other", _("other")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="events")
    slug = models.SlugField(max_length=120, unique=True)
    date = PartialDateField()
    end = PartialDateField(blank=True, default="")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title_ar = _text(300)
    title_en = _text(300)
    title_ru = _text(300)
    summary_ar = _text()
    summary_en = _text()
    summary_ru = _text()
    place_ar = _text(300)
    place_en = _text(300)
    place_ru = _text(300)
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    document = models.ForeignKey(
        OutcomeDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    persons = models.ManyToManyField(Person, blank=True, related_name="events")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="events")
    sources = models.ManyToManyField(Source, blank=True, related_name="events")

    class Meta:
        ordering = ["date", "slug"]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Claim(TranslatedMixin, models.Model):
    """A dated statement about an event or document, backed by sources; claims can conflict."""

    slug = models.SlugField(max_length=120, unique=True)
    about_kind = models.CharField(max_length=20)
    about_slug = models.SlugField(max_length=120)
    aspect = models.CharField(max_length=100)
    statement_ar = _text()
    statement_en = _text()
    statement_ru = _text()
    value = models.CharField(max_length=300)
    sources = models.ManyToManyField(Source, related_name="claims")
    conflicts_with = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["about_kind", "about_slug", "aspect", "slug"]

    def __str__(self) -> str:
        return f"{self.about_kind}:{self.about_slug} {self.aspect} = {self.value}"
