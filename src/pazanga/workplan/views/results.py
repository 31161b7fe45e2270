"""The public money and results pages: the budget by funder and year, the results framework
(and its workbook), and the results dashboard with its headline figures, charts and maps."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazanga.common.money import Money, to_eur
from pazanga.projects.enums import GrantStatus, ReportStatus
from pazanga.projects.models import Grant, IndicatorValue
from pazanga.projects.queries import projects_per_municipality
from pazanga.training.coverage_map import ATTRIBUTION, SHADES, map_areas, shapes
from pazanga.training.models import Completion, Session
from pazanga.workplan import access, results
from pazanga.workplan.exports import FrameworkExport

BAR_WIDTH = 150
BAR_LEFT = 44
BAR_STEP = 16


def budget_page(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    context = {"programme": programme, "budget": results.budget(programme)}
    return render(request, "workplan/budget.html", context)


def framework_page(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    context = {"programme": programme, "framework": results.framework(programme)}
    return render(request, "workplan/framework.html", context)


def framework_file(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    return FrameworkExport(results.framework(programme)).response("xlsx")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str
    url: str
    demo: bool
    bars: list["Bar"]

    @property
    def chart_height(self) -> int:
        return len(self.bars) * BAR_STEP


@dataclass(frozen=True)
class Bar:
    year: int
    value: Decimal
    width: float
    y: int

    @property
    def text_y(self) -> int:
        return self.y + 11

    @property
    def value_x(self) -> float:
        return BAR_LEFT + self.width + 4


def bars(by_year: dict[int, Decimal]) -> list[Bar]:
    most = max(by_year.values(), default=Decimal(0))
    return [
        Bar(
            year,
            value,
            round(float(value / most) * BAR_WIDTH, 1) if most else 0.0,
            index * BAR_STEP,
        )
        for index, (year, value) in enumerate(sorted(by_year.items()))
    ]


def whole(value: Decimal) -> str:
    from django.utils import formats

    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def trained_title(name: str, count: int) -> str:
    return ngettext(
        "%(name)s: %(count)d person trained", "%(name)s: %(count)d people trained", count
    ) % {"name": name, "count": count}


def projects_title(name: str, count: int) -> str:
    return ngettext("%(name)s: %(count)d project", "%(name)s: %(count)d projects", count) % {
        "name": name,
        "count": count,
    }


def shaded_map(counts: dict[str, int], title: Callable[[str, int], str]) -> dict:  # type: ignore[type-arg]
    most = max(counts.values(), default=0)
    values = {}
    for shape in shapes()[0]:
        count = counts.get(shape.name, 0)
        title_text = title(shape.name, count)
        values[shape.name] = (count / most if most else 0.0, title_text)
    areas, height = map_areas(values)
    step = most / len(SHADES)
    legend = [
        (colour, math.ceil(index * step) if index else 0, math.floor((index + 1) * step))
        for index, colour in enumerate(SHADES)
    ]
    return {
        "areas": areas,
        "height": height,
        "legend": [(c, low, high) for c, low, high in legend if high >= low],
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    """Headline figures, each linking to the table it comes from; figures computed from
    demo data say so."""
    programme = access.programme_or_404()
    now = timezone.now()
    framework = results.framework(programme)
    by_code = {row.indicator.code: row for row in framework.rows}
    completions = Completion.objects.filter(enrolment__session__event__programme=programme)
    trained = completions.aggregate(
        n=Count("person", distinct=True), demo=Count("pk", filter=Q(enrolment__is_demo=True))
    )
    sessions = Session.objects.filter(event__programme=programme, event__ends_at__lte=now)
    held = sessions.aggregate(n=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
    grants = Grant.objects.filter(programme=programme)
    awarded = (
        grants.values("currency", "awarded_on__year")
        .annotate(
            total=Sum("awarded_amount"), n=Count("pk"), demo=Count("pk", filter=Q(is_demo=True))
        )
        .order_by()
    )
    awarded_eur = Decimal(0)
    grants_by_year: dict[int, Decimal] = {}
    grants_demo = False
    for row in awarded:
        year = row["awarded_on__year"]
        awarded_eur += to_eur(Money(row["total"], row["currency"]), date(year, 12, 31)).amount
        grants_by_year[year] = grants_by_year.get(year, Decimal(0)) + row["n"]
        grants_demo = grants_demo or bool(row["demo"])
    closed = grants.filter(status=GrantStatus.CLOSED).count()
    people = IndicatorValue.objects.filter(
        report__grant__programme=programme,
        report__status=ReportStatus.APPROVED,
        indicator__code="people_trained",
    ).aggregate(total=Sum("value"), demo=Count("pk", filter=Q(report__grant__is_demo=True)))
    framework_url = reverse("workplan:framework")
    staff_row = by_code.get("staff-trained")
    figures = [
        Figure(
            "staff",
            _("Library staff trained"),
            whole(Decimal(trained["n"])),
            f"{framework_url}#staff-trained",
            bool(trained["demo"]),
            bars(
                {
                    y: c.actual
                    for y, c in zip(framework.years, staff_row.years, strict=True)
                    if c.actual
                }
            )
            if staff_row
            else [],
        ),
        Figure(
            "sessions",
            _("Training sessions held"),
            whole(Decimal(held["n"])),
            reverse("training:calendar"),
            bool(held["demo"]),
            [],
        ),
        Figure(
            "grants",
            _("Community projects funded"),
            whole(Decimal(sum(grants_by_year.values(), Decimal(0)))),
            reverse("projects:public_list"),
            grants_demo,
            bars(grants_by_year),
        ),
        Figure(
            "awarded",
            _("Awarded to libraries' projects"),
            str(Money(awarded_eur.quantize(Decimal(1)), "EUR")),
            reverse("workplan:budget"),
            grants_demo,
            [],
        ),
        Figure(
            "closed",
            _("Funded projects completed"),
            whole(Decimal(closed)),
            f"{framework_url}#grants-awarded",
            grants_demo,
            [],
        ),
        Figure(
            "people",
            _("People trained by the libraries' projects"),
            whole(people["total"] or Decimal(0)),
            f"{framework_url}#people-trained",
            bool(people["demo"]),
            [],
        ),
    ]
    trained_counts = dict(
        completions.values("enrolment__library__municipality__short_name_lt")
        .annotate(n=Count("person", distinct=True))
        .values_list("enrolment__library__municipality__short_name_lt", "n")
        .order_by()
    )
    trained_counts.pop(None, None)
    context = {
        "programme": programme,
        "figures": figures,
        "has_demo": any(f.demo for f in figures) or framework.has_demo,
        "trained_map": shaded_map(trained_counts, trained_title),
        "grants_map": shaded_map(projects_per_municipality(grants), projects_title),
        "attribution": ATTRIBUTION,
        "chart_width": BAR_LEFT + BAR_WIDTH + 80,
        "bar_left": BAR_LEFT,
    }
    return render(request, "workplan/dashboard.html", context)
