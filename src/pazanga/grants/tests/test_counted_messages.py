"""Counted messages use every Lithuanian plural form (1, 2–9, 10–20, 21…) and English."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from pazanga.grants.infeasibility import infeasibility_message
from pazanga.grants.models import CountyMinimum
from pazanga.grants.services import AssignmentReport
from pazanga.grants.solvers.assignment import Reason
from pazanga.grants.tests.factories import ApplicationFactory
from pazanga.grants.views.process import assignment_summary

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 paliktas paskyrimas dabar yra interesų konfliktas."),
        (3, "3 palikti paskyrimai dabar yra interesų konfliktai."),
        (12, "12 paliktų paskyrimų dabar yra interesų konfliktai."),
        (21, "21 paliktas paskyrimas dabar yra interesų konfliktas."),
    ],
)
def test_an_infeasibility_reason_counts_in_lithuanian(count, expected):
    with translation.override("lt"):
        assert infeasibility_message(Reason("fixed_pair_forbidden", (("count", count),)), []) == (
            expected
        )


def test_an_infeasibility_reason_names_the_application_and_counts_in_english(call):
    application = ApplicationFactory(call=call, reference="BP2-2015-004")
    reason = Reason("too_few_candidates", (("application", 0), ("available", 1), ("k", 3)))
    with translation.override("en"):
        assert infeasibility_message(reason, [application]) == (
            "BP2-2015-004 has 1 reviewer without a conflict of interest; it needs 3."
        )
    with translation.override("lt"):
        assert infeasibility_message(reason, [application]) == (
            "BP2-2015-004 turi 1 vertintoją be interesų konflikto, o reikia 3."
        )


def test_the_assignment_summary_counts_each_figure():
    report = AssignmentReport(applications=1, reviewers=3, created=12, kept=0, total_affinity=1.5)
    with translation.override("lt"):
        assert assignment_summary(report) == (
            "Vertintojai paskirti 1 paraiškai. Komisijoje yra 3 vertintojai. "
            "Sukurta 12 naujų paskyrimų. Palikta 0 ankstesnių paskyrimų. "
            "Bendras atitikimas – 1,50."
        )
    with translation.override("en"):
        assert assignment_summary(report) == (
            "Reviewers were assigned to 1 application. The panel has 3 reviewers. "
            "12 assignments are new. 0 assignments were kept. The total match is 1.50."
        )


def test_recomputing_conflicts_reports_the_count_in_words(client_of, staff_member, call):
    response = client_of(staff_member).post(reverse("grants:conflicts", args=[call.pk]))
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["Interesų konfliktai perskaičiuoti: rasta 0 konfliktų."]


def test_county_minimums_on_the_call_page_agree_with_their_number(client, call):
    from pazanga.directory.tests.factories import CountyFactory

    CountyMinimum.objects.create(call=call, county=CountyFactory(name_lt="Alytaus"), minimum=1)
    CountyMinimum.objects.create(call=call, county=CountyFactory(name_lt="Kauno"), minimum=2)
    page = client.get(reverse("grants:call", args=[call.pk])).content.decode()
    assert "Alytaus: ne mažiau kaip 1 dotacija" in page
    assert "Kauno: ne mažiau kaip 2 dotacijos" in page
