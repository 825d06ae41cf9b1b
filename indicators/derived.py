"""Indicators computed from the portal's own data, stored as ordinary actuals.

- ``0-1`` 市民1人当たりの市民センター利用回数 = the visits of all centres open in the year ÷
  the city's population for the year, to 2 decimals; only when every open centre has a
  figure and the population is known (otherwise nothing is stored: 未集計).
- ``2-1`` 地域協働体の活動件数 = the activities in the bodies' accepted annual reports;
  only once the report of every body active that year is accepted.
- ``3-3`` 地域協働体の設立件数 = bodies founded by the end of the year and not dissolved;
  only when every registered body has a founding year.

Each figure is computed by the app that owns its data (``centers.derived``,
``councils.derived``), which registers its calculation here with ``@calculation(code)``
when the app is ready; this app never reads their tables.
``indicators.services.refresh_derived_indicators()`` stores the results through
``actual_set()``, which keeps a figure staff entered (``is_computed=False``): the official
figure wins. Every write of the data behind an indicator calls that refresh itself (see
the README, "Derived indicators").
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from indicators.years import YearGap, gap_of

VISITS_PER_CAPITA = "0-1"
ACTIVITIES = "2-1"
BODIES_FOUNDED = "3-3"
DERIVED_CODES = (VISITS_PER_CAPITA, ACTIVITIES, BODIES_FOUNDED)


@dataclass(frozen=True)
class Derivation:
    """The outcome for one indicator and year: a value with its explanation, or why none."""

    fiscal_year: int
    value: Decimal | None
    explanation: str
    is_sample: bool = False
    gap: YearGap | None = None  # why there is no value: 未集計, 年度途中 or 未到来


# code -> a function of a list of fiscal years returning {year: Derivation}, one per year.
CALCULATIONS: dict[str, Callable[[list[int]], dict[int, "Derivation"]]] = {}


def calculation(code: str):
    """Register the decorated function as the calculation of the derived indicator ``code``."""
    if code not in DERIVED_CODES:
        raise ValueError(f"{code} is not a derived indicator")

    def register(function):
        CALCULATIONS[code] = function
        return function

    return register


NOT_ENDED = {
    YearGap.IN_PROGRESS: _("年度の途中です。実績は年度が終わってから集計します。"),
    YearGap.UPCOMING: _("まだ始まっていない年度です。"),
}


def explain(indicator: Indicator, *, current_year: int | None = None) -> list[Derivation]:
    """For a derived indicator, how each plan year's value is (or is not yet) computed.

    A year that has not ended (seen from ``current_year``, today's fiscal year unless given)
    has no value and is said to be in progress or to come, never counted as far as it got.
    """
    compute = CALCULATIONS.get(indicator.code)
    if compute is None:
        return []
    years = range(indicator.baseline_fiscal_year, indicator.target_fiscal_year + 1)
    derivations = []
    for derivation in compute(list(years)).values():
        gap = gap_of(derivation.fiscal_year, current_year=current_year)
        if derivation.value is None or gap is not YearGap.UNRECORDED:
            # A year not yet over has no figure, whatever could already be counted.
            explanation = str(NOT_ENDED.get(gap, derivation.explanation))
            derivation = replace(derivation, value=None, gap=gap, explanation=explanation)
        derivations.append(derivation)
    return derivations
