"""Why the training rules refuse a request, in the reader's language."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazanga.training.rules import Reason


class TrainingRefused(Exception):
    """A request the training rules refuse; `message` says why in the active language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return refusal_text(self.code, self.params)


def refusal_text(code: str, params: dict[str, Any]) -> str:  # noqa: PLR0911 (one per code)
    if code == "not_library_staff":
        return _("Only confirmed staff of a library may enrol in training sessions.")
    if code == "started":
        return _("This session has already started: enrolment is closed.")
    if code == "already":
        return _("You are already enrolled in this session.")
    if code == "overlap":
        return _("You are already enrolled in another session at the same time: %(title)s.") % {
            "title": params["title"]
        }
    if code == "quota":
        quota = params["quota"]
        return ngettext(
            "%(library)s already has %(quota)d member of staff enrolled in this session, "
            "the most one library may send.",
            "%(library)s already has %(quota)d members of staff enrolled in this session, "
            "the most one library may send.",
            quota,
        ) % {"library": params["library"], "quota": quota}
    if code == "not_enrolled":
        return _("This person is not enrolled in this session.")
    if code == "not_confirmed":
        return _("Only confirmed participants can do this.")
    if code == "no_questionnaire":
        return _("This session has no such questionnaire.")
    if code == "already_submitted":
        return _("You have already submitted this questionnaire; it can be answered only once.")
    if code == "not_open_yet":
        return _("This questionnaire opens on %(date)s.") % {"date": params["date"]}
    if code == "closed":
        return _("This questionnaire is no longer open for this session.")
    if code == "not_completed":
        return _("The completion rule is not met: %(reasons)s") % {
            "reasons": " ".join(reason_text(r) for r in params["reasons"])
        }
    if code == "event":
        return str(params["text"])
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
