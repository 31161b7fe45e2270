"""Writes with side effects: registering, offers, check-in, attendance, certificates.

Every status change goes through workflow.transition. The training app builds on these:
a training session is an Event, and enrolment, check-in, attendance and certificates are
these functions called with the session's event.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.common.tasks import run_later
from pazanga.directory.models import Organisation
from pazanga.events import workflow
from pazanga.events.capacity import has_free_seat, lock_event, seats_held
from pazanga.events.entries import entry_elsewhere
from pazanga.events.enums import (
    ACTIVE_STATUSES,
    ATTENDED_STATUSES,
    AttendanceStatus,
    EventStatus,
    RegistrationStatus,
    Visibility,
)
from pazanga.events.invitations import Invitee
from pazanga.events.models import (
    Attendance,
    AudienceCategory,
    Certificate,
    DoorStaff,
    Event,
    Invitation,
    Registration,
    Venue,
)
from pazanga.events.tokens import BadCodeError, read_checkin_code

S = RegistrationStatus
# Unconfirmed registrations of one address at one event: beyond this, nobody is e-mailed.
MOST_UNVERIFIED = 3
# Hours the link sent to an address stays valid before its registration lapses.
UNVERIFIED_HOURS = 48
# The same person sending the same form again within this many minutes clicked twice.
DOUBLE_CLICK_MINUTES = 5


@dataclass(frozen=True)
class Registrant:
    first_name: str
    last_name: str
    email: str
    organisation: Organisation | None = None
    organisation_name: str = ""
    job_title: str = ""
    language: str = "lt"


def check_way_in(event: Event, category: AudienceCategory, *, own_entry: bool) -> None:
    """The category is the event's, and the event takes bookings through this way in."""
    if category.event_id != event.pk:
        raise Refusal("events.wrong_category")
    if not own_entry and entry_elsewhere(event):
        raise Refusal("events.entry_elsewhere")


def check_window(event: Event, now: datetime) -> None:
    if event.status != EventStatus.PUBLISHED or now >= event.ends_at:
        raise Refusal(
            "events.not_open" if event.status != EventStatus.PUBLISHED else "events.closed"
        )
    if event.registration_opens_at and now < event.registration_opens_at:
        raise Refusal("events.not_yet")
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise Refusal("events.closed")


def check_invitation(
    event: Event, category: AudienceCategory, invitation: Invitation | None, email: str
) -> None:
    if invitation is None:
        if event.visibility == Visibility.INVITATION or category.invitation_only:
            raise Refusal("events.invitation_needed")
        return
    if invitation.event_id != event.pk or invitation.category_id != category.pk:
        raise Refusal("events.invitation_needed")
    if Registration.objects.filter(invitation=invitation).exists():
        raise Refusal("events.invitation_used")
    if invitation.email.lower() != email:
        raise Refusal("events.invitation_email")


def initial_status(
    event: Event, category: AudienceCategory, *, skip_approval: bool, walk_in: bool = False
) -> str:
    """The status a new registration starts in; call with the event row locked.

    A free seat: confirmed (pending when the category needs approval and nothing skips
    it); no seat: the waiting list where the event keeps one, else refused as full. A
    walk-in is at the door now: confirmed on a free seat or refused, never waitlisted.
    """
    if has_free_seat(event, category, seats_held(event)):
        return S.PENDING if category.needs_approval and not skip_approval else S.CONFIRMED
    if event.has_waiting_list and not walk_in:
        return S.WAITLISTED
    raise Refusal("events.full")


def register(
    event: Event,
    *,
    category: AudienceCategory,
    registrant: Registrant,
    user: Any = None,
    invitation: Invitation | None = None,
    consent: bool = False,
    answers: dict[str, object] | None = None,
    actor: Any = None,
    walk_in: bool = False,
    own_entry: bool = False,
) -> Registration:
    """Register one person; raises Refusal with the reason, saving and sending nothing.

    An event with a way in of its own (a training session, `pazanga.events.entries`) is
    refused ("events.entry_elsewhere") unless the call comes through it (`own_entry`).

    The new registration is confirmed when a seat is free (pending when the category needs
    approval and there is no invitation), else waitlisted, else refused as full. A walk-in
    (registered by door staff, see register_walk_in) skips the registration window, the
    invitation and consent checks and approval, but not the seats: it is confirmed on a
    free seat or refused as full, and only at a published event.

    An address nobody has proven (not the signed-in person's own, not invited, not a
    walk-in) starts `unverified`: it holds no seat and shows nothing until the person opens
    the link e-mailed to that address (confirm_address). Someone typing another person's
    address therefore neither blocks nor manages that person's registration.
    Side effects: locks the event row (the seat lock); creates the Registration; stores
    the answers to the event's extra questions as a questionnaire Response; writes the
    audit entry `events.registration.<status>`; after commit e-mails the registrant.
    """
    email = registrant.email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        event = lock_event(event)
        check_way_in(event, category, own_entry=own_entry)
        if walk_in:
            if event.status != EventStatus.PUBLISHED:
                raise Refusal("events.not_open")
        else:
            check_window(event, now)
            check_invitation(event, category, invitation, email)
        if event.consent_text_lt and not consent and not walk_in:
            raise Refusal("events.consent")
        if event.registrations.filter(email=email, status__in=ACTIVE_STATUSES).exists():
            raise Refusal("events.already")
        skip_approval = walk_in or invitation is not None
        if walk_in or invitation is not None or own_address(user, email):
            status = initial_status(event, category, skip_approval=skip_approval, walk_in=walk_in)
        else:
            unverified = event.registrations.filter(email=email, status=S.UNVERIFIED)
            repeated = unverified.filter(
                first_name=registrant.first_name.strip(),
                last_name=registrant.last_name.strip(),
                created_at__gte=now - timedelta(minutes=DOUBLE_CLICK_MINUTES),
            ).first()
            if repeated is not None:
                return repeated  # a double click: one registration, one e-mail
            if unverified.count() >= MOST_UNVERIFIED:
                raise Refusal("events.too_many_unverified")
            status = S.UNVERIFIED
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    category=category,
                    user=user if getattr(user, "is_authenticated", False) else None,
                    first_name=registrant.first_name.strip(),
                    last_name=registrant.last_name.strip(),
                    email=email,
                    organisation=registrant.organisation,
                    organisation_name=registrant.organisation_name.strip(),
                    job_title=registrant.job_title.strip(),
                    language=registrant.language,
                    status=status,
                    invitation=invitation,
                    consent_given_at=now if consent else None,
                    created_at=now,
                    decided_at=now,
                )
        except IntegrityError as error:
            # Two requests with one e-mail address raced; the database let one through.
            raise Refusal("events.already") from error
        if event.questionnaire_id and answers:
            save_registration_answers(registration, answers, user)
        log_action(
            registration,
            f"events.registration.{status}",
            actor=actor or user,
            data={"event": event.pk, "category": category.code, "walk_in": walk_in},
        )
        workflow.notify_registrant(registration)
    return registration


def register_walk_in(
    event: Event, *, category: AudienceCategory, registrant: Registrant, day: date, actor: Any
) -> tuple[Registration, "CheckInResult"]:
    """Door staff register someone who came without registering, and check them in.

    All or nothing: a full event, a day the event does not run on, a cancelled event or an
    address already registered refuses (Refusal) with nothing saved and nothing sent.
    Side effects: those of register (walk_in=True: confirmed or refused) and of check_in,
    in one transaction.
    """
    with transaction.atomic():
        if day not in event.days:
            raise Refusal("events.not_event_day")
        registration = register(
            event, category=category, registrant=registrant, actor=actor, walk_in=True
        )
        result = check_in(registration, day=day, actor=actor)
    return registration, result


def own_address(user: Any, email: str) -> bool:
    """Whether `email` is the signed-in person's own (proven when they signed up)."""
    return getattr(user, "is_authenticated", False) and user.email.strip().lower() == email


def confirm_address(registration: Registration, *, actor: Any = None) -> Registration:
    """The registrant opened the link sent to their address: the registration now counts.

    It moves where a new registration would start (confirmed, pending approval or the
    waiting list) through workflow.transition (seat lock, audit entry, e-mail). A second
    click changes nothing. Refuses (Refusal) when registration has closed meanwhile, when
    the address already holds another active registration, or when the event is full and
    keeps no waiting list; the registration then stays unconfirmed and lapses.
    """
    if registration.status != S.UNVERIFIED:
        return registration
    with transaction.atomic():
        event = lock_event(registration.event)
        check_window(event, timezone.now())
        if event.registrations.filter(
            email=registration.email, status__in=ACTIVE_STATUSES
        ).exists():
            raise Refusal("events.already")
        to = initial_status(event, registration.category, skip_approval=False)
        return workflow.transition(registration, to, actor=actor, note="address confirmed")


def expire_unverified(now: datetime | None = None) -> int:
    """Registrations whose address was not confirmed in time lapse, without an e-mail.
    Idempotent; returns how many lapsed."""
    now = now or timezone.now()
    stale = Registration.objects.filter(
        status=S.UNVERIFIED, created_at__lte=now - timedelta(hours=UNVERIFIED_HOURS)
    )
    count = 0
    for registration in stale.order_by("created_at", "pk"):
        try:
            workflow.transition(registration, S.LAPSED, actor=None, note="address not confirmed")
        except workflow.TransitionNotAllowed:
            continue  # confirmed meanwhile
        count += 1
    return count


def save_registration_answers(
    registration: Registration, answers: dict[str, object], user: Any
) -> None:
    from pazanga.questionnaires.services import submit_answers

    assert registration.event.questionnaire is not None  # noqa: S101 (checked by caller)
    response = submit_answers(
        registration.event.questionnaire,
        answers,
        respondent=user,
        subject=registration,
        language=registration.language,
    )
    registration.response = response
    registration.save(update_fields=["response"])


def needs_approval(registration: Registration) -> bool:
    """Whether the organisers must approve this registration (invited people are approved)."""
    return registration.category.needs_approval and registration.invitation_id is None


def accept_offer(registration: Registration, *, actor: Any = None) -> Registration:
    """Take the offered seat: confirmed, or pending when the category needs approval.

    Joining the waiting list skips no rule, so an accepted offer in a category that needs
    approval waits for it, keeping its seat. Side effects: those of workflow.transition to
    confirmed or pending (audit entry, e-mail).
    """
    if registration.status != S.OFFERED:
        raise Refusal("events.not_offered")
    expires = registration.offer_expires_at
    if expires is not None and expires <= timezone.now():
        raise Refusal("events.offer_expired")
    to = S.PENDING if needs_approval(registration) else S.CONFIRMED
    return workflow.transition(registration, to, actor=actor)


def expire_offers(now: datetime | None = None) -> int:
    """Offers past their time lapse. Side effects: workflow.transition to lapsed for each
    (which e-mails the person and offers the seat to the next one waiting). Idempotent."""
    now = now or timezone.now()
    expired = Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=now)
    count = 0
    for registration in expired.order_by("offer_expires_at", "pk"):
        try:
            workflow.transition(registration, S.LAPSED, actor=None, note="offer expired")
        except workflow.TransitionNotAllowed:
            continue  # accepted or cancelled meanwhile
        count += 1
    return count


def send_reminders(now: datetime | None = None) -> int:
    """E-mail confirmed registrants of events that start tomorrow (Vilnius time).

    Side effects: sends one reminder per registration and stamps reminder_sent_at, so a
    second run the same day sends nothing. Returns the number sent.
    """

    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    due = Registration.objects.filter(
        status=S.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__date=tomorrow,
    ).select_related("event", "event__venue", "category")
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                run_later("pazanga.events.notifications.send_reminder_to", registration.pk)
                sent += 1
    return sent


def cancel_event(event: Event, *, actor: Any, note: str = "") -> Event:
    """Cancel the event and every active registration.

    Side effects: workflow.change_event_status to cancelled (audit entry
    `events.event.cancelled`); each active registration moves to cancelled without its
    usual e-mail; instead each registrant gets the event-cancelled e-mail after commit,
    through the task queue (pazanga.common.tasks.run_later).
    """
    with transaction.atomic():
        workflow.change_event_status(event, EventStatus.CANCELLED, actor=actor, note=note)
        for registration in event.registrations.filter(status__in=ACTIVE_STATUSES):
            workflow.transition(registration, S.CANCELLED, actor=actor, note=note, notify=False)
            run_later("pazanga.events.notifications.send_event_cancelled_to", registration.pk, note)
    event.refresh_from_db()
    return event


class EditConflictError(Refusal):
    """Someone saved the event after the form was opened; `current` is what they saved."""

    def __init__(self, current: Event) -> None:
        super().__init__("common.stale", version=current.version)
        self.current = current


KEPT_FIELDS = ["status", "programme", "is_demo"]
EDITED_FIELDS = [
    field.name
    for field in Event._meta.concrete_fields
    if not field.primary_key and field.name not in KEPT_FIELDS
]


def save_event(
    event: Event,
    *,
    actor: Any,
    expected_version: int,
    changed: list[str],
    new_venue: Venue | None = None,
    save_related: Callable[[Event], None] | None = None,
) -> Event:
    """Save `event` as edited by programme staff (a new one starts as a draft).

    `expected_version` is the version the form was opened at: if the saved event has moved
    on, nothing is saved and EditConflictError carries what is saved now.
    Side effects: locks the event row; uses `new_venue` (an existing venue with the same
    name and address is reused, else it is created); keeps the saved status, programme and
    demo mark (status changes are the workflow's); saves the event with the next version;
    runs `save_related(event)` (its categories and agenda) in the same transaction; writes
    the audit entry `events.event.saved` with the version and the `changed` field names.
    """
    with transaction.atomic():
        created = event.pk is None
        if created:
            if event.status != EventStatus.DRAFT:
                raise ValueError("A new event starts as a draft; the workflow publishes it.")
            event.version = 1
        else:
            locked = lock_event(event)
            if locked.version != expected_version:
                raise EditConflictError(locked)
            event.version = locked.version + 1
        if new_venue is not None:
            event.venue, _created = Venue.objects.get_or_create(
                name_lt=new_venue.name_lt,
                address=new_venue.address,
                defaults={
                    "name_en": new_venue.name_en,
                    "city": new_venue.city,
                    "map_url": new_venue.map_url,
                },
            )
        if created:
            event.save()
        else:
            # The status is the workflow's, the programme and the demo mark are not edited.
            event.save(update_fields=EDITED_FIELDS)
            event.refresh_from_db(fields=KEPT_FIELDS)
        if save_related is not None:
            save_related(event)
        log_action(
            event,
            "events.event.saved",
            actor=actor,
            data={"created": created, "version": event.version, "changed": sorted(changed)},
        )
    return event


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    attendance: Attendance
    already: bool


def registration_for_code(event: Event, code: str) -> Registration:
    """The registration a scanned code names; Refusal when forged or foreign."""
    try:
        parsed = read_checkin_code(code)
    except BadCodeError as error:
        raise Refusal("events.forged") from error
    if parsed.event_id != event.pk:
        raise Refusal("events.other_event")
    found = (
        Registration.objects.filter(event=event, secret=parsed.secret)
        .select_related("category", "organisation")
        .first()
    )
    if found is None:
        raise Refusal("events.forged")
    return found


def check_in(registration: Registration, *, day: date, actor: Any) -> CheckInResult:
    """Mark a confirmed registrant present on `day`; a second check-in changes nothing.

    Side effects: creates or updates the day's Attendance (present, check-in time, who);
    writes the audit entry `events.registration.checked_in`. Returns whether the person
    was already checked in, and when.
    """
    if registration.status != S.CONFIRMED:
        raise Refusal("events.not_confirmed")
    if day not in registration.event.days:
        raise Refusal("events.not_event_day")
    with transaction.atomic():
        attendance, created = Attendance.objects.select_for_update().get_or_create(
            registration=registration,
            day=day,
            defaults={
                "status": AttendanceStatus.PRESENT,
                "checked_in_at": timezone.now(),
                "recorded_by": actor,
            },
        )
        if not created and attendance.checked_in_at is not None:
            return CheckInResult(registration, attendance, already=True)
        if not created:
            attendance.status = AttendanceStatus.PRESENT  # not a workflow status: a mark
            attendance.checked_in_at = timezone.now()
            attendance.recorded_by = actor
            attendance.save()
        log_action(
            registration, "events.registration.checked_in", actor=actor, data={"day": str(day)}
        )
    return CheckInResult(registration, attendance, already=False)


def record_attendance(
    registration: Registration, *, day: date, status: str, actor: Any
) -> Attendance:
    """Set one day's attendance (present, late, excused or absent) for a registrant.

    Side effects: creates or updates the Attendance row; writes the audit entry
    `events.attendance.<status>`.
    """
    if day not in registration.event.days:
        raise Refusal("events.not_event_day")
    if registration.status != S.CONFIRMED:
        raise Refusal("events.not_confirmed")
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        day=day,
        defaults={"status": status, "recorded_by": actor},
    )
    log_action(registration, f"events.attendance.{status}", actor=actor, data={"day": str(day)})
    return attendance


def has_attended(registration: Registration) -> bool:
    return registration.attendances.filter(status__in=ATTENDED_STATUSES).exists()


def issue_certificate(
    registration: Registration,
    *,
    actor: Any,
    title_lt: str = "Dalyvio pažymėjimas",
    title_en: str = "Certificate of attendance",
    require_attendance: bool = True,
    serial_prefix: str = "PZ",
) -> Certificate:
    """A certificate for `registration` with this title; an existing one is returned.

    Raises Refusal unless the registration is confirmed and (by default) the
    person attended at least one day. Side effects: creates the Certificate with serial
    `<prefix>-<year>-<number>`; writes the audit entry `events.certificate.issued`.
    """
    if registration.status != S.CONFIRMED:
        raise Refusal("events.not_confirmed")
    if require_attendance and not has_attended(registration):
        raise Refusal("events.not_attended")
    existing = registration.certificates.filter(title_lt=title_lt).first()
    if existing is not None:
        return existing
    event = registration.event
    with transaction.atomic():
        certificate = Certificate.objects.create(
            registration=registration,
            serial=f"new-{secrets.token_hex(10)}",
            holder_name=registration.full_name,
            title_lt=title_lt,
            title_en=title_en,
            event_title_lt=event.title_lt,
            event_title_en=event.title_en,
            starts_on=event.days[0],
            ends_on=event.days[-1],
            issued_on=timezone.localdate(),
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        certificate.serial = f"{serial_prefix}-{event.days[0].year}-{certificate.pk:06d}"
        certificate.save(update_fields=["serial"])
        log_action(
            certificate,
            "events.certificate.issued",
            actor=actor,
            data={"registration": registration.pk, "serial": certificate.serial},
        )
    return certificate


def issue_certificates(event: Event, *, actor: Any) -> list[Certificate]:
    """A certificate for every confirmed registrant who attended; see issue_certificate."""
    attended = (
        event.registrations.filter(status=S.CONFIRMED)
        .filter(Q(attendances__status__in=ATTENDED_STATUSES))
        .distinct()
        .select_related("event")
    )
    return [issue_certificate(r, actor=actor) for r in attended]


def add_door_staff(event: Event, user: Any, *, actor: Any) -> DoorStaff:
    """Let `user` check people in at `event`. Side effect: audit `events.event.door_staff_added`."""
    door, created = DoorStaff.objects.get_or_create(event=event, user=user)
    if created:
        log_action(event, "events.event.door_staff_added", actor=actor, data={"user": user.pk})
    return door


def remove_door_staff(event: Event, user_id: int, *, actor: Any) -> None:
    """Stop a person checking people in at `event`.

    Side effect: audit `events.event.door_staff_removed` when they were door staff.
    """
    removed, _ = DoorStaff.objects.filter(event=event, user_id=user_id).delete()
    if removed:
        log_action(event, "events.event.door_staff_removed", actor=actor, data={"user": user_id})


def import_invitations(
    event: Event, invitees: list[Invitee], *, actor: Any
) -> tuple[list[Invitation], int]:
    """Create an invitation for each invitee not yet invited; returns (created, skipped).

    Side effects: creates Invitation rows (each with its personal link token); writes the
    audit entry `events.event.invitations_imported`; after commit e-mails every new
    invitee their personal link, in their language, and stamps sent_at.
    """

    categories = {c.code: c for c in event.categories.all()}
    already = set(event.invitations.values_list("email", flat=True))
    new = [
        Invitation(
            event=event,
            category=categories[i.category],
            email=i.email,
            first_name=i.first_name,
            last_name=i.last_name,
            organisation_name=i.organisation,
            language=i.language,
        )
        for i in invitees
        if i.email not in already
    ]
    with transaction.atomic():
        created = Invitation.objects.bulk_create(new)
        log_action(
            event,
            "events.event.invitations_imported",
            actor=actor,
            data={"created": len(created), "skipped": len(invitees) - len(created)},
        )
        run_later("pazanga.events.notifications.send_invitations", [i.pk for i in created])
    return created, len(invitees) - len(created)
