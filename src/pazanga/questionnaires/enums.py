from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")


class Purpose(models.TextChoices):
    SURVEY = "survey", _("survey")
    TEST = "test", _("knowledge test")
    FEEDBACK = "feedback", _("feedback")
    REGISTRATION = "registration", _("registration questions")
    APPLICATION = "application", _("application form")


class QuestionType(models.TextChoices):
    TEXT = "text", _("text")
    LONG_TEXT = "long_text", _("long text")
    INTEGER = "integer", _("whole number")
    DECIMAL = "decimal", _("decimal number")
    DATE = "date", _("date")
    SELECT_ONE = "select_one", _("one choice")
    SELECT_MULTIPLE = "select_multiple", _("several choices")
    LIKERT = "likert", _("Likert scale or rating")
    NOTE = "note", _("note (no answer)")
    FILE = "file", _("file")


CHOICE_TYPES = frozenset(
    {QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE, QuestionType.LIKERT}
)
NUMBER_TYPES = frozenset({QuestionType.INTEGER, QuestionType.DECIMAL})


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("in progress")
    SUBMITTED = "submitted", _("submitted")
