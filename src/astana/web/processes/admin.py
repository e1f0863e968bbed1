"""Django admin for the records: the secretariat's staff read processes, rounds, sessions,
sources. Read-only for everyone (see ``astana.web.accounts.admin``): the history changes
through ``data/history`` and ``astana load-data``, live rounds and sessions through the room's
actions (``session.record``, ``session.publish_minutes``, ...), memberships through
``astana createuser``. Minutes the convener has not published are not shown."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from astana.web.processes import models

MINUTES = ["minutes_ar", "minutes_en", "minutes_ru"]


class ReadOnly:
    """Refuses every write, for superusers too; the view permission still lets staff read."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    """A model the admin shows and never changes."""


class ReadOnlyInline(ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    """Related rows shown on their parent's page, never changed there."""

    extra = 0
    can_delete = False
    show_change_link = False


class AgendaInline(ReadOnlyInline):
    model = models.AgendaItem


class SessionInline(ReadOnlyInline):
    model = models.Session
    fields = ["number", "slug", "date", "opened_by"]


class ParticipationInline(ReadOnlyInline):
    model = models.Participation
    fields = ["organisation", "role", "start", "end", "is_sandbox"]


class MembershipInline(ReadOnlyInline):
    model = models.Membership


@admin.register(models.Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = ["slug", "title_en", "start", "end"]
    search_fields = ["slug", "title_en", "title_ar", "title_ru"]
    inlines = [ParticipationInline]
    filter_horizontal = ["sources"]


@admin.register(models.Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["slug", "process", "number", "start", "end", "state"]
    list_filter = ["process", "state"]
    inlines = [SessionInline]
    filter_horizontal = ["sources"]


@admin.register(models.Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["round", "number", "date", "opened_by"]
    inlines = [AgendaInline]
    filter_horizontal = ["attendance", "sources"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fields = [f for f in super().get_fields(request, obj) if f != "minutes_unpublished"]
        if obj is not None and obj.minutes_published_at is not None:
            return fields
        # The participants' record until the convener publishes it: read in the room.
        at = fields.index(MINUTES[0])
        return [*fields[:at], "minutes_unpublished", *(f for f in fields[at:] if f not in MINUTES)]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), "minutes_unpublished"]

    @admin.display(description=_("Minutes"))
    def minutes_unpublished(self, obj: models.Session) -> str:
        return str(_("Not published: the participants read them in the negotiation room."))


@admin.register(models.Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["slug", "name_en", "kind", "country"]
    search_fields = ["slug", "name_en", "name_ar", "name_ru"]


@admin.register(models.Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["slug", "name_en", "user"]
    search_fields = ["slug", "name_en", "name_ar", "name_ru"]
    inlines = [MembershipInline]


@admin.register(models.OutcomeDocument)
class OutcomeDocumentAdmin(ReadOnlyAdmin):
    list_display = ["slug", "kind", "title_en", "date"]
    list_filter = ["kind", "process"]
    filter_horizontal = ["signatories", "sources"]


@admin.register(models.TimelineEvent)
class TimelineEventAdmin(ReadOnlyAdmin):
    list_display = ["slug", "process", "kind", "date", "title_en"]
    list_filter = ["process", "kind"]


@admin.register(models.Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ["slug", "title", "publisher", "date", "language"]
    search_fields = ["slug", "title", "publisher"]


@admin.register(models.Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["slug", "about_kind", "about_slug", "aspect", "value"]
    filter_horizontal = ["sources", "conflicts_with"]
