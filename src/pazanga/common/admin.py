from django.contrib import admin

from pazanga.common.models import AuditEntry, ExchangeRate


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "content_type", "object_id", "actor"]
    list_filter = ["content_type"]
    search_fields = ["action", "object_id"]
    list_select_related = ["actor", "content_type"]

    # The audit trail is written by the workflows only.
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "valid_from", "eur_per_unit", "source"]
    list_filter = ["currency"]
