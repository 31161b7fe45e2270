from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from lxml import etree

from pazanga.opendata import iati
from pazanga.programme.models import Programme


class Command(BaseCommand):
    help = "Write the current programme's IATI 2.03 activities (XML) to a file, checked first."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: object, **options: object) -> None:
        programme = Programme.objects.current()
        if programme is None:
            raise CommandError("There is no current programme.")
        tree = iati.document(programme)
        problems = iati.problems(tree)
        if problems:
            raise CommandError("Not valid IATI 2.03:\n" + "\n".join(problems[:20]))
        content = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        Path(str(options["out"])).write_bytes(content)
        count = len(tree.getroot())
        self.stdout.write(f"{count} activities written to {options['out']}")
