"""Why the training rules refuse a request (codes `training.<reason>`), in the reader's language.

Services raise `pazanga.common.refusals.Refusal("training.quota", library=..., quota=2)`;
the texts are looked up here when the refusal is shown, so they read in the language of the
page that shows them. Refusals of the events engine (registration, seats, attendance,
certificates) reach the views as they are, with their own `events.<reason>` texts.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pazanga.common.refusals import Message
from pazanga.training.rules import Reason


def quota_text(params: Mapping[str, Any]) -> str:
    quota = params["quota"]
    return ngettext(
        "%(library)s already has %(quota)d member of staff enrolled in this session, "
        "the most one library may send.",
        "%(library)s already has %(quota)d members of staff enrolled in this session, "
        "the most one library may send.",
        quota,
    ) % {"library": params["library"], "quota": quota}


def capacity_text(params: Mapping[str, Any]) -> str:
    held = params["held"]
    return ngettext(
        "%(held)d place is already held in this session: the session needs at least "
        "%(held)d place.",
        "%(held)d places are already held in this session: the session needs at least "
        "%(held)d places.",
        held,
    ) % {"held": held}


def not_completed_text(params: Mapping[str, Any]) -> str:
    return _("The completion rule is not met: %(reasons)s") % {
        "reasons": " ".join(reason_text(r) for r in params["reasons"])
    }


def reason_text(reason: Reason) -> str:
    if reason.code == "attendance":
        return _("attendance %(actual)s%% is below the required %(needed)s%%.") % {
            "actual": reason.actual,
            "needed": reason.needed,
        }
    if reason.code == "post_test_missing":
        return _("the post-test was not submitted.")
    if reason.code == "post_test_low":
        return _("the post-test score %(actual)s%% is below the required %(needed)s%%.") % {
            "actual": reason.actual,
            "needed": reason.needed,
        }
    return _("the feedback questionnaire was not answered.")


MESSAGES: dict[str, Message] = {
    "not_library_staff": gettext_lazy(
        "Only confirmed staff of a library may enrol in training sessions."
    ),
    "started": gettext_lazy("This session has already started: enrolment is closed."),
    "no_programme": gettext_lazy("There is no current programme to plan a session in."),
    "session_cancelled": gettext_lazy("This session has been cancelled."),
    "session_over": gettext_lazy("This session is over: it can no longer be cancelled."),
    "already": gettext_lazy("You are already enrolled in this session."),
    "not_enrolled": gettext_lazy("This person is not enrolled in this session."),
    "not_confirmed": gettext_lazy("Only confirmed participants can do this."),
    "no_questionnaire": gettext_lazy("This session has no such questionnaire."),
    "already_submitted": gettext_lazy(
        "You have already submitted this questionnaire; it can be answered only once."
    ),
    "closed": gettext_lazy("This questionnaire is no longer open for this session."),
    "overlap": gettext_lazy(
        "You are already enrolled in another session at the same time: %(title)s."
    ),
    "quota": quota_text,
    "not_open_yet": gettext_lazy("This questionnaire opens on %(date)s."),
    "capacity_below_held": capacity_text,
    "not_completed": not_completed_text,
}
