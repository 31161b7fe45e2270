"""How the training app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "enrolment.applied": _("Applied for the session"),
    "enrolment.unverified": _("Enrolment received; e-mail address not yet confirmed"),
    "enrolment.pending": _("Enrolment waiting for approval"),
    "enrolment.confirmed": _("Enrolment approved"),
    "enrolment.rejected": _("Enrolment rejected"),
    "enrolment.waitlisted": _("Put on the session's waiting list"),
    "enrolment.offered": _("Place offered"),
    "enrolment.lapsed": _("Enrolment lapsed"),
    "enrolment.cancelled": _("Enrolment cancelled"),
    "enrolment.completed": _("Training completed"),
    "session.planned": _("Session planned"),
    "session.saved": _("Session saved"),
    "session.cancelled": _("Session cancelled"),
    "session.trainer_removed": _("Trainer removed from the session"),
    "trainer.saved": _("Trainer's profile saved"),
}
