"""Attendee lists as CSV or XLSX: rows from here, written by the common exporter base."""

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pazanga.common.exports import Exporter, Sheet
from pazanga.events.models import Event, Registration


def attendee_rows(event: Event, registrations: Iterable[Registration]) -> Iterator[list[str]]:
    days = event.days
    yield [
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Organisation"),
        _("Position"),
        _("Category"),
        _("Status"),
        _("Registered"),
        *(day.isoformat() for day in days),
        _("Certificate"),
    ]
    for registration in registrations:
        by_day = {a.day: a.get_status_display() for a in registration.attendances.all()}
        certificates = ", ".join(c.serial for c in registration.certificates.all())
        yield [
            registration.first_name,
            registration.last_name,
            registration.email,
            registration.organisation_label,
            registration.job_title,
            str(registration.category.name),
            str(registration.get_status_display()),
            registration.created_at.strftime("%Y-%m-%d %H:%M"),
            *(str(by_day.get(day, "")) for day in days),
            certificates,
        ]


class AttendeeExport(Exporter):
    """The event's registrations (as filtered on the list), one row each."""

    def __init__(self, event: Event, registrations: QuerySet[Registration]) -> None:
        self.event, self.registrations = event, registrations

    def file_stem(self) -> str:
        return f"{self.event.slug}-registrations"

    def sheets(self) -> Iterator[Sheet]:
        rows = attendee_rows(self.event, self.registrations.iterator(chunk_size=500))
        yield Sheet(_("Registrations"), rows)
