"""Fieldwork figures, each printed with a baseline measured in the same run:

- importing a 1,000-question XLSForm with repeats (baseline: openpyxl only reading the
  same workbook, the floor any reader pays);
- the server time of a page with 50 calculations (baseline: the same page with the 50
  questions as plain text answers);
- exporting 10,000 responses with a repeat of 5 instances each to XLSX and SAV (baseline:
  the same 10,000 responses with no repeat).

Run: .venv/bin/python bench/questionnaires_fieldwork_bench.py  (a throw-away SQLite database)
"""

import io
import time

from _scratch import start_django_on_scratch_database

start_django_on_scratch_database()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def timed(function, repeat=1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def report(label, seconds, baseline, baseline_label):
    print(
        f"{label}: {seconds * 1000:.0f} ms; {baseline_label}: {baseline * 1000:.0f} ms; "
        f"ratio {seconds / baseline:.2f}"
    )


def big_form(count):
    survey = [["type", "name", "label::Lietuvių (lt)", "label::English (en)", "relevant"]]
    for i in range(count):
        if i % 100 == 0:
            kind = "begin_repeat" if i % 200 == 0 else "begin_group"
            survey.append([kind, f"s{i}", f"Skyrius {i}", f"Section {i}"])
        survey.append(
            [
                ["integer", "text", "select_one yn", "decimal", "date"][i % 5],
                f"q{i}",
                f"Klausimas {i}",
                f"Question {i}",
                f"${{q{i - 1}}} != ''" if i % 10 == 9 else "",
            ]
        )
        if i % 100 == 99:
            survey.append(["end_repeat" if (i - 99) % 200 == 0 else "end_group", ""])
    choices = [
        ["list_name", "name", "label::Lietuvių (lt)", "label::English (en)"],
        ["yn", "yes", "Taip", "Yes"],
        ["yn", "no", "Ne", "No"],
    ]
    return survey, choices


def calculation_form(with_calculations):
    survey = [["type", "name", "label", "calculation"], ["integer", "base", "Base", ""]]
    for i in range(50):
        if with_calculations:
            formula = f"if(${{base}} > {i}, concat('c', ${{base}} * {i}), round({i} div 3, 2))"
            survey.append(["calculate", f"c{i}", "", formula])
        else:
            survey.append(["text", f"c{i}", f"Text {i}", ""])
    survey.append(["note", "total", "Total ${c49}" if with_calculations else "Total", ""])
    return survey


def main():  # noqa: PLR0915 (one scenario after another)
    call_command("migrate", verbosity=0)
    from openpyxl import load_workbook

    from pazanga.directory.tests.factories import LibraryFactory
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import ProgrammeFactory, person_with_role
    from pazanga.questionnaires import services
    from pazanga.questionnaires.engine import load_definition
    from pazanga.questionnaires.examples.forms import workbook_bytes
    from pazanga.questionnaires.exports import ResponseTable, to_sav, to_xlsx
    from pazanga.questionnaires.models import Response
    from pazanga.questionnaires.queries import submitted_responses
    from pazanga.questionnaires.workflow import transition

    programme = ProgrammeFactory()
    staff = person_with_role(Role.PROGRAMME_STAFF, email="bench@lnb.example")
    librarian = person_with_role(
        Role.LIBRARY_STAFF, email="l@b.example", organisation=LibraryFactory()
    )

    survey, choices = big_form(1000)
    data = workbook_bytes(survey, choices, [["form_id", "form_title"], ["big", "Didelė"]])
    print(f"1,000-question XLSForm with repeats: {len(data) / 1024:.0f} KiB")

    def openpyxl_only():
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = sum(1 for sheet in workbook.worksheets for _row in sheet.iter_rows(values_only=True))
        workbook.close()
        return rows

    floor, _rows = timed(openpyxl_only, repeat=3)
    counter = iter(range(100))
    seconds, _q = timed(
        lambda: services.import_questionnaire(
            data, programme=programme, actor=staff, code=f"big{next(counter)}"
        ),
        repeat=3,
    )
    report("import it (read, check, save)", seconds, floor, "openpyxl reading it")

    client = Client()
    client.force_login(librarian)
    times = {}
    for label, flag in (("with", True), ("without", False)):
        questionnaire = services.import_questionnaire(
            workbook_bytes(
                calculation_form(flag),
                [["form_id", "form_title"], [f"calc_{label}", "Calc"]],
                names=("survey", "settings"),
            ),
            programme=programme,
            actor=staff,
        )
        transition(questionnaire, "published", actor=staff)
        address = f"/lt/questionnaires/{questionnaire.pk}/answer/?page=0"
        client.get(address)
        posted = {"q-base": "7", "action": "refresh"}
        times[label], page = timed(
            lambda address=address, posted=posted: client.post(address, posted), repeat=5
        )
        assert page.status_code == 200, page.status_code
    report(
        "a page with 50 calculations (server, refresh)",
        times["with"],
        times["without"],
        "the same page without calculations",
    )

    from django.utils import timezone

    survey = [
        ["type", "name", "label"],
        ["text", "library", "Library"],
        ["integer", "visits", "Visits"],
        ["begin_repeat", "member", "Member"],
        ["text", "member_name", "Name"],
        ["integer", "age", "Age"],
        ["select_one yn", "reads", "Reads?"],
        ["end_repeat", ""],
    ]
    choices = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]
    flat_survey = survey[:3]
    now = timezone.now()
    tables = {}
    for label, rows in (("with", survey), ("without", flat_survey)):
        questionnaire = services.import_questionnaire(
            workbook_bytes(rows, choices, [["form_id", "form_title"], [f"ex_{label}", "Ex"]]),
            programme=programme,
            actor=staff,
        )
        members = [{"member_name": f"Narys {m}", "age": 20 + m, "reads": "yes"} for m in range(5)]
        Response.objects.bulk_create(
            Response(
                questionnaire=questionnaire,
                answers={"library": "Biržai", "visits": n % 40}
                | ({"member": members} if label == "with" else {}),
                status="submitted",
                submitted_at=now,
            )
            for n in range(10_000)
        )
        tables[label] = (questionnaire, ResponseTable(load_definition(questionnaire)))
    for name, write in (("XLSX", to_xlsx), ("SAV", to_sav)):
        results = {}
        for label, (questionnaire, table) in tables.items():
            results[label], output = timed(
                lambda write=write, table=table, questionnaire=questionnaire: write(
                    table, submitted_responses(questionnaire).iterator(chunk_size=2000)
                )
            )
            if label == "with":
                size = len(output)
        report(
            f"export 10,000 responses × 5 repeat instances to {name} ({size / 1024:.0f} KiB)",
            results["with"],
            results["without"],
            "the same responses without the repeat",
        )


if __name__ == "__main__":
    main()
