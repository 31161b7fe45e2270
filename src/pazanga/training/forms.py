from datetime import date
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pazanga.directory.models import County, Municipality, User
from pazanga.events.enums import AttendanceStatus, EventStatus
from pazanga.questionnaires.enums import Purpose
from pazanga.questionnaires.models import Questionnaire
from pazanga.training.access import programme_trainers
from pazanga.training.enums import Instrument
from pazanga.training.models import Course, Module, Session, Trainer
from pazanga.training.queries import trainer_candidates
from pazanga.training.services import PLAN_FIELDS, SessionPlan, plan_differences, plan_of

MONTH_FORMAT = "%Y-%m"


class CalendarFilterForm(forms.Form):
    module = forms.ModelChoiceField(
        Module.objects.order_by("position"), label=_("Module"), required=False
    )
    county = forms.ModelChoiceField(
        County.objects.order_by("name_lt"), label=_("County"), required=False
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=[MONTH_FORMAT],
        widget=forms.DateInput(attrs={"type": "month"}, format=MONTH_FORMAT),
        error_messages={"invalid": _("Give the month as YYYY-MM, e.g. 2014-05.")},
    )
    past = forms.BooleanField(label=_("Include past sessions"), required=False)


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Sessions that started in this year; empty for all years."),
    )
    county = forms.ModelChoiceField(
        County.objects.order_by("name_lt"), label=_("County"), required=False
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


INSTRUMENT_PURPOSES = {
    Instrument.PRE_TEST: (Purpose.TEST,),
    Instrument.POST_TEST: (Purpose.TEST,),
    Instrument.FEEDBACK: (Purpose.FEEDBACK, Purpose.SURVEY),
    Instrument.FOLLOW_UP: (Purpose.SURVEY, Purpose.FEEDBACK),
}


def questionnaire_choice(instrument: Instrument) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        Questionnaire.objects.filter(purpose__in=INSTRUMENT_PURPOSES[instrument]).order_by(
            "code", "-version"
        ),
        label=instrument.label,
        required=False,
        empty_label=_("The course's default"),
    )


class SessionPlanForm(forms.Form):
    """Planning a session, or editing one (`session`): the same fields, one service."""

    course = forms.ModelChoiceField(Course.objects.order_by("code"), label=_("Course"))
    municipality = forms.ModelChoiceField(
        Municipality.objects.order_by("name_lt"), label=_("Municipality")
    )
    title_lt = forms.CharField(label=_("Title (Lithuanian)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    venue_name = forms.CharField(label=_("Venue"), max_length=200)
    venue_address = forms.CharField(label=_("Address"), max_length=255)
    venue_city = forms.CharField(label=_("City or town"), max_length=100)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=25)
    library_quota = forms.IntegerField(
        label=_("Places per library"),
        min_value=1,
        max_value=50,
        initial=2,
        help_text=_("At most this many staff of one library may enrol."),
    )
    trainers = forms.ModelMultipleChoiceField(
        Trainer.objects.select_related("user"),
        label=_("Trainers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pre_test = questionnaire_choice(Instrument.PRE_TEST)
    post_test = questionnaire_choice(Instrument.POST_TEST)
    feedback = questionnaire_choice(Instrument.FEEDBACK)
    follow_up = questionnaire_choice(Instrument.FOLLOW_UP)
    publish = forms.BooleanField(
        label=_("Publish now (open for enrolment)"), required=False, initial=True
    )
    # The event's version the form was opened at: a save over a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, session: Session | None = None, **kwargs: Any) -> None:
        self.session = session
        if session is not None:
            kwargs.setdefault("initial", self.initial_of(session))
        super().__init__(*args, **kwargs)
        # The programme's trainers, and whoever teaches this session already.
        offered = Q(pk__in=programme_trainers().values("pk"))
        if session is not None:
            offered |= Q(sessions=session)
        trainers = self.fields["trainers"]
        trainers.queryset = trainers.queryset.filter(offered).distinct()  # type: ignore[attr-defined]
        if session is not None and session.event.status != EventStatus.DRAFT:
            del self.fields["publish"]  # publishing is for drafts; cancelling has its own page

    @staticmethod
    def initial_of(session: Session) -> dict[str, Any]:
        plan = plan_of(session)
        initial = {name: getattr(plan, name) for name in PLAN_FIELDS}
        initial["starts_at"] = timezone.localtime(plan.starts_at)
        initial["ends_at"] = timezone.localtime(plan.ends_at)
        initial["trainers"] = list(plan.trainers)
        initial["publish"] = False
        initial["version"] = session.event.version
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        moved = self.session is None or starts != self.session.event.starts_at
        if starts and moved and starts <= timezone.now():
            self.add_error("starts_at", _("A session must start in the future."))
        if self.session is not None and not data.get("version"):
            self.add_error(None, _("The form is incomplete: open the session's page again."))
        return data

    def plan(self) -> SessionPlan:
        data = self.cleaned_data
        values = {name: data[name] for name in PLAN_FIELDS if name != "trainers"}
        return SessionPlan(
            **values,
            trainers=tuple(data["trainers"]),
            publish=data.get("publish", False),
        )

    def conflicting_fields(self, current: Session) -> list[str]:
        """Labels of the fields where what is saved now differs from what was typed."""
        names = plan_differences(plan_of(current), self.plan())
        return [str(self.fields[name].label) for name in names]

    def accept_version(self, version: int) -> None:
        """After a conflict: what was typed stays, and saving again overwrites `version`."""
        data = self.data.copy()
        data["version"] = str(version)
        self.data = data


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.email})"


class TrainerForm(forms.ModelForm):  # type: ignore[type-arg]
    """A trainer's profile: the person (only when adding), bilingual bio and modules."""

    user = PersonChoiceField(
        queryset=User.objects.none(),  # set per form: who may have a profile changes
        label=_("Person"),
        help_text=_("People who hold the trainer role in the programme and have no profile yet."),
    )
    modules = forms.ModelMultipleChoiceField(
        Module.objects.order_by("position", "code"),
        label=_("Modules they teach"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Trainer
        fields = ["user", "bio_lt", "bio_en", "modules"]
        widgets = {
            "bio_lt": forms.Textarea(attrs={"rows": 5}),
            "bio_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["user"]  # a profile stays with its person
        else:
            self.fields["user"].queryset = trainer_candidates()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("bio_en") and not data.get("bio_lt"):
            self.add_error("bio_lt", _("Write the biography in Lithuanian too."))
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the applicant (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceCellForm(forms.Form):
    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=AttendanceStatus.choices, label=_("Attendance"))

    def clean_day(self) -> date:
        value: date = self.cleaned_data["day"]
        return value
