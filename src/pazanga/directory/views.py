from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.formats import sorted_lt
from pazanga.common.pagination import paginate
from pazanga.directory import access
from pazanga.directory.enums import LIBRARY_KINDS, OrganisationKind, Settlement
from pazanga.directory.forms import DirectoryFilterForm, ProfileForm
from pazanga.directory.models import Municipality, Organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    organisations = Organisation.objects.select_related("municipality__county", "parent")
    if form.is_bound:
        organisations = form.filter(organisations)
    page = paginate(request, organisations.order_by("name", "pk"))
    return render(request, "directory/organisation_list.html", {"form": form, "page": page})


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.organisation_for(pk)
    branches = organisation.branches.order_by("name")
    return render(
        request,
        "directory/organisation_detail.html",
        {"organisation": organisation, "branches": branches},
    )


def municipality_list(request: HttpRequest) -> HttpResponse:
    library = Q(organisations__kind__in=LIBRARY_KINDS)
    municipalities = Municipality.objects.select_related("county").annotate(
        libraries=Count("organisations", filter=library),
        rural=Count(
            "organisations", filter=library & Q(organisations__settlement=Settlement.RURAL)
        ),
    )
    return render(
        request,
        "directory/municipality_list.html",
        {
            "municipalities": sorted_lt(municipalities, key=lambda m: m.name),
            "branch_kind": OrganisationKind.BRANCH,
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("directory:profile")
    return render(request, "directory/profile.html", {"form": form})
