"""Who may open which funded-project page: the one module the project views ask.

Roles come from pazanga.programme.permissions. Programme staff manage every grant of the
current programme; library staff see and act for their own library's grants only; partners,
funders and researchers read the indicator roll-up; everyone reads the public project
pages, which show nothing personal. A grant, report or visit a person may not open does not
exist for them (404), so a library never learns of another library's project this way.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.programme.enums import Role
from pazanga.programme.permissions import (
    current_programme,
    is_programme_staff,
    libraries_of,
    programme_staff_required,
    role_required,
)
from pazanga.projects.models import (
    Amendment,
    FollowUp,
    Grant,
    Receipt,
    Report,
    Tranche,
    Visit,
    VisitPhoto,
)

__all__ = [
    "amendment_for",
    "follow_up_for",
    "grant_for",
    "library_staff_required",
    "may_act_for",
    "may_manage",
    "photo_for",
    "programme_grants",
    "programme_staff_required",
    "public_grant_for",
    "public_grants",
    "receipt_for",
    "report_for",
    "rollup_readers_required",
    "staff_grant_for",
    "tranche_for",
    "visit_for",
    "workers_required",
]

library_staff_required = role_required(Role.LIBRARY_STAFF)
# The grant's own pages: programme staff and the library's staff.
workers_required = role_required(Role.PROGRAMME_STAFF, Role.LIBRARY_STAFF)
rollup_readers_required = role_required(Role.PROGRAMME_STAFF, Role.PARTNER, Role.RESEARCHER)


def number(pk: object) -> int:
    try:
        return int(str(pk))
    except ValueError:
        raise Http404 from None


def programme_grants() -> QuerySet[Grant]:
    return Grant.objects.filter(programme=current_programme())


def grants_of(user: Any) -> QuerySet[Grant]:
    """The grants `user` may open: every one of the programme for its staff, else those of
    the libraries the person acts for."""
    grants = programme_grants()
    if is_programme_staff(user):
        return grants
    return grants.filter(library__in=[library.pk for library in libraries_of(user)])


def may_manage(user: Any) -> bool:
    return is_programme_staff(user)


def may_act_for(user: Any, grant: Grant) -> bool:
    """The person writes the grant's reports and asks for its amendments (its library)."""
    return any(library.pk == grant.library_id for library in libraries_of(user))


def grant_for(user: Any, pk: object) -> Grant:
    related = ("library__municipality__county", "call", "application")
    return get_object_or_404(grants_of(user).select_related(*related), pk=number(pk))


def staff_grant_for(pk: object) -> Grant:
    """A grant of the current programme, for pages only staff open (role checked by the
    view's decorator)."""
    return get_object_or_404(programme_grants().select_related("library", "call"), pk=number(pk))


def report_for(user: Any, pk: object) -> Report:
    return get_object_or_404(
        Report.objects.select_related("grant__library", "grant__call").filter(
            grant__in=grants_of(user)
        ),
        pk=number(pk),
    )


def receipt_for(user: Any, pk: object) -> Receipt:
    return get_object_or_404(
        Receipt.objects.select_related("report").filter(report__grant__in=grants_of(user)),
        pk=number(pk),
    )


def tranche_for(pk: object) -> Tranche:
    return get_object_or_404(
        Tranche.objects.select_related("grant").filter(grant__in=programme_grants()),
        pk=number(pk),
    )


def amendment_for(user: Any, pk: object) -> Amendment:
    return get_object_or_404(
        Amendment.objects.select_related("grant").filter(grant__in=grants_of(user)),
        pk=number(pk),
    )


def visit_for(user: Any, pk: object) -> Visit:
    return get_object_or_404(
        Visit.objects.select_related("grant__library", "officer").filter(grant__in=grants_of(user)),
        pk=number(pk),
    )


def photo_for(user: Any, pk: object) -> VisitPhoto:
    return get_object_or_404(
        VisitPhoto.objects.select_related("visit").filter(visit__grant__in=grants_of(user)),
        pk=number(pk),
    )


def follow_up_for(pk: object) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("visit__grant").filter(visit__grant__in=programme_grants()),
        pk=number(pk),
    )


def public_grants() -> QuerySet[Grant]:
    """The funded projects anyone may read: every grant of the current programme."""
    return programme_grants()


def public_grant_for(pk: object) -> Grant:
    return get_object_or_404(
        public_grants().select_related("library__municipality__county", "call"), pk=number(pk)
    )
