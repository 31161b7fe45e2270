"""Downloads through the one exporter base: the plan as the team keeps it in a workbook
(the import reads the same columns back), the budget, and the results framework."""

from collections.abc import Iterable, Iterator
from datetime import date

from django.utils.translation import gettext as _

from pazanga.common.exports import Exporter, Sheet
from pazanga.workplan.models import Activity

# The plan's columns, in the order written; the import reads them by these names.
PLAN_COLUMNS = (
    "number",
    "parent",
    "level",
    "name_lt",
    "name_en",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "milestone",
    "depends_on",
    "deliverables_lt",
    "deliverables_en",
    "description_lt",
    "description_en",
)


def column_help() -> list[tuple[str, str]]:
    return [
        (
            "number",
            _(
                "The activity's number: 1 for a component, 1.2 for an activity, 1.2.3 "
                "for a task. Rows are matched to the plan by it."
            ),
        ),
        (
            "parent",
            _(
                "The number of the component or activity it belongs to; empty: read "
                "from the number."
            ),
        ),
        ("level", _("component, activity or task; empty: read from the number.")),
        ("name_lt", _("The name in Lithuanian (required).")),
        ("name_en", _("The name in English.")),
        ("planned_start", _("Planned start, a date (required).")),
        ("planned_end", _("Planned end, a date not before the start (required).")),
        ("actual_start", _("When it actually started, a date.")),
        ("actual_end", _("When it actually ended, a date; it marks the activity done.")),
        ("milestone", _("yes for a milestone (a single day), else empty or no.")),
        ("depends_on", _("Numbers of the activities it waits for, separated by commas.")),
        ("deliverables_lt", _("Deliverables in Lithuanian.")),
        ("deliverables_en", _("Deliverables in English.")),
        ("description_lt", _("Description in Lithuanian.")),
        ("description_en", _("Description in English.")),
    ]


class PlanExport(Exporter):
    def __init__(self, activities: Iterable[Activity]) -> None:
        self.activities = activities

    def file_stem(self) -> str:
        return f"workplan-{date.today().isoformat()}"  # noqa: DTZ011 (a file name)

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Workplan"), self.rows())
        yield Sheet(
            _("Columns"),
            [[_("Column"), _("What it holds")], *column_help()],
            formats=("xlsx",),
        )

    def rows(self) -> Iterator[list[object]]:
        yield list(PLAN_COLUMNS)
        for activity in self.activities:
            parent = activity.parent.number if activity.parent else ""
            yield [
                activity.number,
                parent,
                activity.level,
                activity.name_lt,
                activity.name_en,
                activity.planned_start,
                activity.planned_end,
                activity.actual_start,
                activity.actual_end,
                "yes" if activity.is_milestone else "",
                ", ".join(sorted(d.number for d in activity.depends_on.all())),
                activity.deliverables_lt,
                activity.deliverables_en,
                activity.description_lt,
                activity.description_en,
            ]


class FrameworkExport(Exporter):
    """The results framework as one table for funders: targets and actuals by year."""

    def __init__(self, framework: "Framework") -> None:  # noqa: F821 (results imports us)
        self.framework = framework

    def file_stem(self) -> str:
        return "results-framework"

    def sheets(self) -> Iterator[Sheet]:
        note = (
            _("Figures marked as demo are computed from demo data.")
            if (self.framework.has_demo)
            else ""
        )
        yield Sheet(_("Results framework"), self.rows(), note=note)

    def rows(self) -> Iterator[list[object]]:
        header: list[object] = [_("Level"), _("Indicator"), _("Unit"), _("Baseline")]
        for year in self.framework.years:
            header += [_("Target %(year)s") % {"year": year}, _("Actual %(year)s") % {"year": year}]
        yield [*header, _("Target, total"), _("Actual, total"), _("Demo data")]
        for row in self.framework.rows:
            indicator = row.indicator
            cells: list[object] = [
                str(indicator.get_level_display()),
                str(indicator.name),
                str(indicator.unit),
                indicator.baseline,
            ]
            for cell in row.years:
                cells += [cell.target, cell.actual]
            yield [
                *cells,
                row.total_target,
                row.total_actual,
                _("yes") if row.demo or row.targets_demo else "",
            ]
