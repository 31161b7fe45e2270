from typing import Any

from django import forms
from django.forms.models import construct_instance
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from pazanga.common.uploads import CheckedFileField
from pazanga.directory.enums import Language, OrganisationKind
from pazanga.directory.models import Organisation
from pazanga.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from pazanga.events.models import AgendaItem, AudienceCategory, Event, Invitation, Venue
from pazanga.events.services import Registrant
from pazanga.questionnaires.enums import Purpose
from pazanga.questionnaires.models import Questionnaire

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


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *EventStatus.choices]
    )


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


# The staff form for creating and editing an event ------------------------------------

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    # The version the form was opened at; services.save_event refuses an older one.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Event
        fields = [
            "title_lt",
            "title_en",
            "slug",
            "summary_lt",
            "summary_en",
            "body_lt",
            "body_en",
            "starts_at",
            "ends_at",
            "venue",
            "organiser",
            "visibility",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "has_waiting_list",
            "offer_hours",
            "questionnaire",
            "consent_text_lt",
            "consent_text_en",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "summary_lt": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "consent_text_lt": forms.Textarea(attrs={"rows": 2}),
            "consent_text_en": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "slug": _("Latin letters, digits and hyphens; left empty, it is made from the title."),
            "venue": _("Or describe a new venue below."),
            "consent_text_lt": _("When filled in, registrants must tick it to register."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["organiser"].queryset = Organisation.objects.exclude(
            kind=OrganisationKind.BRANCH
        ).order_by("name")
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(
            purpose=Purpose.REGISTRATION
        ).order_by("code", "-version")
        self.initial.setdefault("version", self.instance.version)

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data.get("slug", "")
        return slug or free_slug(self.data.get("title_lt", ""), exclude=self.instance.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at", _("Registration must close by the end of the event.")
            )
        if data.get("consent_text_en") and not data.get("consent_text_lt"):
            self.add_error("consent_text_lt", _("Write the consent text in Lithuanian too."))
        return data


def free_slug(title: str, *, exclude: int | None) -> str:
    """A slug made from `title` that no other event uses (`-2`, `-3`… appended)."""
    base = slugify(title)[:70].strip("-") or "renginys"
    taken = set(
        Event.objects.filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    candidates = (base if n == 1 else f"{base}-{n}" for n in range(1, len(taken) + 2))
    return next(c for c in candidates if c not in taken)


class NewVenueForm(forms.ModelForm):
    """A venue not in the list yet; all empty means none."""

    map_url = forms.URLField(label=_("map link"), required=False, assume_scheme="https")

    class Meta:
        model = Venue
        fields = ["name_lt", "name_en", "address", "city", "map_url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    @property
    def is_filled(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if any(data.get(name) for name in self.fields):
            for name in ("name_lt", "address", "city"):
                if not data.get(name):
                    self.add_error(name, _("A new venue needs its name, address and city."))
        return data

    def _post_clean(self) -> None:
        """Only fill the instance: an existing venue with this name and address is reused
        (services.save_event), so the model's uniqueness check does not apply."""
        self.instance = construct_instance(self, self.instance)


class PositionedForm(forms.ModelForm):
    """A row of a list with an optional position: left empty, it goes first (0)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False

    def clean_position(self) -> int:
        return self.cleaned_data.get("position") or 0


class CategoryFormSetBase(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [f for f in self.forms if f.has_changed() or f.instance.pk]
        removed = [f for f in kept if self._should_delete_form(f)]
        # Errors on a removed row would not count (Django skips removed rows), hence here.
        problems = [
            forms.ValidationError(
                _("“%(name)s” has registrations or invitations, so it cannot be removed."),
                params={"name": form.instance.name},
            )
            for form in removed
            if form.instance.pk and category_is_used(form.instance)
        ]
        if len(kept) == len(removed):
            problems.append(
                forms.ValidationError(_("An event needs at least one audience category."))
            )
        if problems:
            raise forms.ValidationError(problems)


def category_is_used(category: AudienceCategory) -> bool:
    return category.registrations.exists() or Invitation.objects.filter(category=category).exists()


class AgendaItemForm(PositionedForm):
    class Meta:
        model = AgendaItem
        fields = [
            "position",
            "starts_at",
            "ends_at",
            "title_lt",
            "title_en",
            "description_lt",
            "description_en",
            "speakers",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "description_lt": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("An agenda item must end after it starts."))
        return data


CategoryFormSet = forms.inlineformset_factory(
    Event,
    AudienceCategory,
    form=PositionedForm,
    formset=CategoryFormSetBase,
    fields=["position", "code", "name_lt", "name_en", "quota", "needs_approval", "invitation_only"],
    extra=2,
    can_delete=True,
)
AgendaFormSet = forms.inlineformset_factory(
    Event, AgendaItem, form=AgendaItemForm, extra=3, can_delete=True
)


class EventEditor:
    """The event form, a new venue, the audience categories and the agenda, checked together."""

    def __init__(self, data: Any = None, *, event: Event) -> None:
        self.event = event
        self.form = EventForm(data, instance=event)
        self.venue = NewVenueForm(data, prefix="venue")
        self.categories = CategoryFormSet(data, instance=event, prefix="categories")
        self.agenda = AgendaFormSet(data, instance=event, prefix="agenda")

    def is_valid(self) -> bool:
        parts = (self.form, self.venue, self.categories, self.agenda)
        results = [part.is_valid() for part in parts]  # every part, for all the messages
        return all(results) and self.venue_is_one() and self.agenda_within_event()

    def venue_is_one(self) -> bool:
        if self.venue.is_filled and self.form.cleaned_data.get("venue"):
            self.form.add_error("venue", _("Choose a venue or describe a new one, not both."))
            return False
        return True

    def agenda_within_event(self) -> bool:
        starts, ends = self.form.cleaned_data["starts_at"], self.form.cleaned_data["ends_at"]
        fits = True
        for form in self.agenda.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE"):
                continue
            times = [t for t in (data.get("starts_at"), data.get("ends_at")) if t]
            if any(t < starts or t > ends for t in times):
                form.add_error(None, _("An agenda item must fall within the event's times."))
                fits = False
        return fits

    @property
    def new_venue(self) -> Venue | None:
        return self.venue.instance if self.venue.is_filled else None

    @property
    def changed(self) -> list[str]:
        names = [name for name in self.form.changed_data if name != "version"]
        if self.venue.is_filled:
            names.append("venue")
        names += [name for name in ("categories", "agenda") if getattr(self, name).has_changed()]
        return sorted(set(names))

    def save_related(self, event: Event) -> None:
        for formset in (self.categories, self.agenda):
            formset.instance = event
            formset.save()

    def conflicting_fields(self, current: Event) -> list[str]:
        """Labels of the fields where what is saved now differs from what was typed."""
        typed = self.form.cleaned_data
        return [
            str(self.form.fields[name].label)
            for name in self.form.Meta.fields
            if name in typed and getattr(current, name) != typed[name]
        ]

    def accept_version(self, version: int) -> None:
        """After a conflict: what was typed stays, and saving again overwrites version `version`."""
        data = self.form.data.copy()
        data["version"] = str(version)
        self.form.data = data
