"""Why the events rules refuse a request (codes `events.<reason>`), in the reader's language."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "not_open": _("Registration for this event is not open."),
    "entry_elsewhere": _(
        "Places at this event are taken through its own enrolment, not by registering here."
    ),
    "closed": _("Registration for this event has closed."),
    "not_yet": _("Registration for this event has not opened yet."),
    "full": _("There are no seats left in this event or in the chosen category."),
    "no_seat": _("There is no free seat for this registration."),
    "already": _(
        "This e-mail address is already registered for this event. "
        "The message we sent to it has a link to the registration."
    ),
    "invitation_needed": _("Only invited people may register in this category."),
    "invitation_used": _("This invitation has already been used."),
    "invitation_email": _("An invitation is for the e-mail address it was sent to."),
    "wrong_category": _("Choose one of this event's audience categories."),
    "consent": _("Registration needs your consent."),
    "offer_expired": _("The offer has expired; the seat went to the next person waiting."),
    "not_offered": _("There is no seat offered to this registration."),
    "forged": _("This code is not valid: it was not issued by this platform."),
    "other_event": _("This code is for another event."),
    "not_confirmed": _("This registration is not confirmed, so the person cannot be checked in."),
    "not_event_day": _("The event does not take place on this day."),
    "not_attended": _("A certificate needs attendance on at least one day."),
    "too_many_unverified": _(
        "This address has several registrations for this event waiting for confirmation. "
        "Open the link in the e-mail we sent to it, or try again in two days."
    ),
}
