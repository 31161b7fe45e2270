from django.contrib import admin

from pazanga.common.models import AuditEntry, ExchangeRate


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records written only by the platform's workflows: shown, never edited here."""

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class KeepsHistoryAdmin(admin.ModelAdmin):
    """For rows that are evidence (registrations, enrolments, completions, roles,
    conflicts, applications, reviews): edited where the admin allows, never deleted here;
    they end through their workflows, and a person's data through erasure."""

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "content_type", "object_id", "actor"]
    list_filter = ["content_type"]
    search_fields = ["action", "object_id"]
    list_select_related = ["actor", "content_type"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "valid_from", "eur_per_unit", "source"]
    list_filter = ["currency"]
