"""Write docs/workflows.md from the TRANSITIONS tables, so the diagrams never drift.

Every `pazanga.<app>.workflow` module may hold tables named `TRANSITIONS` or
`<SOMETHING>_TRANSITIONS` (status -> statuses it may move to). `--check` fails when the
committed document differs from what the tables say.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "workflows.md"
HEADER = """# Workflows

Generated from the `TRANSITIONS` tables in each app's `workflow.py` by
`manage.py document_workflows`; `make lint` checks that it is current. Each
`transition()` locks the row, checks its table, saves, writes an audit entry and sends
its e-mails after commit.
"""


def transition_tables() -> list[tuple[str, str, dict[str, set[str]]]]:
    tables = []
    for config in apps.get_app_configs():
        if not config.name.startswith("pazanga."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.workflow")
        except ModuleNotFoundError:
            continue
        tables.extend(
            (config.label, name, getattr(module, name))
            for name in sorted(vars(module))
            if name == "TRANSITIONS" or name.endswith("_TRANSITIONS")
        )
    return tables


def diagram(app: str, name: str, table: dict[str, set[str]]) -> str:
    lines = [f"## {app}: `{name}`", "", "```mermaid", "stateDiagram-v2"]
    for start, targets in table.items():
        ends = sorted(str(end) for end in targets)
        lines += [f"    {start} --> {end}" for end in ends]
        if not ends:
            lines.append(f"    {start} --> [*]")
    lines += ["```", ""]
    return "\n".join(lines)


def document() -> str:
    parts = [HEADER] + [diagram(*table) for table in transition_tables()]
    return "\n".join(parts)


class Command(BaseCommand):
    help = "Write docs/workflows.md from the workflow tables (or --check it)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--check", action="store_true", help="only check, change nothing")

    def handle(self, *args: object, check: bool = False, **options: object) -> None:
        wanted = document()
        if check:
            if not DOCUMENT.exists() or DOCUMENT.read_text(encoding="utf-8") != wanted:
                raise CommandError(f"{DOCUMENT} is out of date: run manage.py document_workflows")
            self.stdout.write(f"{DOCUMENT.name} is current")
            return
        DOCUMENT.write_text(wanted, encoding="utf-8")
        self.stdout.write(f"wrote {DOCUMENT}")
