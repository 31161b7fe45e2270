"""Exceptions raised by the survey statistics engine.

Every problem with the input (data, design or calibration targets) raises a subclass of
:class:`StatsError`, so callers can catch one class and show its message to the person who
supplied the data; nothing is silently turned into NaN.
"""

from __future__ import annotations


class StatsError(Exception):
    """Base class: the input cannot give a meaningful estimate; the message says why."""


class DataError(StatsError):
    """A column is missing, holds non-numeric or missing values, or has the wrong length."""


class DesignError(StatsError):
    """The sampling design is inconsistent (weights, strata, clusters, fpc)."""


class LonelyPSUError(DesignError):
    """A stratum has a single PSU and the lonely-PSU rule is ``fail``."""


class EstimationError(StatsError):
    """An estimate is undefined, e.g. a domain without observations or a zero denominator."""


class CalibrationError(StatsError):
    """Calibration targets do not fit the data, or raking did not converge."""


class ReplicateError(StatsError):
    """Replicate weights are malformed or a replicate leaves a domain without weight."""
