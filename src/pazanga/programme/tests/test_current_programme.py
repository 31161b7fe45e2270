"""The current programme is read once per request, and afresh outside requests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pazanga.programme.enums import ProgrammeStatus
from pazanga.programme.models import Programme
from pazanga.programme.permissions import current_programme


def programme_reads(captured: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in captured.captured_queries
        if 'FROM "programme_programme"' in q["sql"] and "status" in q["sql"]
    )


def test_it_reads_the_current_programme_once_per_request(client_of, staff_member):
    client = client_of(staff_member)
    url = reverse("training:manage")
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert programme_reads(first) == programme_reads(second) == 1


def test_outside_a_request_every_call_sees_the_database(programme):
    assert current_programme() == programme
    Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.PAST)
    assert current_programme() is None
