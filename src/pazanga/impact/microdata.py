"""A wave's microdata as researchers receive it: the design columns, the domain variables
under the names `impact_estimates --by` takes, the calibration variables, the final weight
and one column per indicator (1/0, empty outside the indicator's population), then the
answers as imported. The same frame the stored estimates come from, so R can rebuild them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from pazanga.impact import analysis, store
from pazanga.impact.analysis import FINAL_WEIGHT, Frame
from pazanga.impact.enums import Domain
from pazanga.impact.models import Indicator, Wave

DESIGN = ("respondent", "stratum", "psu")


def indicator_columns(frame: Frame) -> dict[str, np.ndarray[Any, Any]]:
    """Indicator code -> its column, for every indicator the wave's answers can compute."""
    found = {}
    for indicator in Indicator.objects.filter(programme=frame.wave.study.programme):
        try:
            compiled = analysis.compile_indicator(indicator)
            found[indicator.code] = analysis.indicator_column(frame, compiled)
        except analysis.Refusal:
            continue
    return found


def header_and_rows(wave: Wave) -> tuple[list[str], Iterator[list[Any]], dict[str, Any]]:
    """The export's header, its rows and what it holds (`design`, `calibration`)."""
    frame = analysis.frame_of(wave)
    dataset = frame.dataset
    uses_fpc = wave.uses_fpc and "fpc" in frame.columns
    final = (
        store.unpack_weights(dataset.weights)
        if dataset.weights is not None
        else frame.numeric("base_weight")
    )
    domains = [name for name in Domain.values if name in frame.domains]
    indicators = indicator_columns(frame)
    margins = analysis.margins_of(wave)
    calibration_only = [name for name in margins if name not in domains]
    answers = list(dataset.mapping.get("questions", []))
    header = [
        *DESIGN,
        *(["fpc"] if uses_fpc else []),
        "base_weight",
        *domains,
        *calibration_only,
        FINAL_WEIGHT,
        *indicators,
        *(a for a in answers if a not in indicators),
    ]
    described = {
        "design": {
            "weight": "base_weight",
            "strata": "stratum",
            "psu": "psu",
            "fpc": "fpc" if uses_fpc else None,
            "lonely_psu": wave.lonely_psu,
        },
        "calibration": {
            "method": analysis.CALIBRATION_METHOD if margins else "none",
            "margins": margins,
            "weight": FINAL_WEIGHT,
        },
        "indicators": list(indicators),
    }

    def rows() -> Iterator[list[Any]]:
        sources: list[Any] = []
        for name in header:
            if name == FINAL_WEIGHT:
                sources.append(final.tolist())
            elif name in indicators:
                sources.append(
                    [
                        None if math.isnan(v) else int(v) if v.is_integer() else v
                        for v in indicators[name].tolist()
                    ]
                )
            elif name in frame.domains:
                sources.append(frame.domains[name])
            else:
                sources.append(frame.columns.get(name, [None] * frame.n))
        for row in zip(*sources, strict=True):
            yield list(row)

    return header, rows(), described
