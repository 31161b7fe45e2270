from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pazanga.common.pagination import paginate
from pazanga.common.workspace import Task
from pazanga.directory.enums import LIBRARY_KINDS, Settlement
from pazanga.directory.models import Municipality, Organisation
from pazanga.events import workspace as events_workspace
from pazanga.events.enums import EventStatus
from pazanga.events.models import Event
from pazanga.events.queries import upcoming_public_events
from pazanga.grants import workspace as grants_workspace
from pazanga.grants.queries import open_calls
from pazanga.impact import workspace as impact_workspace
from pazanga.portal import access, services
from pazanga.portal.access import programme_staff_required
from pazanga.portal.forms import NewsItemForm
from pazanga.portal.models import NewsItem
from pazanga.programme import workspace as programme_workspace
from pazanga.programme.models import Participant, Programme, RoleAssignment
from pazanga.programme.permissions import current_programme, roles_of
from pazanga.projects import workspace as projects_workspace
from pazanga.training import workspace as training_workspace
from pazanga.training.models import Session
from pazanga.training.queries import upcoming_sessions

COMING_UP = 3  # items of each kind on the home page


def upcoming_events_other_than_training() -> list[Event]:
    """Conferences and seminars; training sessions have their own list beside them."""
    events = upcoming_public_events(COMING_UP * 4)
    sessions = set(Session.objects.filter(event__in=events).values_list("event_id", flat=True))
    return [event for event in events if event.pk not in sessions][:COMING_UP]


def home(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    libraries = Organisation.objects.filter(kind__in=LIBRARY_KINDS).aggregate(
        total=Count("pk"),
        rural=Count("pk", filter=Q(settlement=Settlement.RURAL)),
        demo=Count("pk", filter=Q(is_demo=True)),
    )
    context = {
        "programme": programme,
        "news": NewsItem.objects.published()[:3],
        "events": upcoming_events_other_than_training(),
        "sessions": upcoming_sessions(COMING_UP),
        "calls": list(open_calls()[:COMING_UP]),
        "library_count": libraries["total"],
        "rural_count": libraries["rural"],
        # Counts that include generated demo libraries say so.
        "demo_library_count": libraries["demo"],
        "municipality_count": Municipality.objects.count(),
    }
    return render(request, "portal/home.html", context)


def programme_detail(request: HttpRequest, code: str | None = None) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code) if code else current_programme()
    if programme is None:
        raise Http404
    participants = Prefetch(
        "participants", queryset=Participant.objects.select_related("organisation")
    )
    programme = Programme.objects.prefetch_related("values", "tasks", participants).get(
        pk=programme.pk
    )
    # The programme's own conferences (launch, closing): real events that are not training.
    conferences = Event.objects.filter(
        programme=programme, is_demo=False, session__isnull=True, status=EventStatus.PUBLISHED
    ).order_by("starts_at")
    return render(
        request,
        "portal/programme_detail.html",
        {
            "programme": programme,
            "other_programmes": Programme.objects.exclude(pk=programme.pk),
            "conferences": conferences,
            "today": timezone.localdate(),
        },
    )


def news_list(request: HttpRequest) -> HttpResponse:
    items = access.visible_news(request.user)
    return render(request, "portal/news_list.html", {"page": paginate(request, items, 10)})


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "portal/news_detail.html", {"item": access.news_for(request.user, pk)})


@programme_staff_required
def news_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = access.news_to_edit(pk) if pk else None
    form = NewsItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = services.save_news(form.save(commit=False), actor=request.user)
        messages.success(request, _("The news item was saved."))
        return redirect(item)
    return render(request, "portal/news_form.html", {"form": form, "item": item})


@programme_staff_required
def news_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.news_to_edit(pk)
    if request.method == "POST":
        services.delete_news(item, actor=request.user)
        messages.success(request, _("The news item was deleted."))
        return redirect("portal:news_list")
    return render(request, "portal/news_confirm_delete.html", {"item": item})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What waits for the person now, from every app, with links they may open."""
    programme = current_programme()
    roles = roles_of(request.user)
    assignments = RoleAssignment.objects.filter(user=request.user).select_related(
        "organisation", "programme"
    )
    tasks = waiting_for(request.user, roles, programme) if programme else []
    context = {
        "programme": programme,
        "assignments": assignments,
        "roles": roles,
        "tasks": tasks,
    }
    return render(request, "portal/dashboard.html", context)


def waiting_for(user: Any, roles: set[str], programme: Programme) -> list[Task]:
    """Every app's tasks for this person, in the order the programme runs."""
    sessions = Session.objects.values("event")
    return [
        *programme_workspace.tasks(user, roles, programme),
        *events_workspace.tasks(user, roles, programme, except_events=sessions),
        *training_workspace.tasks(user, roles, programme),
        *grants_workspace.tasks(user, roles, programme),
        *projects_workspace.tasks(user, roles, programme),
        *impact_workspace.tasks(user, roles, programme),
    ]


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice: what personal data the platform keeps, why, how long, and rights."""
    context = {"retention_days": settings.EVENTS_RETENTION_DAYS}
    return render(request, "portal/privacy.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
