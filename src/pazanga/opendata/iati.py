"""IATI 2.03: the programme as a hierarchy-1 activity and each funded project as a
hierarchy-2 activity below it, validated against the official XSDs vendored in
`schemas/iati-2.03/` (lxml).

Elements are written in the order the schema's sequences demand. The programme carries its
participating organisations and their roles, its yearly budgets and incoming funds (from the
workplan's budget lines), and results with the results framework's indicators; each project
its commitment and disbursement transactions and its indicators with targets and actuals
(approved reports). Nothing personal. Queries: a fixed number whatever the number of grants.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from lxml import etree

from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation
from pazanga.opendata import identifiers
from pazanga.programme.enums import ParticipantRole
from pazanga.programme.models import Participant, Programme
from pazanga.projects.enums import GrantStatus, ReportStatus, TrancheStatus
from pazanga.projects.models import Grant, IndicatorTarget, IndicatorValue, Tranche
from pazanga.workplan import results
from pazanga.workplan.enums import Funder, IndicatorLevel
from pazanga.workplan.models import BudgetLine

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "iati-2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# IATI codelists: OrganisationType, OrganisationRole, ActivityStatus, ResultType, ...
ORGANISATION_TYPE = {
    OrganisationKind.FOUNDATION: "60",
    OrganisationKind.MINISTRY: "10",
    OrganisationKind.NATIONAL_LIBRARY: "10",
    OrganisationKind.BUSINESS: "70",
    OrganisationKind.NGO: "22",
    OrganisationKind.MEDIA: "70",
}
PUBLIC_SECTOR = "15"  # "Other Public Sector": municipal public libraries
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_EXTENDING, ROLE_IMPLEMENTING = "1", "2", "3", "4"
PARTICIPANT_ROLES = {
    ParticipantRole.FUNDER: (ROLE_FUNDING,),
    ParticipantRole.CO_FUNDER: (ROLE_FUNDING,),
    ParticipantRole.IMPLEMENTER: (ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING),
}
GRANT_STATUS = {
    GrantStatus.AGREEMENT: "1",  # pipeline
    GrantStatus.ACTIVE: "2",
    GrantStatus.REPORTING: "3",  # finalisation
    GrantStatus.CLOSED: "4",  # closed
    GrantStatus.SUSPENDED: "6",
    GrantStatus.TERMINATED: "5",  # cancelled
}
RESULT_TYPE = {IndicatorLevel.OUTPUT: "1", IndicatorLevel.OUTCOME: "2", IndicatorLevel.IMPACT: "3"}
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
INCOMING_FUNDS, COMMITMENT, DISBURSEMENT = "1", "2", "3"


def amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str):  # type: ignore[no-untyped-def]
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def narratives(parent: etree._Element, tag: str, lt: str, en: str = "", **attributes: str):  # type: ignore[no-untyped-def]
    element = sub(parent, tag, **attributes)
    sub(element, "narrative", lt or en)
    if en and en != lt:
        sub(element, "narrative", en).set(XML_LANG, "en")
    return element


def value(parent: etree._Element, number: Decimal, currency: str, on: date) -> None:
    sub(parent, "value", amount(number), currency=currency, value_date=on.isoformat())


def organisation_type(organisation: Organisation) -> str:
    return ORGANISATION_TYPE.get(organisation.kind, PUBLIC_SECTOR)


def reporting_org(activity: etree._Element, publisher: Organisation | None, ref: str) -> None:
    org = sub(
        activity, "reporting-org", ref=ref, type=organisation_type(publisher) if publisher else "10"
    )
    sub(org, "narrative", publisher.name if publisher else ref)


def dates(activity: etree._Element, pairs: list[tuple[str, date | None]]) -> None:
    for code, day in pairs:
        if day is not None:
            sub(activity, "activity-date", type=code, iso_date=day.isoformat())


def programme_activity(
    root: etree._Element,
    programme: Programme,
    publisher: Organisation | None,
    ref: str,
    today: date,
) -> str:
    identifier = f"{ref}-{programme.code.upper()}"
    activity = sub(
        root,
        "iati-activity",
        default_currency="EUR",
        hierarchy="1",
        last_updated_datetime=timezone.now().replace(microsecond=0).isoformat(),
    )
    activity.set(XML_LANG, "lt")
    sub(activity, "iati-identifier", identifier)
    reporting_org(activity, publisher, ref)
    narratives(activity, "title", programme.name_lt, programme.name_en)
    narratives(
        activity,
        "description",
        programme.summary_lt or programme.name_lt,
        programme.summary_en,
        type="1",
    )
    participants = Participant.objects.filter(programme=programme).select_related("organisation")
    if not any(p.role in PARTICIPANT_ROLES for p in participants):
        # The schema wants at least one: the publisher, accountable for and running it.
        for role in (ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING):
            org = sub(
                activity,
                "participating-org",
                ref=ref,
                role=role,
                type=organisation_type(publisher) if publisher else "10",
            )
            sub(org, "narrative", publisher.name if publisher else ref)
    for participant in participants:
        for role in PARTICIPANT_ROLES.get(participant.role, ()):
            org = sub(
                activity,
                "participating-org",
                ref=identifiers.organisation_id(participant.organisation),
                type=organisation_type(participant.organisation),
                role=role,
            )
            sub(org, "narrative", participant.organisation.name)
    status = "4" if today > programme.end_date else ("2" if today >= programme.start_date else "1")
    sub(activity, "activity-status", code=status)
    dates(
        activity,
        [
            (PLANNED_START, programme.start_date),
            (ACTUAL_START, programme.start_date),
            (PLANNED_END, programme.end_date),
            (ACTUAL_END, programme.end_date if today > programme.end_date else None),
        ],
    )
    sub(activity, "recipient-country", code="LT", percentage="100")
    planned = yearly_budget(programme)
    for (year, currency), total in sorted(planned.items()):
        start = max(date(year, 1, 1), programme.start_date)
        end = min(date(year, 12, 31), programme.end_date)
        budget = sub(activity, "budget", type="1", status="2")
        sub(budget, "period-start", iso_date=start.isoformat())
        sub(budget, "period-end", iso_date=end.isoformat())
        value(budget, total, currency, start)
    funders = funder_organisations(participants)
    for (year, funder, currency), total in sorted(incoming(programme).items()):
        transaction = sub(activity, "transaction")
        sub(transaction, "transaction-type", code=INCOMING_FUNDS)
        on = max(date(year, 1, 1), programme.start_date)
        sub(transaction, "transaction-date", iso_date=on.isoformat())
        value(transaction, total, currency, on)
        provider = funders.get(funder)
        if provider is not None:
            org = sub(transaction, "provider-org", ref=identifiers.organisation_id(provider))
            sub(org, "narrative", provider.name)
    framework_results(activity, programme)
    return identifier


def yearly_budget(programme: Programme) -> dict[tuple[int, str], Decimal]:
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    rows = BudgetLine.objects.filter(activity__programme=programme).values_list(
        "year", "currency", "amount"
    )
    for year, currency, line in rows:
        totals[(year, currency)] += line
    return totals


def incoming(programme: Programme) -> dict[tuple[int, str, str], Decimal]:
    totals: dict[tuple[int, str, str], Decimal] = defaultdict(Decimal)
    rows = BudgetLine.objects.filter(activity__programme=programme).values_list(
        "year", "funder", "currency", "amount"
    )
    for year, funder, currency, line in rows:
        totals[(year, funder, currency)] += line
    return totals


def funder_organisations(participants: QuerySet[Participant]) -> dict[str, Organisation]:
    """The workplan's funders as organisations: the foundation, the ministry, the library."""
    found: dict[str, Organisation] = {}
    for participant in participants:
        kind = participant.organisation.kind
        if kind == OrganisationKind.FOUNDATION:
            found.setdefault(Funder.GATES, participant.organisation)
        elif kind == OrganisationKind.MINISTRY and "kult" in participant.organisation.name.lower():
            found.setdefault(Funder.MINISTRY, participant.organisation)
        elif kind == OrganisationKind.NATIONAL_LIBRARY:
            found.setdefault(Funder.LNB, participant.organisation)
    return found


def framework_results(activity: etree._Element, programme: Programme) -> None:
    framework = results.framework(programme)
    for row in framework.rows:
        indicator = row.indicator
        result = sub(activity, "result", type=RESULT_TYPE[indicator.level], aggregation_status="1")
        narratives(result, "title", indicator.name_lt, indicator.name_en)
        element = sub(result, "indicator", measure="1", ascending="1")
        narratives(element, "title", indicator.name_lt, indicator.name_en)
        sub(
            element, "baseline", year=str(indicator.baseline_year), value=amount(indicator.baseline)
        )
        for year, cell in zip(framework.years, row.years, strict=True):
            if cell.target is None and cell.actual is None:
                continue
            period = sub(element, "period")
            start = max(date(year, 1, 1), programme.start_date)
            end = min(date(year, 12, 31), programme.end_date)
            sub(period, "period-start", iso_date=start.isoformat())
            sub(period, "period-end", iso_date=end.isoformat())
            if cell.target is not None:
                sub(period, "target", value=amount(cell.target))
            if cell.actual is not None:
                sub(period, "actual", value=amount(cell.actual))


def grants_of(programme: Programme) -> QuerySet[Grant]:
    paid = Tranche.objects.filter(status=TrancheStatus.PAID, paid_on__isnull=False)
    targets = IndicatorTarget.objects.select_related("indicator")
    return (
        Grant.objects.filter(programme=programme)
        .select_related("library", "call")
        .prefetch_related(
            Prefetch("tranches", queryset=paid.order_by("position"), to_attr="paid_tranches"),
            Prefetch("targets", queryset=targets, to_attr="target_list"),
        )
        .order_by("call__opens_at", "reference")
    )


def approved_values(programme: Programme) -> dict[tuple[int, int], Decimal]:
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    rows = IndicatorValue.objects.filter(
        report__grant__programme=programme, report__status=ReportStatus.APPROVED
    ).values_list("report__grant_id", "indicator_id", "value")
    for grant, indicator, number in rows:
        totals[(grant, indicator)] += number
    return totals


def project_activity(
    root: etree._Element,
    grant: Grant,
    *,
    publisher: Organisation | None,
    ref: str,
    parent: str,
    values: dict[tuple[int, int], Decimal],
) -> None:
    activity = sub(
        root,
        "iati-activity",
        default_currency=grant.currency,
        hierarchy="2",
        last_updated_datetime=grant.last_activity_at.replace(microsecond=0).isoformat(),
    )
    activity.set(XML_LANG, "lt")
    sub(activity, "iati-identifier", f"{ref}-{grant.reference}")
    reporting_org(activity, publisher, ref)
    narratives(activity, "title", grant.title)
    narratives(activity, "description", grant.summary or grant.title, type="1")
    if publisher is not None:
        org = sub(
            activity,
            "participating-org",
            ref=ref,
            type=organisation_type(publisher),
            role=ROLE_EXTENDING,
        )
        sub(org, "narrative", publisher.name)
    org = sub(
        activity,
        "participating-org",
        ref=identifiers.organisation_id(grant.library),
        type=organisation_type(grant.library),
        role=ROLE_IMPLEMENTING,
    )
    sub(org, "narrative", grant.library.name)
    sub(activity, "activity-status", code=GRANT_STATUS.get(grant.status, "2"))
    closed = timezone.localdate(grant.closed_at) if grant.closed_at else None
    dates(
        activity,
        [
            (PLANNED_START, grant.planned_start),
            (ACTUAL_START, grant.signed_on),
            (PLANNED_END, grant.current_end),
            (ACTUAL_END, closed),
        ],
    )
    sub(activity, "recipient-country", code="LT", percentage="100")
    transaction = sub(activity, "transaction")
    sub(transaction, "transaction-type", code=COMMITMENT)
    sub(transaction, "transaction-date", iso_date=grant.awarded_on.isoformat())
    value(transaction, grant.awarded_amount, grant.currency, grant.awarded_on)
    for tranche in grant.paid_tranches:  # type: ignore[attr-defined]
        transaction = sub(activity, "transaction", ref=f"{grant.reference}-{tranche.position}")
        sub(transaction, "transaction-type", code=DISBURSEMENT)
        sub(transaction, "transaction-date", iso_date=tranche.paid_on.isoformat())
        paid = tranche.paid_money or tranche.money
        value(transaction, paid.amount, paid.currency, tranche.paid_on)
    sub(activity, "related-activity", ref=parent, type="1")
    targets = grant.target_list  # type: ignore[attr-defined]
    if targets:
        result = sub(activity, "result", type=RESULT_TYPE[IndicatorLevel.OUTPUT])
        narratives(result, "title", "Projekto rodikliai", "Project indicators")
        for target in targets:
            indicator = target.indicator
            element = sub(result, "indicator", measure="1", ascending="1")
            narratives(element, "title", indicator.name_lt, indicator.name_en)
            period = sub(element, "period")
            sub(period, "period-start", iso_date=grant.planned_start.isoformat())
            sub(period, "period-end", iso_date=grant.current_end.isoformat())
            sub(period, "target", value=amount(target.target))
            actual = values.get((grant.pk, indicator.pk))
            if actual is not None:
                sub(period, "actual", value=amount(actual))


def document(programme: Programme, today: date | None = None) -> etree._ElementTree:
    today = today or timezone.localdate()
    publisher = identifiers.publisher()
    ref = identifiers.publisher_id(publisher)
    root = etree.Element(
        "iati-activities",
        {
            "version": "2.03",
            "generated-datetime": timezone.now().replace(microsecond=0).isoformat(),
        },
    )
    parent = programme_activity(root, programme, publisher, ref, today)
    values = approved_values(programme)
    for grant in grants_of(programme).iterator(chunk_size=500):
        project_activity(root, grant, publisher=publisher, ref=ref, parent=parent, values=values)
    return etree.ElementTree(root)


def document_bytes(programme: Programme) -> bytes:
    return etree.tostring(
        document(programme), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "iati-activities-schema.xsd")))


def problems(tree: etree._ElementTree) -> list[str]:
    """Every way `tree` breaks the IATI 2.03 schema ("line: message"); [] when valid."""
    checker = schema()
    if checker.validate(tree):
        return []
    return [f"{error.line}: {error.message}" for error in checker.error_log]
