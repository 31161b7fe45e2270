"""Why reviewers cannot be assigned, in words, with every count in its plural form."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, ngettext_lazy

from pazanga.grants.models import Application
from pazanga.grants.solvers.assignment import Reason

# For a counted message, the last argument names the parameter whose number chooses the
# plural form.
MESSAGES: dict[str, Promise] = {
    "load_bounds": gettext_lazy(
        "The fewest applications per reviewer (%(min)s) is above the most (%(max)s)."
    ),
    "fewer_reviewers_than_k": ngettext_lazy(
        "The panel has %(reviewers)d reviewer; each application needs %(k)s.",
        "The panel has %(reviewers)d reviewers; each application needs %(k)s.",
        "reviewers",
    ),
    "capacity_too_small": ngettext_lazy(
        "%(needed)d review is needed, but the panel can do at most %(capacity)s. "
        "Add reviewers or raise the most applications per reviewer.",
        "%(needed)d reviews are needed, but the panel can do at most %(capacity)s. "
        "Add reviewers or raise the most applications per reviewer.",
        "needed",
    ),
    "minimum_too_large": ngettext_lazy(
        "%(needed)d review is needed, but the reviewers' minimum loads add up to "
        "%(minimum)s. Lower the fewest applications per reviewer.",
        "%(needed)d reviews are needed, but the reviewers' minimum loads add up to "
        "%(minimum)s. Lower the fewest applications per reviewer.",
        "needed",
    ),
    "too_few_candidates": ngettext_lazy(
        "%(application)s has %(available)d reviewer without a conflict of interest; "
        "it needs %(k)s.",
        "%(application)s has %(available)d reviewers without a conflict of interest; "
        "it needs %(k)s.",
        "available",
    ),
    "too_many_fixed": ngettext_lazy(
        "%(application)s already has %(fixed)d kept reviewer; the call asks for %(k)s.",
        "%(application)s already has %(fixed)d kept reviewers; the call asks for %(k)s.",
        "fixed",
    ),
    "reviewer_overloaded": ngettext_lazy(
        "A reviewer keeps %(fixed)d application; the most per reviewer is %(max)s.",
        "A reviewer keeps %(fixed)d applications; the most per reviewer is %(max)s.",
        "fixed",
    ),
    "fixed_pair_forbidden": ngettext_lazy(
        "%(count)d kept assignment is now a conflict of interest.",
        "%(count)d kept assignments are now conflicts of interest.",
        "count",
    ),
    "no_solution": gettext_lazy(
        "No assignment satisfies the loads and the conflicts of interest together: some "
        "applications share too few available reviewers. Add reviewers or raise the loads."
    ),
}


def infeasibility_message(reason: Reason, applications: list[Application]) -> str:
    """The reason in the active language; applications are named by their reference."""
    params: dict[str, object] = dict(reason.params)
    if "application" in params:
        params["application"] = applications[reason_value(reason, "application")].reference or "?"
    template = MESSAGES.get(reason.code)
    return str(template % params) if template is not None else reason.code


def reason_value(reason: Reason, name: str) -> int:
    return dict(reason.params)[name]
