from datetime import UTC, datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from pazanga.directory.enums import OrganisationKind
from pazanga.directory.tests.factories import LibraryFactory, OrganisationFactory
from pazanga.grants.enums import BudgetCategory, PartnerRole
from pazanga.grants.models import (
    Application,
    BudgetLine,
    Call,
    CallReviewer,
    Criterion,
    Partner,
)
from pazanga.programme.tests.factories import ProgrammeFactory

# 2015-03-02 10:00 and 2015-04-01 00:00 in Vilnius (UTC+2 / UTC+3).
OPENS = datetime(2015, 3, 2, 8, 0, tzinfo=UTC)
CLOSES = datetime(2015, 3, 31, 21, 0, tzinfo=UTC)


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    code = "BP2-2015"
    title_lt = "Bendruomenių projektai 2015"
    title_en = "Community projects 2015"
    opens_at = OPENS
    closes_at = CLOSES
    is_published = True
    currency = "EUR"
    budget = Decimal("100000")
    min_grant = Decimal("1000")
    max_grant = Decimal("10000")
    min_co_financing_percent = Decimal("10")
    eligible_kinds = [OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH]
    required_partner_kinds = [OrganisationKind.BUSINESS]
    reviewers_per_application = 2
    max_reviewer_load = 10


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name_lt = factory.Sequence(lambda n: f"Kriterijus {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal(1)
    max_score = 10


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    library = factory.SubFactory(LibraryFactory)
    title = factory.Sequence(lambda n: f"Projektas {n}")
    summary = "Skaitmeninio raštingumo kursai senjorams."
    requested_total = Decimal("5000")
    themes = ["digital_skills", "seniors"]


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    application = factory.SubFactory(ApplicationFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.BUSINESS)
    role = PartnerRole.CO_FUNDER
    contribution = "Patalpos ir kompiuteriai"


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    application = factory.SubFactory(ApplicationFactory)
    category = BudgetCategory.EQUIPMENT
    description = "Planšetiniai kompiuteriai"
    requested = Decimal("5000")
    co_financing = Decimal("1000")


class CallReviewerFactory(DjangoModelFactory):
    class Meta:
        model = CallReviewer

    call = factory.SubFactory(CallFactory)
    themes = ["digital_skills"]


def complete_application(**fields):  # type: ignore[no-untyped-def]
    """A draft that passes every check: a business partner and a budget that adds up."""
    application = ApplicationFactory(**fields)
    PartnerFactory(application=application)
    BudgetLineFactory(application=application)
    return application
