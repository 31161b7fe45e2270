"""The real curriculum: the eight first-year topics and the two later trainings.

Sources: the programme's announcement (eight topics) and bp2_facts.csv (2015: change
management and project impact assessment). Idempotent: rows are matched by code.
"""

import csv
from decimal import Decimal
from pathlib import Path

from pazanga.training.models import CompletionRule, Module

DATA = Path(__file__).resolve().parent / "data"


def module_rows() -> list[dict[str, str]]:
    with (DATA / "modules.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load() -> None:
    for row in module_rows():
        module, _created = Module.objects.update_or_create(
            code=row["code"],
            defaults={
                "position": int(row["position"]),
                "hours": Decimal(row["hours"]),
                "name_lt": row["name_lt"],
                "name_en": row["name_en"],
                "description_lt": row["description_lt"],
                "description_en": row["description_en"],
                "outcomes_lt": row["outcomes_lt"].replace("|", "\n"),
                "outcomes_en": row["outcomes_en"].replace("|", "\n"),
            },
        )
        CompletionRule.objects.get_or_create(
            module=module,
            defaults={
                "min_attendance_percent": int(row["min_attendance_percent"]),
                "min_post_test_percent": int(row["min_post_test_percent"]),
                "feedback_required": row["feedback_required"] == "1",
            },
        )
