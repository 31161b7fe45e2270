"""Forms of the funded-project pages. They check what was typed; services check the rules."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.uploads import CheckedFileField
from pazanga.directory.models import County, Municipality, Organisation
from pazanga.grants.enums import Theme
from pazanga.grants.models import Call
from pazanga.projects.enums import (
    CATEGORIES,
    Aggregation,
    Disaggregation,
    GrantStatus,
    GroupBy,
    ReportSection,
    RiskFlag,
    TrancheStatus,
)
from pazanga.projects.models import CallTerms, Grant, GrantBudgetLine, Indicator, Report
from pazanga.projects.visits import CHECKLIST

MAX_FILE_BYTES = 10 * 1024 * 1024
ZERO = Decimal(0)
FOLLOW_UP_ROWS = 3
HUNDRED = Decimal(100)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def amount_field(label: Any, *, required: bool = False, negative: bool = False) -> forms.Field:
    validators = [] if negative else [MinValueValidator(ZERO)]
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        validators=validators,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )


def calls_of(programme: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Call"),
        queryset=Call.objects.filter(programme=programme).order_by("-opens_at"),
        required=False,
        empty_label=_("all"),
    )


# --- lists -------------------------------------------------------------------------------


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *GrantStatus.choices]
    )
    flag = forms.ChoiceField(
        label=_("Risk"), required=False, choices=[("", _("all")), *RiskFlag.choices]
    )
    county = forms.ModelChoiceField(
        label=_("County"), queryset=County.objects.all(), required=False, empty_label=_("all")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("all"),
    )

    def __init__(self, *args: Any, programme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"] = calls_of(programme)
        self.order_fields(["q", "call", "status", "flag", "county", "municipality"])


class RollupForm(forms.Form):
    group_by = forms.ChoiceField(
        label=_("Group by"), choices=GroupBy.choices, required=False, initial=GroupBy.COUNTY
    )

    def __init__(self, *args: Any, programme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"] = calls_of(programme)


class PublicFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("County"), queryset=County.objects.all(), required=False, empty_label=_("all")
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("all")), *Theme.choices]
    )

    def __init__(self, *args: Any, programme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"] = calls_of(programme)
        self.order_fields(["call", "county", "theme"])


PAYMENT_VIEWS = (
    ("waiting", _("to approve or pay")),
    (TrancheStatus.APPROVED, _("approved, to pay")),
    (TrancheStatus.PAID, _("paid")),
)


class PaymentFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=pgettext_lazy("which payments", "Show"), choices=PAYMENT_VIEWS, required=False
    )

    def __init__(self, *args: Any, programme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"] = calls_of(programme)


# --- agreement ---------------------------------------------------------------------------


class TargetsForm(forms.Form):
    """One target per indicator of the catalogue; an empty one means none."""

    def __init__(self, *args: Any, grant: Grant, indicators: list[Indicator], **kwargs: Any):
        super().__init__(*args, **kwargs)
        current = {t.indicator_id: t.target for t in grant.targets.all()}
        self.indicators = indicators
        for indicator in indicators:
            field = amount_field(f"{indicator.name} ({indicator.unit})")
            field.initial = current.get(indicator.pk)
            self.fields[f"target-{indicator.pk}"] = field

    def targets(self) -> dict[Indicator, Decimal | None]:
        return {i: self.cleaned_data.get(f"target-{i.pk}") for i in self.indicators}


class SignatureForm(forms.Form):
    signed_on = forms.DateField(label=_("Date of signature"), widget=DateInput())
    signed_copy = CheckedFileField(
        label=_("Signed agreement (PDF, at most 10 MB)"),
        kinds=("pdf",),
        max_bytes=MAX_FILE_BYTES,
        required=False,
    )

    def __init__(self, *args: Any, copy_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_copy"].required = copy_required


GRANT_ACTIONS = (
    ("suspend", _("Suspend")),
    ("resume", _("Resume")),
    ("terminate", _("Terminate")),
    ("close", pgettext_lazy("a project", "Close")),
)


class GrantStatusForm(forms.Form):
    action = forms.ChoiceField(choices=GRANT_ACTIONS)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class CallTermsForm(forms.ModelForm):
    signature_share = forms.DecimalField(
        label=_("Paid on signature (per cent)"), min_value=0, max_value=100, decimal_places=2
    )
    interim_share = forms.DecimalField(
        label=_("Paid after the interim report (per cent)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    final_share = forms.DecimalField(
        label=_("Paid after the final report (per cent)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )

    class Meta:
        model = CallTerms
        fields = ["months", "interim_after_months", "report_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shares = {step["condition"]: step["share"] for step in self.instance.tranche_plan}
        for condition in ("signature", "interim", "final"):
            self.fields[f"{condition}_share"].initial = Decimal(shares.get(condition, "0"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shares = [data.get(f"{c}_share") for c in ("signature", "interim", "final")]
        if all(s is not None for s in shares) and sum(shares, ZERO) != HUNDRED:  # type: ignore[arg-type]
            raise forms.ValidationError(
                _("The shares of the payments must add up to 100 per cent.")
            )
        months, interim = data.get("months"), data.get("interim_after_months")
        if months and interim and interim >= months:
            self.add_error("interim_after_months", _("An interim report must come before the end."))
        return data

    def save(self, commit: bool = True) -> CallTerms:
        terms = super().save(commit=False)
        terms.tranche_plan = [
            {"share": str(self.cleaned_data[f"{c}_share"]), "condition": c}
            for c in ("signature", "interim", "final")
            if self.cleaned_data[f"{c}_share"]
        ]
        if commit:
            terms.save()
        return terms


# --- payments ----------------------------------------------------------------------------


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Payment date"), widget=DateInput())
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=60)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


# --- reports -----------------------------------------------------------------------------


class ReportForm(forms.Form):
    """Money spent per approved line, co-financing received, indicator values with their
    breakdowns, and (final report) the results for the public page."""

    co_financing_received = amount_field(_("Co-financing received"))

    def __init__(
        self,
        *args: Any,
        report: Report,
        lines: list[GrantBudgetLine],
        indicators: list[Indicator],
        libraries: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lines, self.indicators = lines, indicators
        spent = {e.line_id: e.amount for e in report.expenses.all()}
        values = {v.indicator_id: v for v in report.values.all()}
        self.fields["co_financing_received"].initial = report.co_financing_received
        for line in lines:
            field = amount_field(line.description)
            field.initial = spent.get(line.pk)
            self.fields[f"line-{line.pk}"] = field
        library_choices = [(str(o.pk), o.name) for o in libraries]
        for indicator in indicators:
            given = values.get(indicator.pk)
            if indicator.aggregation == Aggregation.DISTINCT:
                self.fields[f"items-{indicator.pk}"] = forms.MultipleChoiceField(
                    label=indicator.name,
                    choices=library_choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[str(pk) for pk in (given.items if given else [])],
                )
                continue
            field = amount_field(f"{indicator.name} ({indicator.unit})")
            field.initial = given.value if given else None
            self.fields[f"value-{indicator.pk}"] = field
            for dimension in indicator.disaggregations:
                stored = (given.breakdown if given else {}).get(dimension, {})
                for code, label in CATEGORIES.get(dimension, ()):
                    part = amount_field(label)
                    part.initial = stored.get(code)
                    self.fields[f"part-{indicator.pk}-{dimension}-{code}"] = part
        if report.is_final:
            self.fields["public_summary"] = forms.CharField(
                label=Report._meta.get_field("public_summary").verbose_name,
                help_text=Report._meta.get_field("public_summary").help_text,
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=4000,
                initial=report.public_summary,
            )

    def line_fields(self) -> list[forms.BoundField]:
        return [self[f"line-{line.pk}"] for line in self.lines]

    def indicator_rows(self) -> list[dict[str, Any]]:
        """Per indicator: its field and the breakdown fields by dimension, for the template."""
        rows = []
        for indicator in self.indicators:
            if indicator.aggregation == Aggregation.DISTINCT:
                rows.append({"indicator": indicator, "field": self[f"items-{indicator.pk}"]})
                continue
            parts = [
                (
                    Disaggregation(dimension).label,
                    [
                        self[f"part-{indicator.pk}-{dimension}-{code}"]
                        for code, _label in CATEGORIES.get(dimension, ())
                    ],
                )
                for dimension in indicator.disaggregations
            ]
            rows.append(
                {"indicator": indicator, "field": self[f"value-{indicator.pk}"], "parts": parts}
            )
        return rows

    def expenses(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data.get(f"line-{line.pk}") or ZERO for line in self.lines}

    def values(self) -> list[Any]:
        from pazanga.projects.services import ValueInput

        given = []
        for indicator in self.indicators:
            if indicator.aggregation == Aggregation.DISTINCT:
                items = [int(pk) for pk in self.cleaned_data.get(f"items-{indicator.pk}") or []]
                if items:
                    given.append(ValueInput(indicator, Decimal(len(items)), items=items))
                continue
            value = self.cleaned_data.get(f"value-{indicator.pk}")
            if value is None:
                continue
            breakdown = {
                dimension: {
                    code: self.cleaned_data.get(f"part-{indicator.pk}-{dimension}-{code}") or ZERO
                    for code, _label in CATEGORIES.get(dimension, ())
                }
                for dimension in indicator.disaggregations
            }
            given.append(ValueInput(indicator, value, breakdown=breakdown))
        return given


class ReceiptForm(forms.Form):
    file = CheckedFileField(
        label=_("Receipt (PDF, PNG or JPEG; at most 10 MB)"),
        kinds=("pdf", "png", "jpeg"),
        max_bytes=MAX_FILE_BYTES,
    )


DECISIONS = (("approve", _("Approve")), ("return", _("Return for changes")))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in ReportSection.choices:
            self.fields[f"comment-{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def comments(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"comment-{code}", "") for code in ReportSection.values}


# --- amendments --------------------------------------------------------------------------


class ReallocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, lines: list[GrantBudgetLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"line-{line.pk}"] = amount_field(line.description, negative=True)
        self.order_fields([*(f"line-{line.pk}" for line in lines), "reason"])

    def changes(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data.get(f"line-{line.pk}") or ZERO for line in self.lines}


class ExtensionForm(forms.Form):
    new_end = forms.DateField(label=_("New end date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AmendmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("approve", _("Approve")), ("reject", _("Refuse"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the library"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- visits ------------------------------------------------------------------------------


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DateInput())
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in CHECKLIST:
            self.fields[f"check-{code}"] = forms.BooleanField(label=label, required=False)
        for index in range(FOLLOW_UP_ROWS):
            self.fields[f"action-{index}"] = forms.CharField(
                label=_("Follow-up action"), required=False, max_length=500
            )
            self.fields[f"due-{index}"] = forms.DateField(
                label=_("Due"), required=False, widget=DateInput()
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(FOLLOW_UP_ROWS):
            if data.get(f"action-{index}") and not data.get(f"due-{index}"):
                self.add_error(f"due-{index}", _("Give the date the action is due."))
        return data

    def checklist(self) -> dict[str, bool]:
        return {code: bool(self.cleaned_data.get(f"check-{code}")) for code, _l in CHECKLIST}

    def follow_ups(self) -> list[tuple[str, Any]]:
        return [
            (self.cleaned_data[f"action-{i}"], self.cleaned_data[f"due-{i}"])
            for i in range(FOLLOW_UP_ROWS)
            if self.cleaned_data.get(f"action-{i}")
        ]

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[f"check-{code}"] for code, _label in CHECKLIST]

    def follow_up_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"action-{i}"], self[f"due-{i}"]) for i in range(FOLLOW_UP_ROWS)]


class PhotoForm(forms.Form):
    file = CheckedFileField(
        label=_("Photo (JPEG or PNG, at most 10 MB)"),
        kinds=("jpeg", "png"),
        max_bytes=MAX_FILE_BYTES,
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=255)
