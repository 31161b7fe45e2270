from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ELIGIBLE = "eligible", _("eligible")
    INELIGIBLE = "ineligible", _("ineligible")
    IN_REVIEW = "in_review", _("in review")
    REVIEWED = "reviewed", _("reviewed")
    AWARDED = "awarded", _("awarded")
    RESERVE = "reserve", _("reserve list")
    REJECTED = "rejected", _("not funded")
    WITHDRAWN = "withdrawn", _("withdrawn")


DECIDED = (ApplicationStatus.AWARDED, ApplicationStatus.RESERVE, ApplicationStatus.REJECTED)


class Theme(models.TextChoices):
    """What a project is about; reviewers' expertise uses the same list."""

    DIGITAL_SKILLS = "digital_skills", _("digital skills")
    EDUCATION = "education", _("education and lifelong learning")
    EMPLOYMENT = "employment", _("employment and business")
    CREATIVE = "creative", _("creative industries")
    CULTURE = "culture", _("culture and heritage")
    HEALTH = "health", _("health")
    E_GOVERNMENT = "e_government", _("e-government and civic life")
    SENIORS = "seniors", _("older people")
    YOUTH = "youth", _("children and young people")
    COMMUNITY = "community", _("community development")


class PartnerRole(models.TextChoices):
    CO_ORGANISER = "co_organiser", _("co-organiser")
    CO_FUNDER = "co_funder", _("co-funder")
    SUPPORTER = "supporter", _("supporter")


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("staff")
    EQUIPMENT = "equipment", _("equipment")
    SERVICES = "services", _("services")
    EVENTS = "events", _("events and training")
    PUBLICITY = "publicity", _("publicity")
    TRAVEL = "travel", _("travel")
    OTHER = "other", _("other")


class ConflictSource(models.TextChoices):
    SAME_ORGANISATION = "same_organisation", _("reviewer works for the applicant")
    SAME_MUNICIPALITY = "same_municipality", _("same municipality")
    PARTNER = "partner", _("reviewer's organisation is a partner")
    DECLARED = "declared", _("declared by the reviewer")


class Recommendation(models.TextChoices):
    FUND = "fund", _("fund")
    FUND_WITH_CHANGES = "fund_with_changes", _("fund with changes")
    DO_NOT_FUND = "do_not_fund", _("do not fund")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class AssignmentSource(models.TextChoices):
    SOLVER = "solver", _("automatic")
    MANUAL = "manual", _("by hand")
