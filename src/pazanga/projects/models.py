"""Funded projects: the grant opened from an awarded application and what follows it.

A Grant carries the award (amount and currency), its approved budget lines, payment tranches,
interim and final reports, amendments, monitoring visits and indicator targets. Statuses
change only in workflow.py; writes with side effects live in services/.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pazanga.common.i18n import Translated
from pazanga.common.money import Currency, Money
from pazanga.common.uploads import RandomName
from pazanga.directory.models import Organisation
from pazanga.grants.enums import BudgetCategory
from pazanga.grants.models import Application, BudgetLine, Call
from pazanga.programme.models import Programme
from pazanga.projects.enums import (
    Aggregation,
    AmendmentKind,
    AmendmentStatus,
    Disaggregation,
    GrantStatus,
    ReportKind,
    ReportStatus,
    TrancheCondition,
    TrancheStatus,
)

AMOUNT = {"max_digits": 14, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL
ZERO = Decimal(0)


def default_tranche_plan() -> list[dict[str, str]]:
    """60 % on signature, 30 % after the interim report, 10 % after the final report."""
    return [
        {"share": "60", "condition": TrancheCondition.SIGNATURE},
        {"share": "30", "condition": TrancheCondition.INTERIM},
        {"share": "10", "condition": TrancheCondition.FINAL},
    ]


class CallTerms(models.Model):
    """What a call sets for the grants it awards: duration, reporting and payment plan."""

    call = models.OneToOneField(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="project_terms"
    )
    months = models.PositiveSmallIntegerField(
        _("project duration in months"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    interim_after_months = models.PositiveSmallIntegerField(
        _("an interim report every so many months"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(59)],
    )
    report_days = models.PositiveSmallIntegerField(
        _("days to write a report"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text=_("A report is due this many days after the period it covers."),
    )
    # [{"share": "60", "condition": "signature"}, ...]; shares add up to 100.
    tranche_plan = models.JSONField(_("payment plan"), default=default_tranche_plan)

    class Meta:
        verbose_name = _("project terms of a call")
        verbose_name_plural = _("project terms of calls")

    def __str__(self) -> str:
        return str(self.call)


class Indicator(models.Model):
    """An entry of the indicator catalogue: what libraries' projects count."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit_lt = models.CharField(_("unit (Lithuanian)"), max_length=60)
    unit_en = models.CharField(_("unit (English)"), max_length=60)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    aggregation = models.CharField(
        _("how it adds up"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    # Subset of Disaggregation values, in the order the form asks them.
    disaggregations = models.JSONField(_("broken down by"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    name = Translated()
    unit = Translated()
    description = Translated()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_distinct(self) -> bool:
        return self.aggregation == Aggregation.DISTINCT

    @property
    def breakdown_labels(self) -> list[str]:
        return [str(Disaggregation(d).label) for d in self.disaggregations]


class Grant(models.Model):
    """A funded project, opened from an awarded application."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="grant",
    )
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="+"
    )
    library = models.ForeignKey(
        Organisation, verbose_name=_("library"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("project title"), max_length=255)
    summary = models.TextField(_("public summary"), blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    search_text = models.CharField(max_length=800, editable=False, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    awarded_amount = models.DecimalField(_("awarded"), **AMOUNT)
    # Spending planned by the end of the interim period (the award spread evenly over the
    # months); the portfolio flags an interim report more than 20 % below it.
    interim_plan = models.DecimalField(_("planned spending by the interim report"), **AMOUNT)
    status = models.CharField(
        _("status"), max_length=12, choices=GrantStatus.choices, default=GrantStatus.AGREEMENT
    )
    language = models.CharField(_("language of letters"), max_length=5, default="lt")
    awarded_on = models.DateField(_("awarded"))
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    current_end = models.DateField(_("end"))
    signed_on = models.DateField(_("agreement signed"), null=True, blank=True)
    signed_copy = models.FileField(
        upload_to=RandomName("projects/agreements", field="signed_copy", kind="pdf"), blank=True
    )
    signed_copy_name = models.CharField(max_length=255, blank=True)
    activated_at = models.DateTimeField(_("started"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The status a suspended grant returns to.
    suspended_from = models.CharField(max_length=12, blank=True, editable=False)
    # Why a grant was suspended or terminated (required for both).
    status_reason = models.TextField(_("reason"), blank=True)
    last_activity_at = models.DateTimeField(_("last activity"))
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["call", "reference"]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:grant", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("projects:public_detail", args=[self.pk])

    @property
    def award(self) -> Money:
        return Money(self.awarded_amount, self.currency)

    @property
    def is_extended(self) -> bool:
        return self.current_end != self.planned_end


class GrantBudgetLine(models.Model):
    """An approved budget line: what the committee funded, and what amendments made of it."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.ForeignKey(
        BudgetLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    original_amount = models.DecimalField(
        _("approved"), **AMOUNT, validators=[MinValueValidator(0)]
    )
    current_amount = models.DecimalField(_("current"), **AMOUNT, validators=[MinValueValidator(0)])
    co_financing = models.DecimalField(_("co-financing planned"), **AMOUNT, default=ZERO)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("approved budget line")
        verbose_name_plural = _("approved budget lines")
        ordering = ["grant", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(original_amount__gte=0, current_amount__gte=0),
                name="grant_budget_line_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_changed(self) -> bool:
        return self.current_amount != self.original_amount


class IndicatorTarget(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["grant", "indicator__position", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "indicator"], name="one_target_per_indicator"),
            models.CheckConstraint(condition=models.Q(target__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target}"


class Tranche(models.Model):
    """One payment of a grant, released when its condition is met."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tranches")
    position = models.PositiveSmallIntegerField(_("number"))
    condition = models.CharField(_("paid"), max_length=10, choices=TrancheCondition.choices)
    share = models.DecimalField(_("share, per cent"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount"), **AMOUNT, validators=[MinValueValidator(0)])
    status = models.CharField(
        _("status"), max_length=10, choices=TrancheStatus.choices, default=TrancheStatus.SCHEDULED
    )
    due_since = models.DateField(_("due since"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved for payment"), null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    # What went out: in euro for a litas grant paid from 2015 on, else in the grant's currency.
    paid_amount = models.DecimalField(_("amount paid"), **AMOUNT, null=True, blank=True)
    paid_currency = models.CharField(_("currency paid"), max_length=3, blank=True)
    paid_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("payment tranche")
        verbose_name_plural = _("payment tranches")
        ordering = ["grant", "position"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "position"], name="one_tranche_per_position"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="tranche_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.grant.reference} #{self.position}"

    @property
    def money(self) -> Money:
        return Money(self.amount, self.grant.currency)

    @property
    def paid_money(self) -> Money | None:
        if self.paid_amount is None or not self.paid_currency:
            return None
        return Money(self.paid_amount, self.paid_currency)


class Report(models.Model):
    """An interim or final report: narrative, money spent and indicators achieved."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    # The report's place in the grant's schedule: interim reports 1, 2, ..., the final last.
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # The narrative part, answered through the questionnaire engine; a new draft response
    # is started when a report comes back, so each submitted version keeps its own.
    narrative = models.ForeignKey(
        "questionnaires.Response",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    co_financing_received = models.DecimalField(
        _("co-financing received"), **AMOUNT, default=ZERO, validators=[MinValueValidator(0)]
    )
    public_summary = models.TextField(
        _("results for the public page"),
        blank=True,
        help_text=_("A few sentences on what the project achieved; shown publicly."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version_count = models.PositiveSmallIntegerField(_("versions submitted"), default=0)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="one_report_per_number"),
            models.UniqueConstraint(
                fields=["grant"],
                condition=models.Q(kind=ReportKind.FINAL),
                name="one_final_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant.reference} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("projects:report", args=[self.pk])

    @property
    def label(self) -> str:
        """ "interim report", "interim report 2", "final report" in the active language."""
        if self.kind == ReportKind.INTERIM and self.number > 1:
            return gettext("interim report %(number)s") % {"number": self.number}
        return str(self.get_kind_display())

    @property
    def is_final(self) -> bool:
        return self.kind == ReportKind.FINAL


class ReportExpense(models.Model):
    """Money spent in the report's period on one approved budget line."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="expenses")
    line = models.ForeignKey(GrantBudgetLine, on_delete=models.CASCADE, related_name="expenses")
    amount = models.DecimalField(_("spent"), **AMOUNT, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditure")
        ordering = ["report", "line__position", "line_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "line"], name="one_expense_per_line"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="expense_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.amount}"


class Receipt(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(upload_to=RandomName("projects/receipts"))
    original_name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.original_name


class IndicatorValue(models.Model):
    """What a report says an indicator reached in its period."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    # {"sex": {"female": "12", "male": "8"}, ...} for the indicator's disaggregations.
    breakdown = models.JSONField(default=dict, blank=True)
    # For a distinct count: the ids counted (organisations), so roll-ups count each once.
    items = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["report", "indicator__position", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ReportVersion(models.Model):
    """A report as submitted, kept whole, with the decision staff took on it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    narrative = models.ForeignKey(
        "questionnaires.Response",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # {"narrative": [...], "expenses": [...], "co_financing_received": "...", "values": [...]}
    snapshot = models.JSONField(default=dict)
    # The decision on this version: "" while waiting, else the report status it led to.
    outcome = models.CharField(_("decision"), max_length=10, blank=True)
    comments = models.JSONField(_("comments per section"), default=dict, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class ReportReminder(models.Model):
    """A reminder sent about a report, so that each is sent once."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)  # "14", "3" (days before) or "overdue"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_reminder_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.kind}"


class Amendment(models.Model):
    """A change to a grant: money moved between budget lines, or a later end date."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=15, choices=AmendmentKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.REQUESTED,
    )
    reason = models.TextField(_("reason"))
    # Within the library's own latitude (every line moves by 10 % or less): approved at once.
    within_tolerance = models.BooleanField(default=False)
    old_end = models.DateField(_("end before"), null=True, blank=True)
    new_end = models.DateField(_("new end"), null=True, blank=True)
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["grant", "-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.grant.reference}: {self.get_kind_display()}"


class AmendmentChange(models.Model):
    """How much an amendment adds to (or takes from) one budget line."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="changes")
    line = models.ForeignKey(GrantBudgetLine, on_delete=models.CASCADE, related_name="changes")
    before = models.DecimalField(_("before"), **AMOUNT)
    change = models.DecimalField(_("change"), **AMOUNT)

    class Meta:
        ordering = ["amendment", "line__position", "line_id"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "line"], name="one_change_per_line"),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.change:+}"

    @property
    def after(self) -> Decimal:
        return self.before + self.change


class Visit(models.Model):
    """A monitoring visit to the library's project."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("date of the visit"))
    officer = models.ForeignKey(
        USER, verbose_name=_("officer"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {item code: true/false} for the items of visits.CHECKLIST.
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["grant", "-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.grant.reference} {self.visited_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("projects:visit", args=[self.pk])


class VisitPhoto(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=RandomName("projects/visits"))
    original_name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return self.original_name


class FollowUp(models.Model):
    """An action agreed at a visit, with its due date; done when `done_on` is set."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("action"), max_length=500)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["visit", "due_on", "pk"]

    def __str__(self) -> str:
        return self.action

    def is_late(self, today: date) -> bool:
        return self.done_on is None and self.due_on < today
