"""Workplan activities and what hangs on them."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from pazanga.programme.tests.factories import ProgrammeFactory
from pazanga.workplan.enums import Funder, IndicatorLevel, Level, Measure
from pazanga.workplan.models import (
    Activity,
    ActivityLink,
    BudgetLine,
    ResultIndicator,
    ResultTarget,
)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    level = Level.COMPONENT
    name_lt = factory.Sequence(lambda n: f"Veikla Nr. {n + 1}")
    name_en = factory.Sequence(lambda n: f"Activity No. {n + 1}")
    planned_start = date(2014, 1, 1)
    planned_end = date(2014, 12, 31)
    position = factory.Sequence(lambda n: n)


def link(activity: Activity, record) -> ActivityLink:  # type: ignore[no-untyped-def]
    return ActivityLink.objects.create(
        activity=activity,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
    )


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    activity = factory.SubFactory(ActivityFactory)
    funder = Funder.GATES
    year = 2014
    amount = Decimal("345280.00")
    currency = "LTL"


class ResultIndicatorFactory(DjangoModelFactory):
    class Meta:
        model = ResultIndicator

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    level = IndicatorLevel.OUTPUT
    name_lt = factory.Sequence(lambda n: f"Rodiklis Nr. {n}")
    name_en = factory.Sequence(lambda n: f"Indicator No. {n}")
    unit_lt = "vienetai"
    unit_en = "units"
    measure = Measure.REPORTED


class ResultTargetFactory(DjangoModelFactory):
    class Meta:
        model = ResultTarget

    indicator = factory.SubFactory(ResultIndicatorFactory)
    year = 2015
    target = Decimal(10)
