"""The training questionnaires, written as XLSForms and imported by the questionnaire engine.

Per module a knowledge test (the same questions before and after, as two questionnaires
so that each enrolment has one response to each); one feedback questionnaire (Likert
1–5, Kirkpatrick level 1) and one follow-up (level 3) shared by every course.
"""

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.models import Questionnaire
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.workflow import transition

LANG = ("label::Lietuvių (lt)", "label::English (en)")
KNOWLEDGE_FILE = Path(__file__).resolve().parent / "data" / "knowledge_tests.csv"


@dataclass
class TestItem:
    """One knowledge-test question of a module with its choices (lt, en, correct)."""

    name: str
    label_lt: str
    label_en: str
    choices: list[tuple[str, str, bool]] = field(default_factory=list)


@cache
def knowledge_items() -> dict[str, list[TestItem]]:
    """module code -> its test questions, from data/knowledge_tests.csv (one row per choice)."""
    items: dict[str, dict[str, TestItem]] = {}
    with KNOWLEDGE_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            module = items.setdefault(row["module"], {})
            item = module.setdefault(
                row["question"], TestItem(row["question"], row["question_lt"], row["question_en"])
            )
            item.choices.append((row["choice_lt"], row["choice_en"], row["correct"] == "1"))
    return {code: list(questions.values()) for code, questions in items.items()}


FEEDBACK_ITEMS = [
    ("useful", "Mokymai buvo naudingi mano darbui.", "The training was useful for my work."),
    ("trainer", "Lektorius aiškiai perteikė temą.", "The trainer explained the topic clearly."),
    ("materials", "Mokymų medžiaga buvo tinkama.", "The training materials were suitable."),
    ("organisation", "Mokymai buvo gerai organizuoti.", "The training was well organised."),
]
AGREE5 = [
    ("1", "Visiškai nesutinku", "Strongly disagree"),
    ("2", "Nesutinku", "Disagree"),
    ("3", "Nei sutinku, nei nesutinku", "Neither agree nor disagree"),
    ("4", "Sutinku", "Agree"),
    ("5", "Visiškai sutinku", "Strongly agree"),
]
FOLLOW_UP_ITEMS = [
    (
        "applied",
        "Ar pritaikėte mokymų žinias savo darbe?",
        "Have you applied what you learned at work?",
    ),
    ("example", "Kaip pritaikėte? Pateikite pavyzdį.", "How? Give an example."),
]
TEST_PASS_MARK = "2"  # noqa: S105 (points needed to pass a test, not a password)


def settings_sheet(
    title_lt: str, title_en: str, code: str, purpose: str, pass_mark: str = ""
) -> list[list[str]]:
    return [
        [
            "form_title",
            "form_title::English (en)",
            "form_id",
            "default_language",
            "purpose",
            "pass_mark",
        ],
        [title_lt, title_en, code, "Lietuvių (lt)", purpose, pass_mark],
    ]


def knowledge_test_workbook(module: Any, code: str, when_lt: str, when_en: str) -> bytes:
    survey = [["type", "name", *LANG, "required", "points"]]
    choices = [["list_name", "name", *LANG, "correct"]]
    for item in knowledge_items().get(module.code, []):
        name = item.name
        survey.append([f"select_one {name}_list", name, item.label_lt, item.label_en, "yes", "1"])
        for index, (option_lt, option_en, correct) in enumerate(item.choices):
            choices.append(
                [f"{name}_list", f"o{index}", option_lt, option_en, "yes" if correct else ""]
            )
    return workbook_bytes(
        survey,
        choices,
        settings_sheet(
            f"{module.name_lt}: žinių testas {when_lt}",
            f"{module.name_en}: test {when_en}",
            code,
            "test",
            TEST_PASS_MARK,
        ),
    )


def feedback_workbook(code: str) -> bytes:
    survey = [["type", "name", *LANG, "required", "appearance"]]
    survey += [["select_one agree5", n, lt, en, "yes", "likert"] for n, lt, en in FEEDBACK_ITEMS]
    survey.append(["text", "comments", "Jūsų pastabos", "Your comments", "", ""])
    choices = [["list_name", "name", *LANG]] + [["agree5", *row] for row in AGREE5]
    return workbook_bytes(
        survey,
        choices,
        settings_sheet("Mokymų vertinimas", "Training feedback", code, "feedback"),
    )


def follow_up_workbook(code: str) -> bytes:
    survey = [["type", "name", *LANG, "required"]]
    survey.append(["select_one yes_no", FOLLOW_UP_ITEMS[0][0], *FOLLOW_UP_ITEMS[0][1:], "yes"])
    survey.append(["text", FOLLOW_UP_ITEMS[1][0], *FOLLOW_UP_ITEMS[1][1:], ""])
    choices = [
        ["list_name", "name", *LANG],
        ["yes_no", "yes", "Taip", "Yes"],
        ["yes_no", "no", "Ne", "No"],
    ]
    return workbook_bytes(
        survey,
        choices,
        settings_sheet(
            "Mokymų pritaikymas po 3 mėnesių",
            "Applying the training after 3 months",
            code,
            "survey",
        ),
    )


def published(data: bytes, code: str, programme: Any, actor: Any) -> Questionnaire:
    """The published questionnaire `code`, imported from `data` the first time."""
    existing = Questionnaire.objects.filter(code=code).order_by("-version").first()
    if existing is not None:
        return existing
    questionnaire = import_questionnaire(data, programme=programme, actor=actor, code=code)
    questionnaire.is_demo = True
    questionnaire.save(update_fields=["is_demo"])
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=actor)


def module_tests(
    module: Any, programme: Any, actor: Any = None
) -> tuple[Questionnaire, Questionnaire]:
    pre = published(
        knowledge_test_workbook(module, f"{module.code}-pre", "prieš mokymus", "before"),
        f"{module.code}-pre",
        programme,
        actor,
    )
    post = published(
        knowledge_test_workbook(module, f"{module.code}-post", "po mokymų", "after"),
        f"{module.code}-post",
        programme,
        actor,
    )
    return pre, post


def shared_questionnaires(programme: Any, actor: Any = None) -> tuple[Questionnaire, Questionnaire]:
    feedback = published(
        feedback_workbook("training-feedback"), "training-feedback", programme, actor
    )
    follow_up = published(
        follow_up_workbook("training-follow-up"), "training-follow-up", programme, actor
    )
    return feedback, follow_up
