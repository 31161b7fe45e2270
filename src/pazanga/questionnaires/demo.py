"""Demo questionnaires (marked as demo): a bilingual survey with skip logic and a scored test."""

import random
from datetime import UTC, datetime, timedelta

from pazanga.programme.models import Programme
from pazanga.questionnaires import services
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
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
        response = services.submit_answers(
            questionnaire, demo_answers(rng), language=rng.choice(["lt", "lt", "en"])
        )
        Response.objects.filter(pk=response.pk).update(is_demo=True)


def demo_answers(rng: random.Random) -> dict[str, object]:
    """One library-use respondent's answers."""
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
    return answers


# A copy of the network adds this many respondents to the library-use survey: about 15,000
# at --scale 10, a national wave's size for an agency serving several countries.
COPY_RESPONDENTS = 1500


def load_copy(rng: random.Random, copy: int) -> None:
    """Copy `copy`'s respondents to the library-use survey, created in bulk as submitted
    (generated answers of the form's own shape, not people's actions: no audit entries).
    The copy's responses carry its number in `instance_id`, which makes the copy idempotent."""
    questionnaire = Questionnaire.objects.filter(code=DEMO_FORMS[0][1]).first()
    marker = f"demo-copy-{copy}-"
    if (
        questionnaire is None
        or Response.objects.filter(
            questionnaire=questionnaire, instance_id__startswith=marker
        ).exists()
    ):
        return
    start = datetime(2014, 3, 1, 9, tzinfo=UTC)
    Response.objects.bulk_create(
        (
            Response(
                questionnaire=questionnaire,
                instance_id=f"{marker}{number}",
                status=ResponseStatus.SUBMITTED,  # not a workflow status: generated demo answers
                language=rng.choice(["lt", "lt", "en"]),
                answers=demo_answers(rng),
                submitted_at=start + timedelta(minutes=rng.randint(0, 60 * 24 * 90)),
                is_demo=True,
            )
            for number in range(COPY_RESPONDENTS)
        ),
        batch_size=1000,
    )
