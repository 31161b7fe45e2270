"""The methodology annex of a wave as a PDF, in Lithuanian then in English, generated from
what the platform holds: the design, the response, the weighting and its diagnostics, the
variance method and the small-cell rule."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pazanga.common.i18n import format_date
from pazanga.common.pdf import BOLD, draw_wrapped, pdf_bytes
from pazanga.impact import store
from pazanga.impact.enums import LonelyPSU, WaveMode
from pazanga.impact.models import Wave

MARGIN = 56
WIDTH = A4[0] - 2 * MARGIN
BOTTOM = 60


def design_facts(wave: Wave) -> dict[str, Any]:
    dataset = wave.current_dataset
    if dataset is None:
        return {}
    columns = store.unpack(dataset.columns)
    strata = Counter()
    for stratum, _psu in {
        (str(s), str(p)) for s, p in zip(columns["stratum"], columns["psu"], strict=True)
    }:
        strata[stratum] += 1
    return {
        "n": dataset.rows,
        "strata": len(strata),
        "psus": sum(strata.values()),
        "lonely": sorted(name for name, count in strata.items() if count == 1),
        "weighting": dataset.weighting,
        "source": dataset.source_name,
        "version": dataset.version,
    }


def paragraphs(wave: Wave, facts: dict[str, Any], language: str) -> list[tuple[str, str]]:
    """(heading or "", text) in the active language."""
    study = wave.study
    found: list[tuple[str, str]] = [
        (_("Methodology annex"), f"{study.name} — {wave.year} ({wave.get_round_display()})"),
        (_("Target population"), str(study.population)),
    ]
    if wave.fieldwork_start and wave.fieldwork_end:
        found.append(
            (
                _("Fieldwork"),
                _("From %(start)s to %(end)s; %(mode)s.")
                % {
                    "start": format_date(wave.fieldwork_start, language),
                    "end": format_date(wave.fieldwork_end, language),
                    "mode": WaveMode(wave.mode).label,
                },
            )
        )
    if not facts:
        found.append(("", _("The wave has no data yet.")))
        return found
    found.append(
        (
            _("Sample design"),
            _(
                "%(n)s respondents in %(psus)s clusters within %(strata)s strata (stratified "
                "cluster sample). Finite population correction: %(fpc)s."
            )
            % {
                "n": number_format(facts["n"], 0, force_grouping=True),
                "psus": facts["psus"],
                "strata": facts["strata"],
                "fpc": _("used") if wave.uses_fpc else _("not used"),
            },
        )
    )
    lonely = facts["lonely"]
    rule = LonelyPSU(wave.lonely_psu).label
    if lonely:
        text = _("Strata with a single cluster: %(names)s. Rule applied: %(rule)s.") % {
            "names": ", ".join(lonely),
            "rule": rule,
        }
    else:
        text = _("Every stratum has at least two clusters (rule if one had not: %(rule)s).") % {
            "rule": rule
        }
    found.append(("", text))
    weighting = facts.get("weighting") or {}
    report = weighting.get("report") or {}
    if report.get("max_iterations"):
        margins = sorted({m["variable"] for m in weighting.get("margins", [])})
        found.append(
            (
                _("Weighting"),
                _(
                    "Base weights from the design, raked (iterative proportional fitting) to "
                    "the population margins of %(variables)s; converged in %(iterations)s "
                    "iterations (largest relative margin error %(error)s). Weights range from "
                    "%(low)s to %(high)s; design effect due to weighting %(deff)s."
                )
                % {
                    "variables": ", ".join(margins),
                    "iterations": report.get("iterations"),
                    "error": f"{report.get('max_error', 0):.1e}",
                    "low": number_format(weighting["min"], 1),
                    "high": number_format(weighting["max"], 1),
                    "deff": number_format(weighting["deff_weighting"], 2),
                },
            )
        )
        sources = sorted({f"{t.source} ({t.year})" for t in wave.targets.all()})
        found.append(
            ("", _("Sources of the margins: %(sources)s.") % {"sources": "; ".join(sources)})
        )
    elif weighting:
        found.append((_("Weighting"), _("The base weights of the design, without calibration.")))
    found.append(
        (
            _("Variance"),
            _(
                "Design-based standard errors by Taylor linearisation over the first-stage "
                "clusters, with the residuals of the raking removed as R's survey package does "
                "for a raked design; 95 %% intervals for shares on the logit scale with t on "
                "the design degrees of freedom; changes between waves as contrasts of "
                "independent samples (wave-specific strata)."
            ),
        )
    )
    found.append(
        (
            _("Small cells"),
            _(
                "Estimates based on fewer than %(n)s respondents or with a coefficient of "
                "variation above %(cv)s %% are %(action)s."
            )
            % {
                "n": wave.min_n,
                "cv": number_format(wave.max_cv, 0),
                "action": _("withheld") if wave.suppress else _("published with a warning"),
            },
        )
    )
    found.append(
        (
            _("Grant and non-grant municipalities"),
            _(
                "Libraries received grants after a competitive selection, not at random: the "
                "difference in differences describes how the two groups changed and is not an "
                "estimate of the effect of the grants."
            ),
        )
    )
    return found


def annex_pdf(wave: Wave) -> bytes:
    facts = design_facts(wave)

    def draw(canvas: Canvas) -> None:
        for language in ("lt", "en"):
            with translation.override(language):
                y = A4[1] - MARGIN
                for heading, text in paragraphs(wave, facts, language):
                    if y < BOTTOM + 80:
                        canvas.showPage()
                        y = A4[1] - MARGIN
                    if heading:
                        y = draw_wrapped(
                            canvas, heading, x=MARGIN, y=y - 6, width=WIDTH, size=12, font=BOLD
                        )
                    y = draw_wrapped(canvas, text, x=MARGIN, y=y, width=WIDTH, size=10) - 4
            canvas.showPage()

    return pdf_bytes(draw, title=f"{wave.code} — methodology")
