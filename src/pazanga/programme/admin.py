from django.contrib import admin

from pazanga.common.admin import KeepsHistoryAdmin
from pazanga.programme.models import (
    Participant,
    Programme,
    ProgrammeTask,
    ProgrammeValue,
    RoleAssignment,
)


class ProgrammeValueInline(admin.TabularInline):
    model = ProgrammeValue
    extra = 0


class ProgrammeTaskInline(admin.TabularInline):
    model = ProgrammeTask
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_lt", "start_date", "end_date", "status"]
    inlines = [ProgrammeValueInline, ProgrammeTaskInline, ParticipantInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(KeepsHistoryAdmin):
    list_display = ["user", "programme", "role", "organisation", "status", "created_at"]
    list_filter = ["programme", "role", "status"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "programme", "organisation"]
    # Status changes go through the workflow (confirmation queue), which audits and e-mails.
    readonly_fields = ["status", "decided_at"]
