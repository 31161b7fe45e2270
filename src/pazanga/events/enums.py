from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INVITATION = "invitation", _("by invitation only")


class RegistrationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("e-mail address not yet confirmed")
    PENDING = "pending", _("waiting for approval")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")
    WAITLISTED = "waitlisted", _("on the waiting list")
    OFFERED = "offered", _("seat offered")
    LAPSED = "lapsed", _("offer lapsed")
    CANCELLED = "cancelled", _("cancelled")


RS = RegistrationStatus
# Registrations that block a second one with the same e-mail address.
ACTIVE_STATUSES = (RS.PENDING, RS.CONFIRMED, RS.WAITLISTED, RS.OFFERED)
# Registrations that hold a seat: a pending one keeps its seat while it waits for a
# decision and an offer keeps its seat until it is accepted or lapses.
SEAT_HOLDING_STATUSES = (RS.PENDING, RS.CONFIRMED, RS.OFFERED)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    LATE = "late", _("late")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
