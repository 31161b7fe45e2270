from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.pagination import paginate
from pazanga.programme import access
from pazanga.programme.access import programme_staff_required
from pazanga.programme.enums import AssignmentStatus
from pazanga.programme.permissions import current_programme
from pazanga.programme.queries import pending_assignments
from pazanga.programme.workflow import TransitionNotAllowed, transition

DECISIONS = {"confirm": AssignmentStatus.CONFIRMED, "reject": AssignmentStatus.REJECTED}


@programme_staff_required
def pending_assignment_list(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    if programme is None:
        raise Http404
    page = paginate(request, pending_assignments(programme))
    return render(request, "programme/pending_assignments.html", {"page": page})


@require_POST
@programme_staff_required
def decide_assignment(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in DECISIONS:
        raise Http404
    assignment = access.assignment_for(pk)
    try:
        transition(assignment, DECISIONS[decision], actor=request.user)
    except TransitionNotAllowed:
        # A second click, or a colleague decided first: say so instead of failing.
        messages.warning(
            request,
            _("%(person)s was already %(status)s.")
            % {"person": assignment.user, "status": assignment.get_status_display()},
        )
    else:
        messages.success(
            request,
            _("%(person)s: %(status)s.")
            % {"person": assignment.user, "status": assignment.get_status_display()},
        )
    return redirect("programme:pending_assignments")
