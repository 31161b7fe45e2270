from django.contrib import admin

from pazanga.common.admin import KeepsHistoryAdmin
from pazanga.events.models import (
    AgendaItem,
    AudienceCategory,
    Certificate,
    DoorStaff,
    Event,
    Invitation,
    Registration,
    Venue,
)


class CategoryInline(admin.TabularInline):
    model = AudienceCategory
    extra = 0


class AgendaInline(admin.StackedInline):
    model = AgendaItem
    extra = 0


class DoorStaffInline(admin.TabularInline):
    model = DoorStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title_lt", "starts_at", "status", "visibility", "capacity"]
    list_filter = ["status", "visibility", "is_demo"]
    search_fields = ["title_lt", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_lt"]}
    # Status changes go through the workflow (the event's dashboard), never this form.
    readonly_fields = ["status"]
    inlines = [CategoryInline, AgendaInline, DoorStaffInline]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name_lt", "address", "city"]
    search_fields = ["name_lt", "address", "city"]


@admin.register(Registration)
class RegistrationAdmin(KeepsHistoryAdmin):
    list_display = ["last_name", "first_name", "email", "event", "category", "status"]
    list_filter = ["status", "event"]
    search_fields = ["last_name", "first_name", "email"]
    readonly_fields = ["status", "secret", "decided_at", "offer_expires_at"]
    raw_id_fields = ["user", "organisation", "invitation", "response"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "event", "category", "sent_at"]
    search_fields = ["email", "last_name"]


@admin.register(Certificate)
class CertificateAdmin(KeepsHistoryAdmin):
    list_display = ["serial", "holder_name", "event_title_lt", "issued_on"]
    search_fields = ["serial", "holder_name"]
    raw_id_fields = ["registration"]
