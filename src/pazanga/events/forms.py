from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pazanga.common.uploads import CheckedFileField
from pazanga.directory.enums import Language
from pazanga.events.enums import AttendanceStatus, RegistrationStatus
from pazanga.events.models import AudienceCategory, Event, Invitation
from pazanga.events.services import Registrant

INVITATION_FILE_MAX_BYTES = 2 * 1024 * 1024


class RegistrationForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("I am registering as"), queryset=AudienceCategory.objects.none(), empty_label=None
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255)
    job_title = forms.CharField(label=_("Position"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language for e-mails"), choices=Language.choices)
    consent = forms.BooleanField(label=_("I agree"), required=False)

    def __init__(
        self, *args: Any, event: Event, user: Any, invitation: Invitation | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.event, self.user, self.invitation = event, user, invitation
        categories = event.categories.all()
        if invitation is not None:
            categories = categories.filter(pk=invitation.category_id)
            self.fields["email"].disabled = True
            self.initial.update(
                email=invitation.email,
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                organisation_name=invitation.organisation_name,
                language=invitation.language,
            )
        else:
            categories = categories.filter(invitation_only=False)
        self.fields["category"].queryset = categories
        if getattr(user, "is_authenticated", False) and invitation is None:
            self.initial.update(
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                organisation_name=user.organisation.name if user.organisation else "",
                job_title=user.position,
                language=user.preferred_language,
            )
        if event.consent_text_lt:
            self.fields["consent"].label = event.consent_text
            self.fields["consent"].required = True
        else:
            del self.fields["consent"]

    def registrant(self) -> Registrant:
        data = self.cleaned_data
        organisation = None
        user = self.user
        if (
            getattr(user, "is_authenticated", False)
            and user.organisation
            and data["organisation_name"].strip() == user.organisation.name
        ):
            organisation = user.organisation
        return Registrant(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            organisation=organisation,
            organisation_name=data["organisation_name"],
            job_title=data["job_title"],
            language=data["language"],
        )


class WalkInForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=AudienceCategory.objects.none(), empty_label=None
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = event.categories.all()

    def registrant(self, language: str) -> Registrant:
        data = self.cleaned_data
        return Registrant(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            organisation_name=data["organisation_name"],
            language=language,
        )


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *RegistrationStatus.choices]
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    attended_on = forms.TypedChoiceField(label=_("Attended on"), required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("all")),
            *((c.code, c.name) for c in event.categories.all()),
        ]
        self.fields["attended_on"].choices = [
            ("", _("any")),
            *((d.isoformat(), d.isoformat()) for d in event.days),
        ]


class InvitationUploadForm(forms.Form):
    file = CheckedFileField(
        label=_("File with invitees (CSV or XLSX)"),
        kinds=("csv", "xlsx"),
        max_bytes=INVITATION_FILE_MAX_BYTES,
        help_text=_(
            "Columns: email, first_name, last_name, organisation, category, language. "
            "The first row names the columns."
        ),
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class AttendanceForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Attendance"), choices=AttendanceStatus.choices)


class DoorStaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a registered user"))
