from django.contrib import admin

from pazanga.common.admin import KeepsHistoryAdmin
from pazanga.training.models import (
    Completion,
    CompletionRule,
    Course,
    CourseModule,
    Enrolment,
    Module,
    Session,
    Trainer,
)


class RuleInline(admin.StackedInline):
    model = CompletionRule
    can_delete = False


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name_lt", "name_en", "hours"]
    list_display_links = ["code"]
    inlines = [RuleInline]


class CourseModuleInline(admin.TabularInline):
    model = CourseModule
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "title_lt", "is_demo"]
    inlines = [CourseModuleInline]


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["user"]
    filter_horizontal = ["modules"]
    raw_id_fields = ["user"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["event", "course", "municipality", "library_quota", "is_demo"]
    list_filter = ["course", "municipality__county", "is_demo"]
    raw_id_fields = ["event"]
    filter_horizontal = ["trainers"]


@admin.register(Enrolment)
class EnrolmentAdmin(KeepsHistoryAdmin):
    list_display = ["person", "library", "session", "created_at"]
    raw_id_fields = ["session", "registration", "person", "library"]
    search_fields = ["person__email", "person__last_name", "library__name"]


@admin.register(Completion)
class CompletionAdmin(KeepsHistoryAdmin):
    list_display = ["person", "module", "completed_at", "certificate"]
    list_filter = ["module"]
    raw_id_fields = ["person", "enrolment", "certificate"]
