"""Grants opened the way the platform opens them: from an awarded application."""

from datetime import UTC, date, datetime
from decimal import Decimal

from pazanga.grants.enums import ApplicationStatus, BudgetCategory
from pazanga.grants.tests.factories import ApplicationFactory, BudgetLineFactory, CallFactory
from pazanga.projects import services
from pazanga.projects.models import Grant, Indicator

# The committee decided on 2015-05-04 (Vilnius): the grant starts on 2015-06-01, ends on
# 2016-05-31; the interim report is due 2015-12-30, the final one 2016-06-30.
DECIDED = datetime(2015, 5, 4, 9, 0, tzinfo=UTC)
SIGNED = date(2015, 6, 10)


def call_for(programme, code: str = "BP2-2015", currency: str = "EUR", **fields):  # type: ignore[no-untyped-def]
    from pazanga.grants.models import Call

    found = Call.objects.filter(code=code).first()
    return found or CallFactory(programme=programme, code=code, currency=currency, **fields)


def awarded_grant(  # type: ignore[no-untyped-def]
    call,
    library,
    *,
    requested=(Decimal("6000"), Decimal("4000")),
    awarded: Decimal | None = None,
    number: int = 1,
    title: str = "Skaitmeninės dirbtuvės senjorams",
    decided_at: datetime = DECIDED,
) -> Grant:
    """An application awarded by the committee and the grant opened from it."""
    application = ApplicationFactory(
        call=call,
        library=library,
        title=title,
        status=ApplicationStatus.AWARDED,
        number=number,
        reference=f"{call.code}-{number:03d}",
        requested_total=sum(requested, Decimal(0)),
        awarded_amount=awarded if awarded is not None else sum(requested, Decimal(0)),
        decided_at=decided_at,
    )
    categories = (BudgetCategory.EQUIPMENT, BudgetCategory.EVENTS, BudgetCategory.PUBLICITY)
    for index, amount in enumerate(requested):
        BudgetLineFactory(
            application=application,
            category=categories[index % 3],
            description=f"Eilutė {index + 1}",
            requested=amount,
            co_financing=Decimal("500"),
        )
    return services.open_grant(application)


def with_targets(grant: Grant, **targets: int) -> Grant:
    """Targets by indicator code (the catalogue must be loaded)."""
    wanted = targets or {"people_trained": 100, "events": 10}
    services.set_targets(
        grant,
        {Indicator.objects.get(code=code): Decimal(value) for code, value in wanted.items()},
        actor=None,
    )
    return grant


def signed(grant: Grant, actor=None) -> Grant:  # type: ignore[no-untyped-def]
    with_targets(grant)
    return services.sign_agreement(grant, signed_on=SIGNED, actor=actor)


NARRATIVE = {
    "activities": "Surengėme 12 užsiėmimų senjorams.",
    "changes": "Vienas užsiėmimas perkeltas dėl remonto.",
    "partners": "Savivaldybė suteikė patalpas.",
    "community": "Senjorai išmoko naudotis e. paslaugomis.",
    "next_steps": "Užsiėmimai tęsiami kas mėnesį.",
}


def write_report(report, librarian, *, spent=(Decimal("3000"), Decimal("1000")), trained=40):  # type: ignore[no-untyped-def]
    """Fill a report the way the library does: narrative, expenditure, indicator values."""
    lines = list(report.grant.budget_lines.all())
    indicators = {i.code: i for i in Indicator.objects.all()}
    values = [
        services.ValueInput(
            indicators["people_trained"],
            Decimal(trained),
            breakdown={
                "sex": {"female": Decimal(trained - 10), "male": Decimal(10)},
                "age_group": {"60_plus": Decimal(trained)},
                "field": {"ict": Decimal(trained)},
            },
        ),
        services.ValueInput(indicators["events"], Decimal(6)),
    ]
    return services.save_report(
        report,
        actor=librarian,
        expenses={line.pk: amount for line, amount in zip(lines, spent, strict=False)},
        co_financing_received=Decimal("800"),
        public_summary="Senjorai išmoko naudotis e. paslaugomis." if report.is_final else "",
        values=values,
        narrative_answers=dict(NARRATIVE),
    )


def approved(report, librarian, staff, **written):  # type: ignore[no-untyped-def]
    write_report(report, librarian, **written)
    services.submit_report(report, actor=librarian)
    return services.review_report(report, approve=True, comments={}, actor=staff)
