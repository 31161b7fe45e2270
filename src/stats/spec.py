"""What the command line estimates: the design's columns and a list of estimates, from
command-line options, from a spec file (TOML or JSON), or both.

A spec file names the design columns at the top level and lists the estimates::

    weight = "w"
    strata = ["wave", "region"]      # or "wave,region"
    psu = "psu"
    lonely_psu = "adjust"

    [[estimate]]
    mean = ["y", "hours"]            # or "y"; also total, proportion, ratio ("y/x")
    by = ["wave", "urban"]           # one set of domain variables; none: the whole sample
    na_rm = true

    [[estimate]]
    proportion = "grade"
    by = "wave"
    ci = "logit"
    level = 0.9

The same structure in JSON: ``{"weight": "w", "estimate": [{"mean": "y", "by": "wave"}]}``.
``ci``, ``level`` and ``na_rm`` may also be given at the top level for every estimate.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stats.design import LONELY_PSU_RULES
from stats.errors import DataError
from stats.intervals import INTERVAL_METHODS

STATISTICS = ("mean", "total", "proportion", "ratio")
DESIGN_KEYS = ("weight", "strata", "psu", "ssu", "fpc", "lonely_psu")
OPTION_KEYS = ("ci", "level", "na_rm")
ESTIMATE_KEYS = (*STATISTICS, "by", *OPTION_KEYS)


class SpecError(DataError):
    """A spec file (or the same choices on the command line) that cannot be followed."""


@dataclass(frozen=True)
class DesignColumns:
    """The columns that describe the sampling design."""

    weight: str
    strata: tuple[str, ...] = ()
    psu: str | None = None
    ssu: str | None = None
    fpc: tuple[str, ...] = ()
    lonely_psu: str = "fail"


@dataclass(frozen=True)
class EstimateRequest:
    """One statistic of one variable (or ratio) over one set of domains."""

    statistic: str
    variables: tuple[str, ...]
    by: tuple[str, ...] = ()
    na_rm: bool = False
    ci: str = "wald"
    level: float = 0.95

    @property
    def variable(self) -> str:
        return "/".join(self.variables)


@dataclass(frozen=True)
class Spec:
    """The design columns given (any may be missing) and the estimates asked for."""

    design: Mapping[str, Any] = field(default_factory=dict)
    estimates: tuple[EstimateRequest, ...] = ()


def names(value: object, where: str) -> tuple[str, ...]:
    """Column names from ``"a,b"`` or ``["a", "b"]``."""
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",")]
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = [part.strip() for part in value]
    else:
        raise SpecError(f"{where} must be a column name or a list of column names")
    if not all(parts):
        raise SpecError(f"{where} has an empty column name")
    return tuple(parts)


def ratio_names(text: str, where: str = "--ratio") -> tuple[str, str]:
    numerator, _, denominator = (part.strip() for part in text.partition("/"))
    if not numerator or not denominator or "/" in denominator:
        raise SpecError(f"{where} needs NUMERATOR/DENOMINATOR, not {text!r}")
    return numerator, denominator


def requests_for(
    statistic: str,
    value: object,
    by: tuple[str, ...],
    options: Mapping[str, Any],
    where: str,
) -> list[EstimateRequest]:
    """One request per variable named in ``value`` (for ratios: per ``Y/X``)."""
    if statistic == "ratio":
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        if not isinstance(value, list) or not all(isinstance(part, str) for part in value):
            raise SpecError(f'{where}: ratio must be "Y/X" or a list of them')
        variables: list[tuple[str, ...]] = [ratio_names(part, f"{where}: ratio") for part in value]
    else:
        variables = [(name,) for name in names(value, f"{where}: {statistic}")]
    return [
        EstimateRequest(statistic=statistic, variables=one, by=by, **options) for one in variables
    ]


def checked_options(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if "ci" in table:
        if table["ci"] not in INTERVAL_METHODS:
            raise SpecError(f"{where}: ci must be one of {', '.join(INTERVAL_METHODS)}")
        options["ci"] = table["ci"]
    if "level" in table:
        level = table["level"]
        if isinstance(level, bool) or not isinstance(level, int | float):
            raise SpecError(f"{where}: level must be a number such as 0.95")
        options["level"] = float(level)
    if "na_rm" in table:
        if not isinstance(table["na_rm"], bool):
            raise SpecError(f"{where}: na_rm must be true or false")
        options["na_rm"] = table["na_rm"]
    return options


def check_keys(table: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise SpecError(f"{where}: unknown key {unknown[0]!r}; use one of: {', '.join(allowed)}")


def parse_spec(content: Mapping[str, Any], source: str) -> Spec:
    """Check a parsed spec file and turn it into design columns and requests."""
    check_keys(content, (*DESIGN_KEYS, *OPTION_KEYS, "estimate"), source)
    design: dict[str, Any] = {}
    for key in ("weight", "psu", "ssu", "lonely_psu"):
        if key in content:
            if not isinstance(content[key], str) or not content[key].strip():
                raise SpecError(f"{source}: {key} must be a column name")
            design[key] = content[key].strip()
    if "lonely_psu" in design and design["lonely_psu"] not in LONELY_PSU_RULES:
        raise SpecError(f"{source}: lonely_psu must be one of {', '.join(LONELY_PSU_RULES)}")
    for key in ("strata", "fpc"):
        if key in content:
            design[key] = names(content[key], f"{source}: {key}")
    defaults = checked_options(content, source)
    entries = content.get("estimate", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise SpecError(f"{source}: estimate must be a list of tables ([[estimate]] in TOML)")
    requests: list[EstimateRequest] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{source}, estimate {number}"
        check_keys(entry, ESTIMATE_KEYS, where)
        statistics = [key for key in STATISTICS if key in entry]
        if len(statistics) != 1:
            raise SpecError(f"{where}: give exactly one of {', '.join(STATISTICS)}")
        by = names(entry["by"], f"{where}: by") if "by" in entry else ()
        options = {**defaults, **checked_options(entry, where)}
        statistic = statistics[0]
        requests += requests_for(statistic, entry[statistic], by, options, where)
    return Spec(design=design, estimates=tuple(requests))


def read_spec(path: str | Path) -> Spec:
    """A spec file: TOML, or JSON when its name ends in ``.json``."""
    source = str(path)
    try:
        with Path(path).open("rb") as handle:
            if source.lower().endswith(".json"):
                content = json.load(handle)
            else:
                content = tomllib.load(handle)
    except FileNotFoundError:
        raise SpecError(f"spec file not found: {source}") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SpecError(f"cannot read the spec file {source}: {error}") from None
    except OSError as error:
        raise SpecError(f"cannot read the spec file {source}: {error.strerror}") from None
    if not isinstance(content, dict):
        raise SpecError(f"{source} must hold a table of keys (an object in JSON)")
    return parse_spec(content, source)


def design_columns(given: Mapping[str, Any]) -> DesignColumns:
    """Design columns from the spec file's and the command line's (command line first)."""
    if not given.get("weight"):
        raise SpecError("--weight is required (on the command line or in the spec file)")
    if given.get("ssu") and not given.get("psu"):
        raise SpecError("--ssu needs --psu")
    return DesignColumns(
        weight=given["weight"],
        strata=tuple(given.get("strata", ())),
        psu=given.get("psu"),
        ssu=given.get("ssu"),
        fpc=tuple(given.get("fpc", ())),
        lonely_psu=given.get("lonely_psu", "fail"),
    )
