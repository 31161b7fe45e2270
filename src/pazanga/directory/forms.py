from django import forms
from django.utils.translation import gettext_lazy as _

from pazanga.common.formats import LithuanianOrderChoiceField
from pazanga.common.text import words
from pazanga.directory.enums import OrganisationKind, Settlement
from pazanga.directory.models import County, Municipality, User

SEARCH_MAX_LENGTH = 100


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": _("Search text can be at most %(limit_value)d characters long.")
        },
    )
    county = LithuanianOrderChoiceField(
        label=_("County"), queryset=County.objects.all(), required=False, empty_label=_("All")
    )
    municipality = LithuanianOrderChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *OrganisationKind.choices], required=False
    )
    settlement = forms.ChoiceField(
        label=_("Settlement"), choices=[("", _("All")), *Settlement.choices], required=False
    )

    def clean_q(self) -> str:
        text = self.cleaned_data["q"].strip()
        if text and not words(text):
            raise forms.ValidationError(_("Type at least one letter or digit to search for."))
        return text

    def filter(self, organisations):  # type: ignore[no-untyped-def]
        """Apply the valid filters; an invalid form filters nothing and shows its errors."""
        if not self.is_valid():
            return organisations.none()
        data = self.cleaned_data
        if data["q"]:
            organisations = organisations.matching(data["q"])
        if data["county"]:
            organisations = organisations.filter(municipality__county=data["county"])
        if data["municipality"]:
            organisations = organisations.filter(municipality=data["municipality"])
        if data["kind"]:
            organisations = organisations.filter(kind=data["kind"])
        if data["settlement"]:
            organisations = organisations.filter(settlement=data["settlement"])
        return organisations


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "position", "phone", "preferred_language"]
