"""Progress computed from the records an activity produced.

Each kind of linked record has one entry in `KINDS`: a function that reads every linked
record of that kind in one or two queries and says, per record, what it is, where its page
is and how far it got (`done` of `planned`, in its own unit). A new kind of record (the
impact app's survey waves, say) is one more function and one more entry here.

- an event: held (published and over) of 1;
- a training session: places filled (confirmed registrations) of its capacity;
- a training module: completions of the places planned in the sessions teaching it;
- a call: funded projects closed of the projects awarded (before any award: closed or not);
- a funded project: 1 once closed, else the share of its award paid.

An activity's progress is the mean of its records' shares (so a finished training shows the
places it filled); one without records is complete once finished, else takes its children's,
weighted by their planned length.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pazanga.workplan.models import Activity, ActivityLink

ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Linked:
    """One linked record as the workplan shows it."""

    kind: str  # what it is, in words
    title: str
    url: str
    done: Decimal
    planned: Decimal
    unit: str

    @property
    def share(self) -> Decimal:
        if not self.planned:
            return ZERO
        return min(ONE, self.done / self.planned)


Reader = Callable[[list[int], datetime], dict[int, Linked]]


def read_events(ids: list[int], now: datetime) -> dict[int, Linked]:
    from pazanga.events.enums import EventStatus
    from pazanga.events.models import Event

    return {
        event.pk: Linked(
            str(_("event")),
            str(event.title),
            event.get_absolute_url(),
            ONE if event.status == EventStatus.PUBLISHED and event.ends_at <= now else ZERO,
            ONE,
            str(_("held")),
        )
        for event in Event.objects.filter(pk__in=ids)
    }


def read_sessions(ids: list[int], now: datetime) -> dict[int, Linked]:
    from pazanga.events.enums import RegistrationStatus
    from pazanga.training.models import Session

    sessions = Session.objects.filter(pk__in=ids).select_related("event")
    filled = sessions.annotate(
        filled=Count(
            "event__registrations",
            filter=Q(event__registrations__status=RegistrationStatus.CONFIRMED),
        )
    ).values_list("pk", "filled")
    counts = dict(filled)
    result = {}
    for session in sessions:
        taken = Decimal(counts.get(session.pk, 0))
        capacity = Decimal(session.event.capacity) if session.event.capacity else taken
        result[session.pk] = Linked(
            str(_("training session")),
            str(session.event.title),
            session.get_absolute_url(),
            taken,
            capacity,
            str(_("places filled")),
        )
    return result


def read_modules(ids: list[int], now: datetime) -> dict[int, Linked]:
    from pazanga.training.models import Module, Session

    completions = dict(
        Module.objects.filter(pk__in=ids).annotate(n=Count("completions")).values_list("pk", "n")
    )
    places: dict[int, Decimal] = defaultdict(Decimal)
    rows = Session.objects.filter(course__course_modules__module__in=ids).values_list(
        "course__course_modules__module", "event__capacity"
    )
    for module, capacity in rows:
        places[module] += Decimal(capacity or 0)
    result = {}
    for module in Module.objects.filter(pk__in=ids):
        done = Decimal(completions.get(module.pk, 0))
        result[module.pk] = Linked(
            str(_("training module")),
            str(module.name),
            "",
            done,
            places.get(module.pk) or done,
            str(_("completions of the places planned")),
        )
    return result


def read_calls(ids: list[int], now: datetime) -> dict[int, Linked]:
    from pazanga.grants.models import Call
    from pazanga.projects.enums import GrantStatus
    from pazanga.projects.models import Grant

    counts = {
        row["call"]: row
        for row in Grant.objects.filter(call__in=ids)
        .values("call")
        .annotate(awarded=Count("pk"), closed=Count("pk", filter=Q(status=GrantStatus.CLOSED)))
        .order_by()
    }
    result = {}
    for call in Call.objects.filter(pk__in=ids):
        row = counts.get(call.pk)
        if row:
            done, planned, unit = row["closed"], row["awarded"], _("projects closed of awarded")
        else:
            done, planned, unit = int(call.closes_at <= now), 1, _("call closed")
        result[call.pk] = Linked(
            str(_("call for proposals")),
            str(call.title),
            call.get_absolute_url(),
            Decimal(done),
            Decimal(planned),
            str(unit),
        )
    return result


def read_grants(ids: list[int], now: datetime) -> dict[int, Linked]:
    from pazanga.projects.enums import GrantStatus, TrancheStatus
    from pazanga.projects.models import Grant

    grants = Grant.objects.filter(pk__in=ids).annotate(
        paid=Sum("tranches__amount", filter=Q(tranches__status=TrancheStatus.PAID))
    )
    result = {}
    for grant in grants:
        if grant.status == GrantStatus.CLOSED:
            done, planned = ONE, ONE
        else:
            done, planned = grant.paid or ZERO, grant.awarded_amount or ONE
        result[grant.pk] = Linked(
            str(_("funded project")),
            grant.title,
            grant.get_public_url(),
            done,
            planned,
            str(_("closed, or the share of the award paid")),
        )
    return result


def read_waves(ids: list[int], now: datetime) -> dict[int, Linked]:
    """A survey wave counts its steps to publication: fieldwork, data, weights, published."""
    from django.urls import reverse

    from pazanga.impact.enums import WaveStatus
    from pazanga.impact.models import Wave

    steps = list(WaveStatus.values)
    return {
        wave.pk: Linked(
            str(_("survey wave")),
            f"{wave.code} · {wave}",
            reverse("impact:public_home"),
            Decimal(steps.index(wave.status)),
            Decimal(len(steps) - 1),
            str(_("steps to publication")),
        )
        for wave in Wave.objects.filter(pk__in=ids).select_related("study")
    }


# "app_label.model" -> reader.
KINDS: dict[str, Reader] = {
    "events.event": read_events,
    "training.session": read_sessions,
    "training.module": read_modules,
    "grants.call": read_calls,
    "projects.grant": read_grants,
    "impact.wave": read_waves,
}


def linkable_models() -> list[type]:
    return [apps.get_model(label) for label in KINDS]


def linked_records(
    links: Iterable[ActivityLink], now: datetime | None = None
) -> dict[int, list[Linked]]:
    """activity id -> its linked records, read in one query per kind of record."""
    now = now or timezone.now()
    by_type: dict[int, list[ActivityLink]] = defaultdict(list)
    for link in links:
        by_type[link.content_type_id].append(link)
    result: dict[int, list[Linked]] = defaultdict(list)
    for type_id, type_links in by_type.items():
        content_type = ContentType.objects.get_for_id(type_id)
        reader = KINDS.get(f"{content_type.app_label}.{content_type.model}")
        if reader is None:
            continue
        read = reader([link.object_id for link in type_links], now)
        for link in type_links:
            if link.object_id in read:
                result[link.activity_id].append(read[link.object_id])
    return result


def shares(
    activities: list[Activity], records: dict[int, list[Linked]], today: date
) -> dict[int, Decimal | None]:
    """activity id -> progress from 0 to 1 (None when nothing says): its own records' mean
    share, else its children's weighted by planned length; a finished activity is 1."""
    children: dict[int | None, list[Activity]] = defaultdict(list)
    for activity in activities:
        children[activity.parent_id].append(activity)
    result: dict[int, Decimal | None] = {}

    def visit(activity: Activity) -> Decimal | None:
        own = records.get(activity.pk, [])
        kids = [(visit(child), child) for child in children.get(activity.pk, [])]
        if own:
            share: Decimal | None = sum((record.share for record in own), ZERO) / len(own)
        elif activity.actual_end is not None:
            share = ONE
        else:
            weighted = [
                (value, Decimal(length(child))) for value, child in kids if value is not None
            ]
            total = sum((weight for _v, weight in weighted), ZERO)
            share = sum((v * w for v, w in weighted), ZERO) / total if total else None
        result[activity.pk] = share
        return share

    for root in children.get(None, []):
        visit(root)
    for activity in activities:  # a parent outside the list (filtered views)
        if activity.pk not in result:
            visit(activity)
    return result


def length(activity: Activity) -> int:
    return (activity.planned_end - activity.planned_start + timedelta(days=1)).days


def candidates(programme_id: int) -> list[tuple[str, str, list[tuple[object, str]]]]:
    """(kind label, kind name, [(record, its title)]) of the programme's records an activity
    may be linked to; training sessions are listed as sessions, not again as events."""
    from pazanga.events.models import Event
    from pazanga.grants.models import Call
    from pazanga.projects.models import Grant
    from pazanga.training.models import Module, Session

    sessions = Session.objects.filter(event__programme=programme_id).select_related("event")
    return [
        (
            "events.event",
            str(_("Events")),
            [
                (event, str(event.title))
                for event in Event.objects.filter(
                    programme=programme_id, session__isnull=True
                ).order_by("starts_at")
            ],
        ),
        (
            "training.module",
            str(_("Training modules")),
            [(module, str(module.name)) for module in Module.objects.order_by("position")],
        ),
        (
            "training.session",
            str(_("Training sessions")),
            [
                (session, str(session.event.title))
                for session in sessions.order_by("event__starts_at")
            ],
        ),
        (
            "grants.call",
            str(_("Calls for proposals")),
            [
                (call, str(call.title))
                for call in Call.objects.filter(programme=programme_id).order_by("opens_at")
            ],
        ),
        (
            "projects.grant",
            str(_("Funded projects")),
            [
                (grant, f"{grant.reference} {grant.title}")
                for grant in Grant.objects.filter(programme=programme_id).order_by("reference")
            ],
        ),
    ]


def linkable_choices(
    programme: object,
) -> tuple[list[tuple[str, list[tuple[str, str]]]], dict[str, object]]:
    """Grouped choices for a select, and the record behind each choice's key."""
    groups = []
    records: dict[str, object] = {}
    for label, name, items in candidates(programme.pk):  # type: ignore[attr-defined]
        options = []
        for record, title in items:
            key = f"{label}:{record.pk}"  # type: ignore[attr-defined]
            records[key] = record
            options.append((key, title))
        groups.append((name, options))
    return groups, records
