"""The public plan: the activities with their progress, the Gantt chart (inline and as a
printable SVG file), each activity's page with the records it produced, and the milestones'
calendar. Nothing personal is shown to the public."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext

from pazanga.common.i18n import format_date
from pazanga.workplan import access, gantt, queries
from pazanga.workplan.calendar import milestones_ics
from pazanga.workplan.enums import Progress

SVG = "image/svg+xml; charset=utf-8"


def today() -> date:
    return timezone.localdate()


def slip_words(days: int) -> str:
    if days > 0:
        return ngettext("%(days)d day late", "%(days)d days late", days) % {"days": days}
    return ngettext("%(days)d day early", "%(days)d days early", -days) % {"days": -days}


def chart_svg(rows: list[queries.PlanRow], on: date, *, links: bool = True) -> str:
    """The Gantt chart; `links` makes each label a link to its activity.

    The chart on the plan page is a picture (role="img"), which may not hold links; the
    table under it links every activity. The chart alone, as a file, keeps its links.
    """
    language = get_language() or "lt"
    words = gantt.Words(
        today=gettext("today"),
        slip=slip_words,
        caption=gettext("Gantt chart of the workplan"),
    )
    shown = []
    for row in rows:
        activity = row.activity
        when = format_date(activity.start, language)
        if activity.end != activity.start:
            when += " – " + format_date(activity.end, language)
        title = f"{activity.name}: {when} ({Progress(row.status).label})"
        if row.percent is not None:
            title += f", {row.percent} %"
        shown.append(
            gantt.Row(
                key=activity.pk,
                label=f"{activity.number} {activity.name}",
                start=activity.start,
                end=activity.end,
                depth=activity.depth,
                is_milestone=activity.is_milestone,
                progress=row.share,
                status=row.status,
                baseline_start=row.baseline_start,
                baseline_end=row.baseline_end,
                depends_on=tuple(d.pk for d in row.depends_on),
                url=activity.get_absolute_url() if links else "",
                title=title,
            )
        )
    return gantt.render(shown, today=on, words=words)


def plan_page(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    on = today()
    rows = queries.plan(access.plan_activities(), programme, on)
    context = {
        "programme": programme,
        "rows": rows,
        "chart": chart_svg(rows, on, links=False),
        "baseline": queries.latest_baseline(programme),
        "has_demo": any(row.activity.is_demo for row in rows),
        "is_staff": access.is_programme_staff(request.user),
        "today": on,
        "today_in_chart": bool(rows)
        and any(row.activity.start.year <= on.year <= row.activity.end.year for row in rows),
    }
    return render(request, "workplan/plan.html", context)


def gantt_file(request: HttpRequest) -> HttpResponse:
    """The chart alone, for printing or embedding; styled by its own stylesheet."""
    programme = access.programme_or_404()
    on = today()
    rows = queries.plan(access.plan_activities(), programme, on)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-stylesheet href="{static("workplan/gantt.css")}" type="text/css"?>\n'
    )
    return HttpResponse(head + chart_svg(rows, on), content_type=SVG)


def activity_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for(pk)
    programme = access.programme_or_404()
    on = today()
    family = access.plan_activities().filter(pk=activity.pk) | access.plan_activities().filter(
        parent=activity
    )
    rows = queries.plan(family, programme, on)
    own = next(row for row in rows if row.activity.pk == activity.pk)
    context = {
        "activity": activity,
        "row": own,
        "children": [row for row in rows if row.activity.parent_id == activity.pk],
        "budget": list(activity.budget_lines.all()),
        "is_staff": access.is_programme_staff(request.user),
    }
    return render(request, "workplan/activity.html", context)


def milestones_file(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    language = get_language() or "lt"
    name = gettext("%(programme)s: milestones") % {"programme": programme.name}
    content = milestones_ics(queries.milestones(access.plan_activities()), language, name)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="workplan-milestones.ics"'
    return response
