"""Why the training rules refuse a request, in the reader's language."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pazanga.training.rules import Reason


class TrainingRefusedError(Exception):
    """A request the training rules refuse; `message` says why in the active language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def field(self) -> str | None:
        """The form field the refusal is about, if it is about one."""
        return FIELDS.get(self.code)

    @property
    def message(self) -> str:
        return refusal_text(self.code, self.params)


SIMPLE = {
    "not_library_staff": gettext_lazy(
        "Only confirmed staff of a library may enrol in training sessions."
    ),
    "started": gettext_lazy("This session has already started: enrolment is closed."),
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
}


def overlap_text(params: dict[str, Any]) -> str:
    return _("You are already enrolled in another session at the same time: %(title)s.") % {
        "title": params["title"]
    }


def quota_text(params: dict[str, Any]) -> str:
    quota = params["quota"]
    return ngettext(
        "%(library)s already has %(quota)d member of staff enrolled in this session, "
        "the most one library may send.",
        "%(library)s already has %(quota)d members of staff enrolled in this session, "
        "the most one library may send.",
        quota,
    ) % {"library": params["library"], "quota": quota}


def capacity_text(params: dict[str, Any]) -> str:
    held = params["held"]
    return ngettext(
        "%(held)d place is already held in this session: the session needs at least "
        "%(held)d place.",
        "%(held)d places are already held in this session: the session needs at least "
        "%(held)d places.",
        held,
    ) % {"held": held}


def not_open_text(params: dict[str, Any]) -> str:
    return _("This questionnaire opens on %(date)s.") % {"date": params["date"]}


def not_completed_text(params: dict[str, Any]) -> str:
    return _("The completion rule is not met: %(reasons)s") % {
        "reasons": " ".join(reason_text(r) for r in params["reasons"])
    }


WITH_PARAMS: dict[str, Callable[[dict[str, Any]], str]] = {
    "overlap": overlap_text,
    "quota": quota_text,
    "not_open_yet": not_open_text,
    "capacity_below_held": capacity_text,
    "not_completed": not_completed_text,
    "event": lambda params: str(params["text"]),  # the events engine's own message
}

# Refusals about one field of a form, shown next to it.
FIELDS = {"capacity_below_held": "capacity"}


def refusal_text(code: str, params: dict[str, Any]) -> str:
    if code in SIMPLE:
        return str(SIMPLE[code])
    if code in WITH_PARAMS:
        return WITH_PARAMS[code](params)
    return _("This request cannot be carried out.")


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
