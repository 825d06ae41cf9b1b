"""Geometry of the inline SVG chart of an indicator, computed on the server.

The chart fills the width it is given and keeps its labels at their real type size: across
the plot, positions are percentages of the drawing's width; down it, they are pixels. The
template draws what this returns; the same numbers are shown in a table beside it and
written out in the chart's text alternative (``description``).

The value axis runs between round numbers around the data (baseline, actuals, target). It
starts at 0 unless the data lies so high above 0 that its change would look flat from there;
then it starts just below the data and the y-axis is drawn broken (a zig-zag near the
bottom), which the text alternative states too.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from core.fiscal import wareki_fiscal_year
from core.templatetags.portal import number, unit_text
from indicators.years import gap_of

HEIGHT = 320
TOP = 24
BOTTOM = 48
# When the axis does not start at 0, the lowest tick stands this far above the x-axis and
# the zig-zag of the broken axis fills the space between them.
BREAK_GAP = 24

# Ticks are 1, 2, 2.5 or 5 times a power of ten apart, with at most MAX_INTERVALS between
# them. As in common spreadsheet charts, the axis keeps 0 while the smallest value is at most
# ZERO_SHARE of the largest: the change then fills enough of the height to be seen.
STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
MAX_INTERVALS = 6
ZERO_SHARE = Decimal(5) / Decimal(6)
PADDING = Decimal("0.1")  # of the data's range, above and (without 0) below it


@dataclass(frozen=True)
class Point:
    x: float  # percent of the drawing's width
    y: float  # pixels from the top
    fiscal_year: int
    value: Decimal
    kind: str  # "baseline", "actual" or "target"


@dataclass(frozen=True)
class Axis:
    lower: Decimal
    upper: Decimal
    step: Decimal

    @property
    def broken(self) -> bool:
        """The axis does not start at 0."""
        return self.lower > 0

    @property
    def places(self) -> int:
        """Decimals the tick labels need: as many as the step has."""
        return max(0, -self.step.normalize().as_tuple().exponent)

    def ticks(self) -> list[Decimal]:
        count = int((self.upper - self.lower) / self.step)
        return [self.lower + self.step * index for index in range(count + 1)]


def _decimals(value: Decimal) -> int:
    return max(0, -value.normalize().as_tuple().exponent)


def value_axis(values, *, decimal_places: int = 2) -> Axis:
    """Round bounds and step for an axis showing ``values`` (none below 0).

    A step never has more decimals than the indicator shows (``decimal_places``), so a count
    is never labelled 33.5.
    """
    values = [Decimal(value) for value in values]
    low, high = min(values), max(values)
    from_zero = high <= 0 or low <= high * ZERO_SHARE
    start = Decimal(0) if from_zero else low
    padding = (high - start) * PADDING or (abs(high) * PADDING) or Decimal(1)
    bottom = Decimal(0) if from_zero else max(low - padding, Decimal(0))
    top = high + padding
    exponent = ((top - bottom) / MAX_INTERVALS).adjusted()
    while True:
        for multiple in STEPS:
            step = multiple.scaleb(exponent)
            if _decimals(step) > decimal_places:
                continue
            lower = (bottom / step).to_integral_value(ROUND_FLOOR) * step
            upper = (top / step).to_integral_value(ROUND_CEILING) * step
            if (upper - lower) / step <= MAX_INTERVALS:
                return Axis(lower=lower, upper=upper, step=step)
        exponent += 1


def indicator_chart(indicator, actuals, *, current_year: int | None = None) -> dict:
    """Points, the straight trajectory, axis, ticks and the text alternative for baseline,
    actuals and target.

    ``indicator`` needs the baseline and target (years and values), ``unit`` and
    ``decimal_places``. Years without an actual are 未集計, 年度途中 or 未到来 as seen from
    ``current_year`` (today's fiscal year unless given).

    With no baseline in the plan, neither a baseline point nor a trajectory is drawn: the
    chart shows the actuals and the target only.

    On a narrow screen only every other year is labelled (``narrow``), on the narrowest every
    third (``narrowest``), always counting back from the target year, so that the labels never
    run into each other.
    """
    first_year, last_year = indicator.baseline_fiscal_year, indicator.target_fiscal_year
    baseline_value = indicator.baseline_value
    values = [indicator.target_value] + [a.value for a in actuals]
    if baseline_value is not None:
        values.append(baseline_value)
    axis = value_axis(values, decimal_places=indicator.decimal_places)
    plot_bottom = HEIGHT - BOTTOM
    data_bottom = plot_bottom - BREAK_GAP if axis.broken else plot_bottom

    def x(year):
        return round(100 * (year - first_year) / (last_year - first_year), 1)

    def y(value):
        share = float((value - axis.lower) / (axis.upper - axis.lower))
        return round(data_bottom - (data_bottom - TOP) * min(max(share, 0), 1), 1)

    points = [
        Point(x(a.fiscal_year), y(a.value), a.fiscal_year, a.value, "actual") for a in actuals
    ]
    baseline = None
    if baseline_value is not None:
        baseline = Point(x(first_year), y(baseline_value), first_year, baseline_value, "baseline")
    target = Point(
        x(last_year), y(indicator.target_value), last_year, indicator.target_value, "target"
    )
    by_year = {a.fiscal_year: a for a in actuals}
    years = []
    for year in range(first_year, last_year + 1):
        actual = by_year.get(year)
        # The baseline year's figure is the baseline itself (or the plan's 「—」).
        gap = (
            None
            if actual is not None or year == first_year
            else gap_of(year, current_year=current_year)
        )
        years.append(
            {
                "year": year,
                "x": x(year),
                "narrow": (last_year - year) % 2 == 0,
                "narrowest": (last_year - year) % 3 == 0,
                "actual": actual,
                "gap": gap,
            }
        )
    return {
        "height": HEIGHT,
        "plot": {"top": TOP, "bottom": plot_bottom},
        "axis": axis,
        "axis_lower": number(axis.lower, axis.places),
        # The y-axis, drawn broken with a zig-zag below the lowest tick when it is not 0.
        "y_axis_end": data_bottom,
        "break_path": _break_path(data_bottom, plot_bottom) if axis.broken else "",
        "baseline": baseline,
        "target": target,
        "trajectory": (baseline, target) if baseline else None,
        "actuals": points,
        "actual_segments": list(pairwise(points)),
        "years": years,
        "ticks": [{"value": value, "y": y(value)} for value in axis.ticks()],
        "description": _description(indicator, axis, points, years),
    }


def _break_path(top: float, bottom: float) -> str:
    """The y-axis from the lowest tick down to the x-axis, with a zig-zag in it."""
    return f"M0 {top} v4 l-6 3 l12 6 l-12 6 l6 3 V{bottom}"


def _description(indicator, axis: Axis, points: list[Point], years: list[dict]) -> str:
    """The chart in words, with the numbers the table shows."""

    def figure(value):
        return f"{number(value, indicator.decimal_places)}{unit_text(indicator)}"

    def year_list(entries):
        return _("、").join(wareki_fiscal_year(entry["year"]) for entry in entries)

    sentences = []
    if axis.broken:
        sentences.append(
            _("縦軸は%(lower)sから始まります。") % {"lower": number(axis.lower, axis.places)}
        )
    if indicator.baseline_value is None:
        sentences.append(_("計画に現状値の記載はありません。"))
    else:
        sentences.append(
            _("現状値（%(year)s）は%(value)s。")
            % {
                "year": wareki_fiscal_year(indicator.baseline_fiscal_year),
                "value": figure(indicator.baseline_value),
            }
        )
    if points:
        sentences.append(
            _("実績は%(values)s。")
            % {
                "values": _("、").join(
                    _("%(year)s %(value)s")
                    % {"year": wareki_fiscal_year(p.fiscal_year), "value": figure(p.value)}
                    for p in points
                )
            }
        )
    for gap in dict.fromkeys(entry["gap"] for entry in years if entry["gap"]):
        sentences.append(
            _("%(years)sは%(gap)sです。")
            % {"years": year_list(e for e in years if e["gap"] == gap), "gap": gap.label}
        )
    sentences.append(
        _("目標値（%(year)s）は%(value)s。")
        % {
            "year": wareki_fiscal_year(indicator.target_fiscal_year),
            "value": figure(indicator.target_value),
        }
    )
    if indicator.baseline_value is not None:
        sentences.append(_("破線は現状値から目標値までの直線です。"))
    return "".join(sentences)
