"""The 2014 demo year: sessions in every county, true-to-data reports, loads once."""

import pytest
from django.core.management import call_command

from pazanga.directory.models import County
from pazanga.events.models import Certificate, Registration
from pazanga.training import reports
from pazanga.training.models import Completion, Enrolment, Session

pytestmark = pytest.mark.django_db


def test_the_demo_year_is_complete_and_loads_once():
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    counts = (Session.objects.count(), Enrolment.objects.count(), Completion.objects.count())
    year = Session.objects.filter(event__starts_at__year=2014)
    assert 55 <= year.count() <= 65
    counties = set(year.values_list("municipality__county", flat=True))
    assert counties == set(County.objects.values_list("pk", flat=True))
    assert year.filter(trainers__user__email="lektore@pazanga.example").count() >= 3
    # Every session is an event with its own registrations; titles are marked.
    assert all(s.event.title_lt.startswith("[Demo]") for s in year.select_related("event"))
    assert Registration.objects.filter(enrolment__isnull=False).count() == counts[1]
    # At most two staff of one library per session.
    per_library = Enrolment.objects.values("session", "library").distinct().count()
    assert per_library >= counts[1] / 2
    # Completions have certificates; the reports show what the data says.
    assert Completion.objects.filter(certificate__isnull=True).count() == 0
    assert Certificate.objects.filter(serial__startswith="BP2M-2014-").count() == counts[2]
    coverage = reports.coverage_by_county(reports.Scope(2014)).rows[-1]
    assert (
        coverage[2] > 100 and coverage[5] == Completion.objects.values("person").distinct().count()
    )
    gain = reports.knowledge_gain(reports.session_facts(reports.Scope(2014)))[0].rows
    assert len(gain) == 9  # eight modules and all together
    assert all(row[4] > 0 for row in gain)
    assert Session.objects.filter(event__starts_at__year__gt=2014).count() == 3
    call_command("load_demo", verbosity=0)
    assert (
        Session.objects.count(),
        Enrolment.objects.count(),
        Completion.objects.count(),
    ) == counts
