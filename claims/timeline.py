"""A timeline of a story's figures: for each running count (death toll, missing, ...),
each report's figure against its publication date, coloured by outlet, so that a
rising toll reads as a line of updates and a disagreement as two lines apart; a ring
marks a figure in an open or confirmed conflict, as the fact table does.

Pure geometry for an SVG drawn by a template (``claims/_timeline.html``): no script, no
style attributes (the Content-Security-Policy allows neither), a table beside it for
screen readers. Built from the fact table's rows (``claims.fact_table``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .comparison import interval
from .fact_table import Row
from .topics import RUNNING

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
# Colour-blind-safe (Okabe-Ito), then greys: one per outlet, in order of appearance.
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"]
OTHER = "#8a8a8a"
TICKS = 4
ARROW = 14  # pixels an open-ended count's arrow rises above its floor


@dataclass(frozen=True)
class Point:
    published: dt.date
    low: float
    high: float  # math.inf for "at least", "more than"
    text: str
    outlet: str
    colour: str
    x: float = 0.0
    y_low: float = 0.0
    y_high: float = 0.0
    # the figures of other reports of its day (or undated) it disagrees with, in open
    # or confirmed conflicts: what the fact table marks *conflict*; a ring on the chart
    conflicts: tuple[str, ...] = ()

    # What the template writes: strings, as Django's number and date filters cost more
    # than the rest of a chart of hundreds of points.
    @property
    def date_label(self) -> str:
        return f"{self.published.day} {self.published:%b %Y}"

    @property
    def svg_x(self) -> str:
        return f"{self.x:.1f}"

    @property
    def svg_low(self) -> str:
        return f"{self.y_low:.1f}"

    @property
    def svg_high(self) -> str:
        return f"{self.y_high:.1f}"

    @property
    def open_ended(self) -> bool:
        return math.isinf(self.high)

    @property
    def is_range(self) -> bool:
        return self.high != self.low


@dataclass
class Chart:
    topic: str
    points: list[Point]
    # (figure text, outlet, its conflicts) of reports without a date: in the table only
    undated: list[tuple[str, str, tuple[str, ...]]]
    legend: list[tuple[str, str]]  # (outlet, colour)
    x_ticks: list[tuple[float, str, str]] = field(default_factory=list)  # x, label, anchor
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    log: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT

    @property
    def top(self) -> int:
        return TOP

    @property
    def any_conflict(self) -> bool:
        return any(p.conflicts for p in self.points)


def _label(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    return f"{value:,.0f}" if value >= 10 else f"{value:g}"


def charts(rows: list[Row]) -> list[Chart]:
    """One chart per running count that at least two dated reports give."""
    colours: dict[str, str] = {}
    # per topic: (date, low, high, text, outlet) -> the texts it disagrees with
    found: dict[str, dict[tuple[dt.date | None, float, float, str, str], list[str]]] = {}
    for row in rows:
        for topic, entries in row.cells.items():
            if topic not in RUNNING:
                continue
            for entry in entries:
                q = entry.figure.quantity
                if q.get("qualifier") == "vague":
                    continue  # "hundreds": in the table, not a point to read off a scale
                low, high = interval({**q, "qualifier": "exact"})
                if q.get("qualifier") in {"at_least", "more_than"}:
                    high = math.inf
                # A figure an outlet repeats in one day's reports is one point.
                point = (entry.published, low, high, entry.text, entry.outlet)
                found.setdefault(topic, {}).setdefault(point, []).extend(entry.conflicts)
    result = []
    for topic, items in found.items():
        dated = sorted(
            ((d, lo, hi, text, o) for d, lo, hi, text, o in items if d is not None),
            key=lambda i: (i[0], i[1], i[3], i[4]),
        )
        if len(dated) < 2:
            continue
        for *_, outlet in dated:
            if outlet not in colours:
                colours[outlet] = PALETTE[len(colours)] if len(colours) < len(PALETTE) else OTHER
        points = [
            Point(*key, colours[key[4]], conflicts=tuple(dict.fromkeys(items[key])))
            for key in dated
        ]
        undated = list(
            dict.fromkeys(
                (text, o, tuple(dict.fromkeys(items[d, lo, hi, text, o])))
                for d, lo, hi, text, o in items
                if d is None
            )
        )
        legend = list(dict.fromkeys((p.outlet, p.colour) for p in points))
        result.append(_placed(Chart(topic, points, undated, legend)))
    return result


def _placed(chart: Chart) -> Chart:
    """Pixel positions: dates along x, values up y (a log scale when they span two
    orders of magnitude or more, as a toll that grows from 12 to 3,140 does)."""
    first = min(p.published for p in chart.points)
    last = max(p.published for p in chart.points)
    days = max((last - first).days, 1)
    finite = [v for p in chart.points for v in (p.low, p.high) if not math.isinf(v)]
    lowest, highest = max(min(finite), 0.0), max(finite)
    chart.log = lowest > 0 and highest / lowest >= 100
    span_x = chart.right_x - LEFT
    span_y = chart.bottom_y - TOP

    def scale(value: float) -> float:
        if chart.log:
            where = (math.log10(value) - math.log10(lowest)) / (
                math.log10(highest) - math.log10(lowest) or 1
            )
        else:
            where = value / (highest or 1)
        return chart.bottom_y - where * span_y

    placed = []
    for p in sorted(chart.points, key=lambda p: (p.published, p.low)):
        x = LEFT + (p.published - first).days / days * span_x
        y_low = scale(max(p.low, lowest))
        # an open-ended count ("at least 55") points up from its floor
        top = max(TOP, y_low - ARROW) if p.open_ended else scale(max(p.high, lowest))
        placed.append(
            Point(
                p.published,
                p.low,
                p.high,
                p.text,
                p.outlet,
                p.colour,
                round(x, 1),
                round(y_low, 1),
                round(top, 1),
                p.conflicts,
            )
        )
    chart.points = placed
    steps = [first + dt.timedelta(days=round(days * i / (TICKS - 1))) for i in range(TICKS)]
    ticks = list(dict.fromkeys(steps))
    chart.x_ticks = [
        (
            round(LEFT + (d - first).days / days * span_x, 1),
            f"{d:%d %b %Y}",
            "start" if i == 0 else "end" if i == len(ticks) - 1 else "middle",
        )
        for i, d in enumerate(ticks)
    ]
    if chart.log:
        values = [10**e for e in range(math.floor(math.log10(lowest)), 8)]
        values = [v for v in values if lowest <= v <= highest] or [lowest, highest]
    else:
        values = [highest * i / (TICKS - 1) for i in range(TICKS)]
    chart.y_ticks = [(round(scale(max(v, lowest)), 1), _label(v)) for v in values]
    return chart
