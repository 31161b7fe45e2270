"""Funded projects in the admin. The indicator catalogue and the calls' project terms are
edited here; grants, tranches, reports and amendments are shown read-only: they change only
through the workflow and the services, which check the rules, audit and e-mail."""

from django.contrib import admin

from pazanga.common.admin import ReadOnlyAdmin
from pazanga.projects.models import Amendment, CallTerms, Grant, Indicator, Report, Tranche


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_lt", "name_en", "unit_lt", "aggregation", "position"]
    list_filter = ["aggregation"]
    search_fields = ["code", "name_lt", "name_en"]


@admin.register(CallTerms)
class CallTermsAdmin(admin.ModelAdmin):
    list_display = ["call", "months", "interim_after_months", "report_days"]
    raw_id_fields = ["call"]


class TrancheInline(admin.TabularInline):
    model = Tranche
    extra = 0
    fields = ["position", "condition", "amount", "status", "paid_on", "paid_amount"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "library", "status", "awarded_amount", "currency"]
    list_filter = ["status", "call", "is_demo"]
    search_fields = ["reference", "title", "library__name"]
    list_select_related = ["library"]
    inlines = [TrancheInline]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["grant", "kind", "number", "due_on", "status", "version_count"]
    list_filter = ["kind", "status"]
    search_fields = ["grant__reference"]
    list_select_related = ["grant"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["grant", "kind", "status", "requested_at", "decided_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["grant"]
