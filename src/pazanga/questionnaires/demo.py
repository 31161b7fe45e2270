"""Demo questionnaires (marked as demo): a bilingual survey with skip logic and a scored test."""

import random

from pazanga.programme.models import Programme
from pazanga.questionnaires import services
from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.examples.forms import example_bytes
from pazanga.questionnaires.models import Questionnaire, Response
from pazanga.questionnaires.workflow import transition

LIBRARY_USERS_SHARE = 0.7
DEMO_FORMS = (
    ("library_use.xlsx", "demo-library-use", True),
    ("pm_pretest.xlsx", "demo-pm-pretest", False),
)


def load(rng: random.Random) -> None:
    programme = Programme.objects.current()
    if programme is None:
        return
    for file_name, code, anonymous in DEMO_FORMS:
        if Questionnaire.objects.filter(code=code).exists():
            continue
        questionnaire = services.import_questionnaire(
            example_bytes(file_name), programme=programme, actor=None, code=code
        )
        questionnaire.is_demo = True
        questionnaire.allow_anonymous = anonymous
        questionnaire.save(update_fields=["is_demo", "audience"])
        transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=None)
        if anonymous:
            add_demo_answers(questionnaire, rng, 40)


def add_demo_answers(questionnaire: Questionnaire, rng: random.Random, count: int) -> None:
    for _ in range(count):
        uses = rng.random() < LIBRARY_USERS_SHARE
        answers: dict[str, object] = {
            "gender": rng.choice(["female", "female", "male", "other"]),
            "age": rng.randint(16, 85),
            "settlement": rng.choice(["urban", "rural"]),
            "uses_library": "yes" if uses else "no",
        }
        if uses:
            answers["visits"] = rng.randint(1, 40)
            answers["services"] = rng.sample(
                ["books", "internet", "events", "training"], rng.randint(1, 3)
            )
            answers["internet_helps"] = str(rng.randint(2, 5))
        else:
            answers["why_not"] = rng.choice(["no_time", "no_need", "too_far"])
        response = services.submit_answers(
            questionnaire, answers, language=rng.choice(["lt", "lt", "en"])
        )
        Response.objects.filter(pk=response.pk).update(is_demo=True)
