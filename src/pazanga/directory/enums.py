from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    CITY = "city", _("city municipality")
    DISTRICT = "district", _("district municipality")
    MUNICIPALITY = "municipality", _("municipality")


class OrganisationKind(models.TextChoices):
    NATIONAL_LIBRARY = "national_library", _("national library")
    COUNTY_LIBRARY = "county_library", _("county library")
    MUNICIPAL_LIBRARY = "municipal_library", _("municipal central library")
    BRANCH = "branch", _("library branch")
    MUNICIPAL_ADMINISTRATION = "municipal_administration", _("municipal administration")
    MINISTRY = "ministry", _("ministry")
    FOUNDATION = "foundation", _("foundation")
    BUSINESS = "business", _("business")
    NGO = "ngo", _("non-governmental organisation")
    MEDIA = "media", _("media")
    SCHOOL = "school", _("school")


LIBRARY_KINDS = (
    OrganisationKind.NATIONAL_LIBRARY,
    OrganisationKind.COUNTY_LIBRARY,
    OrganisationKind.MUNICIPAL_LIBRARY,
    OrganisationKind.BRANCH,
)
PUBLIC_LIBRARY_KINDS = (OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH)


class Settlement(models.TextChoices):
    URBAN = "urban", _("urban")
    RURAL = "rural", _("rural")


class Language(models.TextChoices):
    LITHUANIAN = "lt", _("Lithuanian")
    ENGLISH = "en", _("English")
