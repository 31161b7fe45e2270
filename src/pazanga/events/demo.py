"""Demo events: regional seminars of 2014 (past, with attendance and certificates) and an
experience-sharing seminar a month from the day the demo is loaded (open for registration,
full, with a waiting list and approvals). Titles start with "[Demo]"; rows are is_demo.
Rows are created in their final states directly: this is seeding, not people's actions."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from pazanga.directory.models import User
from pazanga.events import services
from pazanga.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from pazanga.events.models import (
    Attendance,
    AudienceCategory,
    DoorStaff,
    Event,
    Registration,
    Venue,
)
from pazanga.programme.models import Programme

VILNIUS = ZoneInfo("Europe/Vilnius")
SEMINAR_TOWNS = (
    ("Kaunas", "Kaune", 3, 18),
    ("Klaipėda", "Klaipėdoje", 4, 8),
    ("Šiauliai", "Šiauliuose", 4, 23),
    ("Panevėžys", "Panevėžyje", 5, 14),
    ("Alytus", "Alytuje", 5, 28),
    ("Utena", "Utenoje", 6, 11),
)
S = RegistrationStatus
TRAINER_EMAIL = "lektore@pazanga.example"


def load(rng: random.Random) -> None:
    programme = Programme.objects.filter(code="bp2").first()
    if programme is None or Event.objects.filter(is_demo=True).exists():
        return
    people = list(
        User.objects.filter(is_demo=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")[:600]
    )
    if not people:
        return
    rng.shuffle(people)
    for index, (town, locative, month, day) in enumerate(SEMINAR_TOWNS):
        starts = datetime(2014, month, day, 10, 0, tzinfo=VILNIUS)
        event = demo_event(
            programme,
            slug=f"demo-regioninis-seminaras-{index + 1}",
            title_lt=f"[Demo] Regioninis seminaras {locative}",
            title_en=f"[Demo] Regional seminar in {town}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=6),
            venue=demo_venue(town),
            capacity=40,
        )
        category = demo_category(event, "libraries", "Bibliotekų darbuotojai", "Library staff")
        attendees = people[index * 35 : index * 35 + 35]
        registrations = add_registrations(event, category, attendees, S.CONFIRMED)
        record_demo_attendance(rng, event, registrations)
    add_sharing_seminar(programme, people[250:300])


def demo_event(programme: Programme, **fields: object) -> Event:
    return Event.objects.create(
        programme=programme,
        status=EventStatus.PUBLISHED,
        summary_lt="Demonstraciniai duomenys: seminaras viešųjų bibliotekų darbuotojams.",
        summary_en="Demo data: a seminar for public library staff.",
        is_demo=True,
        **fields,
    )


def demo_venue(town: str) -> Venue:
    venue, _created = Venue.objects.get_or_create(
        name_lt=f"[Demo] {town} viešoji biblioteka",
        address="Bibliotekos g. 1",
        defaults={"name_en": f"[Demo] {town} public library", "city": town},
    )
    return venue


def demo_category(
    event: Event, code: str, name_lt: str, name_en: str, **rules: object
) -> AudienceCategory:
    return AudienceCategory.objects.create(
        event=event, code=code, name_lt=name_lt, name_en=name_en, **rules
    )


def add_registrations(
    event: Event, category: AudienceCategory, people: list[User], status: str
) -> list[Registration]:
    moment = event.starts_at - timedelta(days=20)
    return Registration.objects.bulk_create(
        Registration(
            event=event,
            category=category,
            user=person,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            organisation=person.organisation,
            organisation_name=person.organisation.name if person.organisation else "",
            job_title=person.position,
            status=status,
            consent_given_at=moment,
            created_at=moment + timedelta(minutes=n),
            decided_at=moment + timedelta(minutes=n),
            is_demo=True,
        )
        for n, person in enumerate(people)
    )


def record_demo_attendance(
    rng: random.Random, event: Event, registrations: list[Registration]
) -> None:
    day = event.days[0]
    check_in_time = datetime.combine(day, time(9, 40), tzinfo=VILNIUS)
    statuses = rng.choices(
        [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT],
        weights=[85, 7, 8],
        k=len(registrations),
    )
    Attendance.objects.bulk_create(
        Attendance(
            registration=r,
            day=day,
            status=status,
            checked_in_at=check_in_time if status != AttendanceStatus.ABSENT else None,
        )
        for r, status in zip(registrations, statuses, strict=True)
    )
    attended = [
        r for r, s in zip(registrations, statuses, strict=True) if s != AttendanceStatus.ABSENT
    ]
    for registration in attended:
        services.issue_certificate(registration, actor=None)


def add_sharing_seminar(programme: Programme, people: list[User]) -> None:
    """Upcoming, full: 20 seats, 3 awaiting approval, 5 on the waiting list."""
    start_day = timezone.localdate() + timedelta(days=30)
    starts = datetime.combine(start_day, time(10, 0), tzinfo=VILNIUS)
    event = demo_event(
        programme,
        slug="demo-geruju-patirciu-seminaras",
        title_lt="[Demo] Gerųjų patirčių sklaidos seminaras",
        title_en="[Demo] Experience-sharing seminar",
        starts_at=starts,
        ends_at=starts + timedelta(days=1, hours=6),
        venue=demo_venue("Vilnius"),
        capacity=20,
        registration_closes_at=starts - timedelta(days=2),
        consent_text_lt="Sutinku, kad mano duomenys būtų tvarkomi renginio organizavimo tikslais.",
        consent_text_en="I agree that my data is processed to organise the event.",
    )
    libraries = demo_category(event, "libraries", "Bibliotekų darbuotojai", "Library staff")
    partners = demo_category(
        event, "partners", "Partneriai", "Partners", needs_approval=True, quota=5
    )
    add_registrations(event, libraries, people[:17], S.CONFIRMED)
    add_registrations(event, partners, people[17:20], S.PENDING)
    add_registrations(event, libraries, people[20:25], S.WAITLISTED)
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    if trainer is not None:
        DoorStaff.objects.get_or_create(event=event, user=trainer)
