"""Questionnaire engine figures: XLSForm import, page rendering, response exports.

Run: .venv/bin/python bench/questionnaires_bench.py  (uses a throw-away SQLite database)
"""

import time

from _scratch import start_django_on_scratch_database

start_django_on_scratch_database()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def timed(label, function, repeat=1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    print(f"{label}: {best * 1000:.0f} ms")
    return result


def form_rows(count):
    survey = [
        [
            "type",
            "name",
            "label::Lietuvių (lt)",
            "label::English (en)",
            "required",
            "relevant",
            "constraint",
        ]
    ]
    kinds = ["integer", "select_one yn", "text", "select_multiple five", "decimal", "date"]
    for i in range(count):
        if i % 50 == 0:
            survey.append(["begin_group", f"g{i}", f"Skyrius {i}", f"Section {i}"])
        kind = kinds[i % len(kinds)]
        survey.append(
            [
                kind,
                f"q{i}",
                f"Klausimas {i}",
                f"Question {i}",
                "yes" if i % 3 == 0 else "",
                "${q1} = 'yes'" if i > 1 and i % 7 == 0 else "",
                ". >= 0" if kind == "integer" else "",
            ]
        )
        if i % 50 == 49:
            survey.append(["end_group", ""])
    choices = [
        ["list_name", "name", "label::Lietuvių (lt)", "label::English (en)"],
        ["yn", "yes", "Taip", "Yes"],
        ["yn", "no", "Ne", "No"],
    ]
    choices += [["five", str(n), f"Nr. {n}", f"No. {n}"] for n in range(1, 6)]
    return survey, choices


def main():  # noqa: PLR0915 (one scenario after another)
    call_command("migrate", verbosity=0)
    from pazanga.directory.tests.factories import LibraryFactory
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import ProgrammeFactory, person_with_role
    from pazanga.questionnaires import services
    from pazanga.questionnaires.engine import load_definition
    from pazanga.questionnaires.examples.forms import example_bytes, workbook_bytes
    from pazanga.questionnaires.exports import ResponseTable, to_csv, to_sav, to_xlsx
    from pazanga.questionnaires.models import Response
    from pazanga.questionnaires.queries import submitted_responses
    from pazanga.questionnaires.workflow import transition
    from pazanga.questionnaires.xlsform.reader import read_xlsform

    programme = ProgrammeFactory()
    staff = person_with_role(Role.PROGRAMME_STAFF, email="bench@lnb.example")
    librarian = person_with_role(
        Role.LIBRARY_STAFF, email="l@b.example", organisation=LibraryFactory()
    )

    survey, choices = form_rows(500)
    data = workbook_bytes(
        survey,
        choices,
        [["form_id", "form_title", "form_title::English (en)"], ["big", "Didelė", "Big"]],
    )
    print(f"500-question XLSForm: {len(data) / 1024:.0f} KiB")
    timed("read 500-question XLSForm (parse + checks)", lambda: read_xlsform(data), repeat=3)
    counter = iter(range(100))
    timed(
        "import 500-question XLSForm into the database",
        lambda: services.import_questionnaire(
            data, programme=programme, actor=staff, code=f"big{next(counter)}"
        ),
        repeat=3,
    )

    survey, choices = form_rows(100)
    hundred = services.import_questionnaire(
        workbook_bytes(
            survey,
            choices,
            [["form_id", "form_title", "form_title::English (en)"], ["h", "Šimtas", "Hundred"]],
        ),
        programme=programme,
        actor=staff,
    )
    # One page with all 100 questions: the worst case for rendering.
    hundred.questions.update(section=None)
    hundred.sections.all().delete()
    transition(hundred, "published", actor=staff)
    client = Client()
    client.force_login(librarian)
    address = f"/lt/questionnaires/{hundred.pk}/answer/"
    client.get(address)
    page = client.get(address)
    assert page.status_code == 200, page.status_code
    shown = page.content.decode().count("q-question")
    print(f"  questions on the page: 100 ({shown} shown, the rest hidden by skip logic)")
    with CaptureQueriesContext(connection) as queries:
        timed("render a 100-question page", lambda: client.get(address), repeat=5)
    print(f"  queries per rendering: {len(queries) // 5}")

    questionnaire = services.import_questionnaire(
        example_bytes("library_use.xlsx"), programme=programme, actor=staff, code="lu"
    )
    transition(questionnaire, "published", actor=staff)
    import random

    rng = random.Random(1)  # noqa: S311 (made-up answers, not secrets)
    answers = []
    for _ in range(10_000):
        uses = rng.random() < 0.7
        a = {
            "gender": rng.choice(["female", "male"]),
            "age": rng.randint(16, 90),
            "settlement": "urban",
            "uses_library": "yes" if uses else "no",
        }
        if uses:
            a |= {
                "visits": rng.randint(1, 50),
                "services": rng.sample(["books", "internet", "events", "training"], 2),
                "internet_helps": str(rng.randint(1, 5)),
                "comments": "Ačiū",
            }
        else:
            a["why_not"] = "no_time"
        answers.append(a)
    from django.utils import timezone

    now = timezone.now()
    Response.objects.bulk_create(
        Response(questionnaire=questionnaire, answers=a, status="submitted", submitted_at=now)
        for a in answers
    )
    table = ResponseTable(load_definition(questionnaire))
    for name, write in (("CSV", to_csv), ("XLSX", to_xlsx), ("SAV", to_sav)):
        result = timed(
            f"export 10,000 responses to {name}",
            lambda write=write: write(
                table, submitted_responses(questionnaire).iterator(chunk_size=2000)
            ),
        )
        print(f"  {name} size: {len(result) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
