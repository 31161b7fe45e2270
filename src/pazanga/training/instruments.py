"""The training questionnaires, written as XLSForms and imported by the questionnaire engine.

Per module a knowledge test (the same questions before and after, as two questionnaires
so that each enrolment has one response to each); one feedback questionnaire (Likert
1–5, Kirkpatrick level 1) and one follow-up (level 3) shared by every course.
"""

from typing import Any

from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.models import Questionnaire
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.workflow import transition

LANG = ("label::Lietuvių (lt)", "label::English (en)")
# module code -> [(name, question lt, question en, [(choice lt, choice en, correct)])]
KNOWLEDGE: dict[str, list[tuple[str, str, str, list[tuple[str, str, bool]]]]] = {
    "project-preparation": [
        (
            "goal",
            "Kas geriausiai apibūdina projekto tikslą?",
            "What best describes a project goal?",
            [
                ("Norimas pokytis bendruomenėje", "The change wanted in the community", True),
                ("Nupirktos priemonės", "The equipment bought", False),
                ("Projekto biudžetas", "The project budget", False),
            ],
        ),
        (
            "need",
            "Nuo ko pradedamas projektas?",
            "Where does a project start?",
            [
                ("Nuo bendruomenės poreikio", "From a community need", True),
                ("Nuo paraiškos formos", "From the application form", False),
                ("Nuo biudžeto", "From the budget", False),
            ],
        ),
        (
            "budget",
            "Kas turi būti biudžete?",
            "What belongs in the budget?",
            [
                ("Tik veikloms būtinos išlaidos", "Only costs the activities need", True),
                ("Visos bibliotekos išlaidos", "All the library's costs", False),
                ("Tik atlyginimai", "Only salaries", False),
            ],
        ),
    ],
    "project-management": [
        (
            "first_phase",
            "Kuris projekto etapas yra pirmasis?",
            "Which project phase comes first?",
            [
                ("Inicijavimas", "Initiation", True),
                ("Įgyvendinimas", "Execution", False),
                ("Užbaigimas", "Closure", False),
            ],
        ),
        (
            "gantt",
            "Ką rodo Ganto diagrama?",
            "What does a Gantt chart show?",
            [
                ("Veiklų trukmę laike", "Activities over time", True),
                ("Biudžeto struktūrą", "The budget's structure", False),
                ("Komandos narius", "The team members", False),
            ],
        ),
        (
            "risk",
            "Kas yra rizika?",
            "What is a risk?",
            [
                (
                    "Neapibrėžtas įvykis, galintis paveikti projektą",
                    "An uncertain event that may affect the project",
                    True,
                ),
                ("Biudžeto eilutė", "A budget line", False),
                ("Projekto tikslas", "A project goal", False),
            ],
        ),
    ],
    "user-analysis": [
        (
            "segment",
            "Kas yra vartotojų grupė?",
            "What is a user segment?",
            [
                ("Panašių poreikių žmonių grupė", "People with similar needs", True),
                ("Visi gyventojai", "All residents", False),
                ("Bibliotekos darbuotojai", "Library staff", False),
            ],
        ),
        (
            "non_users",
            "Kodėl svarbu kalbėtis ir su nevartotojais?",
            "Why talk to non-users too?",
            [
                ("Jie parodo, ko trūksta paslaugose", "They show what the services lack", True),
                ("Nes taip reikalauja įstatymas", "Because the law requires it", False),
                ("Nesvarbu", "It does not matter", False),
            ],
        ),
        (
            "survey",
            "Koks klausimas tinka apklausai?",
            "Which question suits a survey?",
            [
                ("Kaip dažnai lankotės bibliotekoje?", "How often do you visit the library?", True),
                (
                    "Ar jums nepatinka mūsų puiki biblioteka?",
                    "Don't you dislike our great library?",
                    False,
                ),
                ("Kodėl nesate skaitytojas?", "Why are you not a reader?", False),
            ],
        ),
    ],
    "innovation": [
        (
            "prototype",
            "Kam skirtas prototipas?",
            "What is a prototype for?",
            [
                (
                    "Greitai išbandyti idėją su vartotojais",
                    "Testing an idea quickly with users",
                    True,
                ),
                ("Galutiniam produktui", "The final product", False),
                ("Ataskaitai finansuotojui", "A report to the funder", False),
            ],
        ),
        (
            "ideas",
            "Kas padeda generuoti idėjas?",
            "What helps generate ideas?",
            [
                ("Minčių lietus be vertinimo", "Brainstorming without judging", True),
                ("Pirmos idėjos kritika", "Criticising the first idea", False),
                ("Vadovo sprendimas", "The director's decision", False),
            ],
        ),
        (
            "fail",
            "Ką daryti, kai bandymas nepavyksta?",
            "What to do when a test fails?",
            [
                ("Pasimokyti ir patobulinti", "Learn and improve", True),
                ("Atsisakyti idėjos visam laikui", "Drop the idea for good", False),
                ("Nuslėpti rezultatą", "Hide the result", False),
            ],
        ),
    ],
    "advocacy": [
        (
            "message",
            "Kokia turi būti pagrindinė žinia?",
            "What should a key message be?",
            [
                ("Trumpa ir pagrįsta faktais", "Short and backed by facts", True),
                ("Ilga ir išsami", "Long and detailed", False),
                ("Emocinga be faktų", "Emotional without facts", False),
            ],
        ),
        (
            "audience",
            "Į ką pirmiausia kreipiamasi atstovaujant?",
            "Whom does advocacy address first?",
            [
                ("Į sprendimų priėmėjus", "Decision makers", True),
                ("Į skaitytojus", "Readers", False),
                ("Į kolegas", "Colleagues", False),
            ],
        ),
        (
            "evidence",
            "Kas stipriausiai įrodo bibliotekos vertę?",
            "What best proves a library's value?",
            [
                ("Žmonių istorijos ir skaičiai", "People's stories and numbers", True),
                ("Knygų skaičius fonduose", "The number of books held", False),
                ("Pastato dydis", "The size of the building", False),
            ],
        ),
    ],
    "publicity": [
        (
            "press",
            "Kas turi būti pranešimo spaudai pradžioje?",
            "What goes first in a press release?",
            [
                ("Svarbiausia naujiena", "The most important news", True),
                ("Bibliotekos istorija", "The library's history", False),
                ("Padėkos rėmėjams", "Thanks to sponsors", False),
            ],
        ),
        (
            "social",
            "Kas didina įrašo socialiniuose tinkluose pasiekiamumą?",
            "What increases a post's reach?",
            [
                ("Nuotrauka ir aiškus kvietimas", "A photo and a clear call to action", True),
                ("Ilgas tekstas", "A long text", False),
                ("Daug grotažymių", "Many hashtags", False),
            ],
        ),
        (
            "measure",
            "Kaip matuoti viešinimo rezultatą?",
            "How to measure publicity's results?",
            [
                ("Pasiekimu ir atėjusių žmonių skaičiumi", "Reach and people who came", True),
                ("Išleistais pinigais", "Money spent", False),
                ("Nematuojama", "It is not measured", False),
            ],
        ),
    ],
    "impact-assessment": [
        (
            "indicator",
            "Kas yra poveikio rodiklis?",
            "What is an impact indicator?",
            [
                (
                    "Išmatuojamas pokytis žmonių gyvenime",
                    "A measurable change in people's lives",
                    True,
                ),
                ("Renginių skaičius", "The number of events", False),
                ("Išlaidos", "Expenditure", False),
            ],
        ),
        (
            "baseline",
            "Kam reikalinga bazinė reikšmė?",
            "Why is a baseline needed?",
            [
                ("Kad būtų su kuo palyginti", "To have something to compare with", True),
                ("Ataskaitos puslapiams", "To fill the report", False),
                ("Nereikalinga", "It is not needed", False),
            ],
        ),
        (
            "survey_timing",
            "Kada renkami duomenys poveikiui įvertinti?",
            "When are impact data collected?",
            [
                ("Prieš ir po veiklos", "Before and after the activity", True),
                ("Tik pabaigoje", "Only at the end", False),
                ("Tik pradžioje", "Only at the start", False),
            ],
        ),
    ],
    "leadership": [
        (
            "vision",
            "Kas yra vizija?",
            "What is a vision?",
            [
                ("Aiškus norimos ateities vaizdas", "A clear picture of the future wanted", True),
                ("Metinis planas", "The annual plan", False),
                ("Pareigybių sąrašas", "A list of posts", False),
            ],
        ),
        (
            "delegation",
            "Kodėl deleguojama?",
            "Why delegate?",
            [
                ("Kad komanda augtų ir dalytųsi darbu", "So the team grows and shares work", True),
                (
                    "Kad vadovui būtų mažiau atsakomybės",
                    "So the head has less responsibility",
                    False,
                ),
                ("Taip reikalauja tvarka", "The rules say so", False),
            ],
        ),
        (
            "feedback",
            "Koks grįžtamasis ryšys naudingiausias?",
            "Which feedback helps most?",
            [
                ("Konkretus ir laiku", "Specific and timely", True),
                ("Bendras ir vėlai", "General and late", False),
                ("Tik neigiamas", "Only negative", False),
            ],
        ),
    ],
}
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
    for name, label_lt, label_en, options in KNOWLEDGE.get(module.code, []):
        survey.append([f"select_one {name}_list", name, label_lt, label_en, "yes", "1"])
        for index, (option_lt, option_en, correct) in enumerate(options):
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
