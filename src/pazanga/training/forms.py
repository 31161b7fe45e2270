from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pazanga.directory.models import County, Municipality
from pazanga.events.enums import AttendanceStatus
from pazanga.training.models import Course, Module, Trainer
from pazanga.training.services import SessionPlan

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


class SessionPlanForm(forms.Form):
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
    publish = forms.BooleanField(
        label=_("Publish now (open for enrolment)"), required=False, initial=True
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        if starts and starts <= timezone.now():
            self.add_error("starts_at", _("A new session must start in the future."))
        return data

    def plan(self) -> SessionPlan:
        data = self.cleaned_data
        return SessionPlan(
            course=data["course"],
            municipality=data["municipality"],
            title_lt=data["title_lt"],
            title_en=data["title_en"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue_name=data["venue_name"],
            venue_address=data["venue_address"],
            venue_city=data["venue_city"],
            capacity=data["capacity"],
            library_quota=data["library_quota"],
            trainers=tuple(data["trainers"]),
            publish=data["publish"],
        )


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
