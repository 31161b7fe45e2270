"""Example XLSForms, written cell by cell the way a person fills them in Excel.

`python -m pazanga.questionnaires.examples.forms` (re)writes the .xlsx files next to this
module; a test checks that the shipped files say the same as this code.
"""

import io
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

LIBRARY_USE_SURVEY = [
    [
        "type",
        "name",
        "label::Lietuvių (lt)",
        "label::English (en)",
        "hint::Lietuvių (lt)",
        "hint::English (en)",
        "required",
        "relevant",
        "constraint",
        "constraint_message::Lietuvių (lt)",
        "constraint_message::English (en)",
        "appearance",
    ],
    ["begin_group", "about_you", "Apie jus", "About you"],
    ["select_one gender", "gender", "Jūsų lytis", "Your gender", "", "", "yes"],
    [
        "integer",
        "age",
        "Jūsų amžius",
        "Your age",
        "Metais",
        "In years",
        "yes",
        "",
        ". >= 14 and . <= 110",
        "Amžius turi būti nuo 14 iki 110 metų.",
        "Age must be between 14 and 110.",
    ],
    ["select_one settlement", "settlement", "Kur gyvenate?", "Where do you live?", "", "", "yes"],
    ["end_group", ""],
    ["begin_group", "library_use", "Bibliotekos lankymas", "Library use"],
    [
        "select_one yes_no",
        "uses_library",
        "Ar per pastaruosius 12 mėnesių lankėtės viešojoje bibliotekoje?",
        "Have you visited a public library in the last 12 months?",
        "",
        "",
        "yes",
    ],
    [
        "integer",
        "visits",
        "Kiek kartų lankėtės?",
        "How many times did you visit?",
        "",
        "",
        "yes",
        "${uses_library} = 'yes'",
        ". >= 1 and . <= 365",
        "Nuo 1 iki 365 kartų.",
        "Between 1 and 365 times.",
    ],
    [
        "select_multiple services",
        "services",
        "Kokiomis paslaugomis naudojotės?",
        "Which services did you use?",
        "Pažymėkite visas tinkamas",
        "Tick all that apply",
        "yes",
        "${uses_library} = 'yes'",
    ],
    [
        "text",
        "services_other",
        "Kokiomis kitomis?",
        "Which other services?",
        "",
        "",
        "yes",
        "selected(${services}, 'other')",
    ],
    [
        "select_one reasons",
        "why_not",
        "Kodėl nesilankote?",
        "Why do you not visit?",
        "",
        "",
        "",
        "${uses_library} = 'no'",
    ],
    ["end_group", ""],
    [
        "begin_group",
        "opinion",
        "Jūsų nuomonė",
        "Your opinion",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "field-list",
    ],
    [
        "select_one agree5",
        "internet_helps",
        "Bibliotekos internetas man padeda gauti reikalingos informacijos.",
        "The library's internet helps me find the information I need.",
        "",
        "",
        "",
        "${uses_library} = 'yes' and (selected(${services}, 'internet') or ${visits} > 5)",
        "",
        "",
        "",
        "likert",
    ],
    ["note", "thanks_note", "Dėkojame! Liko vienas klausimas.", "Thank you! One question is left."],
    [
        "text",
        "comments",
        "Ką norėtumėte pasakyti bibliotekai?",
        "What would you like to tell the library?",
        "",
        "",
        "",
        "",
        "string-length(.) <= 1000",
        "Ne daugiau kaip 1000 ženklų.",
        "At most 1000 characters.",
        "multiline",
    ],
    ["end_group", ""],
]
LIBRARY_USE_CHOICES = [
    ["list_name", "name", "label::Lietuvių (lt)", "label::English (en)"],
    ["gender", "female", "Moteris", "Female"],
    ["gender", "male", "Vyras", "Male"],
    ["gender", "other", "Kita / nenoriu sakyti", "Other / prefer not to say"],
    ["settlement", "urban", "Mieste", "In a town or city"],
    ["settlement", "rural", "Kaime", "In the countryside"],
    ["yes_no", "yes", "Taip", "Yes"],
    ["yes_no", "no", "Ne", "No"],
    ["services", "books", "Knygos ir periodika", "Books and periodicals"],
    ["services", "internet", "Internetas ir kompiuteriai", "Internet and computers"],
    ["services", "events", "Renginiai", "Events"],
    ["services", "training", "Mokymai", "Training"],
    ["services", "other", "Kita", "Other"],
    ["reasons", "no_time", "Neturiu laiko", "I have no time"],
    ["reasons", "no_need", "Nereikia", "I do not need to"],
    ["reasons", "too_far", "Per toli", "It is too far"],
    ["agree5", "1", "Visiškai nesutinku", "Strongly disagree"],
    ["agree5", "2", "Nesutinku", "Disagree"],
    ["agree5", "3", "Nei sutinku, nei nesutinku", "Neither agree nor disagree"],
    ["agree5", "4", "Sutinku", "Agree"],
    ["agree5", "5", "Visiškai sutinku", "Strongly agree"],
]
LIBRARY_USE_SETTINGS = [
    ["form_title", "form_title::English (en)", "form_id", "version", "default_language"],
    [
        "Bibliotekų lankytojų apklausa",
        "Library use survey",
        "library_use",
        "2014022501",
        "Lietuvių (lt)",
    ],
]

PM_PRETEST_SURVEY = [
    ["type", "name", "label::Lietuvių (lt)", "label::English (en)", "required", "points"],
    [
        "select_one phases",
        "first_phase",
        "Kuris projekto etapas yra pirmasis?",
        "Which project phase comes first?",
        "yes",
        "1",
    ],
    [
        "select_one yes_no",
        "gantt",
        "Ar Ganto diagrama rodo veiklų trukmę laike?",
        "Does a Gantt chart show activities over time?",
        "yes",
        "1",
    ],
    [
        "select_multiple smart",
        "smart",
        "Kurios savybės priklauso SMART tikslui?",
        "Which properties belong to a SMART goal?",
        "yes",
        "2",
    ],
    ["select_one risk", "risk", "Kas yra rizika?", "What is a risk?", "yes", "1"],
]
PM_PRETEST_CHOICES = [
    ["list_name", "name", "label::Lietuvių (lt)", "label::English (en)", "correct"],
    ["phases", "initiation", "Inicijavimas", "Initiation", "yes"],
    ["phases", "execution", "Įgyvendinimas", "Execution", ""],
    ["phases", "closure", "Užbaigimas", "Closure", ""],
    ["yes_no", "yes", "Taip", "Yes", "yes"],
    ["yes_no", "no", "Ne", "No", ""],
    ["smart", "specific", "Konkretus", "Specific", "yes"],
    ["smart", "measurable", "Išmatuojamas", "Measurable", "yes"],
    ["smart", "expensive", "Brangus", "Expensive", ""],
    ["smart", "timed", "Apibrėžtas laike", "Time-bound", "yes"],
    [
        "risk",
        "uncertain_event",
        "Neapibrėžtas įvykis, galintis paveikti projektą",
        "An uncertain event that may affect the project",
        "yes",
    ],
    ["risk", "budget_line", "Biudžeto eilutė", "A budget line", ""],
]
PM_PRETEST_SETTINGS = [
    [
        "form_title",
        "form_title::English (en)",
        "form_id",
        "default_language",
        "purpose",
        "pass_mark",
    ],
    [
        "Projektų valdymas: žinių testas prieš mokymus",
        "Project management: pre-training test",
        "pm_pretest",
        "Lietuvių (lt)",
        "test",
        "3",
    ],
]

EXAMPLES = {
    "library_use.xlsx": (LIBRARY_USE_SURVEY, LIBRARY_USE_CHOICES, LIBRARY_USE_SETTINGS),
    "pm_pretest.xlsx": (PM_PRETEST_SURVEY, PM_PRETEST_CHOICES, PM_PRETEST_SETTINGS),
}


def workbook_bytes(
    *sheets: list[list[str]], names: tuple[str, ...] = ("survey", "choices", "settings")
) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in zip(names, sheets, strict=False):
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def example_bytes(file_name: str) -> bytes:
    return workbook_bytes(*EXAMPLES[file_name])


def write_examples() -> None:
    for file_name in EXAMPLES:
        (HERE / file_name).write_bytes(example_bytes(file_name))


if __name__ == "__main__":
    write_examples()
