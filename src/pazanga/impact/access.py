"""Who may open which impact page: the one module the impact views ask.

Researchers and programme staff manage studies, waves, data, weights and indicators;
partners and funders read the results and reports; only researchers download microdata;
everyone reads the published aggregates. Objects come from the current programme only: a
study, wave or indicator of another programme does not exist here (404).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import Indicator, Study, Wave
from pazanga.programme.enums import Role
from pazanga.programme.permissions import current_programme, role_required, roles_of

__all__ = [
    "indicator_for",
    "managers_required",
    "may_manage",
    "may_see_microdata",
    "public_study_for",
    "readers_required",
    "researchers_required",
    "studies",
    "study_for",
    "wave_for",
]

MANAGERS = (Role.PROGRAMME_STAFF, Role.RESEARCHER)
READERS = (*MANAGERS, Role.PARTNER)
managers_required = role_required(*MANAGERS)
readers_required = role_required(*READERS)
researchers_required = role_required(Role.RESEARCHER)


def number(pk: object) -> int:
    try:
        return int(str(pk))
    except ValueError:
        raise Http404 from None


def may_manage(user: Any) -> bool:
    return bool(roles_of(user) & set(MANAGERS))


def may_see_microdata(user: Any) -> bool:
    return Role.RESEARCHER in roles_of(user)


def studies() -> QuerySet[Study]:
    return Study.objects.filter(programme=current_programme())


def study_for(pk: object) -> Study:
    return get_object_or_404(studies(), pk=number(pk))


def wave_for(pk: object) -> Wave:
    return get_object_or_404(
        Wave.objects.select_related("study__programme", "questionnaire").filter(
            study__in=studies()
        ),
        pk=number(pk),
    )


def indicator_for(pk: object) -> Indicator:
    return get_object_or_404(Indicator.objects.filter(programme=current_programme()), pk=number(pk))


def public_waves() -> QuerySet[Wave]:
    return Wave.objects.filter(study__in=studies(), status=WaveStatus.PUBLISHED)


def public_study_for(pk: object) -> Study:
    """A study with at least one published wave."""
    return get_object_or_404(
        studies().filter(waves__status=WaveStatus.PUBLISHED).distinct(), pk=number(pk)
    )


def public_indicator_for(pk: object) -> Indicator:
    return get_object_or_404(
        Indicator.objects.filter(programme=current_programme(), is_public=True), pk=number(pk)
    )
