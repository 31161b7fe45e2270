from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pazanga.common.i18n import Translated
from pazanga.common.money import Currency, Money, to_eur
from pazanga.directory.models import Organisation
from pazanga.programme.enums import AssignmentStatus, ParticipantRole, ProgrammeStatus, Role


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def current(self) -> "Programme | None":
        return self.filter(status=ProgrammeStatus.CURRENT).order_by("-start_date").first()


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    summary_lt = models.TextField(_("summary (Lithuanian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    goal_lt = models.TextField(_("goal (Lithuanian)"), blank=True)
    goal_en = models.TextField(_("goal (English)"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=ProgrammeStatus.choices)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    name = Translated()
    summary = Translated()
    description = Translated()
    goal = Translated()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="programme_dates"
            )
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def phase(self) -> str:
        """Where the programme stands by its dates: planned, under way (current) or past.

        `status` says which programme the platform serves now; people read the phase.
        """
        from django.utils import timezone

        today = timezone.localdate()
        if today < self.start_date:
            return ProgrammeStatus.PLANNED
        return ProgrammeStatus.PAST if today > self.end_date else ProgrammeStatus.CURRENT

    @property
    def phase_label(self) -> str:
        return str(ProgrammeStatus(self.phase).label)


class ProgrammeValue(models.Model):
    """A value of the programme as stated by a source, in that source's currency."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="values")
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    as_of = models.DateField(_("as of"))
    is_approximate = models.BooleanField(_("approximate"), default=False)
    note_lt = models.CharField(_("note (Lithuanian)"), max_length=200, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=200, blank=True)
    source = models.URLField(_("source"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    note = Translated()

    class Meta:
        verbose_name = _("programme value")
        verbose_name_plural = _("programme values")
        ordering = ["programme", "order"]

    def __str__(self) -> str:
        return str(self.money)

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency)

    def in_eur(self, on: date | None = None) -> Money:
        return to_eur(self.money, on or self.as_of)


class ProgrammeTask(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"))
    text_lt = models.TextField(_("text (Lithuanian)"))
    text_en = models.TextField(_("text (English)"))
    text = Translated()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="one_task_per_position")
        ]

    def __str__(self) -> str:
        return str(self.text)


class Participant(models.Model):
    """An organisation that takes part in a programme: implementer, funder or partner."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    contribution_lt = models.CharField(_("contribution (Lithuanian)"), max_length=255, blank=True)
    contribution_en = models.CharField(_("contribution (English)"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    contribution = Translated()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "role"], name="one_participation_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class RoleAssignment(models.Model):
    """A person's role in a programme; library staff act for one library."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("library"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.PENDING,
    )
    created_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "role", "organisation"],
                name="one_assignment_per_library_role",
            ),
            models.UniqueConstraint(
                fields=["user", "programme", "role"],
                condition=models.Q(organisation__isnull=True),
                name="one_assignment_per_role",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.LIBRARY_STAFF) | models.Q(organisation__isnull=False),
                name="library_staff_have_library",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
