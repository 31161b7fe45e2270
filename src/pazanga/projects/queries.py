"""Reusable reads: the portfolio with its risk flags, the indicator roll-up, the public list
and map, the payment list. Each runs a fixed number of queries whatever the number of rows.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from pazanga.common.text import search_key
from pazanga.directory.enums import Settlement
from pazanga.directory.models import County, Municipality
from pazanga.projects.enums import (
    CATEGORIES,
    EDITABLE_REPORT,
    OPEN_REPORT,
    RUNNING,
    Aggregation,
    Disaggregation,
    GrantStatus,
    GroupBy,
    ReportKind,
    ReportStatus,
    RiskFlag,
    TrancheStatus,
)
from pazanga.projects.models import (
    Grant,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Report,
    ReportExpense,
    Tranche,
)

ZERO = Decimal(0)
QUIET_DAYS = 60
TRANCHE_GRACE_DAYS = 30
UNDERSPENT_SHARE = Decimal("0.8")
WATCHED = (GrantStatus.AGREEMENT, GrantStatus.ACTIVE, GrantStatus.REPORTING)
MONEY = DecimalField(max_digits=16, decimal_places=2)
YES_NO = BooleanField()
WAITING_PAYMENT = (TrancheStatus.DUE, TrancheStatus.APPROVED)


# --- the portfolio -----------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioFilter:
    call: int | None = None
    status: str = ""
    county: int | None = None
    municipality: int | None = None
    flag: str = ""
    text: str = ""


def owed_reports() -> QuerySet[Report]:
    return Report.objects.filter(grant=OuterRef("pk"), status__in=OPEN_REPORT)


def with_flags(grants: QuerySet[Grant], today: date | None = None) -> QuerySet[Grant]:
    """Grants annotated with their risk flags, the next report owed and what was paid.

    All are subqueries, so the number of queries does not grow with the rows:
    - report_late: a report being written (or returned) is past its due date;
    - tranche_overdue: a payment due (or approved) for more than 30 days is not made;
    - underspent: the interim report shows spending more than 20 % below the plan;
    - quiet: nothing happened for 60 days on a grant that is not finished.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    owed = owed_reports()
    interim_spent = (
        ReportExpense.objects.filter(
            report__grant=OuterRef("pk"),
            report__kind=ReportKind.INTERIM,
            report__number=1,
            report__status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        )
        .values("report__grant")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    paid = (
        Tranche.objects.filter(grant=OuterRef("pk"), status=TrancheStatus.PAID)
        .values("grant")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    annotated = grants.annotate(
        # Only a grant under way can write its reports: one waiting for its agreement is
        # flagged by inactivity instead.
        report_late=Exists(
            owed.filter(status__in=EDITABLE_REPORT, due_on__lt=today, grant__status__in=RUNNING)
        ),
        tranche_overdue=Exists(
            Tranche.objects.filter(
                grant=OuterRef("pk"),
                status__in=WAITING_PAYMENT,
                due_since__lt=today - timedelta(days=TRANCHE_GRACE_DAYS),
            )
        ),
        payment_waiting=Exists(
            Tranche.objects.filter(grant=OuterRef("pk"), status__in=WAITING_PAYMENT)
        ),
        interim_spent=Subquery(interim_spent, output_field=MONEY),
        next_report_kind=Subquery(owed.order_by("due_on").values("kind")[:1]),
        next_report_due=Subquery(owed.order_by("due_on").values("due_on")[:1]),
        paid_total=Coalesce(Subquery(paid, output_field=MONEY), Value(ZERO), output_field=MONEY),
    )
    return annotated.annotate(
        underspent=ExpressionWrapper(
            Q(interim_spent__lt=F("interim_plan") * UNDERSPENT_SHARE), output_field=YES_NO
        ),
        quiet=ExpressionWrapper(
            Q(status__in=WATCHED, last_activity_at__lt=now - timedelta(days=QUIET_DAYS)),
            output_field=YES_NO,
        ),
    )


FLAG_FILTERS = {
    RiskFlag.REPORT_LATE: Q(report_late=True),
    RiskFlag.TRANCHE_OVERDUE: Q(tranche_overdue=True),
    RiskFlag.UNDERSPENT: Q(underspent=True),
    RiskFlag.QUIET: Q(quiet=True),
}


def portfolio(grants: QuerySet[Grant], wanted: PortfolioFilter) -> QuerySet[Grant]:
    """The programme's grants with their flags, filtered and searched, in reference order."""
    found = with_flags(
        grants.select_related("library__municipality__county", "call").order_by(
            "call__code", "reference"
        )
    )
    if wanted.call:
        found = found.filter(call_id=wanted.call)
    if wanted.status:
        found = found.filter(status=wanted.status)
    if wanted.county:
        found = found.filter(library__municipality__county_id=wanted.county)
    if wanted.municipality:
        found = found.filter(library__municipality_id=wanted.municipality)
    if wanted.flag in FLAG_FILTERS:
        found = found.filter(FLAG_FILTERS[RiskFlag(wanted.flag)])
    if wanted.text.strip():
        found = found.filter(search_text__contains=search_key(wanted.text))
    return found


def flags_of(grant: Grant) -> list[str]:
    """The labels of an annotated grant's risk flags."""
    return [
        str(label)
        for flag, label in RiskFlag.choices
        if getattr(grant, flag, False) and grant.status in WATCHED
    ]


WAITING_FOR = {
    ReportKind.INTERIM: _lazy("the interim report"),
    ReportKind.FINAL: _lazy("the final report"),
}


def next_due(grant: Grant) -> str:
    """What the annotated grant waits for next, in words."""
    if grant.status == GrantStatus.AGREEMENT:
        return _("the signed agreement")
    if grant.status in (GrantStatus.CLOSED, GrantStatus.TERMINATED):
        return ""
    if getattr(grant, "payment_waiting", False):
        return _("a payment")
    kind = getattr(grant, "next_report_kind", None)
    return str(WAITING_FOR[kind]) if kind in WAITING_FOR else ""


# --- the indicator roll-up ---------------------------------------------------------------

GROUP_FIELDS: dict[str, tuple[str, ...]] = {
    GroupBy.CALL: ("call__code",),
    GroupBy.COUNTY: (
        "library__municipality__county__name_lt",
        "library__municipality__county__name_en",
    ),
    GroupBy.MUNICIPALITY: ("library__municipality__name_lt", "library__municipality__name_en"),
    GroupBy.SETTLEMENT: ("library__settlement",),
}


@dataclass
class Cell:
    target: Decimal | None = None
    actual: Decimal | None = None

    @property
    def share(self) -> Decimal | None:
        """Actual as a share of the target, in per cent."""
        if not self.target or self.actual is None:
            return None
        return (self.actual / self.target * 100).quantize(Decimal(1))


@dataclass
class RollupRow:
    label: str
    grants: int
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass
class BreakdownPart:
    label: str
    amount: Decimal
    share: Decimal | None


@dataclass
class Breakdown:
    """How an indicator's approved actuals split along one of its disaggregations."""

    indicator: Indicator
    dimension: str
    parts: list[BreakdownPart]


@dataclass
class Rollup:
    indicators: list[Indicator]
    rows: list[RollupRow]
    total: RollupRow
    breakdowns: list[Breakdown] = field(default_factory=list)


def group_label(group_by: str, values: Iterable[Any], language: str) -> str:
    parts = list(values)
    if group_by == GroupBy.SETTLEMENT:
        with translation.override(language):
            return str(Settlement(parts[0]).label) if parts[0] else _("unknown")
    if len(parts) == 2:  # noqa: PLR2004 (Lithuanian and English names)
        text = parts[1] if language == "en" and parts[1] else parts[0]
    else:
        text = parts[0]
    return str(text) if text else _("unknown")


def prefixed(names: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{name}" for name in names)


def rollup(grants: QuerySet[Grant], group_by: str, language: str) -> Rollup:
    """Targets against actuals (from approved reports) per indicator and group of grants.

    Sums add up; means average every approved report's value (targets: every grant's);
    distinct counts count each organisation once across the reports and grants of a group
    (and of the total). The breakdowns (sex, age group, field) of summed indicators are added
    up over all the grants. Seven queries whatever the number of grants, indicators and
    reports.
    """
    names = GROUP_FIELDS[group_by]
    indicators = list(Indicator.objects.all())
    kinds = {i.pk: i.aggregation for i in indicators}
    rows: dict[tuple[Any, ...], RollupRow] = {}
    for values in grants.values(*names).annotate(n=Count("pk")).order_by(*names):
        key = tuple(values[n] for n in names)
        rows[key] = RollupRow(group_label(group_by, key, language), values["n"])
    total = RollupRow(_("All grants"), sum(row.grants for row in rows.values()))
    targets = IndicatorTarget.objects.filter(grant__in=grants)
    for key, indicator, amount in aggregated(targets, "target", prefixed(names, "grant__"), kinds):
        place(rows, total, key, indicator).target = amount
    approved = IndicatorValue.objects.filter(
        report__grant__in=grants, report__status=ReportStatus.APPROVED
    )
    value_names = prefixed(names, "report__grant__")
    summed = approved.exclude(
        indicator_id__in=[pk for pk, how in kinds.items() if how == Aggregation.DISTINCT]
    )
    for key, indicator, amount in aggregated(summed, "value", value_names, kinds):
        place(rows, total, key, indicator).actual = amount
    counted: dict[tuple[Any, ...], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    distinct = [pk for pk, how in kinds.items() if how == Aggregation.DISTINCT]
    for *key, indicator, items in approved.filter(indicator_id__in=distinct).values_list(
        *value_names, "indicator_id", "items"
    ):
        counted[tuple(key)][indicator].update(items or [])
        counted[TOTAL][indicator].update(items or [])
    for key, by_indicator in counted.items():
        for indicator, items in by_indicator.items():
            place(rows, total, key, indicator).actual = Decimal(len(items))
    ordered = sorted(rows.values(), key=lambda row: search_key(row.label))
    with translation.override(language):
        found = breakdowns(approved, indicators)
    return Rollup(indicators, ordered, total, found)


def breakdowns(approved: QuerySet[IndicatorValue], indicators: list[Indicator]) -> list[Breakdown]:
    """The approved values of each summed, disaggregated indicator, added up per category of
    each of its disaggregations, with each category's share of what the breakdown covers.
    A disaggregation nobody reported is left out. One query."""
    summed = [i for i in indicators if i.aggregation == Aggregation.SUM and i.disaggregations]
    sums: dict[tuple[int, str, str], Decimal] = defaultdict(lambda: ZERO)
    for indicator_id, breakdown in approved.filter(
        indicator_id__in=[i.pk for i in summed]
    ).values_list("indicator_id", "breakdown"):
        for dimension, counts in (breakdown or {}).items():
            for category, amount in (counts or {}).items():
                sums[(indicator_id, dimension, category)] += Decimal(str(amount))
    found = []
    for indicator in summed:
        for dimension in indicator.disaggregations:
            amounts = [
                (str(label), sums.get((indicator.pk, dimension, code), ZERO))
                for code, label in CATEGORIES.get(dimension, ())
            ]
            whole = sum((amount for _, amount in amounts), ZERO)
            if not whole:
                continue
            parts = [
                BreakdownPart(label, amount, (amount / whole * 100).quantize(Decimal(1)))
                for label, amount in amounts
            ]
            found.append(Breakdown(indicator, str(Disaggregation(dimension).label), parts))
    return found


TOTAL: tuple[Any, ...] = ("__total__",)


def place(
    rows: dict[tuple[Any, ...], RollupRow], total: RollupRow, key: tuple[Any, ...], indicator: int
) -> Cell:
    """The cell of `indicator` in the row of `key` (TOTAL: the total row)."""
    row = total if key == TOTAL else rows.get(key)
    if row is None:  # a group without grants cannot hold values; keep them apart
        return Cell()
    return row.cells.setdefault(indicator, Cell())


def aggregated(
    rows: QuerySet[Any], column: str, names: tuple[str, ...], kinds: dict[int, str]
) -> Iterable[tuple[tuple[Any, ...], int, Decimal]]:
    """(group key or TOTAL, indicator, sum or mean of `column`) for every group and the total."""
    sums: dict[tuple[tuple[Any, ...], int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for values in (
        rows.values(*names, "indicator_id").annotate(total=Sum(column), n=Count("pk")).order_by()
    ):
        key = tuple(values[n] for n in names)
        for place_key in (key, TOTAL):
            entry = sums[(place_key, values["indicator_id"])]
            entry[0] += values["total"]
            entry[1] += values["n"]
    for (key, indicator), (amount, count) in sums.items():
        if kinds[indicator] == Aggregation.MEAN and count:
            yield key, indicator, (amount / count).quantize(Decimal("0.01"))
        else:
            yield key, indicator, amount


# --- public pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicFilter:
    call: int | None = None
    county: int | None = None
    theme: str = ""


def public_list(grants: QuerySet[Grant], wanted: PublicFilter) -> QuerySet[Grant]:
    found = grants.select_related("library__municipality", "call").order_by(
        "-call__opens_at", "reference"
    )
    if wanted.call:
        found = found.filter(call_id=wanted.call)
    if wanted.county:
        found = found.filter(library__municipality__county_id=wanted.county)
    if wanted.theme:
        # Themes are a JSON list; its text holds each theme in quotes on both databases.
        found = found.filter(themes__icontains=f'"{wanted.theme}"')
    return found


def projects_per_municipality(grants: QuerySet[Grant]) -> dict[str, int]:
    """Short municipality name -> number of grants (the map's names)."""
    rows = grants.values("library__municipality__short_name_lt").annotate(n=Count("pk"))
    return {
        row["library__municipality__short_name_lt"]: row["n"]
        for row in rows.order_by()
        if row["library__municipality__short_name_lt"]
    }


def filter_choices() -> tuple[QuerySet[County], QuerySet[Municipality]]:
    return County.objects.all(), Municipality.objects.all()


def results_of(grant: Grant) -> list[dict[str, Any]]:
    """Indicator results of a grant from its approved reports, against the targets."""
    targets = {t.indicator_id: t.target for t in grant.targets.all()}
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in IndicatorValue.objects.filter(
        report__grant=grant, report__status=ReportStatus.APPROVED
    ).select_related("indicator"):
        values[value.indicator_id].append(value)
    results = []
    for indicator in Indicator.objects.filter(pk__in=set(targets) | set(values)):
        reported = values.get(indicator.pk, [])
        if indicator.aggregation == Aggregation.DISTINCT:
            actual = Decimal(len({item for v in reported for item in v.items}))
        elif indicator.aggregation == Aggregation.MEAN:
            actual = (
                (sum((v.value for v in reported), ZERO) / len(reported)).quantize(Decimal("0.01"))
                if reported
                else None
            )
        else:
            actual = sum((v.value for v in reported), ZERO) if reported else None
        results.append(
            {"indicator": indicator, "target": targets.get(indicator.pk), "actual": actual}
        )
    return results


# --- payments ----------------------------------------------------------------------------


def payment_list(grants: QuerySet[Grant], statuses: Iterable[str]) -> QuerySet[Tranche]:
    return (
        Tranche.objects.filter(grant__in=grants, status__in=list(statuses))
        .select_related("grant__library", "grant__call")
        .order_by("grant__call__code", "grant__reference", "position")
    )


def funded_municipality_codes(programme: Any) -> set[str]:
    """ISO codes of the municipalities where a library holds a grant of `programme` (the
    impact assessment's grant areas)."""
    codes = Grant.objects.filter(programme=programme).values_list(
        "library__municipality__code", flat=True
    )
    return {code for code in codes.distinct() if code}
