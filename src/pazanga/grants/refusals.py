"""Why the grant rules refuse a request, in the reader's language.

The services raise `pazanga.common.refusals.Refusal("grants.<reason>", **params)`; the text
is chosen here, when the refusal is shown, never when it is raised. The problems listed
under a refusal (`details`: each budget rule broken, each criterion left unscored) are
`rules.Problem`s worded by the same table and rendered lazily through `problem_text`.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pazanga.common.refusals import Message, Refusal, message_for
from pazanga.grants.eligibility import kind_label
from pazanga.grants.rules import Problem


def minute(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


MESSAGES: dict[str, Message] = {
    # applying
    "call_closed": gettext_lazy("This call is not accepting applications."),
    "kind_not_admitted": lambda p: (
        _("A %(kind)s may not apply to this call.") % {"kind": kind_label(p["kind"])}
    ),
    "already_applied": gettext_lazy(
        "%(library)s has already applied to this call; open that application instead."
    ),
    "not_editable": gettext_lazy("This application was submitted and can no longer be changed."),
    "too_many_files": gettext_lazy(
        "An application carries at most %(count)s files of %(size)s MB in all; remove one first."
    ),
    "already_submitted": gettext_lazy("This application was already submitted as %(reference)s."),
    "deadline_passed": lambda p: (
        _("The call closed at %(time)s; applications can no longer be submitted.")
        % {"time": minute(p["closes_at"])}
    ),
    "submission_invalid": lambda p: (
        ngettext(
            "The application cannot be submitted yet: %(count)d thing to put right.",
            "The application cannot be submitted yet: %(count)d things to put right.",
            p["count"],
        )
        % p
    ),
    "eligibility_check": lambda p: p["check"].message,
    "answer_invalid": lambda p: (
        _("“%(question)s”: %(problem)s")
        % {"question": question_label(p["question"], p["name"]), "problem": p["problem"]}
    ),
    "not_withdrawable": gettext_lazy("A decided or withdrawn application cannot be withdrawn."),
    # eligibility
    "reason_needed": gettext_lazy("Give the reason for this decision; the applicant will read it."),
    # panel, conflicts and assignment
    "assignment_infeasible": gettext_lazy("The reviewers cannot be assigned with these settings:"),
    "conflicted_pair": gettext_lazy(
        "%(reviewer)s has a conflict of interest with %(reference)s and cannot review it."
    ),
    "not_on_panel": gettext_lazy("Only reviewers on the call's panel can be assigned."),
    "not_a_reviewer": gettext_lazy(
        "Only confirmed reviewers of the programme can join the call's panel."
    ),
    "already_on_panel": gettext_lazy("%(reviewer)s is already on the call's panel."),
    "review_submitted": gettext_lazy(
        "This reviewer already submitted a review; it cannot be removed."
    ),
    # reviews
    "review_locked": gettext_lazy("This review was submitted and can no longer be changed."),
    "review_incomplete": lambda p: (
        ngettext(
            "The review is not complete: %(count)d thing is missing:",
            "The review is not complete: %(count)d things are missing:",
            p["count"],
        )
        % p
    ),
    "score_missing": gettext_lazy("Score “%(name)s”."),
    "score_out_of_range": gettext_lazy("“%(name)s” is scored from 0 to %(max)s."),
    "recommendation_missing": gettext_lazy("Choose a recommendation."),
    # the funding decision
    "decision_empty": gettext_lazy("The decision cannot be recorded: it names no application."),
    "decision_invalid": lambda p: (
        ngettext(
            "The decision cannot be recorded: %(count)d problem.",
            "The decision cannot be recorded: %(count)d problems.",
            p["count"],
        )
        % p
    ),
    "outcome_missing": gettext_lazy("%(reference)s: choose an outcome."),
    "amount_missing": gettext_lazy("%(reference)s: give the amount awarded."),
    "amount_too_high": lambda p: (
        _("%(reference)s: at most %(limit)s %(currency)s can be awarded.")
        % {**p, "limit": number_format(p["limit"])}
    ),
    "departs_without_reason": gettext_lazy(
        "%(reference)s departs from the ranking's proposal: give the reason."
    ),
    "over_budget": lambda p: (
        _(
            "The awards add up to %(total)s %(currency)s, more than the call's budget of "
            "%(budget)s %(currency)s."
        )
        % {**p, "total": number_format(p["total"]), "budget": number_format(p["budget"])}
    ),
    "other_call": gettext_lazy("An application of another call cannot be decided here."),
    "named_twice": gettext_lazy("%(reference)s is named twice."),
    "already_decided": lambda p: (
        _("%(reference)s: a decision was already recorded (%(status)s).")
        % {"reference": p["reference"], "status": status_label(p["status"])}
    ),
    "not_decidable": lambda p: (
        _("%(reference)s is %(status)s: only reviewed applications can be decided.")
        % {"reference": p["reference"], "status": status_label(p["status"])}
    ),
}


def question_label(question: Any, name: str) -> str:
    return (question.text("label") if question is not None else "") or name


def status_label(status: str) -> str:
    from pazanga.grants.enums import ApplicationStatus

    labels = dict(ApplicationStatus.choices)
    return str(labels.get(status, status))


def render_problem(problem: Problem) -> str:
    return message_for(f"grants.{problem.code}", dict(problem.params))


problem_text = lazy(render_problem, str)


def refused(code: str, problems: Iterable[Problem] = (), **params: Any) -> Refusal:
    """A refusal listing `problems` (worded when shown), counted in `count`."""
    details = [problem_text(problem) for problem in problems]
    return Refusal(f"grants.{code}", details=details, count=len(details), **params)
