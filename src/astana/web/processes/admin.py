"""Django admin for the records: the secretariat edits processes, rounds, sessions, sources."""

from django.contrib import admin

from astana.web.processes import models


class AgendaInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.AgendaItem
    extra = 0


class SessionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Session
    extra = 0
    fields = ["number", "slug", "date", "opened_by"]


class ParticipationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Participation
    extra = 0
    fields = ["organisation", "role", "start", "end", "is_sandbox"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Membership
    extra = 0


@admin.register(models.Process)
class ProcessAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "title_en", "start", "end"]
    search_fields = ["slug", "title_en", "title_ar", "title_ru"]
    inlines = [ParticipationInline]
    filter_horizontal = ["sources"]


@admin.register(models.Round)
class RoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "process", "number", "start", "end", "state"]
    list_filter = ["process", "state"]
    inlines = [SessionInline]
    filter_horizontal = ["sources"]


@admin.register(models.Session)
class SessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["round", "number", "date", "opened_by"]
    inlines = [AgendaInline]
    filter_horizontal = ["attendance", "sources"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "name_en", "kind", "country"]
    search_fields = ["slug", "name_en", "name_ar", "name_ru"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "name_en", "user"]
    search_fields = ["slug", "name_en", "name_ar", "name_ru"]
    inlines = [MembershipInline]


@admin.register(models.OutcomeDocument)
class OutcomeDocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "kind", "title_en", "date"]
    list_filter = ["kind", "process"]
    filter_horizontal = ["signatories", "sources"]


@admin.register(models.TimelineEvent)
class TimelineEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "process", "kind", "date", "title_en"]
    list_filter = ["process", "kind"]


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "title", "publisher", "date", "language"]
    search_fields = ["slug", "title", "publisher"]


@admin.register(models.Claim)
class ClaimAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "about_kind", "about_slug", "aspect", "value"]
    filter_horizontal = ["sources", "conflicts_with"]
