"""The eligibility rule "someone at the library completed training module X" reads training."""

from decimal import Decimal

import pytest
from django.utils import timezone

from pazanga.directory.tests.factories import MunicipalityFactory, UserFactory
from pazanga.events.tests.factories import RegistrationFactory
from pazanga.grants.eligibility import training_check
from pazanga.grants.tests.factories import CallFactory, complete_application
from pazanga.training.models import Completion, Course, Enrolment, Module, Session

pytestmark = pytest.mark.django_db


def record_completion(library, module_code):  # type: ignore[no-untyped-def]
    module = Module.objects.create(
        code=module_code, name_lt="Projektų valdymas", name_en="PM", hours=Decimal(16)
    )
    course = Course.objects.create(code=module_code, title_lt="Kursas", title_en="Course")
    registration = RegistrationFactory()
    session = Session.objects.create(
        event=registration.event, course=course, municipality=MunicipalityFactory()
    )
    person = UserFactory(organisation=library)
    enrolment = Enrolment.objects.create(
        session=session,
        registration=registration,
        person=person,
        library=library,
        created_at=timezone.now(),
    )
    Completion.objects.create(
        person=person, module=module, enrolment=enrolment, completed_at=timezone.now()
    )


def test_an_application_passes_once_its_library_completed_the_module(library_a, library_b):
    call = CallFactory(required_training_module="project-management")
    record_completion(library_a, "project-management")
    trained = complete_application(call=call, library=library_a)
    untrained = complete_application(call=call, library=library_b)
    assert training_check(call, trained).passed is True
    assert training_check(call, untrained).passed is False


def test_a_call_without_the_rule_does_not_check_training(library_a):
    call = CallFactory(required_training_module="")
    assert training_check(call, complete_application(call=call, library=library_a)) is None
