"""Answers collected on the web through the questionnaire engine, taken into a wave.

A panel (librarians, managers) answers through personal links (each logged-in person
answers the wave's questionnaire once); the on-screen survey on library computers answers
through the questionnaire's anonymous link. Taking the answers makes a new data version of
the wave: each submitted response is a respondent, its own cluster, in a stratum per county
of the library the person works for ("-" when unknown), with a base weight of 1 (a panel or
a census: every member is asked).
"""

from __future__ import annotations

from typing import Any

from pazanga.common.refusals import Refusal
from pazanga.impact import store
from pazanga.impact.models import Dataset, Wave
from pazanga.impact.services.intake import save_dataset
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import RoleAssignment
from pazanga.questionnaires.enums import ResponseStatus
from pazanga.questionnaires.models import Response

UNKNOWN = "-"


def answer_value(value: Any) -> store.Value:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return value
    return store.number(str(value))


def collect_web_answers(wave: Wave, *, actor: Any, replace: bool = False) -> Dataset:
    """Make the wave's submitted web answers its new data version.

    Refuses a wave without a questionnaire or without submitted answers, and (as an import
    does) a wave that already has data unless `replace`. Side effects: those of
    `intake.save_dataset` (a new current version, the wave to `data_in`, an audit entry).
    """
    if wave.questionnaire_id is None:
        raise Refusal("impact.no_questionnaire")
    if wave.datasets.exists() and not replace:
        raise Refusal("impact.confirm_replace")
    responses = list(
        Response.objects.filter(
            questionnaire_id=wave.questionnaire_id, status=ResponseStatus.SUBMITTED
        ).order_by("pk")
    )
    if not responses:
        raise Refusal("impact.no_answers")
    places = libraries_of_respondents(wave, [r.respondent_id for r in responses if r.respondent_id])
    questions = list(
        wave.questionnaire.questions.order_by("position", "pk").values_list("name", flat=True)
    )
    columns: store.Columns = {
        name: []
        for name in ("respondent", "stratum", "psu", "base_weight", "county", "municipality")
    }
    columns |= {name: [] for name in questions}
    for response in responses:
        county, municipality = places.get(response.respondent_id, (UNKNOWN, None))
        columns["respondent"].append(f"web-{response.pk}")
        columns["stratum"].append(county)
        columns["psu"].append(f"web-{response.pk}")
        columns["base_weight"].append(1.0)
        columns["county"].append(county)
        columns["municipality"].append(municipality)
        for name in questions:
            columns[name].append(answer_value(response.answers.get(name)))
    if all(value is None for value in columns["municipality"]):
        del columns["municipality"]
    if all(value == UNKNOWN for value in columns["county"]):
        del columns["county"]
    return save_dataset(
        wave,
        columns,
        name=str(wave.questionnaire),
        kind="web",
        mapping={"roles": {}, "questions": questions},
        value_labels={},
        actor=actor,
    )


def libraries_of_respondents(wave: Wave, users: list[int]) -> dict[int, tuple[str, str | None]]:
    """user id -> (county code, municipality code) of the library the person works for."""
    assignments = RoleAssignment.objects.filter(
        user_id__in=users,
        programme=wave.study.programme,
        role=Role.LIBRARY_STAFF,
        status=AssignmentStatus.CONFIRMED,
        organisation__municipality__isnull=False,
    ).values_list(
        "user_id", "organisation__municipality__county__code", "organisation__municipality__code"
    )
    return {user: (county, municipality) for user, county, municipality in assignments}
