"""Every impact view for every persona: managers (programme staff, researchers), readers
(partners and funders too), researchers alone for microdata, everyone for the public
results; another programme's objects do not exist here."""

import pytest
from django.urls import reverse

from pazanga.impact.enums import WaveStatus
from pazanga.impact.tests.factories import IndicatorFactory, WaveFactory, with_data

pytestmark = pytest.mark.django_db

PERSONAS = ("staff_member", "researcher", "partner", "librarian_a", "reviewer", "outsider")
MANAGERS = {"staff_member", "researcher"}
READERS = MANAGERS | {"partner"}


@pytest.fixture
def objects(programme):
    wave = with_data(WaveFactory(study__programme=programme))
    indicator = IndicatorFactory(programme=programme)
    return {"wave": wave, "study": wave.study, "indicator": indicator}


def views(objects):  # type: ignore[no-untyped-def]
    wave, study, indicator = objects["wave"], objects["study"], objects["indicator"]
    return [
        ("impact:home", [], READERS),
        ("impact:study", [study.pk], READERS),
        ("impact:wave", [wave.pk], READERS),
        ("impact:results", [wave.pk], READERS),
        ("impact:estimates", [wave.pk, "csv"], READERS),
        ("impact:annex", [wave.pk], READERS),
        ("impact:indicators", [], READERS),
        ("impact:compare", [], READERS),
        ("impact:study_new", [], MANAGERS),
        ("impact:wave_new", [study.pk], MANAGERS),
        ("impact:wave_edit", [wave.pk], MANAGERS),
        ("impact:upload", [wave.pk], MANAGERS),
        ("impact:targets", [wave.pk], MANAGERS),
        ("impact:indicator_new", [], MANAGERS),
        ("impact:indicator_edit", [indicator.pk], MANAGERS),
        ("impact:planner", [], MANAGERS),
        ("impact:microdata", [wave.pk, "csv"], {"researcher"}),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_view_for_every_persona(request, client_of, objects, persona):
    client = client_of(request.getfixturevalue(persona))
    for name, args, allowed in views(objects):
        response = client.get(reverse(name, args=args))
        expected = 200 if persona in allowed else 403
        assert response.status_code == expected, (persona, name, response.status_code)


def test_a_visitor_is_sent_to_log_in(client, objects):
    for name, args, _allowed in views(objects):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "login" in response["Location"], name


def test_another_programmes_objects_do_not_exist_here(
    client_of, staff_member, researcher, other_programme
):
    wave = with_data(WaveFactory(study__programme=other_programme))
    indicator = IndicatorFactory(programme=other_programme)
    other = {"wave": wave, "study": wave.study, "indicator": indicator}
    for user in (staff_member, researcher):
        client = client_of(user)
        for name, args, allowed in views(other):
            if not args or not (allowed & {"staff_member", "researcher"}):
                continue
            if user == staff_member and name == "impact:microdata":
                continue
            assert client.get(reverse(name, args=args)).status_code == 404, name


def test_the_public_sees_published_aggregates_only(client, programme):
    wave = with_data(WaveFactory(study__programme=programme))
    indicator = IndicatorFactory(programme=programme)
    assert client.get(reverse("impact:public_indicator", args=[indicator.pk])).status_code == 404
    assert client.get("/lt/impact/").status_code == 200
    assert wave.status == WaveStatus.DATA_IN


WRITES = ("impact:weight", "impact:collect", "impact:mapping")


@pytest.mark.parametrize("persona", PERSONAS)
def test_writes_need_a_manager(request, client_of, objects, persona):
    """Posting to the screens that change a wave: managers are answered (and sent back to
    the wave), everyone else is refused."""
    wave = objects["wave"]
    client = client_of(request.getfixturevalue(persona))
    for name in WRITES:
        response = client.post(reverse(name, args=[wave.pk]))
        assert response.status_code == (302 if persona in MANAGERS else 403), (persona, name)
    response = client.post(reverse("impact:wave_status", args=[wave.pk, "fieldwork"]))
    assert response.status_code == (302 if persona in MANAGERS else 403)
