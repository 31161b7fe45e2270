"""Funded projects benchmark: the portfolio and the indicator roll-up at national scale.

    .venv/bin/python bench/projects_portfolio.py                      (SQLite)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pazanga \
        .venv/bin/python bench/projects_portfolio.py                  (PostgreSQL)

Creates and drops its own test database, loads the reference data and writes, in bulk,
1,000 grants with 20 indicator targets each and 3 reports each (two interim, one final;
20 values per report: 60,000 values), with budget lines, tranches and expenditure. Then it
prints the query count and the median server time of the portfolio (first page, a risk
filter, the XLSX of all rows) and of the roll-up (by county, by municipality, its XLSX),
against a baseline measured in the same run: a bare list of the same grants, the same page
size, the same site chrome, no annotations. The query counts do not grow with the rows
(pinned by tests/test_query_guards.py with 1 and 3 items).
"""

import os
import random
import statistics
import sys
import time
import types
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

GRANTS = 1000
INDICATORS = 20
REPEAT = 5
BARE = "/bench/bare/"
PAGES = (
    ("portfolio, first page", "/lt/projects/manage/"),
    ("portfolio, one risk", "/lt/projects/manage/?flag=report_late"),
    ("portfolio, search", "/lt/projects/manage/?q=bandomasis+47"),
    ("portfolio, XLSX of all", "/lt/projects/manage/?export=xlsx"),
    ("roll-up by county", "/lt/projects/manage/results/?group_by=county"),
    ("roll-up by municipality", "/lt/projects/manage/results/?group_by=municipality"),
    ("roll-up, XLSX", "/lt/projects/manage/results/?group_by=settlement&export=xlsx"),
)


def bare_list(request):  # type: ignore[no-untyped-def]
    """The baseline: the same grants, 50 a page, in the site's frame, nothing computed."""
    from django.http import HttpResponse
    from django.template import RequestContext, Template

    from pazanga.common.pagination import paginate
    from pazanga.projects.access import programme_grants

    grants = programme_grants().select_related("library").order_by("call__code", "reference")
    page = paginate(request, grants, 50)
    template = Template(
        '{% extends "base.html" %}{% block content %}<table>{% for g in page %}<tr>'
        "<td>{{ g.reference }}</td><td>{{ g.title }}</td><td>{{ g.library.name }}</td>"
        "<td>{{ g.get_status_display }}</td><td>{{ g.awarded_amount }}</td></tr>{% endfor %}"
        "</table>{% endblock %}"
    )
    return HttpResponse(template.render(RequestContext(request, {"page": page})))


def install_baseline_url() -> None:
    from django.urls import clear_url_caches, path

    from config import urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bench/bare/", bare_list), *urls.urlpatterns]  # type: ignore[attr-defined]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()


def measure(client: Client, url: str) -> tuple[int, float]:
    """(queries, median server time in seconds) of GET url."""
    times, queries = [], 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times)


def write_data(rng: random.Random) -> None:
    """1,000 grants x 20 indicators x 3 reports, written in bulk."""
    from pazanga.common.text import search_key
    from pazanga.directory.enums import OrganisationKind, Settlement
    from pazanga.directory.models import Municipality, Organisation
    from pazanga.grants.enums import ApplicationStatus, BudgetCategory
    from pazanga.grants.models import Application, Call
    from pazanga.programme.models import Programme
    from pazanga.projects.enums import Aggregation, GrantStatus, ReportKind, ReportStatus
    from pazanga.projects.models import (
        Grant,
        GrantBudgetLine,
        Indicator,
        IndicatorTarget,
        IndicatorValue,
        Report,
        ReportExpense,
        Tranche,
    )

    programme = Programme.objects.current()
    municipalities = list(Municipality.objects.order_by("code"))
    for n in range(Indicator.objects.count(), INDICATORS):
        Indicator.objects.create(
            code=f"bench-{n}",
            name_lt=f"Rodiklis {n}",
            name_en=f"Indicator {n}",
            unit_lt="vnt.",
            unit_en="units",
            position=n,
        )
    indicators = list(Indicator.objects.all())
    libraries = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bandomasis filialas {n}",
            search_name=search_key(f"Bandomasis filialas {n}"),
            kind=OrganisationKind.MUNICIPAL_LIBRARY,
            municipality=municipalities[n % len(municipalities)],
            settlement=Settlement.RURAL if n % 5 else Settlement.URBAN,
            is_demo=True,
        )
        for n in range(GRANTS)
    )
    calls = [
        Call.objects.create(
            programme=programme,
            code=f"BENCH-{year}",
            title_lt=f"Kvietimas {year}",
            opens_at=f"{year}-02-01T09:00:00+02:00",
            closes_at=f"{year}-03-01T17:00:00+02:00",
            currency="EUR",
            budget=Decimal(10**7),
            max_grant=Decimal(20000),
            is_demo=True,
        )
        for year in (2014, 2015, 2016, 2017)
    ]
    applications = Application.objects.bulk_create(
        Application(
            call=calls[n % 4],
            library=library,
            title=f"Bandomasis projektas {n}",
            status=ApplicationStatus.AWARDED,
            number=n,
            reference=f"B-{n:04d}",
            requested_total=Decimal(10000),
            awarded_amount=Decimal(10000),
            is_demo=True,
        )
        for n, library in enumerate(libraries)
    )
    statuses = [GrantStatus.ACTIVE] * 6 + [GrantStatus.REPORTING, GrantStatus.CLOSED] * 2
    start = date(2015, 6, 1)
    grants = Grant.objects.bulk_create(
        Grant(
            programme=programme,
            application=application,
            call=application.call,
            library=application.library,
            reference=application.reference,
            title=application.title,
            search_text=search_key(f"{application.reference} {application.title}"),
            currency="EUR",
            awarded_amount=Decimal(10000),
            interim_plan=Decimal(3333),
            status=rng.choice(statuses),
            awarded_on=date(2015, 5, 4),
            planned_start=start,
            planned_end=date(2017, 5, 31),
            current_end=date(2017, 5, 31),
            signed_on=date(2015, 6, 10),
            last_activity_at=f"2016-{rng.randint(1, 12):02d}-15T10:00:00+02:00",
            is_demo=True,
        )
        for application in applications
    )
    lines = GrantBudgetLine.objects.bulk_create(
        GrantBudgetLine(
            grant=grant,
            category=category,
            description=category,
            original_amount=amount,
            current_amount=amount,
            position=i,
        )
        for grant in grants
        for i, (category, amount) in enumerate(
            ((BudgetCategory.EQUIPMENT, Decimal(6000)), (BudgetCategory.EVENTS, Decimal(4000)))
        )
    )
    Tranche.objects.bulk_create(
        Tranche(
            grant=grant,
            position=i,
            condition=condition,
            share=share,
            amount=Decimal(100) * share,
            status=rng.choice(["paid", "due", "scheduled"]),
            due_since=date(2016, rng.randint(1, 12), 1),
        )
        for grant in grants
        for i, (condition, share) in enumerate(
            (("signature", Decimal(60)), ("interim", Decimal(30)), ("final", Decimal(10))), 1
        )
    )
    reports = Report.objects.bulk_create(
        Report(
            grant=grant,
            kind=kind,
            number=number,
            due_on=start + timedelta(days=240 * number),
            status=rng.choice([ReportStatus.APPROVED] * 4 + [ReportStatus.DRAFT]),
        )
        for grant in grants
        for number, kind in (
            (1, ReportKind.INTERIM),
            (2, ReportKind.INTERIM),
            (3, ReportKind.FINAL),
        )
    )
    IndicatorTarget.objects.bulk_create(
        (
            IndicatorTarget(grant=grant, indicator=indicator, target=Decimal(rng.randint(10, 300)))
            for grant in grants
            for indicator in indicators
        ),
        batch_size=5000,
    )
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                report=report,
                indicator=indicator,
                value=Decimal(rng.randint(1, 120)),
                items=rng.sample(range(1, 1300), 12)
                if indicator.aggregation == Aggregation.DISTINCT
                else [],
            )
            for report in reports
            for indicator in indicators
        ),
        batch_size=5000,
    )
    by_grant: dict[int, list[GrantBudgetLine]] = {}
    for line in lines:
        by_grant.setdefault(line.grant_id, []).append(line)
    ReportExpense.objects.bulk_create(
        (
            ReportExpense(report=report, line=line, amount=Decimal(rng.randint(500, 1900)))
            for report in reports
            for line in by_grant[report.grant_id]
        ),
        batch_size=5000,
    )


def main() -> None:
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from pazanga.directory.models import User
    from pazanga.projects.models import Grant, IndicatorTarget, IndicatorValue, Report

    install_baseline_url()
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    write_data(random.Random(20140225))  # noqa: S311 (bench data, not cryptography)
    written = time.perf_counter() - started
    staff = User.objects.create(email="bench@lnb.example", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(staff)
    print(
        f"data: {Grant.objects.count()} grants, {IndicatorTarget.objects.count()} targets, "
        f"{Report.objects.count()} reports, {IndicatorValue.objects.count()} indicator values "
        f"(written in {written:.1f} s); database: {connection.vendor}"
    )
    base_queries, base = measure(client, BARE)
    print(f"baseline: a bare list of the same grants, {base_queries} queries, {base * 1000:.0f} ms")
    for label, url in PAGES:
        queries, took = measure(client, url)
        print(
            f"  {label}: {queries} queries, {took * 1000:.0f} ms (x{took / base:.1f} the bare list)"
        )


if __name__ == "__main__":
    main()
