"""Why the funded-project rules refuse a request (codes `projects.<reason>`), in the reader's
language.

Refusals carry raw parameters (status codes, amounts with their currency, ISO dates,
indicator codes); the functions below put them into words when the message is read, so the
same refusal reads correctly in either language.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from pazanga.common.i18n import format_date
from pazanga.common.money import Money, format_money
from pazanga.projects.enums import Disaggregation, GrantStatus, ReportStatus, TrancheCondition

Params = Mapping[str, Any]


def day(params: Params, name: str) -> str:
    return format_date(date.fromisoformat(str(params[name])), get_language() or "lt")


def money(params: Params, name: str) -> str:
    return format_money(Money(Decimal(str(params[name])), str(params["currency"])))


def number(params: Params, name: str) -> str:
    return f"{Decimal(str(params[name])).normalize():f}"


def grant_status(params: Params) -> str:
    return str(GrantStatus(params["status"]).label)


def indicator_name(code: str) -> str:
    from pazanga.projects.models import Indicator

    found = Indicator.objects.filter(code=code).first()
    return str(found.name) if found else code


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
    "condition_unmet": lambda params: (
        gettext("This payment is not due yet: it is paid %(when)s.")
        % {"when": TrancheCondition(params["condition"]).label}
    ),
    "grant_not_running": lambda params: (
        gettext("No payment can be approved or made while the project is “%(status)s”.")
        % {"status": grant_status(params)}
    ),
    "payment_date": _("Give the date of the payment; it cannot be in the future."),
    "payment_reference": _("Give the payment's reference (the payment order number)."),
    "above_award": lambda params: (
        gettext(
            "This payment of %(amount)s would take the payments above the award of %(award)s: "
            "%(paid)s has been paid already."
        )
        % {
            "amount": money(params, "amount"),
            "award": money(params, "award"),
            "paid": money(params, "paid"),
        }
    ),
    "report_grant_closed": lambda params: (
        gettext("Reports cannot be written or submitted while the project is “%(status)s”.")
        % {"status": grant_status(params)}
    ),
    "report_locked": lambda params: (
        gettext(
            "This report is “%(status)s” and can no longer be changed. Its submitted versions "
            "are kept on its page."
        )
        % {"status": ReportStatus(params["status"]).label}
    ),
    "comment_required": _("Write what should change in at least one section."),
    "grant_finished": lambda params: (
        gettext("The project is “%(status)s”: it can no longer be amended.")
        % {"status": grant_status(params)}
    ),
    "targets_locked": _("The agreement is signed: its indicator targets can no longer be changed."),
    "negative": _("Amounts and values cannot be negative."),
    "not_pdf": _("The signed agreement must be a PDF file (at most 10 MB)."),
    "over_line": _(
        "The expenditure is above what a budget line holds. Move money between the lines "
        "with an amendment first, or correct the amounts:"
    ),
    "breakdown": lambda params: (
        gettext(
            "“%(indicator)s”: the numbers by %(dimension)s add up to %(total)s, but the total "
            "is %(value)s."
        )
        % {
            "indicator": indicator_name(params["indicator"]),
            "dimension": Disaggregation(params["dimension"]).label,
            "total": number(params, "total"),
            "value": number(params, "value"),
        }
    ),
    "narrative_incomplete": _("Answer every question of the narrative:"),
    "values_missing": _("Give a value for every indicator the project has a target for:"),
    "summary_required": _("Write the results for the public page: the final report needs them."),
    "incomplete": _("The report cannot be submitted yet:"),
    "receipt_kind": _("A receipt must be a PDF, PNG or JPEG file of at most 10 MB."),
    "photo_kind": _("A photo must be a JPEG or PNG file of at most 10 MB."),
    "amendment_above_award": lambda params: (
        gettext(
            "After this change the budget would total %(total)s, more than the award of %(award)s."
        )
        % {"total": money(params, "total"), "award": money(params, "award")}
    ),
    "amendment_unbalanced": lambda params: (
        gettext(
            "Money is moved between lines: what is added and what is taken must cancel out "
            "(now they differ by %(net)s)."
        )
        % {"net": money(params, "net")}
    ),
    "amendment_empty": _("Change at least one budget line."),
    "line_below_spent": lambda params: (
        gettext("“%(line)s” cannot go below what reports say was spent on it (%(spent)s).")
        % {"line": params["line"], "spent": money(params, "spent")}
    ),
    "extension_date": lambda params: (
        gettext("The new end date must be later than the current end (%(end)s).")
        % {"end": day(params, "end")}
    ),
}
