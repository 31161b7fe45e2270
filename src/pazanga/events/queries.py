"""Reusable reads: public lists, the staff's lists and the event dashboard."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pazanga.events.enums import (
    ACTIVE_STATUSES,
    ATTENDED_STATUSES,
    SEAT_HOLDING_STATUSES,
    RegistrationStatus,
)
from pazanga.events.models import (
    Attendance,
    AudienceCategory,
    Certificate,
    Event,
    Registration,
)
from pazanga.programme.permissions import current_programme


def upcoming_public_events(limit: int | None = None) -> list[Event]:
    """Public events not yet over, soonest first (the portal's home page shows a few)."""
    events = (
        Event.objects.listed()
        .filter(ends_at__gte=timezone.now())
        .select_related("venue")
        .order_by("starts_at")
    )
    return list(events[:limit] if limit else events)


def past_public_events() -> QuerySet[Event]:
    return (
        Event.objects.listed()
        .filter(ends_at__lt=timezone.now())
        .select_related("venue")
        .order_by("-starts_at")
    )


def public_feed_events() -> QuerySet[Event]:
    return Event.objects.listed().select_related("venue").order_by("starts_at")


def staff_events(text: str = "", status: str = "") -> QuerySet[Event]:
    """Every event for the staff's list, newest first, with seats held, filtered."""
    events = (
        Event.objects.filter(programme=current_programme())
        .select_related("venue")
        .annotate(
            held=Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING_STATUSES))
        )
    )
    if text:
        events = events.filter(
            Q(title_lt__icontains=text) | Q(title_en__icontains=text) | Q(slug__icontains=text)
        )
    if status:
        events = events.filter(status=status)
    return events.order_by("-starts_at", "pk")


def registration_by_secret(secret: str) -> Registration | None:
    return (
        Registration.objects.filter(secret=secret)
        .select_related("event", "event__venue", "category")
        .first()
    )


def registrations_of(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(Q(user=user) | Q(email=user.email.lower()))
        .select_related("event", "category")
        .order_by("-event__starts_at")
    )


@dataclass(frozen=True)
class RegistrationFilters:
    status: str = ""
    category: str = ""
    text: str = ""
    attended_on: date | None = None


def event_registrations(event: Event, filters: RegistrationFilters) -> QuerySet[Registration]:
    """The event's registrations with what lists and exports show, in a fixed query count."""
    registrations = event.registrations.select_related(
        "category", "organisation", "user"
    ).prefetch_related(
        Prefetch("attendances", queryset=Attendance.objects.order_by("day")),
        Prefetch("certificates", queryset=Certificate.objects.order_by("serial")),
    )
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    if filters.category:
        registrations = registrations.filter(category__code=filters.category)
    if filters.attended_on:
        registrations = registrations.filter(
            attendances__day=filters.attended_on, attendances__status__in=ATTENDED_STATUSES
        )
    for word in filters.text.split():
        registrations = registrations.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return registrations.order_by("last_name", "first_name", "pk")


def waiting_list(event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.filter(
            status__in=(RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)
        )
        .select_related("category")
        .order_by("created_at", "pk")
    )


def approval_queue(event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.filter(status=RegistrationStatus.PENDING)
        .select_related("category", "organisation")
        .order_by("created_at", "pk")
    )


@dataclass
class CategoryLine:
    category: AudienceCategory
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def held(self) -> int:
        return sum(self.counts.get(s, 0) for s in SEAT_HOLDING_STATUSES)


@dataclass
class Dashboard:
    event: Event
    lines: list[CategoryLine]
    totals: dict[str, int]
    checked_in_by_day: dict[date, int]

    @property
    def held(self) -> int:
        return sum(self.totals.get(s, 0) for s in SEAT_HOLDING_STATUSES)

    @property
    def active(self) -> int:
        return sum(self.totals.get(s, 0) for s in ACTIVE_STATUSES)

    @property
    def capacity_percent(self) -> int | None:
        if not self.event.capacity:
            return None
        return round(100 * self.held / self.event.capacity)

    @property
    def check_in_rows(self) -> list[tuple[date, int, int]]:
        """(day, checked in, confirmed) for every day of the event."""
        confirmed = self.totals.get(RegistrationStatus.CONFIRMED, 0)
        return [(d, self.checked_in_by_day.get(d, 0), confirmed) for d in self.event.days]


def dashboard(event: Event) -> Dashboard:
    """Counts by category and status, seats held and check-ins per day: three queries."""
    categories = list(event.categories.all())
    lines = {c.pk: CategoryLine(c) for c in categories}
    totals: dict[str, int] = {}
    rows = event.registrations.values("category_id", "status").annotate(n=Count("pk")).order_by()
    for row in rows:
        lines[row["category_id"]].counts[row["status"]] = row["n"]
        totals[row["status"]] = totals.get(row["status"], 0) + row["n"]
    checked_in = (
        Attendance.objects.filter(registration__event=event, status__in=ATTENDED_STATUSES)
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Dashboard(
        event=event,
        lines=[lines[c.pk] for c in categories],
        totals=totals,
        checked_in_by_day={row["day"]: row["n"] for row in checked_in},
    )


def certificate_by_token(token: str) -> Certificate | None:
    return Certificate.objects.filter(token=token).first()
