from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pazanga.directory.enums import LIBRARY_KINDS
from pazanga.directory.models import Organisation, User
from pazanga.programme.services import request_library_staff_role


class LibraryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


def library_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Libraries grouped by municipality, for the sign-up form's select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    libraries = (
        Organisation.objects.filter(kind__in=LIBRARY_KINDS)
        .select_related("municipality")
        .order_by("municipality__name_lt", "parent_id", "name")
    )
    for library in libraries:
        label = library.municipality.name_lt if library.municipality else "—"
        groups.setdefault(label, []).append((library.pk, library.name))
    return list(groups.items())


class LibraryStaffSignupForm(forms.Form):
    """Extra fields allauth adds to its sign-up form: who you are and where you work."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    library = LibraryChoiceField(
        label=_("Your library"),
        queryset=Organisation.objects.filter(kind__in=LIBRARY_KINDS),
        help_text=_("Programme staff will confirm that you work there."),
        error_messages={"invalid_choice": _("Choose a library from the list.")},
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("preferred_language").choices
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["library"].choices = [("", "---------"), *library_choices()]
        # People signing up on the English pages most likely want English e-mails.
        self.fields["preferred_language"].initial = (get_language() or "lt").split("-")[0]

    def signup(self, request, user: User) -> None:  # type: ignore[no-untyped-def]
        """Called by allauth once the account exists."""
        request_library_staff_role(user, **self.cleaned_data)
