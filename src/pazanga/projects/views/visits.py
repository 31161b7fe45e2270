"""Monitoring visits: staff record them; the library reads what was found and agreed."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.refusals import Refusal
from pazanga.common.uploads import download, upload_quota
from pazanga.projects import access, services
from pazanga.projects.forms import PhotoForm, VisitForm
from pazanga.projects.views.common import post_or_none, show_refusal
from pazanga.projects.visits import CHECKLIST


@access.programme_staff_required
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.grant_for(request.user, pk)
    form = VisitForm(post_or_none(request), initial={"visited_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        visit = services.record_visit(
            grant,
            visited_on=form.cleaned_data["visited_on"],
            officer=request.user,
            checklist=form.checklist(),
            findings=form.cleaned_data["findings"],
            follow_ups=form.follow_ups(),
            actor=request.user,
        )
        messages.success(request, _("The visit was recorded."))
        return redirect(visit)
    return render(request, "projects/visit_form.html", {"grant": grant, "form": form})


@access.workers_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.visit_for(request.user, pk)
    today = timezone.localdate()
    follow_ups = [(f, f.is_late(today)) for f in visit.follow_ups.all()]
    checklist = [(label, visit.checklist.get(code)) for code, label in CHECKLIST]
    context = {
        "visit": visit,
        "grant": visit.grant,
        "checklist": checklist,
        "follow_ups": follow_ups,
        "photos": list(visit.photos.all()),
        "manages": access.may_manage(request.user),
        "photo_form": PhotoForm(),
    }
    return render(request, "projects/visit.html", context)


@require_POST
@access.programme_staff_required
@upload_quota
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.visit_for(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(
                visit,
                form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                actor=request.user,
            )
        except Refusal as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("The photo was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(visit)


@access.workers_required
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.photo_for(request.user, pk)
    return download(found.file, f"photo-{found.pk}.{found.kind}", found.kind)


@require_POST
@access.programme_staff_required
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = access.follow_up_for(pk)
    services.complete_follow_up(follow_up, done_on=timezone.localdate(), actor=request.user)
    messages.success(request, _("The action is marked done."))
    return redirect(follow_up.visit)
