"""The workplan's kinds, funders and indicator levels, as readable values with labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.TextChoices):
    """Where an activity sits in the plan: a component holds activities, an activity tasks."""

    COMPONENT = "component", _("component")
    ACTIVITY = "activity", pgettext_lazy("workplan level", "activity")
    TASK = "task", pgettext_lazy("workplan level", "task")


LEVEL_DEPTH = {Level.COMPONENT: 0, Level.ACTIVITY: 1, Level.TASK: 2}


class Progress(models.TextChoices):
    """What an activity's dates say about it (decision 0080: the status is read from the
    dates, never set by hand, so an imported plan and the records agree)."""

    PLANNED = "planned", _("planned")
    UNDER_WAY = "under_way", _("under way")
    LATE = "late", pgettext_lazy("workplan status", "late")
    DONE = "done", _("done")


class Funder(models.TextChoices):
    GATES = "gates", _("B. & M. Gates Foundation")
    MINISTRY = "ministry", _("Ministry of Culture")
    LNB = "lnb", _("National Library (LNB)")


class IndicatorLevel(models.TextChoices):
    OUTPUT = "output", _("output")
    OUTCOME = "outcome", _("outcome")
    IMPACT = "impact", _("impact")


class Measure(models.TextChoices):
    """Where an indicator's actual values come from (results.py computes each)."""

    STAFF_TRAINED = "staff_trained", _("library staff who completed a training module")
    MODULE_COMPLETIONS = "module_completions", _("completions of one training module")
    CALLS = "calls", _("calls for proposals closed")
    APPLICATIONS = "applications", _("applications submitted")
    GRANTS_AWARDED = "grants_awarded", _("grants awarded")
    GRANTS_CLOSED = "grants_closed", _("funded projects closed")
    PROJECT_INDICATOR = "project_indicator", _("funded projects' indicator, from approved reports")
    EVENTS_HELD = "events_held", _("events held (conferences and seminars)")
    REPORTED = "reported", _("reported by the programme team")
