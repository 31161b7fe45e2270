"""The results framework's actuals, and the programme's money by funder and year, computed
from the platform's own records.

Each `Measure` is one grouped query counting by year; it also counts how many of the
records counted are demo data, so that a figure computed from demo data says so. Queries:
one per indicator, whatever the number of records.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from pazanga.common.money import Money, to_eur
from pazanga.events.enums import EventStatus
from pazanga.events.models import Event
from pazanga.grants.models import Application, Call
from pazanga.programme.models import Programme
from pazanga.projects.enums import GrantStatus, ReportStatus, TrancheStatus
from pazanga.projects.models import Grant, IndicatorValue, Tranche
from pazanga.training.models import Completion
from pazanga.workplan.enums import Funder, Measure
from pazanga.workplan.models import BudgetLine, ResultIndicator, ResultTarget

ZERO = Decimal(0)


@dataclass(frozen=True)
class Counted:
    """Actual values by year, the total, and whether demo records are among them."""

    by_year: dict[int, Decimal]
    total: Decimal
    demo: bool


def grouped(
    rows: QuerySet,
    year: str,
    value: str = "pk",
    *,
    distinct: bool = False,
    demo: str = "is_demo",
    summed: bool = False,
) -> Counted:
    """Count (or sum) `value` by the year of `year`; `demo` names the demo flag's path."""
    counted = rows.annotate(y=ExtractYear(year)).values("y").order_by()
    measure = Sum(value) if summed else Count(value, distinct=distinct)
    demo_count = Count("pk", filter=Q(**{demo: True}))
    by_year: dict[int, Decimal] = {}
    any_demo = False
    for row in counted.annotate(n=measure, d=demo_count):
        if row["y"] is not None:
            by_year[row["y"]] = Decimal(row["n"] or 0)
        any_demo = any_demo or bool(row["d"])
    if distinct:
        total = Decimal(rows.aggregate(n=Count(value, distinct=True))["n"] or 0)
    else:
        total = sum(by_year.values(), ZERO)
    return Counted(by_year, total, any_demo)


def actuals(indicator: ResultIndicator, targets: list[ResultTarget]) -> Counted:  # noqa: PLR0911
    """The indicator's actual values from the records its measure names."""
    programme = indicator.programme_id
    now = timezone.now()
    match indicator.measure:
        case Measure.STAFF_TRAINED:
            return grouped(
                Completion.objects.filter(enrolment__session__event__programme=programme),
                "completed_at",
                "person",
                distinct=True,
                demo="enrolment__is_demo",
            )
        case Measure.MODULE_COMPLETIONS:
            return grouped(
                Completion.objects.filter(
                    enrolment__session__event__programme=programme,
                    module__code=indicator.measure_code,
                ),
                "completed_at",
                demo="enrolment__is_demo",
            )
        case Measure.CALLS:
            return grouped(
                Call.objects.filter(programme=programme, is_published=True, closes_at__lte=now),
                "closes_at",
            )
        case Measure.APPLICATIONS:
            return grouped(
                Application.objects.filter(call__programme=programme, submitted_at__isnull=False),
                "submitted_at",
            )
        case Measure.GRANTS_AWARDED:
            return grouped(Grant.objects.filter(programme=programme), "awarded_on")
        case Measure.GRANTS_CLOSED:
            return grouped(
                Grant.objects.filter(programme=programme, status=GrantStatus.CLOSED), "closed_at"
            )
        case Measure.PROJECT_INDICATOR:
            return grouped(
                IndicatorValue.objects.filter(
                    report__grant__programme=programme,
                    report__status=ReportStatus.APPROVED,
                    indicator__code=indicator.measure_code,
                ),
                "report__due_on",
                "value",
                summed=True,
                demo="report__grant__is_demo",
            )
        case Measure.EVENTS_HELD:
            return grouped(
                Event.objects.filter(
                    programme=programme,
                    status=EventStatus.PUBLISHED,
                    ends_at__lte=now,
                    session__isnull=True,
                ),
                "ends_at",
            )
    reported = {t.year: t.reported for t in targets if t.reported is not None}
    return Counted(reported, sum(reported.values(), ZERO), indicator.is_demo)


@dataclass
class YearCell:
    target: Decimal | None
    actual: Decimal | None


@dataclass
class FrameworkRow:
    indicator: ResultIndicator
    years: list[YearCell]
    total_target: Decimal | None
    total_actual: Decimal
    demo: bool
    targets_demo: bool


@dataclass
class Framework:
    years: list[int]
    rows: list[FrameworkRow] = field(default_factory=list)

    @property
    def has_demo(self) -> bool:
        return any(row.demo or row.targets_demo for row in self.rows)


def programme_years(programme: Programme) -> list[int]:
    return list(range(programme.start_date.year, programme.end_date.year + 1))


def framework(programme: Programme) -> Framework:
    years = programme_years(programme)
    indicators = list(
        ResultIndicator.objects.filter(programme=programme).prefetch_related("targets")
    )
    result = Framework(years)
    for indicator in indicators:
        targets = list(indicator.targets.all())
        by_year = {t.year: t for t in targets}
        counted = actuals(indicator, targets)
        cells = [
            YearCell(
                by_year[year].target if year in by_year else None,
                counted.by_year.get(year),
            )
            for year in years
        ]
        known = [t.target for t in targets if t.target is not None]
        result.rows.append(
            FrameworkRow(
                indicator=indicator,
                years=cells,
                total_target=sum(known, ZERO) if known else None,
                total_actual=counted.total,
                demo=counted.demo,
                targets_demo=indicator.is_demo
                or any(
                    t.year not in REAL_TARGET_YEARS.get(indicator.code, ())
                    for t in targets
                    if t.target is not None
                ),
            )
        )
    return result


# Targets the sources give (reference.py); every other target is demo data.
REAL_TARGET_YEARS = {"grants-awarded": (2015,)}


# --- money -------------------------------------------------------------------------------


@dataclass
class BudgetYear:
    year: int
    planned: dict[str, list[Money]]  # funder -> amounts (one per currency)
    planned_eur: dict[str, Money]
    total_eur: Money
    committed_eur: Money
    disbursed_eur: Money
    cells: list[tuple[list[Money], Money | None]] = field(default_factory=list)  # per funder


@dataclass
class Budget:
    funders: list[tuple[str, str]]
    years: list[BudgetYear]
    total_by_funder: dict[str, Money]
    total_eur: Money
    committed_eur: Money
    disbursed_eur: Money
    has_demo: bool

    @property
    def total_cells(self) -> list[Money]:
        return [self.total_by_funder[code] for code, _label in self.funders]


def eur(amount: Decimal, currency: str, on: date) -> Decimal:
    return to_eur(Money(amount, currency), on).amount


def budget(programme: Programme) -> Budget:
    """Planned money by funder and year (original currency and EUR) against commitments
    (grants awarded, by the year awarded) and disbursements (tranches paid, by the day)."""
    years = programme_years(programme)
    planned: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(Decimal))
    )
    has_demo = False
    lines = (
        BudgetLine.objects.filter(activity__programme=programme)
        .values("year", "funder", "currency")
        .annotate(total=Sum("amount"), demo=Count("pk", filter=Q(is_demo=True)))
        .order_by()
    )
    for line in lines:
        planned[line["year"]][line["funder"]][line["currency"]] += line["total"]
        has_demo = has_demo or bool(line["demo"])
    committed: dict[int, Decimal] = defaultdict(Decimal)
    grants = Grant.objects.filter(programme=programme).annotate(y=ExtractYear("awarded_on"))
    for row in grants.values("y", "currency").annotate(total=Sum("awarded_amount")).order_by():
        committed[row["y"]] += eur(row["total"], row["currency"], date(row["y"], 12, 31))
    disbursed: dict[int, Decimal] = defaultdict(Decimal)
    tranches = Tranche.objects.filter(
        grant__programme=programme, status=TrancheStatus.PAID, paid_on__isnull=False
    ).annotate(y=ExtractYear("paid_on"))
    for row in (
        tranches.values("y", "paid_currency", "grant__currency")
        .annotate(total=Sum("paid_amount"), planned=Sum("amount"))
        .order_by()
    ):
        currency = row["paid_currency"] or row["grant__currency"]
        amount = row["total"] if row["total"] is not None else row["planned"]
        disbursed[row["y"]] += eur(amount, currency, date(row["y"], 12, 31))
    funders = list(Funder.choices)
    result_years = []
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for year in sorted(set(years) | set(planned) | set(committed) | set(disbursed)):
        on = date(year, 12, 31)
        by_funder = planned.get(year, {})
        planned_money = {
            funder: [Money(amount, currency) for currency, amount in sorted(by_currency.items())]
            for funder, by_currency in by_funder.items()
        }
        planned_eur = {
            funder: Money(sum((eur(m.amount, m.currency, on) for m in amounts), ZERO), "EUR")
            for funder, amounts in planned_money.items()
        }
        for funder, money in planned_eur.items():
            totals[funder] += money.amount
        result_years.append(
            BudgetYear(
                year=year,
                planned=planned_money,
                planned_eur=planned_eur,
                total_eur=Money(sum((m.amount for m in planned_eur.values()), ZERO), "EUR"),
                committed_eur=Money(committed.get(year, ZERO), "EUR"),
                disbursed_eur=Money(disbursed.get(year, ZERO), "EUR"),
                cells=[
                    (planned_money.get(code, []), planned_eur.get(code)) for code, _label in funders
                ],
            )
        )
    return Budget(
        funders=funders,
        years=result_years,
        total_by_funder={f: Money(totals.get(f, ZERO), "EUR") for f, _label in funders},
        total_eur=Money(sum(totals.values(), ZERO), "EUR"),
        committed_eur=Money(sum(committed.values(), ZERO), "EUR"),
        disbursed_eur=Money(sum(disbursed.values(), ZERO), "EUR"),
        has_demo=has_demo,
    )
