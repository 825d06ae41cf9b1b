"""Geometry of the inline SVG chart of an indicator, computed on the server.

The chart fills the width it is given and keeps its labels at their real type size: across
the plot, positions are percentages of the drawing's width; down it, they are pixels. The
template draws what this returns; the same numbers are shown in a table beside it.
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from core.charts import nice_ceiling

HEIGHT = 320
TOP = 24
BOTTOM = 48


@dataclass(frozen=True)
class Point:
    x: float  # percent of the drawing's width
    y: float  # pixels from the top
    fiscal_year: int
    value: Decimal
    kind: str  # "baseline", "actual" or "target"


def indicator_chart(indicator, actuals) -> dict:
    """Points, the straight trajectory and axis ticks for baseline, actuals and target.

    On a narrow screen only every other year is labelled (``narrow``), on the narrowest every
    third (``narrowest``), always counting back from the target year, so that the labels never
    run into each other.
    """
    first_year, last_year = indicator.baseline_fiscal_year, indicator.target_fiscal_year
    values = [indicator.target_value] + [a.value for a in actuals]
    if indicator.baseline_value is not None:
        values.append(indicator.baseline_value)
    top = nice_ceiling(max(values) * Decimal("1.1"))
    plot_height = HEIGHT - TOP - BOTTOM

    def x(year):
        return round(100 * (year - first_year) / (last_year - first_year), 1)

    def y(value):
        share = float(max(min(value, top), 0) / top)
        return round(TOP + plot_height * (1 - share), 1)

    points = [
        Point(x(a.fiscal_year), y(a.value), a.fiscal_year, a.value, "actual") for a in actuals
    ]
    baseline = None
    if indicator.baseline_value is not None:
        baseline = Point(
            x(first_year),
            y(indicator.baseline_value),
            first_year,
            indicator.baseline_value,
            "baseline",
        )
    target = Point(
        x(last_year), y(indicator.target_value), last_year, indicator.target_value, "target"
    )
    # With no baseline the straight line starts from zero in the baseline year.
    start = baseline or Point(x(first_year), y(Decimal(0)), first_year, Decimal(0), "baseline")
    return {
        "height": HEIGHT,
        "plot": {"top": TOP, "bottom": HEIGHT - BOTTOM},
        "baseline": baseline,
        "target": target,
        "trajectory": (start, target),
        "actuals": points,
        "actual_segments": list(pairwise(points)),
        "years": [
            {
                "year": year,
                "x": x(year),
                "narrow": (last_year - year) % 2 == 0,
                "narrowest": (last_year - year) % 3 == 0,
            }
            for year in range(first_year, last_year + 1)
        ],
        "ticks": [{"value": top * share / 4, "y": y(top * share / 4)} for share in range(5)],
    }
