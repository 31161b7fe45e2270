"""The curriculum (modules, courses, trainers), sessions, enrolments and completions.

Every Session is an events.Event underneath: registration, waiting list, check-in,
attendance per day and certificates live there. An Enrolment is the training side of
one events.Registration (its library, its tests, its follow-up); a Completion records
that a person met a module's CompletionRule through one enrolment.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.i18n import Translated
from pazanga.directory.models import Municipality, Organisation

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
DEFAULT_LIBRARY_QUOTA = 2
DEFAULT_FOLLOW_UP_DAYS = 90


def questionnaire_field(verbose_name: str) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        "questionnaires.Questionnaire",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Module(models.Model):
    """One topic of the curriculum, e.g. project management."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    outcomes_lt = models.TextField(_("learning outcomes (Lithuanian)"), blank=True)
    outcomes_en = models.TextField(_("learning outcomes (English)"), blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )
    name = Translated()
    description = Translated()
    outcomes = Translated()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def outcome_lines(self) -> list[str]:
        return [line.strip() for line in str(self.outcomes).splitlines() if line.strip()]


class CompletionRule(models.Model):
    """What completing a module takes; one rule per module."""

    module = models.OneToOneField(Module, on_delete=models.CASCADE, related_name="rule")
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=75, validators=PERCENT
    )
    min_post_test_percent = models.PositiveSmallIntegerField(
        _("minimum post-test score (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Leave empty when the post-test does not count."),
    )
    feedback_required = models.BooleanField(_("feedback questionnaire required"), default=True)

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")

    def __str__(self) -> str:
        return str(self.module)


class Course(models.Model):
    """What a session teaches: one or more modules, with default questionnaires."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    modules = models.ManyToManyField(
        Module, through="CourseModule", verbose_name=_("modules"), related_name="courses"
    )
    pre_test = questionnaire_field(_("pre-test"))
    post_test = questionnaire_field(_("post-test"))
    feedback = questionnaire_field(_("feedback questionnaire"))
    follow_up = questionnaire_field(_("follow-up questionnaire"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    title = Translated()
    description = Translated()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.title)


class CourseModule(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_modules")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )

    class Meta:
        verbose_name = _("module of a course")
        verbose_name_plural = _("modules of courses")
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "module"], name="one_module_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.course}: {self.module}"


class Trainer(models.Model):
    """A person with the trainer role and the modules they teach."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trainer_profile",
    )
    bio_lt = models.TextField(_("biography (Lithuanian)"), blank=True)
    bio_en = models.TextField(_("biography (English)"), blank=True)
    modules = models.ManyToManyField(
        Module, verbose_name=_("modules"), blank=True, related_name="trainers"
    )
    bio = Translated()

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)


class Session(models.Model):
    """A course delivered at a venue in a municipality on one or more days: an Event."""

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="session"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    library_quota = models.PositiveSmallIntegerField(
        _("places per library"),
        default=DEFAULT_LIBRARY_QUOTA,
        validators=[MinValueValidator(1)],
        help_text=_("At most this many staff of one library may enrol."),
    )
    trainers = models.ManyToManyField(
        Trainer, verbose_name=_("trainers"), blank=True, related_name="sessions"
    )
    pre_test = questionnaire_field(_("pre-test"))
    post_test = questionnaire_field(_("post-test"))
    feedback = questionnaire_field(_("feedback questionnaire"))
    follow_up = questionnaire_field(_("follow-up questionnaire"))
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow-up after (days)"), default=DEFAULT_FOLLOW_UP_DAYS
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["event__starts_at"]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("training:session", args=[self.pk])


class Enrolment(models.Model):
    """A library staff member's place in a session: the training side of a registration."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="enrolments"
    )
    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="enrolment",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    library = models.ForeignKey(
        Organisation,
        verbose_name=_("library"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    created_at = models.DateTimeField(_("applied"), db_index=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(_("follow-up sent"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("training:enrolment", args=[self.pk])


class Completion(models.Model):
    """A person completed a module through one enrolment."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="training_completions",
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="completions"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("completed"))
    certificate = models.ForeignKey(
        "events.Certificate",
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="one_completion_per_enrolment_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.module}"
