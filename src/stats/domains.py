"""Domains (sub-populations) for estimates by group, like R's ``svyby``.

A domain estimate keeps the whole design: respondents outside the domain stay in the
sample with a zero contribution, so PSUs and strata without domain members still count in
the variance. Domains are every combination of the ``by`` variables that occurs in the
data, ordered by the first variable, then the second, and so on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stats.design import BoolArray, IntArray, Label, combine_codes, encode
from stats.errors import DataError, EstimationError


@dataclass(frozen=True, eq=False)
class Domains:
    """Per respondent, the domain code (``-1`` when outside every analysed domain)."""

    names: tuple[str, ...]
    labels: tuple[tuple[Label, ...], ...]
    codes: IntArray

    @property
    def n_domains(self) -> int:
        return len(self.labels)

    def label_dict(self, domain: int) -> dict[str, Label]:
        return dict(zip(self.names, self.labels[domain], strict=True))

    def restricted_to(self, keep: BoolArray, reason: str) -> Domains:
        """Drop respondents (e.g. with missing values); every domain must keep someone."""
        codes = np.where(keep, self.codes, -1)
        remaining = np.bincount(codes[codes >= 0], minlength=self.n_domains)
        empty = np.flatnonzero(remaining == 0)
        if empty.size:
            raise EstimationError(
                f"{self.describe(int(empty[0]))} has no observations {reason}".strip()
            )
        return Domains(names=self.names, labels=self.labels, codes=codes)

    def describe(self, domain: int) -> str:
        if not self.names:
            return "the sample"
        parts = ", ".join(f"{name}={label}" for name, label in self.label_dict(domain).items())
        return f"domain {parts}"


def whole_sample(n_rows: int) -> Domains:
    """A single domain holding everybody (estimates without ``by``)."""
    return Domains(names=(), labels=((),), codes=np.zeros(n_rows, dtype=np.int64))


def make_domains(by: Mapping[str, npt.ArrayLike] | None, n_rows: int) -> Domains:
    """Encode ``by`` variables (name -> values per respondent) into domains."""
    if not by:
        return whole_sample(n_rows)
    codes = []
    labels = []
    for name, values in by.items():
        code, label = encode(values, f"domain variable {name!r}")
        if code.shape[0] != n_rows:
            raise DataError(
                f"domain variable {name!r} has {code.shape[0]} values for {n_rows} rows"
            )
        codes.append(code)
        labels.append(label)
    joint = combine_codes(*codes)
    first_row = np.zeros(int(joint.max()) + 1, dtype=np.int64)
    first_row[joint[::-1]] = np.arange(n_rows)[::-1]
    domain_labels = tuple(
        tuple(label[code[row]] for code, label in zip(codes, labels, strict=True))
        for row in first_row
    )
    return Domains(names=tuple(by), labels=domain_labels, codes=joint)
