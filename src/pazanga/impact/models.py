"""Impact assessment: studies, their waves, the data each wave received, the population
margins it is weighted to, the indicators and the stored estimates.

A wave's data are kept as immutable versions (`Dataset`): an import or a re-import adds a
version and makes it current, the previous one stays (decision 0070). Statuses change only in
workflow.py; writes with side effects live in services/.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.i18n import Translated
from pazanga.impact.enums import (
    Area,
    CalibrationVariable,
    ContrastKind,
    Gap,
    LonelyPSU,
    StudyKind,
    Unit,
    WaveMode,
    WaveRound,
    WaveStatus,
)
from pazanga.programme.models import Programme
from pazanga.questionnaires.models import Questionnaire

USER = settings.AUTH_USER_MODEL


class Study(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=StudyKind.choices)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    population_lt = models.CharField(_("target population (Lithuanian)"), max_length=300)
    population_en = models.CharField(_("target population (English)"), max_length=300)
    is_demo = models.BooleanField(_("demo data"), default=False)
    name = Translated()
    population = Translated()

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="impact_one_study_code")
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("impact:study", args=[self.pk])


class Wave(models.Model):
    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="waves"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    round = models.CharField(_("round"), max_length=10, choices=WaveRound.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    fieldwork_start = models.DateField(_("fieldwork starts"), null=True, blank=True)
    fieldwork_end = models.DateField(_("fieldwork ends"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=WaveMode.choices)
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.PLANNED
    )
    # The design: which columns are strata and clusters is fixed (stratum, psu, fpc);
    # these settings say how they are used.
    uses_fpc = models.BooleanField(_("finite population correction"), default=False)
    lonely_psu = models.CharField(
        _("a stratum with one sampled cluster"),
        max_length=10,
        choices=LonelyPSU.choices,
        default=LonelyPSU.ADJUST,
    )
    min_n = models.PositiveIntegerField(
        _("smallest number of respondents shown"), default=50, validators=[MinValueValidator(1)]
    )
    max_cv = models.DecimalField(
        _("largest coefficient of variation shown (%)"),
        max_digits=5,
        decimal_places=1,
        default=30,
        validators=[MinValueValidator(1)],
    )
    suppress = models.BooleanField(
        _("hide small cells"),
        default=True,
        help_text=_("Otherwise they are shown with a warning."),
    )
    trim_ratio = models.DecimalField(
        _("cap weights at this multiple of the mean weight"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Share of the estimation done (0-100) while it runs; None when nothing runs.
    estimation_progress = models.PositiveSmallIntegerField(_("estimation"), null=True, blank=True)
    estimated_at = models.DateTimeField(_("estimated"), null=True, blank=True)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["study", "year", "pk"]

    def __str__(self) -> str:
        return f"{self.study.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("impact:wave", args=[self.pk])

    @property
    def current_dataset(self) -> "Dataset | None":
        return self.datasets.filter(is_current=True).first()


class Dataset(models.Model):
    """One version of a wave's data: the respondents' columns, stored together (decision
    0070), with the weights and the weighting report once the wave is weighted."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="datasets"
    )
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(pgettext_lazy("data version", "current"), default=True)
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    source_kind = models.CharField(_("kind"), max_length=10)
    rows = models.PositiveIntegerField(_("respondents"))
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    value_labels = models.JSONField(_("value labels"), default=dict, blank=True)
    columns = models.BinaryField(_("data"))
    weights = models.BinaryField(_("final weights"), null=True, blank=True)
    weighting = models.JSONField(_("weighting report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("wave data version")
        verbose_name_plural = _("wave data versions")
        ordering = ["wave", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "version"], name="impact_one_data_version")
        ]

    def __str__(self) -> str:
        return f"{self.wave.code} v{self.version}"


class CalibrationTarget(models.Model):
    wave = models.ForeignKey(
        Wave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="targets"
    )
    variable = models.CharField(_("variable"), max_length=20, choices=CalibrationVariable.choices)
    category = models.CharField(_("category"), max_length=20)
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year of the figure"))

    class Meta:
        verbose_name = _("population margin")
        verbose_name_plural = _("population margins")
        ordering = ["wave", "variable", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "variable", "category"], name="impact_one_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.variable}={self.category}: {self.population}"


class Indicator(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    numerator = models.CharField(
        _("counted when"),
        max_length=500,
        help_text=_("An expression over the answers, e.g. ${internet_last_use} >= 2"),
    )
    population_filter = models.CharField(
        _("among"),
        max_length=500,
        blank=True,
        help_text=_("Who the share is of; empty: every respondent."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    period_lt = models.CharField(_("reference period (Lithuanian)"), max_length=100, blank=True)
    period_en = models.CharField(_("reference period (English)"), max_length=100, blank=True)
    version = models.PositiveIntegerField(_("definition version"), default=1)
    is_public = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = Translated()
    period = Translated()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="impact_one_indicator_code")
        ]

    def __str__(self) -> str:
        return str(self.name)


class EstimateFields(models.Model):
    estimate = models.FloatField(_("estimate"))
    se = models.FloatField(_("standard error"))
    ci_low = models.FloatField(_("lower bound"), null=True)
    ci_high = models.FloatField(_("upper bound"), null=True)
    df = models.IntegerField(_("degrees of freedom"))

    class Meta:
        abstract = True


class Estimate(EstimateFields):
    """One indicator in one wave, overall (`domain` empty) or in one domain."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="estimates")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="estimates")
    definition_version = models.PositiveIntegerField(_("definition version"))
    domain = models.CharField(_("domain variable"), max_length=20, blank=True)
    category = models.CharField(_("category"), max_length=20, blank=True)
    deff = models.FloatField(_("design effect"), null=True)
    cv = models.FloatField(_("coefficient of variation"), null=True)
    n = models.PositiveIntegerField(_("respondents"))
    small = models.BooleanField(_("too few respondents or too uncertain"), default=False)

    class Meta:
        verbose_name = _("estimate")
        verbose_name_plural = _("estimates")
        ordering = ["indicator", "wave", "domain", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "indicator", "domain", "category"], name="impact_one_estimate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.wave_id} {self.domain}={self.category}"


class Contrast(EstimateFields):
    """A change between waves, a gap within a wave, or the change of a gap (for grant and
    non-grant municipalities: the difference in differences)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="contrasts")
    kind = models.CharField(_("kind"), max_length=12, choices=ContrastKind.choices)
    gap = models.CharField(_("gap"), max_length=12, choices=Gap.choices, blank=True)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="contrasts")
    base_wave = models.ForeignKey(
        Wave, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")
        ordering = ["indicator", "kind", "gap", "wave"]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.kind} {self.gap} {self.wave_id}"
