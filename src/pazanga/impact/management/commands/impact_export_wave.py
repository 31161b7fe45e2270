"""`manage.py impact_export_wave WAVE --out FILE.csv`: a wave's microdata for researchers'
scripts (design columns, domain and calibration variables, final weight, indicators)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pazanga.common.refusals import Refusal
from pazanga.impact.exports import MicrodataExport, sav_bytes
from pazanga.impact.models import Wave


class Command(BaseCommand):
    help = "Write a wave's microdata with its design columns to a CSV (or .sav) file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("wave", help="the wave's code, e.g. POP-2014")
        parser.add_argument("--out", required=True, help="the file to write (.csv or .sav)")

    def handle(self, *args: Any, **options: Any) -> None:
        wave = Wave.objects.select_related("study__programme").filter(code=options["wave"]).first()
        if wave is None:
            codes = ", ".join(Wave.objects.values_list("code", flat=True)) or "none"
            raise CommandError(f"no wave {options['wave']!r}; waves are: {codes}")
        out = Path(options["out"])
        try:
            if out.suffix.lower() == ".sav":
                content = sav_bytes(wave)
            else:
                content, _type, _name = MicrodataExport(wave).content("csv")
        except Refusal as refusal:
            raise CommandError(str(refusal.message)) from None
        out.write_bytes(content)
        self.stdout.write(f"{wave.code}: {wave.current_dataset.rows} respondents -> {out}")
