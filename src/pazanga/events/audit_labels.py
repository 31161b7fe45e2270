"""How the events app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "event.draft": _("Event drafted"),
    "event.published": _("Event published"),
    "event.cancelled": _("Event cancelled"),
    "event.saved": _("Event details saved"),
    "event.door_staff_added": _("Door staff member added"),
    "event.door_staff_removed": _("Door staff member removed"),
    "event.invitations_imported": _("Invitations imported"),
    "event.personal_data_purged": _("Registrants' personal data removed"),
    "registration.unverified": _("Registration received; e-mail address not yet confirmed"),
    "registration.pending": _("Registration waiting for approval"),
    "registration.confirmed": _("Registration confirmed"),
    "registration.rejected": _("Registration rejected"),
    "registration.waitlisted": _("Put on the waiting list"),
    "registration.offered": _("Seat offered"),
    "registration.lapsed": _("Registration lapsed"),
    "registration.cancelled": _("Registration cancelled"),
    "registration.checked_in": _("Checked in"),
    "attendance.present": _("Marked present"),
    "attendance.late": _("Marked late"),
    "attendance.excused": _("Marked excused"),
    "attendance.absent": _("Marked absent"),
    "certificate.issued": _("Certificate issued"),
}
