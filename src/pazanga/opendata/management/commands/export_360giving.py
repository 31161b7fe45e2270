from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pazanga.opendata import giving
from pazanga.programme.models import Programme


class Command(BaseCommand):
    help = "Write the current programme's 360Giving package (JSON) to a file, checked first."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: object, **options: object) -> None:
        programme = Programme.objects.current()
        if programme is None:
            raise CommandError("There is no current programme.")
        data = giving.package(programme)
        problems = giving.problems(data)
        if problems:
            raise CommandError("Not valid 360Giving:\n" + "\n".join(problems[:20]))
        import json

        Path(str(options["out"])).write_text(
            json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        self.stdout.write(f"{len(data['grants'])} grants written to {options['out']}")
