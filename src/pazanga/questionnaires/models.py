"""Questionnaires, their questions and choices, and the responses given to them.

A Questionnaire row is one *version*: `code` names the questionnaire across versions and
`version` counts them. Only a draft can be edited; a published version is frozen and
editing it means `services.create_new_version`. A Response points at the exact version
it answered, and its answers are keyed by the stable question `name` of that version.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.i18n import Translated
from pazanga.common.uploads import RandomName
from pazanga.programme.models import Programme
from pazanga.questionnaires.enums import (
    CHOICE_TYPES,
    UNASKED_TYPES,
    Audience,
    Purpose,
    QuestionnaireStatus,
    QuestionType,
    ResponseStatus,
)

NAME_VALIDATOR_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.\-]*$"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class BilingualText:
    """Content in the given language, falling back to the others when empty.

    Lithuanian and English texts live in paired columns (`label_lt`, `label_en`, decision
    0002); a form written in further languages keeps those, and every text that has no
    column (required messages, media file names), in `translations`:
    `{"label": {"fr": "..."}, "image": {"en": "a.png"}}`. The fallback is the form's
    default language (`fallback_language`, set by the engine), then Lithuanian, English
    and any other.
    """

    fallback_language = ""

    def text(self, base: str, language: str | None = None) -> str:
        code = (language or translation.get_language() or "lt").split("-")[0]
        value = self.own_text(base, code)
        if value:
            return value
        for other in (self.fallback_language, "lt", "en"):
            if other and other != code and (value := self.own_text(base, other)):
                return value
        extra = (getattr(self, "translations", None) or {}).get(base) or {}
        return str(next((v for v in extra.values() if v), ""))

    def own_text(self, base: str, code: str) -> str:
        if code in ("lt", "en") and hasattr(self, f"{base}_{code}"):
            value = getattr(self, f"{base}_{code}", "")
            if value:
                return str(value)
        extra = (getattr(self, "translations", None) or {}).get(base) or {}
        return str(extra.get(code, "") or "")


class Questionnaire(BilingualText, models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_versions",
    )
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
    )
    # Space-separated content language codes the form is written in, first = default.
    languages = models.CharField(_("languages"), max_length=200, default="lt en")
    # code -> the language's name as the form wrote it ("Français (fr)")
    language_names = models.JSONField(_("language names"), default=dict, blank=True)
    # Texts in languages other than lt/en: {"title": {"fr": ...}, "description": {...}}
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    # Further XLSForm settings (instance_name, style...), kept for the round trip.
    xlsform_settings = models.JSONField(_("further settings"), default=dict, blank=True)
    one_response_per_person = models.BooleanField(_("one response per person"), default=True)
    # Who may answer (the engine enforces it: services.check_audience); empty until saved,
    # then chosen from the purpose (surveys: invitees; tests and feedback: participants).
    audience = models.CharField(
        _("who may answer"),
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text=_(
            "Participants answer through the session, event or application the questionnaire "
            "belongs to; invitees log in; anyone with the link answers without logging in."
        ),
    )
    # Roles (programme.enums.Role values) invited to answer; none listed: every role.
    invited_roles = models.JSONField(_("invited roles"), default=list, blank=True)
    public_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    pass_mark = models.DecimalField(
        _("pass mark (points)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    title = Translated()
    description = Translated()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_questionnaire_version"),
        ]

    def __str__(self) -> str:
        return f"{self.text('title') or self.code} (v{self.version})"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.audience:
            self.audience = (
                Audience.INVITEES if self.purpose == Purpose.SURVEY else Audience.PARTICIPANTS
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "audience"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("questionnaires:detail", args=[self.pk])

    @property
    def allow_anonymous(self) -> bool:
        """Anyone with the link may answer, without logging in."""
        return self.audience == Audience.LINK

    @allow_anonymous.setter
    def allow_anonymous(self, value: bool) -> None:
        if value:
            self.audience = Audience.LINK
        elif self.audience == Audience.LINK:
            self.audience = ""

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()

    @property
    def fallback_language(self) -> str:  # type: ignore[override]
        return self.language_codes[0] if self.language_codes else "lt"

    def language_name(self, code: str) -> str:
        names = {"lt": "Lietuvių", "en": "English"}
        return str(self.language_names.get(code) or names.get(code) or code)

    @property
    def is_editable(self) -> bool:
        return self.status == QuestionnaireStatus.DRAFT

    @property
    def accepts_answers(self) -> bool:
        return self.status == QuestionnaireStatus.PUBLISHED

    @property
    def is_scored(self) -> bool:
        return self.purpose == Purpose.TEST


class Section(BilingualText, models.Model):
    """A group of questions (XLSForm begin_group/end_group), shown as one page."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    name = models.CharField(_("name"), max_length=60)
    label_lt = models.CharField(_("title (Lithuanian)"), max_length=500, blank=True)
    label_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    relevant = models.CharField(_("shown when"), max_length=2000, blank=True)
    # Sections and questions share one ordering, so a form's layout survives a round trip.
    position = models.PositiveIntegerField(pgettext_lazy("place in a list", "position"), default=0)
    # Groups nest (XLSForm groups inside groups); a top-level section is one page.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("inside"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subsections",
    )
    is_repeat = models.BooleanField(_("repeated"), default=False)
    # A number, an expression, or empty: the respondent adds and removes instances.
    repeat_count = models.CharField(_("number of repeats"), max_length=2000, blank=True)
    appearance = models.CharField(_("appearance"), max_length=100, blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    extra = models.JSONField(_("further columns"), default=dict, blank=True)
    label = Translated()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "name"], name="one_section_name"),
        ]

    def __str__(self) -> str:
        return self.text("label") or self.name


class ChoiceList(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="choice_lists"
    )
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("choice list")
        verbose_name_plural = _("choice lists")
        ordering = ["questionnaire", "name"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "name"], name="one_choice_list_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Choice(BilingualText, models.Model):
    choice_list = models.ForeignKey(ChoiceList, on_delete=models.CASCADE, related_name="choices")
    name = models.CharField(_("name"), max_length=60)
    label_lt = models.CharField(_("label (Lithuanian)"), max_length=500, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("correct answer"), default=False)
    position = models.PositiveIntegerField(pgettext_lazy("place in a list", "position"), default=0)
    # Further XLSForm choice columns (used by choice_filter), kept for the round trip.
    extra = models.JSONField(_("further columns"), default=dict, blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    label = Translated()

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["choice_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["choice_list", "name"], name="one_choice_name"),
        ]

    def __str__(self) -> str:
        return self.text("label") or self.name


class Question(BilingualText, models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    name = models.CharField(
        _("name"),
        max_length=60,
        help_text=_("Stable variable name: letters, digits and _; it names the export column."),
    )
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    choice_list = models.ForeignKey(
        ChoiceList,
        verbose_name=_("choice list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    label_lt = models.TextField(_("question (Lithuanian)"), blank=True)
    label_en = models.TextField(_("question (English)"), blank=True)
    hint_lt = models.TextField(_("hint (Lithuanian)"), blank=True)
    hint_en = models.TextField(_("hint (English)"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    constraint = models.CharField(
        _("constraint"),
        max_length=2000,
        blank=True,
        help_text=_("XLSForm expression on the answer, e.g. . >= 0 and . <= 120"),
    )
    constraint_message_lt = models.CharField(
        _("constraint message (Lithuanian)"), max_length=500, blank=True
    )
    constraint_message_en = models.CharField(
        _("constraint message (English)"), max_length=500, blank=True
    )
    relevant = models.CharField(
        _("shown when"),
        max_length=2000,
        blank=True,
        help_text=_("XLSForm expression, e.g. ${uses_library} = 'yes'"),
    )
    choice_filter = models.CharField(_("choice filter"), max_length=2000, blank=True)
    appearance = models.CharField(_("appearance"), max_length=100, blank=True)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2, null=True, blank=True)
    position = models.PositiveIntegerField(pgettext_lazy("place in a list", "position"), default=0)
    required_if = models.CharField(_("required when"), max_length=2000, blank=True)
    calculation = models.CharField(_("calculation"), max_length=2000, blank=True)
    default_value = models.CharField(_("default"), max_length=2000, blank=True)
    read_only = models.BooleanField(_("read only"), default=False)
    parameters = models.CharField(_("parameters"), max_length=500, blank=True)
    trigger = models.CharField(_("recalculated when"), max_length=500, blank=True)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    # Further XLSForm columns (bind::, body::, instance::), kept for the round trip.
    extra = models.JSONField(_("further columns"), default=dict, blank=True)
    label = Translated()
    hint = Translated()
    constraint_message = Translated()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "name"], name="one_question_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_choices(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def takes_answer(self) -> bool:
        return self.type not in (QuestionType.NOTE, QuestionType.EXTERNAL_DATA)

    @property
    def is_asked(self) -> bool:
        """Shown to the respondent with a field (not computed, preset or metadata)."""
        return self.takes_answer and self.type not in UNASKED_TYPES and not self.read_only

    @property
    def parameter_values(self) -> dict[str, str]:
        return dict(p.split("=", 1) for p in self.parameters.split() if "=" in p)

    @property
    def max_points(self) -> Decimal:
        return self.points or Decimal(0)


class Response(models.Model):
    """One person's (or one anonymous link's) answers to one questionnaire version."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaire_responses",
    )
    # What the response is about: an event registration, a grant application, a wave...
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # Set when the questionnaire allows one response per person (and subject): the
    # unique constraint then makes a second response impossible, even under a race.
    once_key = models.CharField(max_length=200, null=True, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    language = models.CharField(_("language"), max_length=5, default="lt")
    # {question name: value}: str, int, "decimal as text", "YYYY-MM-DD", [choice names]
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    page = models.PositiveIntegerField(_("page"), default=0)
    # The instanceID an offline device gave the submission: the same one is stored once.
    instance_id = models.CharField(_("instance id"), max_length=100, null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=2, null=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=10, decimal_places=2, null=True)
    passed = models.BooleanField(_("passed"), null=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at", "-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "once_key"], name="one_response_per_person"
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "instance_id"], name="one_response_per_instance"
            ),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.questionnaire.code} #{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class UploadedAnswerFile(models.Model):
    """A file given as an answer; the answer holds this row's id."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    # The question's name, or its place inside repeats ("household/0/photo").
    question_name = models.CharField(max_length=200)
    file = models.FileField(upload_to=RandomName("questionnaires/answers"))
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")

    def __str__(self) -> str:
        return self.original_name


class FormAttachment(models.Model):
    """A file a form needs: choices for select_*_from_file, data for pulldata(), media.

    Kept in the database with the version it belongs to (a few megabytes at most), so an
    import saves the form and its files in one transaction or not at all.
    """

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("name"), max_length=255)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ["questionnaire", "name"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "name"], name="one_attachment_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CollectToken(models.Model):
    """An interviewer's key to serve forms to ODK Collect and take its submissions.

    The key is part of the server address the interviewer types into Collect
    (`…/openrosa/<key>/`), as ODK Central's app users work; only its SHA-256 is stored, and
    revoking it stops every request made with it.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    label = models.CharField(_("name"), max_length=200)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("ODK Collect key")
        verbose_name_plural = _("ODK Collect keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
