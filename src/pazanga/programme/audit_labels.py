"""How the programme app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "role_assignment.requested": _("Role requested"),
    "role_assignment.pending": _("Role waiting for confirmation"),
    "role_assignment.confirmed": _("Role confirmed"),
    "role_assignment.rejected": _("Role request rejected"),
    "role_assignment.revoked": _("Role revoked"),
}
