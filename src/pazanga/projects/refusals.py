"""Why the funded-project rules refuse a request (codes `projects.<reason>`), in the reader's
language."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from pazanga.common.i18n import format_date


def day(params: Mapping[str, Any], name: str) -> str:
    """A date parameter (ISO text) as the reader's language writes dates."""
    return format_date(date.fromisoformat(str(params[name])), get_language() or "lt")


MESSAGES = {
    "reason_required": _("Give the reason: the library is told it."),
    "no_targets": _(
        "Set the indicator targets first: the agreement lists them, so it cannot be signed "
        "without them."
    ),
    "signature_date": lambda params: (
        gettext(
            "Give the date the agreement was signed: not in the future and not before the award "
            "(%(awarded)s)."
        )
        % {"awarded": day(params, "awarded")}
    ),
    "not_finished": _(
        "The project cannot be closed yet: its final report must be approved and every "
        "payment made or cancelled."
    ),
    "condition_unmet": _("This payment is not due yet: it is paid %(condition)s."),
    "grant_not_running": _("No payment can be approved or made while the project is “%(status)s”."),
    "payment_date": _("Give the date of the payment; it cannot be in the future."),
    "payment_reference": _("Give the payment's reference (the payment order number)."),
    "above_award": _(
        "This payment of %(amount)s would take the payments above the award of %(award)s: "
        "%(paid)s has been paid already."
    ),
    "report_grant_closed": _(
        "Reports cannot be written or submitted while the project is “%(status)s”."
    ),
    "report_locked": _(
        "This report is “%(status)s” and can no longer be changed. Its submitted versions "
        "are kept below."
    ),
    "comment_required": _("Write what should change in at least one section."),
    "grant_finished": _("The project is “%(status)s”: it can no longer be amended."),
    "targets_locked": _("The agreement is signed: its indicator targets can no longer be changed."),
    "negative": _("Amounts and values cannot be negative."),
    "not_pdf": _("The signed agreement must be a PDF file (at most 10 MB)."),
    "over_line": _(
        "The expenditure is above what a budget line holds. Move money between the lines "
        "with an amendment first, or correct the amounts:"
    ),
    "breakdown": _(
        "“%(indicator)s”: the numbers by %(dimension)s add up to %(total)s, but the total "
        "is %(value)s."
    ),
    "narrative_incomplete": _("Answer every question of the narrative:"),
    "values_missing": _("Give a value for every indicator the project has a target for:"),
    "summary_required": _("Write the results for the public page: the final report needs them."),
    "incomplete": _("The report cannot be submitted yet:"),
    "receipt_kind": _("A receipt must be a PDF, PNG or JPEG file of at most 10 MB."),
    "photo_kind": _("A photo must be a JPEG or PNG file of at most 10 MB."),
    "amendment_above_award": _(
        "After this change the budget would total %(total)s, more than the award of %(award)s."
    ),
    "amendment_unbalanced": _(
        "Money is moved between lines: what is added and what is taken must cancel out "
        "(now they differ by %(net)s)."
    ),
    "amendment_empty": _("Change at least one budget line."),
    "line_below_spent": _(
        "“%(line)s” cannot go below what reports say was spent on it (%(spent)s)."
    ),
    "extension_date": lambda params: (
        gettext("The new end date must be later than the current end (%(end)s).")
        % {"end": day(params, "end")}
    ),
}
