"""Conflicts of interest: computed from organisations and declared by reviewers."""

from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.grants import queries, rules
from pazanga.grants.enums import ApplicationStatus, ConflictSource, ReviewStatus
from pazanga.grants.models import Application, Call, Conflict, ReviewAssignment

S = ApplicationStatus


def computed_conflicts(call: Call) -> list[Conflict]:
    """Same organisation (a library and its branches count as one), same municipality,
    or the reviewer's organisation is a partner of the application (`rules.conflict_sources`)."""
    panel = list(call.reviewers.select_related("reviewer__organisation"))
    applications = list(
        Application.objects.filter(call=call)
        .exclude(status__in=(S.DRAFT, S.WITHDRAWN))
        .select_related("library")
        .prefetch_related("partners")
    )
    found = []
    for application in applications:
        applicant = rules.Applicant(
            library=application.library_id,
            parent=application.library.parent_id,
            municipality=application.library.municipality_id,
            partners=frozenset(p.organisation_id for p in application.partners.all()),
        )
        for seat in panel:
            org = seat.reviewer.organisation
            if org is None:
                continue
            workplace = rules.Workplace(org.pk, org.parent_id, org.municipality_id)
            found += [
                Conflict(application=application, reviewer=seat.reviewer, source=source)
                for source in rules.conflict_sources(applicant, workplace)
            ]
    return found


def refresh_conflicts(call: Call) -> int:
    """Recompute the computed conflicts of a call (declared ones stay).

    Side effects: replaces the computed Conflict rows; removes assignments of conflicted
    pairs that have no submitted review. Returns the number of computed conflicts.
    """
    with transaction.atomic():
        Conflict.objects.filter(application__call=call).exclude(
            source=ConflictSource.DECLARED
        ).delete()
        created = Conflict.objects.bulk_create(computed_conflicts(call))
        drop_conflicted_assignments(call)
    return len(created)


def drop_conflicted_assignments(call: Call) -> None:
    pairs = queries.conflict_pairs(call)
    for assignment in ReviewAssignment.objects.filter(application__call=call).select_related(
        "review"
    ):
        if (assignment.application_id, assignment.reviewer_id) in pairs and not submitted(
            assignment
        ):
            assignment.delete()


def submitted(assignment: ReviewAssignment) -> bool:
    review = getattr(assignment, "review", None)
    return review is not None and review.status == ReviewStatus.SUBMITTED


def declare_conflict(application: Application, *, reviewer: Any, note: str) -> Conflict:
    """A reviewer declares a conflict with an application.

    Side effects: the Conflict row; the reviewer's assignment to it is removed (unless the
    review was already submitted); audit entry `grants.application.conflict_declared`.
    """
    with transaction.atomic():
        conflict, _created = Conflict.objects.get_or_create(
            application=application,
            reviewer=reviewer,
            source=ConflictSource.DECLARED,
            defaults={"note": note},
        )
        assignment = ReviewAssignment.objects.filter(
            application=application, reviewer=reviewer
        ).first()
        if assignment and not submitted(assignment):
            assignment.delete()
        log_action(
            application, "grants.application.conflict_declared", actor=reviewer, data={"note": note}
        )
    return conflict
