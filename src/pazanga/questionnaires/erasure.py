"""One person's erasure in questionnaires: their responses stay (counted in results and
in training's tests) under the anonymised account, without the files they uploaded and
without the sign-in name the platform recorded as the `username` metadata answer."""

from datetime import datetime
from typing import Any

from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.models import Question, Response, UploadedAnswerFile


def erase_person(person: Any, now: datetime) -> dict[str, int]:
    responses = list(Response.objects.filter(respondent=person))
    files = 0
    for stored in UploadedAnswerFile.objects.filter(response__in=responses):
        stored.delete()  # the stored file goes after commit
        files += 1
    names = set(
        Question.objects.filter(
            questionnaire__in={r.questionnaire_id for r in responses}, type=QuestionType.USERNAME
        ).values_list("questionnaire_id", "name")
    )
    changed = []
    for response in responses:
        cleared = {
            name: ("" if (response.questionnaire_id, name) in names else value)
            for name, value in response.answers.items()
        }
        if cleared != response.answers:
            response.answers = cleared
            changed.append(response)
    Response.objects.bulk_update(changed, ["answers"])
    return {"questionnaire responses kept": len(responses), "answer files": files}
