"""Reviewers: their assignments, the submitted version of an application, scoring, conflicts."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.grants import queries, services
from pazanga.grants.access import assignment_for, reviewer_required
from pazanga.grants.enums import ReviewStatus
from pazanga.grants.forms import ConflictForm
from pazanga.grants.review_forms import ReviewForm
from pazanga.programme.permissions import current_programme


@reviewer_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    page = paginate(
        request, queries.assignments_for_reviewer(request.user, current_programme()), 30
    )
    return render(request, "grants/my_reviews.html", {"page": page})


@reviewer_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_for(request.user, pk)
    application = assignment.application
    current = getattr(assignment, "review", None)
    criteria = list(application.call.criteria.all())
    locked = current is not None and current.status == ReviewStatus.SUBMITTED
    form = ReviewForm(
        request.POST if request.method == "POST" and not locked else None,
        criteria=criteria,
        review=current,
    )
    if form.is_bound and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.save_review(
                assignment,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                submit=submit,
                actor=request.user,
            )
        except Refusal as refused:
            form.add_error(None, refused.message)
            for detail in refused.details:
                form.add_error(None, detail)
        else:
            messages.success(request, _("The review was submitted.") if submit else _("Saved."))
            return redirect("grants:review", application.pk)
    context = {
        "assignment": assignment,
        "application": application,
        "snapshot": application.snapshot,
        "form": form,
        "review_obj": current,
        "locked": locked,
    }
    return render(request, "grants/review.html", context)


@reviewer_required
def declare_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_for(request.user, pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.declare_conflict(
            assignment.application, reviewer=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("Thank you. The conflict was recorded and the application taken off your list."),
        )
        return redirect("grants:my_reviews")
    return render(
        request,
        "grants/conflict_confirm.html",
        {"application": assignment.application, "form": form},
    )
