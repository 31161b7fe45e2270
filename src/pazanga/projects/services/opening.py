"""Opening a grant from an awarded application."""

from datetime import timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.common.money import CENT
from pazanga.common.text import search_key
from pazanga.grants.enums import BudgetCategory
from pazanga.grants.models import Application, BudgetLine, Call
from pazanga.projects.dates import first_of_next_month, period_end
from pazanga.projects.enums import ReportKind, TrancheCondition
from pazanga.projects.models import (
    CallTerms,
    Grant,
    GrantBudgetLine,
    Report,
    Tranche,
    default_tranche_plan,
)

ZERO = Decimal(0)


def terms_for(call: Call) -> CallTerms:
    """The call's project terms; the defaults (unsaved) when staff set none."""
    try:
        return call.project_terms
    except CallTerms.DoesNotExist:
        return CallTerms(call=call, tranche_plan=default_tranche_plan())


def open_grant(application: Application, *, actor: Any = None) -> Grant:
    """Open the grant of an awarded application; a second call returns the same grant.

    Side effects: creates the Grant (status `agreement`) carrying the award, its approved
    budget lines (cut in proportion where the committee awarded less than was requested),
    the tranche schedule of the call's terms, and the interim and final reports (drafts with
    their due dates); writes the audit entry `projects.grant.opened`. Nothing is e-mailed:
    the decision letter the grants app sends is the library's news.
    """
    existing = Grant.objects.filter(application_id=application.pk).first()
    if existing is not None:
        return existing
    application = Application.objects.select_related("call", "library").get(pk=application.pk)
    call = application.call
    terms = terms_for(call)
    award = application.awarded_amount or application.requested_total or ZERO
    awarded_on = timezone.localdate(application.decided_at or timezone.now())
    start = first_of_next_month(awarded_on)
    end = period_end(start, terms.months)
    try:
        with transaction.atomic():
            grant = Grant.objects.create(
                programme_id=call.programme_id,
                application=application,
                call=call,
                library=application.library,
                reference=application.reference or f"{call.code}-{application.pk}",
                title=application.title,
                summary=application.summary,
                themes=list(application.themes or []),
                search_text=search_key(
                    f"{application.reference} {application.title} {application.library.name}"
                ),
                currency=call.currency,
                awarded_amount=award,
                interim_plan=(
                    award * min(terms.interim_after_months, terms.months) / terms.months
                ).quantize(CENT),
                language=application.language,
                awarded_on=awarded_on,
                planned_start=start,
                planned_end=end,
                current_end=end,
                last_activity_at=timezone.now(),
                is_demo=application.is_demo,
            )
            create_budget(grant, list(application.budget_lines.order_by("pk")))
            create_tranches(grant, terms.tranche_plan)
            create_reports(grant, terms)
            log_action(
                grant,
                "projects.grant.opened",
                actor=actor,
                data={"application": application.pk, "amount": str(award)},
            )
    except IntegrityError:
        # Opened meanwhile by a parallel award of the same application.
        return Grant.objects.get(application_id=application.pk)
    return grant


def approved_amounts(requested: list[Decimal], award: Decimal) -> list[Decimal]:
    """Each line's approved amount: as requested, or cut in proportion to fit the award.

    Cuts round down to the cent; the cents left over go to the largest line, so the lines
    add up to the award exactly.
    """
    total = sum(requested, ZERO)
    if total <= award or total == 0:
        return list(requested)
    cut = [(amount * award / total).quantize(CENT, rounding=ROUND_DOWN) for amount in requested]
    largest = max(range(len(cut)), key=lambda index: requested[index])
    cut[largest] += award - sum(cut, ZERO)
    return cut


def create_budget(grant: Grant, lines: list[BudgetLine]) -> None:
    if not lines:
        GrantBudgetLine.objects.create(
            grant=grant,
            category=BudgetCategory.OTHER,
            description=grant.title[:300],
            original_amount=grant.awarded_amount,
            current_amount=grant.awarded_amount,
        )
        return
    amounts = approved_amounts([line.requested for line in lines], grant.awarded_amount)
    GrantBudgetLine.objects.bulk_create(
        GrantBudgetLine(
            grant=grant,
            source=line,
            category=line.category,
            description=line.description,
            original_amount=amount,
            current_amount=amount,
            co_financing=line.co_financing,
            position=index,
        )
        for index, (line, amount) in enumerate(zip(lines, amounts, strict=True))
    )


def tranche_amounts(shares: list[Decimal], award: Decimal) -> list[Decimal]:
    """The award split by percentage shares; the last tranche takes the rounding rest."""
    amounts = [(award * share / 100).quantize(CENT, rounding=ROUND_DOWN) for share in shares]
    if amounts:
        amounts[-1] = award - sum(amounts[:-1], ZERO)
    return amounts


def create_tranches(grant: Grant, plan: list[dict[str, str]]) -> None:
    shares = [Decimal(str(step["share"])) for step in plan]
    amounts = tranche_amounts(shares, grant.awarded_amount)
    Tranche.objects.bulk_create(
        Tranche(
            grant=grant,
            position=index,
            condition=step.get("condition", TrancheCondition.SIGNATURE),
            share=share,
            amount=amount,
        )
        for index, (step, share, amount) in enumerate(
            zip(plan, shares, amounts, strict=True), start=1
        )
    )


def create_reports(grant: Grant, terms: CallTerms) -> None:
    """An interim report every `interim_after_months` before the end, then the final one;
    each due `report_days` after the period it covers."""
    days = timedelta(days=terms.report_days)
    step = max(terms.interim_after_months, 1)
    reports = [
        Report(
            grant=grant,
            kind=ReportKind.INTERIM,
            number=number,
            due_on=period_end(grant.planned_start, months) + days,
        )
        for number, months in enumerate(range(step, terms.months, step), start=1)
    ]
    reports.append(
        Report(
            grant=grant,
            kind=ReportKind.FINAL,
            number=len(reports) + 1,
            due_on=grant.current_end + days,
        )
    )
    Report.objects.bulk_create(reports)
