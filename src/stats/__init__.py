"""Design-based survey statistics: estimates, domains, contrasts, calibration and
replicate weights, agreeing with R's ``survey`` package.

Pure numpy/scipy; no dependency on the rest of the platform.
"""

from stats.calibrate import Margin, RakingReport, RakingResult, poststratify, rake, trim_weights
from stats.contrasts import ContrastResult, contrast, difference, difference_in_differences
from stats.design import Design
from stats.estimate import EstimateRow, EstimateTable, mean, proportion, ratio, total
from stats.replicates import (
    ReplicateDesign,
    bootstrap,
    from_replicate_weights,
    jackknife_jk1,
    jackknife_jkn,
)

__all__ = [
    "ContrastResult",
    "Design",
    "EstimateRow",
    "EstimateTable",
    "Margin",
    "RakingReport",
    "RakingResult",
    "ReplicateDesign",
    "bootstrap",
    "contrast",
    "difference",
    "difference_in_differences",
    "from_replicate_weights",
    "jackknife_jk1",
    "jackknife_jkn",
    "mean",
    "poststratify",
    "proportion",
    "rake",
    "ratio",
    "total",
    "trim_weights",
]
