"""The coverage map: municipality boundaries drawn as server-side SVG paths.

Boundaries: data/LTU_municipalities.topojson (© OpenStreetMap contributors, ODbL; see
data/GEO_README.md). TopoJSON stores shared arcs, delta-encoded and quantised; we decode
them once per process and project longitude/latitude with an equirectangular projection
scaled by cos(55°), which is accurate enough for a country the size of Lithuania.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "LTU_municipalities.topojson"
ATTRIBUTION = "© OpenStreetMap contributors, ODbL"
# Names in the boundary file that differ from the official short names (geo README).
NAME_FIXES = {"Rietavo r. sav.": "Rietavo sav.", "Visagino m. sav.": "Visagino sav."}
WIDTH = 640
LATITUDE_SCALE = math.cos(math.radians(55.2))
# Light to dark blue by coverage share; grey when there are no libraries to count.
SHADES = ("#eef3fb", "#c6d8f0", "#8fb3e0", "#4f86c6", "#1f4e8c")
NO_DATA = "#dddddd"


@dataclass(frozen=True)
class Shape:
    name: str  # the official short name, e.g. "Akmenės r. sav."
    path: str  # SVG path data


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:  # type: ignore[type-arg]
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


@cache
def shapes() -> tuple[tuple[Shape, ...], int]:
    """Every municipality's path and the map's height for WIDTH."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    geometries = topology["objects"]["LTU"]["geometries"]
    rings = [
        (g["properties"]["name"], [ring_points(r, arcs) for r in g["arcs"]]) for g in geometries
    ]
    xs = [x * LATITUDE_SCALE for _n, rs in rings for r in rs for x, _y in r]
    ys = [y for _n, rs in rings for r in rs for _x, y in r]
    left, top = min(xs), max(ys)
    factor = WIDTH / (max(xs) - left)
    height = math.ceil((top - min(ys)) * factor)
    result = []
    for name, polygon in rings:
        parts = []
        for ring in polygon:
            points = [
                (round((x * LATITUDE_SCALE - left) * factor), round((top - y) * factor))
                for x, y in ring
            ]
            # Whole pixels are precise enough at this size; drop the repeats they make and
            # the points within a pixel of the line through their neighbours, and write each
            # step relative to the last: the map is a third of its size, the same to the eye.
            kept = simplified([p for i, p in enumerate(points) if i == 0 or p != points[i - 1]])
            steps = " ".join(f"{x - px},{y - py}" for (px, py), (x, y) in pairwise(kept))
            parts.append(f"M{kept[0][0]},{kept[0][1]}l{steps}Z")
        result.append(Shape(NAME_FIXES.get(name, name), " ".join(parts)))
    return tuple(result), height


def simplified(points: list[tuple[int, int]], tolerance: float = 1.0) -> list[tuple[int, int]]:
    """Douglas–Peucker: the points that keep the outline within `tolerance` pixels."""
    if len(points) < 3:  # noqa: PLR2004 (a segment cannot be simplified)
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            x, y = points[index]
            if length:
                d = abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) / length
            else:
                d = math.hypot(x - ax, y - ay)
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def shade(value: float | None) -> str:
    if value is None:
        return NO_DATA
    index = min(int(value * len(SHADES)), len(SHADES) - 1)
    return SHADES[index]


@dataclass(frozen=True)
class MapArea:
    name: str
    path: str
    fill: str
    title: str


def map_areas(values: dict[str, tuple[float | None, str]]) -> tuple[list[MapArea], int]:
    """Areas to draw: `values` maps a short name to (share, tooltip text)."""
    drawn, height = shapes()
    areas = []
    for shape in drawn:
        value, title = values.get(shape.name, (None, shape.name))
        areas.append(MapArea(shape.name, shape.path, shade(value), title))
    return areas, height


def legend() -> list[tuple[str, int, int]]:
    step = 100 // len(SHADES)
    return [(colour, i * step, (i + 1) * step) for i, colour in enumerate(SHADES)]
