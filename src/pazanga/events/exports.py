"""Attendee lists as CSV or XLSX: rows from here, written by pazanga.common.exports."""

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pazanga.common.exports import CONTENT_TYPES, table_bytes
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


def attendee_export(
    event: Event, registrations: QuerySet[Registration], kind: str
) -> tuple[bytes, str]:
    rows = attendee_rows(event, registrations.iterator(chunk_size=500))
    return table_bytes(rows, kind), CONTENT_TYPES[kind]
