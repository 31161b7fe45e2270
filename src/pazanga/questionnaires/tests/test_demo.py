import random

from django.apps import apps

from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.models import Questionnaire, Response


def test_it_loads_demo_questionnaires_once(programme):
    config = apps.get_app_config("questionnaires")
    config.load_demo(random.Random(1))  # noqa: S311 (demo data, not secrets)
    config.load_demo(random.Random(1))  # noqa: S311 (demo data, not secrets)
    demo = Questionnaire.objects.filter(is_demo=True).order_by("code")
    assert [(q.code, q.status, q.purpose) for q in demo] == [
        ("demo-library-use", QuestionnaireStatus.PUBLISHED, "survey"),
        ("demo-pm-pretest", QuestionnaireStatus.PUBLISHED, "test"),
    ]
    assert (
        Response.objects.filter(is_demo=True, questionnaire__code="demo-library-use").count() == 40
    )
    assert all(
        "visits" not in r.answers for r in Response.objects.filter(answers__uses_library="no")
    )
