from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GrantStatus(models.TextChoices):
    AGREEMENT = "agreement", _("agreement to sign")
    ACTIVE = "active", pgettext_lazy("a funded project", "under way")
    REPORTING = "reporting", _("final reporting")
    CLOSED = "closed", pgettext_lazy("a funded project", "closed")
    SUSPENDED = "suspended", _("suspended")
    TERMINATED = "terminated", _("terminated")


# Grants whose work goes on: reports may be submitted, risks are watched.
RUNNING = (GrantStatus.ACTIVE, GrantStatus.REPORTING)


class TrancheStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    DUE = "due", pgettext_lazy("a payment", "due")
    APPROVED = "approved", pgettext_lazy("a payment", "approved for payment")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", pgettext_lazy("a payment", "cancelled")


class TrancheCondition(models.TextChoices):
    SIGNATURE = "signature", _("on signature of the agreement")
    INTERIM = "interim", _("after the interim report is approved")
    FINAL = "final", _("after the final report is approved")


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("interim report")
    FINAL = "final", _("final report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("a report", "being written")
    SUBMITTED = "submitted", pgettext_lazy("a report", "submitted")
    RETURNED = "returned", _("returned for changes")
    APPROVED = "approved", pgettext_lazy("a report", "approved")
    CANCELLED = "cancelled", pgettext_lazy("a report", "cancelled")


# A report the library may still change.
EDITABLE_REPORT = (ReportStatus.DRAFT, ReportStatus.RETURNED)
# A report still owed: not yet approved, not cancelled.
OPEN_REPORT = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED)


class ReportSection(models.TextChoices):
    """The parts of a report staff comment on separately."""

    NARRATIVE = "narrative", _("narrative")
    FINANCIAL = "financial", _("financial report")
    INDICATORS = "indicators", _("indicators")


class AmendmentKind(models.TextChoices):
    REALLOCATION = "reallocation", _("moving money between budget lines")
    EXTENSION = "extension", _("no-cost extension of the end date")


class AmendmentStatus(models.TextChoices):
    REQUESTED = "requested", _("waiting for approval")
    APPROVED = "approved", pgettext_lazy("an amendment", "approved")
    REJECTED = "rejected", pgettext_lazy("an amendment", "refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("an amendment", "withdrawn")


class Aggregation(models.TextChoices):
    """How an indicator's values add up across reports and grants."""

    SUM = "sum", _("sum")
    MEAN = "mean", _("mean")
    DISTINCT = "distinct", _("distinct count")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("sex")
    AGE_GROUP = "age_group", _("age group")
    FIELD = "field", _("field")


# The categories of each disaggregation, in the order forms and tables show them.
CATEGORIES: dict[str, tuple[tuple[str, object], ...]] = {
    Disaggregation.SEX: (("female", _("women")), ("male", _("men"))),
    Disaggregation.AGE_GROUP: (
        ("under_18", _("under 18")),
        ("18_29", _("18–29")),
        ("30_59", _("30–59")),
        ("60_plus", _("60 and over")),
    ),
    Disaggregation.FIELD: (
        ("ict", _("ICT")),
        ("business", _("professional and business")),
        ("creative", _("creative industries")),
        ("personal", _("personal development")),
        ("other", pgettext_lazy("a field of training", "other")),
    ),
}


class GroupBy(models.TextChoices):
    """How the indicator roll-up groups the grants."""

    CALL = "call", _("call")
    COUNTY = "county", _("county")
    MUNICIPALITY = "municipality", _("municipality")
    SETTLEMENT = "settlement", _("urban or rural")


class RiskFlag(models.TextChoices):
    REPORT_LATE = "report_late", _("report late")
    TRANCHE_OVERDUE = "tranche_overdue", _("payment overdue")
    UNDERSPENT = "underspent", _("spending 20 per cent below plan")
    QUIET = "quiet", _("no activity for 60 days")
