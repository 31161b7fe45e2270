from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from pazanga.directory.erasure import deactivate, has_history
from pazanga.directory.models import County, Municipality, Organisation, User


class DeactivatedNotDeletedAdmin(admin.ModelAdmin):
    """People and organisations with history are deactivated, never deleted: the rows
    that are evidence protect them, and the admin offers no delete for them."""

    actions = ["deactivate_selected"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        if obj is not None and has_history(obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Deactivate the selected (their records stay)"))
    def deactivate_selected(self, request, queryset):  # type: ignore[no-untyped-def]
        for obj in queryset:
            deactivate(obj)
        messages.success(request, _("Deactivated: %(count)d.") % {"count": len(queryset)})


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_lt", "name_en"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_lt", "name_en", "county", "kind"]
    list_filter = ["county", "kind"]
    search_fields = ["name_lt", "name_en", "code"]


@admin.register(Organisation)
class OrganisationAdmin(DeactivatedNotDeletedAdmin):
    list_display = [
        "name",
        "kind",
        "municipality",
        "settlement",
        "staff_headcount",
        "is_active",
        "is_demo",
    ]
    list_filter = ["kind", "settlement", "is_active", "is_demo", "municipality__county"]
    search_fields = ["name", "name_en", "registry_code"]
    autocomplete_fields = ["parent", "municipality"]
    list_select_related = ["municipality"]


@admin.register(User)
class UserAdmin(DeactivatedNotDeletedAdmin, BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "organisation", "is_staff", "is_demo"]
    list_filter = ["is_staff", "is_superuser", "is_active", "is_demo"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "organisation",
                    "position",
                    "phone",
                    "preferred_language",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
