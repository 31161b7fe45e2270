"""`manage.py impact_estimates WAVE --indicator CODE [--by VARIABLE] --json`: an indicator's
estimates as the platform computes them, with the design and calibration that produced them,
named after the columns of `impact_export_wave` so that another tool can rebuild them."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pazanga.common.refusals import Refusal
from pazanga.impact import analysis, microdata
from pazanga.impact.enums import Domain
from pazanga.impact.models import Indicator, Wave
from pazanga.impact.services.estimation import estimate_rows


class Command(BaseCommand):
    help = "Print an indicator's estimates for a wave, overall and by a domain variable."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("wave", help="the wave's code, e.g. POP-2014")
        parser.add_argument("--indicator", required=True, help="the indicator's code")
        parser.add_argument("--by", choices=Domain.values, help="a domain variable")
        parser.add_argument("--json", action="store_true", help="print JSON (the only format)")

    def handle(self, *args: Any, **options: Any) -> None:
        wave = Wave.objects.select_related("study__programme").filter(code=options["wave"]).first()
        if wave is None:
            raise CommandError(f"no wave {options['wave']!r}")
        indicator = Indicator.objects.filter(
            programme=wave.study.programme, code=options["indicator"]
        ).first()
        if indicator is None:
            raise CommandError(f"no indicator {options['indicator']!r}")
        try:
            frame = analysis.frame_of(wave)
            compiled = analysis.compile_indicator(indicator)
            design = analysis.final_design(frame)
            by = [options["by"]] if options["by"] else []
            rows = estimate_rows(frame, design, compiled, by)
        except Refusal as refusal:
            raise CommandError(str(refusal.message)) from None
        _header, _rows, described = microdata.header_and_rows(wave)
        design_info = {k: v for k, v in described["design"].items() if k != "lonely_psu"}
        output = {
            "column": indicator.code,
            "design": design_info,
            "calibration": described["calibration"],
            "estimates": [
                {key: row[key] for key in ("domain", "estimate", "se", "ci_low", "ci_high", "n")}
                for row in rows
            ],
        }
        self.stdout.write(json.dumps(output, indent=1))
