from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Workplan workbook (.xlsx) or CSV file"),
        help_text=_("Columns as in the exported workbook; its second sheet explains them."),
    )


class BaselineForm(forms.Form):
    name = forms.CharField(label=_("Name of the baseline"), max_length=120)


class LinkForm(forms.Form):
    record = forms.ChoiceField(label=_("Record to link"))

    def __init__(self, *args, choices, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [("", "—"), *choices]
