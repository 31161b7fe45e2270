from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CURRENT = "current", _("current")
    PAST = "past", _("past")


class ParticipantRole(models.TextChoices):
    IMPLEMENTER = "implementer", _("implementer")
    FUNDER = "funder", _("funder")
    CO_FUNDER = "co_funder", _("co-funder")
    PARTNER = "partner", _("partner")


class Role(models.TextChoices):
    PROGRAMME_STAFF = "programme_staff", _("programme staff")
    LIBRARY_STAFF = "library_staff", _("library staff")
    REVIEWER = "reviewer", _("reviewer")
    COMMITTEE_MEMBER = "committee_member", _("committee member")
    TRAINER = "trainer", _("trainer")
    RESEARCHER = "researcher", _("researcher")
    PARTNER = "partner", _("partner or funder")


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")
    REVOKED = "revoked", _("revoked")
