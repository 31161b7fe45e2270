"""Eligibility rules and the checks that must pass before an application can be submitted.

Each check is a `Check(code, passed, params)`: `passed` is True, False or None when the
platform cannot tell yet (staff then confirm by hand). Messages are rendered in the
reader's language from the code, so a stored check reads well in Lithuanian and English.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from pazanga.directory.enums import OrganisationKind
from pazanga.grants import rules
from pazanga.grants.models import Application, Call


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool | None
    params: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def message(self) -> str:
        return check_message(self)


def training_provider() -> Any:
    """The function (library, module code) -> True | False | None that knows completions."""
    from django.apps import apps

    default = apps.get_app_config("grants").default_training_provider  # type: ignore[attr-defined]
    return import_string(getattr(settings, "GRANTS_TRAINING_PROVIDER", default))


def plain(number: Decimal) -> str:
    """10.00 as "10", 12.50 as "12.5": no exponent, no trailing zeros."""
    return format(number.normalize(), "f")


def localized(params: dict[str, str], *names: str) -> dict[str, str]:
    """The params with the named decimals ("1.0", "5000.00", stored as text) written as the
    reader's language writes numbers (a decimal comma in Lithuanian)."""
    result = dict(params)
    for name in names:
        try:
            result[name] = number_format(Decimal(params.get(name, "")))
        except InvalidOperation:
            continue
    return result


def kind_label(kind: str) -> str:
    return str(OrganisationKind(kind).label) if kind in OrganisationKind.values else kind


def applicant_kind_check(call: Call, application: Application) -> Check:
    allowed = call.eligible_kinds
    passed = not allowed or application.library.kind in allowed
    return Check("applicant_kind", passed, {"kind": application.library.kind})


def training_check(call: Call, application: Application) -> Check | None:
    if not call.required_training_module:
        return None
    completed = training_provider()(application.library, call.required_training_module)
    return Check("training", completed, {"module": call.required_training_module})


def partner_checks(call: Call, partner_kinds: set[str]) -> list[Check]:
    return [
        Check("partner_kind", kind in partner_kinds, {"kind": kind})
        for kind in call.required_partner_kinds
    ]


def budget_checks(call: Call, declared: Decimal | None, totals: rules.BudgetTotals) -> list[Check]:
    requested = totals.requested
    share = rules.co_financing_share(totals)
    money = {"currency": call.currency}
    return [
        Check("budget_lines", totals.lines > 0),
        Check(
            "budget_adds_up",
            declared is not None and declared == requested,
            {"declared": str(declared or 0), "lines": str(requested), **money},
        ),
        Check(
            "grant_range",
            call.min_grant <= requested <= call.max_grant,
            {
                "min": str(call.min_grant),
                "max": str(call.max_grant),
                "amount": str(requested),
                **money,
            },
        ),
        Check(
            "co_financing",
            share >= call.min_co_financing_percent,
            {"share": str(share), "required": plain(call.min_co_financing_percent)},
        ),
    ]


def run_checks(application: Application) -> list[Check]:
    """Every rule of the call applied to the application as it is now."""
    call = application.call
    totals = rules.budget_totals(
        rules.BudgetLine(line.requested, line.co_financing)
        for line in application.budget_lines.all()
    )
    kinds = {p.organisation.kind for p in application.partners.select_related("organisation")}
    checks = [applicant_kind_check(call, application)]
    training = training_check(call, application)
    if training:
        checks.append(training)
    checks += partner_checks(call, kinds)
    checks += budget_checks(call, application.requested_total, totals)
    return checks


# Problems the applicant can fix in the form: they block submission.
BLOCKING = {"partner_kind", "budget_lines", "budget_adds_up", "grant_range", "co_financing"}


def blocking_problems(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.code in BLOCKING and c.passed is False]


def automatic_verdict(checks: list[dict[str, Any]]) -> bool | None:
    """False when a rule failed, None when one is not checkable, else True."""
    results = [c["passed"] for c in checks]
    if False in results:
        return False
    if None in results:
        return None
    return True


def check_message(check: Check) -> str:
    """The check in the reader's language."""
    writer = MESSAGES.get(check.code)
    return writer(check.passed, check.params) if writer else check.code


def kind_message(passed: bool | None, p: dict[str, str]) -> str:
    text = (
        _("A %(kind)s may apply to this call.")
        if passed
        else _("A %(kind)s may not apply to this call.")
    )
    return text % {"kind": kind_label(p.get("kind", ""))}


def training_message(passed: bool | None, p: dict[str, str]) -> str:
    if passed is None:
        text = _(
            "Completion of training module %(module)s cannot be checked automatically yet: "
            "programme staff confirm it by hand."
        )
    elif passed:
        text = _("Someone on the library's staff completed training module %(module)s.")
    else:
        text = _("Nobody on the library's staff has completed training module %(module)s.")
    return text % {"module": p.get("module", "")}


def partner_message(passed: bool | None, p: dict[str, str]) -> str:
    text = (
        _("There is a partner of the required kind: %(kind)s.")
        if passed
        else _("The call requires a partner of this kind: %(kind)s. Add one.")
    )
    return text % {"kind": kind_label(p.get("kind", ""))}


def lines_message(passed: bool | None, p: dict[str, str]) -> str:
    return _("The budget has lines.") if passed else _("Add at least one budget line.")


def adds_up_message(passed: bool | None, p: dict[str, str]) -> str:
    if passed:
        return _("The budget lines add up to the amount requested.")
    return _(
        "The budget lines add up to %(lines)s %(currency)s, but the amount requested "
        "is %(declared)s %(currency)s. Make them equal."
    ) % localized(p, "lines", "declared")


def range_message(passed: bool | None, p: dict[str, str]) -> str:
    if passed:
        return _("The amount requested is within the call's limits.")
    return _(
        "The amount requested, %(amount)s %(currency)s, must be between %(min)s and "
        "%(max)s %(currency)s."
    ) % localized(p, "amount", "min", "max")


def co_financing_message(passed: bool | None, p: dict[str, str]) -> str:
    if passed:
        text = _(
            "Co-financing is %(share)s%% of the project cost (at least %(required)s%% needed)."
        )
    else:
        text = _(
            "Co-financing is %(share)s%% of the project cost; the call requires at least "
            "%(required)s%%."
        )
    return text % localized(p, "share", "required")


MESSAGES = {
    "applicant_kind": kind_message,
    "training": training_message,
    "partner_kind": partner_message,
    "budget_lines": lines_message,
    "budget_adds_up": adds_up_message,
    "grant_range": range_message,
    "co_financing": co_financing_message,
}


def stored_checks(application: Application) -> list[Check]:
    return [Check(**c) for c in application.eligibility_checks]
