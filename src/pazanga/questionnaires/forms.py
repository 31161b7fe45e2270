"""Forms of the questionnaire builder, the XLSForm upload and the response filters.

The form that asks a questionnaire's own questions is `answer_forms.AnswerForm`.
"""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from pazanga.common.uploads import check_upload
from pazanga.programme.enums import Role
from pazanga.questionnaires.enums import CHOICE_TYPES, Audience, QuestionType, ResponseStatus
from pazanga.questionnaires.expressions import NAME_PATTERN
from pazanga.questionnaires.models import Choice, ChoiceList, Question, Questionnaire, Section
from pazanga.questionnaires.validation import expression_problem
from pazanga.questionnaires.xlsform.attachments import MAX_ATTACHMENT_BYTES
from pazanga.questionnaires.xlsform.reader import MAX_UPLOAD_BYTES

NAME_RE = re.compile(NAME_PATTERN + r"\Z")
LANGUAGE_SETS = [
    ("lt en", _("Lithuanian and English")),
    ("lt", _("Lithuanian only")),
    ("en", _("English only")),
]


def check_name(name: str) -> str:
    if not NAME_RE.match(name):
        raise forms.ValidationError(_("Start with a letter, then use letters, digits and _ only."))
    return name


class QuestionnaireForm(forms.ModelForm):
    languages = forms.ChoiceField(label=_("languages"), choices=LANGUAGE_SETS)
    audience = forms.ChoiceField(label=_("who may answer"), choices=Audience.choices)
    invited_roles = forms.MultipleChoiceField(
        label=_("invited roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For invitees: who is invited. None chosen: everyone with a role."),
    )

    class Meta:
        model = Questionnaire
        fields = [
            "code",
            "title_lt",
            "title_en",
            "description_lt",
            "description_en",
            "purpose",
            "languages",
            "one_response_per_person",
            "audience",
            "invited_roles",
            "pass_mark",
        ]
        widgets = {
            "description_lt": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code names every version; it does not change after creation.
            self.fields["code"].disabled = True

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if not self.instance.pk and Questionnaire.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A questionnaire with this code exists already."))
        return code


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = [
            "name",
            "label_lt",
            "label_en",
            "relevant",
            "parent",
            "is_repeat",
            "repeat_count",
            "appearance",
        ]

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        self.questionnaire = questionnaire
        super().__init__(*args, **kwargs)
        inside = Section.objects.filter(questionnaire=questionnaire)
        if self.instance.pk:
            inside = inside.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = inside  # type: ignore[attr-defined]
        self.fields["repeat_count"].help_text = _(
            "For a repeated section: a number, or an expression such as ${members}; leave it "
            "empty to let the respondent add and remove."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent = cleaned.get("parent")
        while parent is not None:  # a section cannot end up inside itself
            if self.instance.pk and parent.pk == self.instance.pk:
                self.add_error("parent", _("A section cannot be inside itself."))
                break
            parent = parent.parent
        names = set(self.questionnaire.questions.values_list("name", flat=True))
        names |= set(self.questionnaire.sections.values_list("name", flat=True))
        count = (cleaned.get("repeat_count") or "").strip()
        if count and not count.isdigit():
            problem = expression_problem(count, names)
            if problem:
                self.add_error("repeat_count", problem)
        for field in ("relevant",):
            problem = expression_problem(cleaned.get(field) or "", names)
            if problem:
                self.add_error(field, problem)
        return cleaned

    def clean_name(self) -> str:
        name = check_name(self.cleaned_data["name"])
        clash = Section.objects.filter(questionnaire=self.questionnaire, name=name)
        clash_q = Question.objects.filter(questionnaire=self.questionnaire, name=name)
        if clash.exclude(pk=self.instance.pk).exists() or clash_q.exists():
            raise forms.ValidationError(_("This name is already used in the questionnaire."))
        return name

    def clean_relevant(self) -> str:
        text: str = self.cleaned_data["relevant"]
        names = set(self.questionnaire.questions.values_list("name", flat=True))
        problem = expression_problem(text, names)
        if problem:
            raise forms.ValidationError(problem)
        return text


class QuestionForm(forms.ModelForm):
    minimum = forms.DecimalField(label=_("smallest allowed number"), required=False)
    maximum = forms.DecimalField(label=_("largest allowed number"), required=False)
    max_length = forms.IntegerField(
        label=_("longest allowed answer (characters)"), required=False, min_value=1
    )
    pattern = forms.CharField(
        label=_("pattern the answer must match (regular expression)"), required=False
    )

    class Meta:
        model = Question
        fields = [
            "name",
            "type",
            "section",
            "choice_list",
            "label_lt",
            "label_en",
            "hint_lt",
            "hint_en",
            "required",
            "relevant",
            "constraint",
            "constraint_message_lt",
            "constraint_message_en",
            "choice_filter",
            "appearance",
            "points",
            "calculation",
            "required_if",
            "default_value",
            "parameters",
        ]
        widgets = {
            "label_lt": forms.Textarea(attrs={"rows": 2}),
            "label_en": forms.Textarea(attrs={"rows": 2}),
            "hint_lt": forms.Textarea(attrs={"rows": 2}),
            "hint_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        self.questionnaire = questionnaire
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(questionnaire=questionnaire)  # type: ignore[attr-defined]
        self.fields["choice_list"].queryset = ChoiceList.objects.filter(questionnaire=questionnaire)  # type: ignore[attr-defined]
        self.fields["constraint"].help_text = _(
            "An XLSForm expression on the answer (.), or leave it empty and use the fields below."
        )

    def clean_name(self) -> str:
        name = check_name(self.cleaned_data["name"])
        clash = Question.objects.filter(questionnaire=self.questionnaire, name=name)
        clash_s = Section.objects.filter(questionnaire=self.questionnaire, name=name)
        if clash.exclude(pk=self.instance.pk).exists() or clash_s.exists():
            raise forms.ValidationError(_("This name is already used in the questionnaire."))
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("type") in CHOICE_TYPES and not cleaned.get("choice_list"):
            self.add_error("choice_list", _("A question with choices needs a choice list."))
        if cleaned.get("type") not in CHOICE_TYPES:
            cleaned["choice_list"] = None
        if not cleaned.get("constraint"):
            cleaned["constraint"] = self.composed_constraint(cleaned)
        names = set(self.questionnaire.questions.values_list("name", flat=True))
        names |= set(self.questionnaire.sections.values_list("name", flat=True))
        names.add(cleaned.get("name") or "")
        for field, is_filter in (
            ("relevant", False),
            ("constraint", False),
            ("choice_filter", True),
            ("calculation", False),
            ("required_if", False),
        ):
            problem = expression_problem(cleaned.get(field) or "", names, choice_filter=is_filter)
            if problem:
                self.add_error(field, problem)
        return cleaned

    @staticmethod
    def composed_constraint(cleaned: dict[str, Any]) -> str:
        """The range, length and pattern fields written as one XLSForm expression."""
        parts = []
        minimum: Decimal | None = cleaned.get("minimum")
        maximum: Decimal | None = cleaned.get("maximum")
        if minimum is not None:
            parts.append(f". >= {minimum}")
        if maximum is not None:
            parts.append(f". <= {maximum}")
        if cleaned.get("max_length"):
            parts.append(f"string-length(.) <= {cleaned['max_length']}")
        pattern: str = cleaned.get("pattern") or ""
        if pattern:
            quote = "'" if "'" not in pattern else '"'
            parts.append(f"regex(., {quote}{pattern}{quote})")
        return " and ".join(parts)


class ChoiceListForm(forms.ModelForm):
    class Meta:
        model = ChoiceList
        fields = ["name"]

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        self.questionnaire = questionnaire
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = check_name(self.cleaned_data["name"])
        clash = ChoiceList.objects.filter(questionnaire=self.questionnaire, name=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This name is already used in the questionnaire."))
        return name


ChoiceFormSet = inlineformset_factory(
    ChoiceList,
    Choice,
    fields=["name", "label_lt", "label_en", "is_correct", "position"],
    extra=3,
    can_delete=True,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; each is checked by `clean_one`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file (.xlsx)"),
        help_text=_("Sheets survey, choices and settings, as in ODK and KoboToolbox."),
    )
    attachments = MultipleFileField(
        label=_("attached files"),
        required=False,
        help_text=_(
            "The CSV or XML files the form names: choices for select_one_from_file, data "
            "for pulldata()."
        ),
    )

    def clean_attachments(self) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for upload in self.cleaned_data.get("attachments") or []:
            check_upload(upload, ("csv",), MAX_ATTACHMENT_BYTES)  # CSV or XML: UTF-8 text
            found[upload.name] = upload.read()
        return found

    code = forms.SlugField(
        label=_("code"),
        required=False,
        help_text=_("Leave empty to use the form_id of the settings sheet."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too big; the limit is %(limit)s MB.")
                % {"limit": MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        return upload


class ResponseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("any")), *ResponseStatus.choices]
    )
    language = forms.ChoiceField(
        label=_("language"),
        required=False,
        choices=[("", _("any")), ("lt", _("Lithuanian")), ("en", _("English"))],
    )
    submitted_from = forms.DateField(
        label=_("submitted from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    submitted_to = forms.DateField(
        label=_("submitted until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    question = forms.ChoiceField(label=_("question"), required=False)
    value = forms.CharField(label=_("answer"), required=False, max_length=200)

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (q.name, q.name) for q in questions if q.type != QuestionType.NOTE
        ]
