"""Events, their audience categories and agenda, registrations, attendance, certificates.

An Event is anything people register for and attend: a conference, a seminar, a training
session (the training app points a OneToOne at Event). Seats are counted, never stored:
the registrations in SEAT_HOLDING_STATUSES hold them (see capacity.py).
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.i18n import Translated
from pazanga.directory.enums import Language
from pazanga.directory.models import Organisation
from pazanga.events.enums import (
    ACTIVE_STATUSES,
    AttendanceStatus,
    EventStatus,
    RegistrationStatus,
    Visibility,
)
from pazanga.programme.models import Programme

DEFAULT_OFFER_HOURS = 48


def new_secret() -> str:
    return secrets.token_urlsafe(18)


class Venue(models.Model):
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255)
    city = models.CharField(_("city"), max_length=100)
    map_url = models.URLField(_("map link"), blank=True)
    name = Translated()

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name_lt"]
        constraints = [
            models.UniqueConstraint(fields=["name_lt", "address"], name="one_venue_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.address}, {self.city}"


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> "EventQuerySet":
        return self.filter(status=EventStatus.PUBLISHED)

    def listed(self) -> "EventQuerySet":
        """Events shown on the public lists: published or cancelled, public ones."""
        return self.filter(
            status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
            visibility=Visibility.PUBLIC,
        )


class Event(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    summary_lt = models.TextField(_("summary (Lithuanian)"), max_length=1000, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=1000, blank=True)
    body_lt = models.TextField(_("text (Lithuanian)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    visibility = models.CharField(
        _("who may register"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    has_waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offered seat"), default=DEFAULT_OFFER_HOURS
    )
    questionnaire = models.ForeignKey(
        "questionnaires.Questionnaire",
        verbose_name=_("extra registration questions"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_text_lt = models.TextField(_("consent text (Lithuanian)"), blank=True)
    consent_text_en = models.TextField(_("consent text (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Raised by every save from the staff form; a save carrying an older number is refused
    # (services.save_event), so two people editing at once do not overwrite each other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    title = Translated()
    summary = Translated()
    body = Translated()
    consent_text = Translated()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def days(self) -> list[date]:
        """The calendar days the event runs on, in Vilnius time."""
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_is_open(self, now: "timezone.datetime | None" = None) -> bool:
        now = now or timezone.now()
        if self.status != EventStatus.PUBLISHED or now >= self.ends_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)


class AudienceCategory(models.Model):
    """Who registers: libraries, partners, government, guests… each with its own rules."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=40)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("Leave empty for no limit of its own.")
    )
    needs_approval = models.BooleanField(_("needs approval"), default=False)
    invitation_only = models.BooleanField(_("by invitation only"), default=False)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )
    name = Translated()

    class Meta:
        verbose_name = _("audience category")
        verbose_name_plural = _("audience categories")
        ordering = ["event", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="one_category_code_per_event")
        ]

    def __str__(self) -> str:
        return str(self.name)


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in a list", "position"), default=0
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    title = Translated()
    description = Translated()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["event", "position", "starts_at", "pk"]

    def __str__(self) -> str:
        return str(self.title)


class Invitation(models.Model):
    """A personal link that lets one person register in a category without approval."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    category = models.ForeignKey(
        AudienceCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.LITHUANIAN
    )
    token = models.CharField(max_length=40, unique=True, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["event", "last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_invitation_per_email")
        ]

    def __str__(self) -> str:
        return self.email


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    category = models.ForeignKey(
        AudienceCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("library or organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    job_title = models.CharField(_("position"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.LITHUANIAN
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration",
    )
    response = models.ForeignKey(
        "questionnaires.Response",
        verbose_name=_("answers to the extra questions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    # Random and never shown in lists: the registrant's links and QR code are signed
    # copies of it (tokens.py).
    secret = models.CharField(max_length=40, unique=True, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # Set when the personal data was removed after the retention period (retention.py).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.event}"

    @property
    def full_name(self) -> str:
        if self.anonymised_at:
            return str(_("anonymised"))
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def organisation_label(self) -> str:
        if self.organisation_id and self.organisation:
            return self.organisation.display_name
        return self.organisation_name

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class DoorStaff(models.Model):
    """A person who may check people in at one event (programme staff always may)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="door_staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("door staff")
        verbose_name_plural = _("door staff")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_door_staff_per_event")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Attendance(models.Model):
    """Whether a registrant attended one day of the event."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["registration", "day"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="one_attendance_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}: {self.get_status_display()}"


class Certificate(models.Model):
    """A certificate of attendance; anyone with its address can verify it."""

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="certificates"
    )
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    token = models.CharField(max_length=40, unique=True, default=new_secret, editable=False)
    holder_name = models.CharField(_("holder"), max_length=200)
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    event_title_lt = models.CharField(_("event (Lithuanian)"), max_length=255)
    event_title_en = models.CharField(_("event (English)"), max_length=255, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    issued_on = models.DateField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = Translated()
    event_title = Translated()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["serial"]

    def __str__(self) -> str:
        return self.serial

    def get_absolute_url(self) -> str:
        return reverse("events:verify_certificate", args=[self.token])
