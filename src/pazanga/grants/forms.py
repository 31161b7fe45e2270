from decimal import Decimal
from typing import Any

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from pazanga.common.uploads import DOCUMENT_KINDS, CheckedFileField
from pazanga.directory.enums import LIBRARY_KINDS, OrganisationKind
from pazanga.directory.models import County, Organisation
from pazanga.grants.enums import ApplicationStatus, Theme
from pazanga.grants.models import (
    Application,
    BudgetLine,
    Call,
    CallReviewer,
    CountyMinimum,
    Criterion,
    Partner,
)
from pazanga.questionnaires.answer_forms import AnswerForm
from pazanga.questionnaires.engine import is_empty

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PARTNER_KINDS = [(k, label) for k, label in OrganisationKind.choices if k not in LIBRARY_KINDS]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class CallForm(forms.ModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Kinds of library that may apply"),
        choices=[(k, OrganisationKind(k).label) for k in LIBRARY_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    required_partner_kinds = forms.MultipleChoiceField(
        label=_("Partner kinds required"),
        choices=PARTNER_KINDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Call
        fields = [
            "code",
            "title_lt",
            "title_en",
            "description_lt",
            "description_en",
            "who_may_apply_lt",
            "who_may_apply_en",
            "opens_at",
            "closes_at",
            "is_published",
            "currency",
            "budget",
            "min_grant",
            "max_grant",
            "min_co_financing_percent",
            "eligible_kinds",
            "required_partner_kinds",
            "required_training_module",
            "questionnaire",
            "reviewers_per_application",
            "min_reviewer_load",
            "max_reviewer_load",
            "review_deadline",
            "disagreement_margin",
            "standardise_scores",
        ]
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "review_deadline": DateTimeInput(),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        low, high = data.get("min_grant"), data.get("max_grant")
        if low is not None and high is not None and high < low:
            self.add_error("max_grant", _("The maximum grant cannot be below the minimum."))
        budget = data.get("budget")
        if budget is not None and high is not None and high > budget:
            self.add_error("max_grant", _("The maximum grant cannot exceed the budget."))
        return data


CriterionFormSet = inlineformset_factory(
    Call,
    Criterion,
    fields=["name_lt", "name_en", "guidance_lt", "guidance_en", "weight", "max_score", "position"],
    extra=1,
    can_delete=True,
)
CountyMinimumFormSet = inlineformset_factory(
    Call, CountyMinimum, fields=["county", "minimum"], extra=1, can_delete=True
)


class PanelSeatForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Expertise"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CallReviewer
        fields = ["reviewer", "themes"]

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class StartApplicationForm(forms.Form):
    library = forms.ModelChoiceField(label=_("Library"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Project title"), max_length=255)

    def __init__(self, *args: Any, libraries: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["library"]
        field.queryset = Organisation.objects.filter(pk__in=[lib.pk for lib in libraries])
        if len(libraries) == 1:
            field.initial = libraries[0].pk


class ApplicationForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Application
        fields = ["title", "summary", "target_community", "themes", "requested_total"]
        labels = {"requested_total": _("Amount requested")}
        help_texts = {"requested_total": _("Must equal the sum of the budget lines' requests.")}


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["organisation", "role", "contribution"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            kind__in=LIBRARY_KINDS
        ).order_by("name")


MAX_ROWS = 50


class DraftRows(BaseInlineFormSet):
    """Rows the applicant adds (also in the browser, one at a time) and removes."""

    add_label = _("Add a row")
    remove_label = _("Remove this row")

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.remove_label

    def row_form(self, index: int) -> forms.BaseForm:
        """A blank form at position `index`, built as the formset builds its extra forms."""
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix(index),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.renderer,
            **self.get_form_kwargs(index),
        )
        self.add_fields(form, index)
        return form

    @property
    def rows_changed(self) -> bool:
        """After save(): were rows created or removed (so the page must learn their ids)?"""
        return bool(self.new_objects or self.deleted_objects or self.deleted_forms)


class PartnerRows(DraftRows):
    add_label = _("Add a partner")
    remove_label = _("Remove this partner")


class BudgetRows(DraftRows):
    add_label = _("Add a budget line")
    remove_label = _("Remove this budget line")


PartnerFormSet = inlineformset_factory(
    Application,
    Partner,
    form=PartnerForm,
    formset=PartnerRows,
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)
BudgetLineFormSet = inlineformset_factory(
    Application,
    BudgetLine,
    formset=BudgetRows,
    fields=["category", "description", "requested", "co_financing"],
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)
DRAFT_ROWS = {"partners": PartnerFormSet, "lines": BudgetLineFormSet}


class DraftAnswers(AnswerForm):
    """The call's own questions in a draft. Only what was answered is checked while the
    draft is saved (an answer must still be valid); questions left empty are reported on
    submission, with the rest of the checks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.previously_shown = {
            name for name, value in self.merged_raw().items() if not is_empty(value)
        }


class AttachmentForm(forms.Form):
    file = CheckedFileField(
        label=_("Attachment (PDF, Word, Excel, PNG or JPEG; at most 10 MB)"),
        kinds=DOCUMENT_KINDS,
        max_bytes=MAX_ATTACHMENT_BYTES,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EligibilityForm(ReasonForm):
    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("eligible")), ("no", _("not eligible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("What is the conflict?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("any"))] + [c for c in ApplicationStatus.choices if c[0] != "draft"],
        required=False,
    )
    county = forms.ModelChoiceField(
        label=_("County"), queryset=County.objects.all(), required=False
    )
    min_score = forms.DecimalField(
        label=_("Score at least"), required=False, min_value=0, max_value=100
    )


OUTCOME_CHOICES = [
    (ApplicationStatus.AWARDED, _("fund")),
    (ApplicationStatus.RESERVE, _("reserve list")),
    (ApplicationStatus.REJECTED, _("do not fund")),
]


class OutcomeForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOME_CHOICES)
    amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


OutcomeFormSet = forms.formset_factory(OutcomeForm, extra=0)


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
