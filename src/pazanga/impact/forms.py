"""Forms of the impact pages. Choices show labels; codes never reach a page."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from pazanga.common.uploads import CheckedFileField
from pazanga.impact.analysis import DESIGN_COLUMNS, PERSON_COLUMNS
from pazanga.impact.enums import Allocation, CalibrationVariable
from pazanga.impact.models import Indicator, Study, Wave
from pazanga.questionnaires.enums import Purpose
from pazanga.questionnaires.models import Questionnaire

MAX_UPLOAD = 60 * 1024 * 1024
TARGET_PARTS = ("variable", "category", "population", "source", "year")
PERCENT = 100
ROLE_LABELS = {
    "respondent": _("Respondent id"),
    "stratum": _("Stratum"),
    "psu": _("Cluster (primary sampling unit)"),
    "fpc": _("Population size of the stratum (finite population correction)"),
    "base_weight": _("Base weight"),
    "county": _("County (ISO code)"),
    "municipality": _("Municipality (ISO code)"),
    "urban_rural": _("Urban or rural"),
    "age_group": _("Age group"),
    "sex": _("Sex"),
    "education": _("Education"),
}


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = ["code", "kind", "name_lt", "name_en", "population_lt", "population_en"]


class WaveForm(forms.ModelForm):
    class Meta:
        model = Wave
        fields = [
            "code",
            "round",
            "year",
            "fieldwork_start",
            "fieldwork_end",
            "mode",
            "questionnaire",
            "uses_fpc",
            "lonely_psu",
            "min_n",
            "max_cv",
            "suppress",
            "trim_ratio",
        ]
        widgets = {
            "fieldwork_start": forms.DateInput(attrs={"type": "date"}),
            "fieldwork_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(
            programme=programme, purpose=Purpose.SURVEY
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("fieldwork_start"), data.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", _("Fieldwork cannot end before it starts."))
        return data


class UploadForm(forms.Form):
    file = CheckedFileField(
        label=_("Data file (CSV, Excel or SPSS .sav)"),
        kinds=("csv", "xlsx", "sav"),
        max_bytes=MAX_UPLOAD,
    )


class MappingForm(forms.Form):
    """Which file column holds each design variable, and which columns are answers."""

    replace = forms.BooleanField(
        label=_("Replace the wave's data (the previous version is kept)"), required=False
    )

    def __init__(self, *args: Any, header: list[str], guess: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —")), *((name, name) for name in header)]
        for role in (*DESIGN_COLUMNS, *PERSON_COLUMNS):
            self.fields[f"role_{role}"] = forms.ChoiceField(
                label=ROLE_LABELS[role], choices=choices, required=False, initial=guess.get(role)
            )
        taken = set(guess.values())
        self.fields["questions"] = forms.MultipleChoiceField(
            label=_("Columns kept as answers"),
            choices=[(name, name) for name in header],
            required=False,
            initial=[name for name in header if name not in taken],
            widget=forms.CheckboxSelectMultiple,
        )

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("role_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("role_") and value
        }


QUOTED = re.compile(r"(„[^“]*“|“[^”]*”)")


def variables_marked(text: str) -> SafeString:
    """The help text with each variable shown as code to type, followed by its label.

    The variables are typed as their codes; outside the example („…“) each one is marked
    as code and named by its label, so no bare code reaches the page.
    """
    labels = dict(CalibrationVariable.choices)
    codes = "|".join(map(re.escape, labels))
    variable = re.compile(rf"\b({codes})\b")
    parts = QUOTED.split(str(text))
    return mark_safe(  # noqa: S308 - every part is escaped, the codes are our own values
        "".join(
            escape(part)
            if index % 2
            else variable.sub(
                lambda found: f"<code>{found[1]}</code> ({escape(labels[found[1]])})",
                escape(part),
            )
            for index, part in enumerate(parts)
        )
    )


class TargetsForm(forms.Form):
    rows = forms.CharField(
        label=_("Population margins"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "One line each: variable, category, population, source, year; for example "
            "“sex, female, 1170000, Statistics Lithuania, 2014”. Variables: age_group, sex, "
            "urban_rural, county, education."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rows"].help_text = variables_marked(self.fields["rows"].help_text)

    def clean_rows(self) -> list[dict[str, Any]]:
        found = []
        allowed = set(CalibrationVariable.values)
        for number, line in enumerate(self.cleaned_data["rows"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            if len(parts) != len(TARGET_PARTS):
                raise forms.ValidationError(
                    _("Line %(line)s: give five parts separated by commas.") % {"line": number}
                )
            variable, category, population, source, year = parts
            if variable not in allowed:
                raise forms.ValidationError(
                    _("Line %(line)s: “%(variable)s” is not a variable margins are given for.")
                    % {"line": number, "variable": variable}
                )
            if not population.isdigit() or int(population) <= 0:
                raise forms.ValidationError(
                    _("Line %(line)s: the population must be a whole number above zero.")
                    % {"line": number}
                )
            if not year.isdigit():
                raise forms.ValidationError(
                    _("Line %(line)s: the year must be a number.") % {"line": number}
                )
            found.append(
                {
                    "variable": variable,
                    "category": category,
                    "population": int(population),
                    "source": source,
                    "year": int(year),
                }
            )
        if not found:
            raise forms.ValidationError(_("Give at least one margin."))
        return found


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_lt",
            "name_en",
            "area",
            "numerator",
            "population_filter",
            "unit",
            "period_lt",
            "period_en",
            "is_public",
        ]


class PlannerForm(forms.Form):
    margin = forms.DecimalField(
        label=_("Margin of error of a national share (percentage points)"),
        initial=3,
        min_value=0.1,
        max_value=50,
    )
    change = forms.DecimalField(
        label=_("Change of the urban–rural gap to detect (percentage points)"),
        initial=10,
        min_value=0.5,
        max_value=90,
    )
    share = forms.DecimalField(label=_("Expected share (%)"), initial=50, min_value=1, max_value=99)
    deff = forms.DecimalField(label=_("Design effect"), initial=1.5, min_value=0.1, max_value=20)
    rural_share = forms.DecimalField(
        label=_("Rural share of the sample (%)"), initial=33, min_value=1, max_value=99
    )
    confidence = forms.DecimalField(
        label=_("Confidence (%)"), initial=95, min_value=50, max_value=99.9
    )
    power = forms.DecimalField(label=_("Power (%)"), initial=80, min_value=50, max_value=99.9)
    allocation = forms.ChoiceField(label=_("Allocation"), choices=Allocation.choices)
    strata = forms.CharField(
        label=_("Strata"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One line each: name, population, expected share (%)."),
    )

    def clean_strata(self) -> list[tuple[str, float, float]]:
        found = []
        for number, line in enumerate(self.cleaned_data["strata"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            try:
                name, population, share = parts[0], float(parts[1]), float(parts[2])
            except (IndexError, ValueError):
                raise forms.ValidationError(
                    _("Line %(line)s: give a name, a population and an expected share.")
                    % {"line": number}
                ) from None
            if population <= 0 or not 0 < share < PERCENT:
                raise forms.ValidationError(
                    _(
                        "Line %(line)s: the population must be above zero and the share "
                        "between 0 and 100."
                    )
                    % {"line": number}
                )
            found.append((name, population, share))
        return found


class CompareForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    first = forms.ModelChoiceField(label=_("Earlier wave"), queryset=Wave.objects.none())
    second = forms.ModelChoiceField(label=_("Later wave"), queryset=Wave.objects.none())

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(programme=programme)
        waves = Wave.objects.filter(study__programme=programme).select_related("study")
        self.fields["first"].queryset = waves
        self.fields["second"].queryset = waves
