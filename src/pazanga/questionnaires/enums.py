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


class Audience(models.TextChoices):
    """Who may answer a questionnaire; the engine refuses everyone else."""

    PARTICIPANTS = "participants", _("participants, through the session, event or application")
    INVITEES = "invitees", _("people holding the invited roles in the programme")
    LINK = "link", _("anyone with the link")


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
    TIME = "time", _("time")
    DATETIME = "datetime", _("date and time")
    CALCULATE = "calculate", _("calculation (not shown)")
    HIDDEN = "hidden", _("hidden value")
    ACKNOWLEDGE = "acknowledge", _("acknowledgement")
    RANGE = "range", _("number on a scale")
    RANK = "rank", _("ranking")
    GEOPOINT = "geopoint", _("location")
    GEOTRACE = "geotrace", _("line on a map")
    GEOSHAPE = "geoshape", _("area on a map")
    BARCODE = "barcode", _("barcode")
    IMAGE = "image", _("photo")
    AUDIO = "audio", _("sound recording")
    VIDEO = "video", _("video")
    START = "start", _("start time")
    END = "end", _("end time")
    TODAY = "today", _("date of the interview")
    DEVICEID = "deviceid", _("device")
    USERNAME = "username", _("user name")
    PHONENUMBER = "phonenumber", _("phone number of the device")
    AUDIT = "audit", _("audit log")
    EXTERNAL_DATA = "external_data", _("attached data file")


CHOICE_TYPES = frozenset(
    {QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE, QuestionType.LIKERT, QuestionType.RANK}
)
NUMBER_TYPES = frozenset({QuestionType.INTEGER, QuestionType.DECIMAL})
# Filled in by the platform (or by ODK Collect), never asked.
METADATA_TYPES = frozenset(
    {
        QuestionType.START,
        QuestionType.END,
        QuestionType.TODAY,
        QuestionType.DEVICEID,
        QuestionType.USERNAME,
        QuestionType.PHONENUMBER,
        QuestionType.AUDIT,
    }
)
# Questions whose value is computed or preset, never typed on the web.
UNASKED_TYPES = METADATA_TYPES | {
    QuestionType.CALCULATE,
    QuestionType.HIDDEN,
    QuestionType.EXTERNAL_DATA,
}
UPLOAD_TYPES = frozenset(
    {QuestionType.FILE, QuestionType.IMAGE, QuestionType.AUDIO, QuestionType.VIDEO}
)


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("in progress")
    SUBMITTED = "submitted", _("submitted")
