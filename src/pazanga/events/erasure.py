"""One person's erasure in events: their registrations (by account or by e-mail address)
and invitations anonymised as the retention purge does, the names on their certificates
cleared; the rows, statuses and attendance stay, so counts do not change."""

from datetime import datetime
from typing import Any

from django.db.models import Q

from pazanga.events.models import Certificate, Invitation, Registration
from pazanga.events.retention import anonymise, anonymise_invitation_rows


def erase_person(person: Any, now: datetime) -> dict[str, int]:
    email = (person.email or "").strip()
    found = Q(user=person) | Q(email__iexact=email) if email else Q(user=person)
    registrations = list(Registration.objects.filter(found, anonymised_at__isnull=True))
    certificates = Certificate.objects.filter(
        registration__in=[r.pk for r in registrations]
    ).update(holder_name="—")
    count = anonymise(registrations, now)
    invitations = anonymise_invitation_rows(
        list(Invitation.objects.filter(email__iexact=email)) if email else []
    )
    return {
        "event registrations": count,
        "event invitations": invitations,
        "certificates": certificates,
    }
