"""Downloads through the one exporter base: a wave's estimates, its comparisons, and its
microdata (researchers only)."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from pazanga.common.exports import Exporter, Sheet
from pazanga.impact import microdata
from pazanga.impact.enums import CATEGORY_LABELS, ContrastKind, Domain, Gap
from pazanga.impact.models import Contrast, Estimate, Wave


def category_label(domain: str, category: str) -> str:
    from pazanga.directory.models import County

    if domain == Domain.COUNTY:
        county = County.objects.filter(code=category).first()
        return str(county.name) if county else category
    return str(CATEGORY_LABELS.get(domain, {}).get(category, category))


class EstimatesExport(Exporter):
    def __init__(self, wave: Wave, estimates: Iterable[Estimate], contrasts: Iterable[Contrast]):
        self.wave, self.estimates, self.contrasts = wave, estimates, contrasts

    def file_stem(self) -> str:
        return f"{self.wave.code}-estimates"

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Estimates"), self.estimate_rows())
        yield Sheet(_("Comparisons"), self.contrast_rows())

    def estimate_rows(self) -> Iterator[list[Any]]:
        yield [
            _("Indicator"),
            _("Breakdown"),
            _("Group"),
            _("Estimate"),
            _("Standard error"),
            _("Lower bound (95 %)"),
            _("Upper bound (95 %)"),
            _("Design effect"),
            _("Coefficient of variation"),
            _("Respondents"),
            _("Too few respondents or too uncertain"),
        ]
        domains = dict(Domain.choices)
        for row in self.estimates:
            yield [
                str(row.indicator.name),
                str(domains.get(row.domain, _("everyone"))),
                category_label(row.domain, row.category) if row.domain else "",
                row.estimate,
                row.se,
                row.ci_low,
                row.ci_high,
                row.deff,
                row.cv,
                row.n,
                _("yes") if row.small else _("no"),
            ]

    def contrast_rows(self) -> Iterator[list[Any]]:
        yield [
            _("Indicator"),
            _("Comparison"),
            _("Gap"),
            _("Wave"),
            _("Compared with"),
            _("Estimate"),
            _("Standard error"),
            _("Lower bound (95 %)"),
            _("Upper bound (95 %)"),
        ]
        kinds, gaps = dict(ContrastKind.choices), dict(Gap.choices)
        for row in self.contrasts:
            yield [
                str(row.indicator.name),
                str(kinds[row.kind]),
                str(gaps.get(row.gap, "")),
                row.wave.year,
                row.base_wave.year if row.base_wave else "",
                row.estimate,
                row.se,
                row.ci_low,
                row.ci_high,
            ]


class MicrodataExport(Exporter):
    """Every respondent with the design, domain and indicator columns (researchers only)."""

    def __init__(self, wave: Wave) -> None:
        self.wave = wave

    def file_stem(self) -> str:
        return f"{self.wave.code}-microdata"

    def sheets(self) -> Iterator[Sheet]:
        header, rows, _described = microdata.header_and_rows(self.wave)
        yield Sheet(self.wave.code, self.all_rows(header, rows))

    @staticmethod
    def all_rows(header: list[str], rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
        yield header
        yield from rows


def sav_bytes(wave: Wave) -> bytes:
    """The microdata as an SPSS file (pyreadstat), with the variables' labels."""
    import tempfile
    from pathlib import Path

    import pandas as pd
    import pyreadstat

    header, rows, _described = microdata.header_and_rows(wave)
    frame = pd.DataFrame(list(rows), columns=header)
    for name in frame.columns:
        if frame[name].dtype == object:
            frame[name] = frame[name].map(lambda v: "" if v is None else str(v))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "microdata.sav"
        pyreadstat.write_sav(frame, str(path))
        return path.read_bytes()
