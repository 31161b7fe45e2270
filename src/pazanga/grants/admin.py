"""Grant calls in the admin, for programme staff with admin access. Statuses, reference
numbers, snapshots and decisions are read-only here: they change only through the
workflow and the services, which check the rules, audit and e-mail."""

from django.contrib import admin

from pazanga.common.admin import KeepsHistoryAdmin, ReadOnlyAdmin
from pazanga.grants.models import (
    Application,
    Attachment,
    BudgetLine,
    Call,
    CallReviewer,
    Conflict,
    CountyMinimum,
    Criterion,
    CriterionScore,
    Decision,
    Partner,
    Review,
    ReviewAssignment,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class CountyMinimumInline(admin.TabularInline):
    model = CountyMinimum
    extra = 0


class PanelInline(admin.TabularInline):
    model = CallReviewer
    extra = 0
    raw_id_fields = ["reviewer"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["code", "title_lt", "opens_at", "closes_at", "is_published", "budget"]
    list_filter = ["programme", "is_published", "currency", "is_demo"]
    search_fields = ["code", "title_lt", "title_en"]
    date_hierarchy = "opens_at"
    readonly_fields = ["last_number"]
    raw_id_fields = ["questionnaire"]
    inlines = [CriterionInline, CountyMinimumInline, PanelInline]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    raw_id_fields = ["organisation"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "kind", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Application)
class ApplicationAdmin(KeepsHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "library",
        "call",
        "status",
        "requested_total",
        "awarded_amount",
        "submitted_at",
    ]
    list_filter = ["call", "status", "library__municipality__county", "is_demo"]
    search_fields = ["reference", "title", "library__name"]
    list_select_related = ["call", "library"]
    date_hierarchy = "submitted_at"
    raw_id_fields = ["library", "created_by", "answers"]
    readonly_fields = [
        "status",
        "reference",
        "number",
        "submitted_at",
        "submitted_by",
        "snapshot",
        "eligibility_checks",
        "rank",
        "score",
        "awarded_amount",
        "decided_at",
    ]
    inlines = [PartnerInline, BudgetLineInline, AttachmentInline]


@admin.register(Conflict)
class ConflictAdmin(KeepsHistoryAdmin):
    list_display = ["application", "reviewer", "source", "created_at"]
    list_filter = ["source", "application__call"]
    search_fields = ["application__reference", "reviewer__email", "reviewer__last_name"]
    list_select_related = ["application", "reviewer"]
    raw_id_fields = ["application", "reviewer"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(KeepsHistoryAdmin):
    list_display = ["application", "reviewer", "source", "affinity", "created_at"]
    list_filter = ["source", "application__call"]
    search_fields = ["application__reference", "reviewer__email", "reviewer__last_name"]
    list_select_related = ["application", "reviewer"]
    raw_id_fields = ["application", "reviewer"]


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0


@admin.register(Review)
class ReviewAdmin(KeepsHistoryAdmin):
    list_display = ["assignment", "status", "recommendation", "total", "submitted_at"]
    list_filter = ["status", "recommendation", "assignment__application__call"]
    search_fields = ["assignment__application__reference", "assignment__reviewer__email"]
    list_select_related = ["assignment__application", "assignment__reviewer"]
    raw_id_fields = ["assignment"]
    readonly_fields = ["status", "total", "submitted_at"]
    inlines = [CriterionScoreInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    """A recorded decision is the minutes of the committee: shown, never edited here."""

    list_display = ["call", "recorded_at", "recorded_by", "total_awarded"]
    list_filter = ["call"]
    search_fields = ["call__code", "note"]
    list_select_related = ["call", "recorded_by"]
