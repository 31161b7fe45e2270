"""Grant calls, applications with partners and budgets, conflicts, reviews and decisions."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.i18n import Translated
from pazanga.common.money import Currency, Money
from pazanga.common.uploads import RandomName
from pazanga.directory.models import County, Organisation
from pazanga.grants.enums import (
    DECIDED,
    ApplicationStatus,
    AssignmentSource,
    BudgetCategory,
    ConflictSource,
    PartnerRole,
    Recommendation,
    ReviewStatus,
)
from pazanga.programme.models import Programme

AMOUNT = {"max_digits": 14, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


class Call(models.Model):
    """A call for applications: its window, money, rules, questions and review set-up."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Starts every reference number, e.g. BP2-2015 gives BP2-2015-017."),
    )
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_published = models.BooleanField(_("published"), default=False)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    budget = models.DecimalField(_("budget"), **AMOUNT, validators=[MinValueValidator(0)])
    min_grant = models.DecimalField(_("minimum grant"), **AMOUNT, default=Decimal(0))
    max_grant = models.DecimalField(_("maximum grant"), **AMOUNT)
    min_co_financing_percent = models.DecimalField(
        _("required co-financing, per cent of the project cost"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    who_may_apply_lt = models.TextField(_("who may apply (Lithuanian)"), blank=True)
    who_may_apply_en = models.TextField(_("who may apply (English)"), blank=True)
    eligible_kinds = models.JSONField(_("kinds of library that may apply"), default=list)
    required_partner_kinds = models.JSONField(_("partner kinds required"), default=list, blank=True)
    required_training_module = models.CharField(
        _("training module someone on the staff must have completed"),
        max_length=40,
        blank=True,
        help_text=_("The module's code; empty when no training is required."),
    )
    questionnaire = models.ForeignKey(
        "questionnaires.Questionnaire",
        verbose_name=_("call-specific questions"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=[MinValueValidator(1)]
    )
    min_reviewer_load = models.PositiveSmallIntegerField(
        _("fewest applications per reviewer"), default=0
    )
    max_reviewer_load = models.PositiveSmallIntegerField(
        _("most applications per reviewer"), default=20
    )
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    disagreement_margin = models.DecimalField(
        _("disagreement margin (points out of 100)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        help_text=_("Reviewers further apart than this flag the application for a third review."),
    )
    standardise_scores = models.BooleanField(_("standardise each reviewer's scores"), default=False)
    last_number = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    title = Translated()
    description = Translated()
    who_may_apply = Translated()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_open",
            ),
            models.CheckConstraint(
                condition=models.Q(max_grant__gte=models.F("min_grant")), name="call_grant_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:call", args=[self.pk])

    @property
    def budget_money(self) -> Money:
        return Money(self.budget, self.currency)

    def is_open(self, at: datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.is_published and self.opens_at <= at < self.closes_at


class CountyMinimum(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="county_minimums")
    county = models.ForeignKey(County, verbose_name=_("county"), on_delete=models.PROTECT)
    minimum = models.PositiveSmallIntegerField(_("minimum number of grants"))

    class Meta:
        verbose_name = _("county minimum")
        verbose_name_plural = _("county minimums")
        constraints = [
            models.UniqueConstraint(fields=["call", "county"], name="one_minimum_per_county")
        ]

    def __str__(self) -> str:
        return f"{self.county}: {self.minimum}"


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    guidance_lt = models.TextField(_("guidance (Lithuanian)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=10, validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )
    name = Translated()
    guidance = Translated()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "pk"]

    def __str__(self) -> str:
        return str(self.name)


class CallReviewer(models.Model):
    """A reviewer on a call's panel and their expertise (themes)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewers")
    reviewer = models.ForeignKey(
        USER, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    themes = models.JSONField(_("expertise"), default=list, blank=True)

    class Meta:
        verbose_name = _("panel reviewer")
        verbose_name_plural = _("panel reviewers")
        ordering = ["call", "reviewer__last_name", "reviewer__first_name"]
        constraints = [models.UniqueConstraint(fields=["call", "reviewer"], name="one_panel_seat")]

    def __str__(self) -> str:
        return str(self.reviewer)


class Application(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    library = models.ForeignKey(
        Organisation, verbose_name=_("library"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("project title"), max_length=255)
    summary = models.TextField(_("public summary"), blank=True)
    target_community = models.TextField(_("target community"), blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True)
    language = models.CharField(_("language of letters"), max_length=5, default="lt")
    answers = models.ForeignKey(
        "questionnaires.Response",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Frozen at submission: what reviewers read and what eligibility was checked on.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    requested_total = models.DecimalField(_("requested"), **AMOUNT, null=True, blank=True)
    co_financing_total = models.DecimalField(_("co-financing"), **AMOUNT, null=True, blank=True)
    eligibility_checks = models.JSONField(default=list, blank=True, editable=False)
    eligibility_note = models.TextField(_("eligibility note"), blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    awarded_amount = models.DecimalField(_("awarded"), **AMOUNT, null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "library"],
                condition=~models.Q(status=ApplicationStatus.WITHDRAWN),
                name="one_application_per_library",
            ),
            models.UniqueConstraint(fields=["call", "number"], name="one_number_per_call"),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.reference or _('draft')} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    @property
    def may_withdraw(self) -> bool:
        return self.status not in (*DECIDED, ApplicationStatus.WITHDRAWN)


class Partner(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    contribution = models.CharField(_("contribution"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="one_partnership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    requested = models.DecimalField(
        _("requested"), **AMOUNT, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    co_financing = models.DecimalField(
        _("co-financing"), **AMOUNT, default=Decimal(0), validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requested__gte=0, co_financing__gte=0),
                name="budget_line_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.description


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=RandomName("grants/attachments"))
    original_name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Conflict(models.Model):
    """A reviewer who must not review an application, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        USER, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("reason"), max_length=20, choices=ConflictSource.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["application", "reviewer_id", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "source"], name="one_conflict_per_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} × {self.application}: {self.get_source_display()}"


class ReviewAssignment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        USER,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    source = models.CharField(_("made"), max_length=10, choices=AssignmentSource.choices)
    affinity = models.FloatField(_("match"), default=0.0)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["application", "reviewer_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class Review(models.Model):
    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("overall comment"), blank=True)
    total = models.DecimalField(_("weighted score"), max_digits=6, decimal_places=2, null=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.assignment}"


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Decision(models.Model):
    """The committee's funding decision for a call, as recorded."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="decisions")
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    note = models.TextField(_("minutes"), blank=True)
    total_awarded = models.DecimalField(_("total awarded"), **AMOUNT)
    # [{application, reference, rank, proposed, outcome, amount, reason}]
    outcomes = models.JSONField(default=list)

    class Meta:
        verbose_name = _("funding decision")
        verbose_name_plural = _("funding decisions")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.call.code} {self.recorded_at:%Y-%m-%d}"
