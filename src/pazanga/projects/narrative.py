"""The narrative part of a report: a questionnaire of the one form engine.

The platform ships it as an XLSForm (written below, cell by cell as in Excel) and imports it
on first use; programme staff may publish a new version through the questionnaires app
(same code), and new reports use the newest published version.
"""

from typing import Any

from django.db import transaction

from pazanga.programme.models import Programme
from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.models import Questionnaire
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.workflow import transition

CODE = "project-report"
LANG = ("label::Lietuvių (lt)", "label::English (en)")
HINT = ("hint::Lietuvių (lt)", "hint::English (en)")
QUESTIONS = (
    (
        "activities",
        "Kokia veikla vykdyta per ataskaitinį laikotarpį?",
        "What was done in the period?",
        "Renginiai, mokymai, laboratorijos, paslaugos – kas, kada, kiek žmonių.",
        "Events, training, labs, services: what, when, how many people.",
    ),
    (
        "changes",
        "Kas vyko kitaip, nei planuota, ir kodėl?",
        "What went differently from the plan, and why?",
        "",
        "",
    ),
    (
        "partners",
        "Kaip prisidėjo partneriai?",
        "How did the partners contribute?",
        "",
        "",
    ),
    (
        "community",
        "Ką projektas pakeitė bendruomenei?",
        "What did the project change for the community?",
        "",
        "",
    ),
    (
        "next_steps",
        "Kaip veikla bus tęsiama?",
        "How will the work continue?",
        "",
        "",
    ),
)


def report_workbook() -> bytes:
    survey = [["type", "name", *LANG, *HINT, "required", "appearance"]]
    survey += [
        ["text", name, lt, en, hint_lt, hint_en, "yes", "multiline"]
        for name, lt, en, hint_lt, hint_en in QUESTIONS
    ]
    settings = [
        ["form_title", "form_title::English (en)", "form_id", "default_language", "purpose"],
        ["Projekto ataskaita", "Project report", CODE, "Lietuvių (lt)", "survey"],
    ]
    return workbook_bytes(survey, [["list_name", "name", *LANG]], settings)


def report_questionnaire(programme: Programme, *, actor: Any = None) -> Questionnaire:
    """The newest published report questionnaire, imported and published on first use."""
    published = (
        Questionnaire.objects.filter(code=CODE, status=QuestionnaireStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if published is not None:
        return published
    with transaction.atomic():
        questionnaire = import_questionnaire(
            report_workbook(), programme=programme, actor=actor, code=CODE
        )
        return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=actor)
