"""Wave data as stored: columns of values packed together in one compressed blob
(decision 0070). Django-free.

A column is a list with one value per respondent: a number (int or float), a text, or None
when missing. Packing is JSON compressed with zlib, which keeps a 100,000-respondent wave
to a few megabytes and reads back in a fraction of a second.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

Value = int | float | str | None
Columns = dict[str, list[Value]]


def pack(columns: Mapping[str, Sequence[Value]]) -> bytes:
    return zlib.compress(json.dumps(dict(columns), separators=(",", ":")).encode(), 6)


def unpack(blob: bytes | memoryview) -> Columns:
    data: Columns = json.loads(zlib.decompress(bytes(blob)))
    return data


def pack_weights(weights: npt.NDArray[np.float64]) -> bytes:
    return zlib.compress(np.ascontiguousarray(weights, dtype="<f8").tobytes(), 6)


def unpack_weights(blob: bytes | memoryview) -> npt.NDArray[np.float64]:
    return np.frombuffer(zlib.decompress(bytes(blob)), dtype="<f8").copy()


def number(value: str) -> Value:
    """A cell as read from a file: an int or a float when it is one, else the text;
    None when empty."""
    text = value.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        parsed = float(text.replace(",", "."))
    except ValueError:
        return text
    return parsed if np.isfinite(parsed) else text
