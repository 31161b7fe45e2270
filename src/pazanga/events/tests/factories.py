from datetime import datetime
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.models import AudienceCategory, Event, Registration, Venue
from pazanga.programme.tests.factories import ProgrammeFactory

VILNIUS = ZoneInfo("Europe/Vilnius")


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("name_lt", "address")

    name_lt = "Kauno apskrities viešoji biblioteka"
    name_en = "Kaunas County Public Library"
    address = "Radastų g. 2"
    city = "Kaunas"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"seminaras-{n}")
    title_lt = factory.Sequence(lambda n: f"Regioninis seminaras Nr. {n}")
    title_en = factory.Sequence(lambda n: f"Regional seminar No. {n}")
    summary_lt = "Seminaras bibliotekininkams."
    summary_en = "A seminar for librarians."
    starts_at = datetime(2014, 5, 20, 10, 0, tzinfo=VILNIUS)
    ends_at = datetime(2014, 5, 20, 16, 0, tzinfo=VILNIUS)
    venue = factory.SubFactory(VenueFactory)
    status = EventStatus.PUBLISHED
    capacity = 2


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = AudienceCategory

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"cat{n}")
    name_lt = "Bibliotekininkai"
    name_en = "Librarians"


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    category = factory.SubFactory(CategoryFactory)
    event = factory.SelfAttribute("category.event")
    first_name = "Ona"
    last_name = factory.Sequence(lambda n: f"Petraitytė{n}")
    email = factory.Sequence(lambda n: f"dalyvis{n}@example.org")
    organisation_name = "Alytaus biblioteka"
    status = RegistrationStatus.CONFIRMED
