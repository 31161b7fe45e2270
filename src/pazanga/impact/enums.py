"""Statuses and kinds of the impact app, as readable ASCII values with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StudyKind(models.TextChoices):
    POPULATION = "population", _("population survey (16–74)")
    LIBRARY_USERS = "library_users", _("survey of library internet users")
    LIBRARY_STAFF = "library_staff", _("survey of library staff")
    LIBRARY_CENSUS = "library_census", _("census of libraries")


class WaveRound(models.TextChoices):
    BASELINE = "baseline", _("baseline")
    MIDLINE = "midline", _("midline")
    ENDLINE = "endline", _("endline")


class WaveMode(models.TextChoices):
    WEB = "web", _("web self-completion")
    INTERVIEWER = "interviewer", _("face-to-face interview")
    IMPORT = "import", _("data from a research firm")


class WaveStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("wave", "planned")
    FIELDWORK = "fieldwork", _("in fieldwork")
    DATA_IN = "data_in", _("data received")
    WEIGHTED = "weighted", _("weighted")
    PUBLISHED = "published", pgettext_lazy("wave", "published")


class LonelyPSU(models.TextChoices):
    FAIL = "fail", _("refuse the design")
    REMOVE = "remove", _("leave the stratum out of the variance")
    CERTAINTY = "certainty", _("treat the unit as sampled with certainty")
    ADJUST = "adjust", _("centre the unit at the grand mean")
    AVERAGE = "average", _("use the average variance of the other strata")


class Area(models.TextChoices):
    DIGITAL_DIVIDE = "digital_divide", _("digital divide")
    DIGITAL_INCLUSION = "digital_inclusion", _("digital inclusion")
    EDUCATION = "education", _("education")
    ECONOMIC = "economic", _("economic development")
    HEALTH = "health", _("health")
    GOVERNMENT = "government", _("government and governance")
    COMMUNICATION = "communication", _("communication")
    CULTURE = "culture", _("culture and leisure")


class Unit(models.TextChoices):
    PERCENT = "percent", _("share of people (%)")
    MEAN = "mean", _("average")


class Domain(models.TextChoices):
    """The domain variables estimates are broken down by (the `--by` names)."""

    URBAN_RURAL = "urban_rural", _("urban or rural")
    AGE_GROUP = "age_group", _("age group")
    SEX = "sex", _("sex")
    EDUCATION = "education", pgettext_lazy("level of schooling", "education")
    COUNTY = "county", _("county")
    GRANT_AREA = "grant_area", _("municipality with or without a library grant")


class Gap(models.TextChoices):
    URBAN_RURAL = "urban_rural", _("urban − rural")
    AGE = "age", _("under 60 − 60 and over")
    EDUCATION = "education", _("high − low education")
    GRANT = "grant", _("grant − non-grant municipalities")


class ContrastKind(models.TextChoices):
    CHANGE = "change", _("change since the earlier wave")
    GAP = "gap", _("gap")
    GAP_CHANGE = "gap_change", _("change of the gap")


class CalibrationVariable(models.TextChoices):
    AGE_GROUP = "age_group", _("age group")
    SEX = "sex", _("sex")
    URBAN_RURAL = "urban_rural", _("urban or rural")
    COUNTY = "county", _("county")
    EDUCATION = "education", pgettext_lazy("level of schooling", "education")


class Allocation(models.TextChoices):
    PROPORTIONAL = "proportional", _("proportional to the population")
    NEYMAN = "neyman", _("Neyman (population × spread)")


# The categories the domain variables take in every dataset, with their labels.
CATEGORY_LABELS = {
    "urban_rural": {
        "urban": pgettext_lazy("where people live", "urban"),
        "rural": pgettext_lazy("where people live", "rural"),
    },
    "age_group": {"16-29": "16–29", "30-44": "30–44", "45-59": "45–59", "60-74": "60–74"},
    "sex": {"female": _("women"), "male": _("men")},
    "education": {
        "low": pgettext_lazy("education", "low"),
        "medium": pgettext_lazy("education", "medium"),
        "high": pgettext_lazy("education", "high"),
    },
    "grant_area": {"grant": _("with a grant"), "non_grant": _("without a grant")},
    "age_60": {"under_60": _("under 60"), "60_plus": _("60 and over")},
}
