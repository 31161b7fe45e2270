"""The programme's workplan: activities in a hierarchy, the baselines saved from it, the
records each activity produced, the budget by funder and year, and the results framework.

An activity's status is read from its dates (`Progress`, decision 0080); nothing here has a
status column, so there is no workflow table. Links to records are generic (content type and
id) so that a new kind of record (a survey wave) needs one entry in `progress.KINDS`.
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.i18n import Translated
from pazanga.common.money import Currency, Money, to_eur
from pazanga.programme.models import Programme
from pazanga.workplan.enums import Funder, IndicatorLevel, Level, Measure, Progress

AMOUNT = {"max_digits": 14, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


class Activity(models.Model):
    """A component, activity or task of the plan, numbered "1", "1.2", "1.2.3"."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    number = models.CharField(_("number"), max_length=20)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    deliverables_lt = models.TextField(_("deliverables (Lithuanian)"), blank=True)
    deliverables_en = models.TextField(_("deliverables (English)"), blank=True)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    is_milestone = models.BooleanField(_("milestone"), default=False)
    responsible = models.ForeignKey(
        USER,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    depends_on = models.ManyToManyField(
        "self",
        verbose_name=_("depends on"),
        symmetrical=False,
        blank=True,
        related_name="followers",
    )
    position = models.PositiveIntegerField(pgettext_lazy("place in a list", "position"), default=0)
    source = models.URLField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    name = Translated()
    description = Translated()
    deliverables = Translated()

    class Meta:
        verbose_name = pgettext_lazy("workplan level", "activity")
        verbose_name_plural = _("activities")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_activity_number"),
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")),
                name="activity_planned_dates",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_start__isnull=False, actual_end__gte=models.F("actual_start")),
                name="activity_actual_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("workplan:activity", args=[self.pk])

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @property
    def start(self) -> date:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date:
        """When it ended, or when it is planned to end."""
        return self.actual_end or self.planned_end

    def progress_on(self, today: date) -> str:
        if self.actual_end is not None:
            return Progress.DONE
        if today > self.planned_end:
            return Progress.LATE
        if self.actual_start is not None or today >= self.planned_start:
            return Progress.UNDER_WAY
        return Progress.PLANNED


class ActivityLink(models.Model):
    """A record the activity produced: an event, a training module or session, a call, a
    funded project (and, once the impact app exists, a survey wave)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("linked record")
        verbose_name_plural = _("linked records")
        ordering = ["activity", "content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "content_type", "object_id"], name="one_link_per_record"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.activity.number} → {self.content_type.model} {self.object_id}"


class Baseline(models.Model):
    """The plan as it stood when saved: the Gantt chart shows slippage against the latest."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    saved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("a saved copy of the plan", "baseline")
        verbose_name_plural = _("baselines")
        ordering = ["programme", "-saved_at", "-pk"]
        get_latest_by = "saved_at"

    def __str__(self) -> str:
        return self.name


class BaselineEntry(models.Model):
    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="entries")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["baseline", "activity"], name="one_entry_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.planned_start}–{self.planned_end}"


class BudgetLine(models.Model):
    """What a funder gives an activity in a year, in the currency of that year."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=pgettext_lazy("workplan level", "activity"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    funder = models.CharField(_("funder"), max_length=10, choices=Funder.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **AMOUNT, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["activity__position", "year", "funder"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "funder", "year"], name="one_budget_line_per_funder_year"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="workplan_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.number} {self.funder} {self.year}"

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def in_eur(self) -> Money:
        return to_eur(self.money, date(self.year, 12, 31))


class ResultIndicator(models.Model):
    """A programme indicator of the results framework, with baseline and yearly targets;
    its actuals come from the platform's records (`measure`, results.py)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    level = models.CharField(_("level"), max_length=10, choices=IndicatorLevel.choices)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    unit_lt = models.CharField(_("unit (Lithuanian)"), max_length=60)
    unit_en = models.CharField(_("unit (English)"), max_length=60)
    measure = models.CharField(_("source of the actuals"), max_length=20, choices=Measure.choices)
    # The training module's or project indicator's code for the measures that need one.
    measure_code = models.CharField(_("module or indicator code"), max_length=40, blank=True)
    baseline = models.DecimalField(
        pgettext_lazy("an indicator's starting value", "baseline"),
        max_digits=14,
        decimal_places=2,
        default=0,
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), default=2013)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )
    source = models.URLField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    name = Translated()
    unit = Translated()

    class Meta:
        verbose_name = _("programme indicator")
        verbose_name_plural = _("programme indicators")
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="one_result_indicator_code")
        ]

    def __str__(self) -> str:
        return str(self.name)


class ResultTarget(models.Model):
    indicator = models.ForeignKey(ResultIndicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Only for indicators the programme team reports (Measure.REPORTED).
    reported = models.DecimalField(
        _("reported actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.target}"
