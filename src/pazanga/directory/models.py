from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pazanga.common.i18n import Translated
from pazanga.common.text import query_forms, search_key, search_words
from pazanga.directory.enums import (
    LIBRARY_KINDS,
    Language,
    MunicipalityKind,
    OrganisationKind,
    Settlement,
)


class County(models.Model):
    code = models.CharField(_("ISO code"), max_length=5, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name = Translated()

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name_lt"]

    def __str__(self) -> str:
        return str(self.name)


class Municipality(models.Model):
    code = models.CharField(_("ISO code"), max_length=5, unique=True)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=100)
    short_name_lt = models.CharField(_("short name (Lithuanian)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=100)
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, related_name="municipalities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind.choices)
    lau_code = models.CharField(_("LAU code"), max_length=10, blank=True)
    name = Translated()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_lt"]

    def __str__(self) -> str:
        return str(self.name)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def libraries(self) -> "OrganisationQuerySet":
        return self.filter(kind__in=LIBRARY_KINDS)

    def matching(self, text: str) -> "OrganisationQuerySet":
        """Organisations whose name, English name or municipality has every typed word
        (in any case ending, with or without diacritics, or its start)."""
        found = self
        for forms in query_forms(text):
            anyform = models.Q()
            for form in forms:
                anyform |= models.Q(search_words__contains=f" {form}")
            found = found.filter(anyform)
        return found


class Organisation(models.Model):
    """A library (national, county, municipal central or branch) or a partner organisation."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    search_words = models.TextField(editable=False, default="")
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent library"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="branches",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    settlement = models.CharField(
        _("settlement"), max_length=10, choices=Settlement.choices, blank=True
    )
    registry_code = models.CharField(_("registry code"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    staff_headcount = models.PositiveIntegerField(_("staff headcount"), null=True, blank=True)
    director = models.ForeignKey(
        "directory.User",
        verbose_name=_("director"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Organisations with history are deactivated, never deleted (directory.erasure).
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=OrganisationKind.BRANCH) | models.Q(parent__isnull=False),
                name="branch_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.refresh_search()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.pk])

    def refresh_search(self) -> None:
        """Fill the search columns from the names and the municipality (bulk_create skips
        save(), so callers that bulk-create call this)."""
        self.search_name = search_key(self.name)
        municipality = self.municipality if self.municipality_id else None
        place_lt = [municipality.name_lt] if municipality else []
        place_en = [municipality.name_en] if municipality else []
        self.search_words = search_words([self.name, *place_lt], [self.name_en, *place_en])

    @property
    def is_library(self) -> bool:
        return self.kind in LIBRARY_KINDS

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("Users need an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.LITHUANIAN
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the administration site"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email
